package npy

import (
	"encoding/binary"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// magic is the string every .npy file starts with.
const magic = "\x93NUMPY"

// maxHeaderLen is the longest header Read accepts. NumPy's own headers are
// a few hundred bytes; the limit keeps a hostile length from costing memory.
const maxHeaderLen = 1 << 20

// headerAlign is the multiple NumPy pads the magic, version, length and
// header to, so that the data that follows is aligned.
const headerAlign = 64

// growthAxisDigits is how many digits NumPy leaves room for in the first
// dimension, by padding the header with spaces, so that an array can grow
// along that axis by rewriting the header in place.
const growthAxisDigits = 21

// A header is the decoded header of a .npy file.
type header struct {
	dtype        *dtype
	order        binary.ByteOrder // of the elements in the file
	fortranOrder bool
	shape        []int
	size         int // number of elements, the product of shape
}

// readHeader reads the magic string, version and header of a .npy file.
// It returns the header and the number of bytes read.
func readHeader(r io.Reader) (header, int64, error) {
	var start [len(magic) + 2]byte
	if n, err := io.ReadFull(r, start[:len(magic)]); err == io.EOF {
		return header{}, 0, io.EOF // no array at all, as opposed to a cut one
	} else if err != nil {
		return header{}, 0, readError("magic", n, len(magic), err)
	}
	if string(start[:len(magic)]) != magic {
		return header{}, 0, fmt.Errorf("not a .npy file: starts with %q, not %q", start[:len(magic)], magic)
	}
	if err := readFull(r, start[len(magic):], "version"); err != nil {
		return header{}, 0, err
	}
	major, minor := start[len(magic)], start[len(magic)+1]
	var lenBytes [4]byte
	var textLen int
	switch {
	case major == 1 && minor == 0:
		if err := readFull(r, lenBytes[:2], "header length"); err != nil {
			return header{}, 0, err
		}
		textLen = int(binary.LittleEndian.Uint16(lenBytes[:]))
	case (major == 2 || major == 3) && minor == 0:
		if err := readFull(r, lenBytes[:], "header length"); err != nil {
			return header{}, 0, err
		}
		n := binary.LittleEndian.Uint32(lenBytes[:])
		if n > maxHeaderLen {
			return header{}, 0, fmt.Errorf("header: length %d exceeds the limit of %d bytes", n, maxHeaderLen)
		}
		textLen = int(n)
	default:
		return header{}, 0, fmt.Errorf("unsupported format version %d.%d", major, minor)
	}
	// ReadAll grows its buffer as bytes arrive, so a length the input
	// cannot back costs nothing.
	text, err := io.ReadAll(io.LimitReader(r, int64(textLen)))
	if err == nil && len(text) < textLen {
		err = io.EOF
	}
	if err != nil {
		return header{}, 0, readError("header", len(text), textLen, err)
	}
	// Versions 1.0 and 2.0 are Latin-1; everything that matters in a
	// valid header is ASCII, so only 3.0's UTF-8 is worth checking.
	if major == 3 && !utf8.Valid(text) {
		return header{}, 0, fmt.Errorf("header: not valid UTF-8")
	}
	h, err := parseHeader(text)
	if err != nil {
		return header{}, 0, fmt.Errorf("header: %w", err)
	}
	consumed := len(magic) + 2 + 2 + textLen
	if major > 1 {
		consumed += 2
	}
	return h, int64(consumed), nil
}

// readFull reads len(buf) bytes of the part of the file called what.
func readFull(r io.Reader, buf []byte, what string) error {
	n, err := io.ReadFull(r, buf)
	if err != nil {
		return readError(what, n, len(buf), err)
	}
	return nil
}

// readError describes err, met after reading n of the want bytes of the
// part of the file called what.
func readError(what string, n, want int, err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("%s: file ends after %d of %d bytes", what, n, want)
	}
	return fmt.Errorf("%s: after %d of %d bytes: %w", what, n, want, err)
}

// parseHeader parses the text of a header, a Python dict literal such as
// {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }.
func parseHeader(text []byte) (header, error) {
	v, err := parseLiteral(text)
	if err != nil {
		return header{}, err
	}
	dict, ok := v.(map[string]any)
	if !ok {
		return header{}, fmt.Errorf("%s is not a dict", shorten(pyRepr(v)))
	}
	for _, key := range slices.Sorted(maps.Keys(dict)) {
		if key != "descr" && key != "fortran_order" && key != "shape" {
			return header{}, fmt.Errorf("unexpected key %s", shorten(pyRepr(key)))
		}
	}
	for _, key := range []string{"descr", "fortran_order", "shape"} {
		if _, ok := dict[key]; !ok {
			return header{}, fmt.Errorf("missing key %s", pyRepr(key))
		}
	}

	var h header
	switch descr := dict["descr"].(type) {
	case string:
		h.dtype, h.order, err = parseDescr(descr)
		if err != nil {
			return header{}, fmt.Errorf("descr: %w", err)
		}
	case pyList:
		return header{}, fmt.Errorf("descr: structured dtype %s is not supported", shorten(pyRepr(descr)))
	default:
		return header{}, fmt.Errorf("descr: %s is not a string", shorten(pyRepr(descr)))
	}

	h.fortranOrder, ok = dict["fortran_order"].(bool)
	if !ok {
		return header{}, fmt.Errorf("fortran_order: %s is not True or False", shorten(pyRepr(dict["fortran_order"])))
	}

	dims, ok := dict["shape"].(pyTuple)
	if !ok {
		return header{}, fmt.Errorf("shape: %s is not a tuple", shorten(pyRepr(dict["shape"])))
	}
	h.shape = make([]int, len(dims))
	for i, d := range dims {
		n, ok := d.(int64)
		if !ok {
			return header{}, fmt.Errorf("shape: dimension %s is not an integer", shorten(pyRepr(d)))
		}
		if n > math.MaxInt {
			return header{}, fmt.Errorf("shape: dimension %d is too large", n)
		}
		h.shape[i] = int(n)
	}
	h.size, err = numElements(h.shape, h.dtype.size)
	if err != nil {
		return header{}, fmt.Errorf("shape: %w", err)
	}
	return h, nil
}

// numElements returns the number of elements of an array of the given
// shape, checking, as NumPy does, that no dimension is negative and that the
// array's size in bytes, with elements of itemSize bytes, fits in an int.
func numElements(shape []int, itemSize int) (int, error) {
	for _, d := range shape {
		if d < 0 {
			return 0, fmt.Errorf("negative dimension %d", d)
		}
	}
	n, bytes := 1, itemSize
	for i, d := range shape {
		if d == 0 {
			n = 0
			continue
		}
		if bytes > math.MaxInt/d {
			return 0, fmt.Errorf("dimension %d (%d) makes the array larger than %d bytes", i, d, math.MaxInt)
		}
		bytes *= d
		n *= d
	}
	return n, nil
}

// formatHeader returns the magic string, version, length and header of a
// C-order little-endian .npy file, byte for byte as NumPy writes them:
// format 1.0, or 2.0 when the header is too long for 1.0's 16-bit length.
func formatHeader(dt *dtype, shape []int) []byte {
	dict := "{'descr': '" + dt.descr() + "', 'fortran_order': False, 'shape': " + shapeRepr(shape) + ", }"
	if len(shape) > 0 {
		dict += strings.Repeat(" ", max(0, growthAxisDigits-len(strconv.Itoa(shape[0]))))
	}
	for major := byte(1); ; major++ {
		lenBytes := 2
		if major > 1 {
			lenBytes = 4
		}
		prefix := len(magic) + 2 + lenBytes
		pad := headerAlign - (prefix+len(dict)+1)%headerAlign
		textLen := len(dict) + pad + 1
		if major == 1 && textLen > math.MaxUint16 {
			continue
		}
		b := make([]byte, 0, prefix+textLen)
		b = append(b, magic...)
		b = append(b, major, 0)
		if major == 1 {
			b = binary.LittleEndian.AppendUint16(b, uint16(textLen))
		} else {
			b = binary.LittleEndian.AppendUint32(b, uint32(textLen))
		}
		b = append(b, dict...)
		b = append(b, strings.Repeat(" ", pad)...)
		return append(b, '\n')
	}
}

// shapeRepr returns shape as Python writes a tuple: (), (3,), (2, 3).
func shapeRepr(shape []int) string {
	t := make(pyTuple, len(shape))
	for i, d := range shape {
		t[i] = int64(d)
	}
	return pyRepr(t)
}

// pyTuple and pyList are a Python tuple and list. The other Python values
// a header may hold are a dict (map[string]any), str (string), int (int64),
// True and False (bool) and None (nil).
type (
	pyTuple []any
	pyList  []any
)

// pyRepr returns v as Python's repr writes it, for headers and errors.
func pyRepr(v any) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case bool:
		if v {
			return "True"
		}
		return "False"
	case int64:
		return strconv.FormatInt(v, 10)
	case string:
		return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(v) + "'"
	case pyTuple:
		if len(v) == 1 {
			return "(" + pyRepr(v[0]) + ",)"
		}
		return "(" + pyJoin(v) + ")"
	case pyList:
		return "[" + pyJoin(v) + "]"
	case map[string]any:
		var b strings.Builder
		b.WriteString("{")
		for i, key := range slices.Sorted(maps.Keys(v)) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(pyRepr(key) + ": " + pyRepr(v[key]))
		}
		b.WriteString("}")
		return b.String()
	}
	panic(fmt.Sprintf("npy: pyRepr of %T", v))
}

// shorten returns s, cut to a length that suits an error message.
func shorten(s string) string {
	const limit = 60
	if len(s) <= limit {
		return s
	}
	return s[:limit] + "..."
}

func pyJoin(items []any) string {
	s := make([]string, len(items))
	for i, item := range items {
		s[i] = pyRepr(item)
	}
	return strings.Join(s, ", ")
}

// maxLiteralDepth bounds the nesting of tuples, lists and dicts in a
// header, so that hostile input cannot exhaust the stack.
const maxLiteralDepth = 32

// parseLiteral parses text, which holds one Python literal: the subset of
// Python's syntax NumPy headers use (see pyTuple), surrounded by white space.
func parseLiteral(text []byte) (any, error) {
	p := &literalParser{text: text}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.text) {
		return nil, p.errorf("unexpected %q after the end of the literal", p.text[p.pos])
	}
	return v, nil
}

// A literalParser parses a Python literal by recursive descent.
type literalParser struct {
	text  []byte
	pos   int
	depth int
}

func (p *literalParser) errorf(format string, args ...any) error {
	return fmt.Errorf("syntax error at offset %d: %s", p.pos, fmt.Sprintf(format, args...))
}

func (p *literalParser) skipSpace() {
	for p.pos < len(p.text) && strings.IndexByte(" \t\n\r\f\v", p.text[p.pos]) >= 0 {
		p.pos++
	}
}

// next skips white space and returns the next byte, or 0 at the end.
func (p *literalParser) next() byte {
	p.skipSpace()
	if p.pos == len(p.text) {
		return 0
	}
	return p.text[p.pos]
}

func (p *literalParser) value() (any, error) {
	c := p.next()
	switch {
	case p.pos == len(p.text):
		return nil, p.errorf("unexpected end of header")
	case c == '{' || c == '(' || c == '[':
		if p.depth == maxLiteralDepth {
			return nil, p.errorf("nested more than %d deep", maxLiteralDepth)
		}
		p.depth++
		defer func() { p.depth-- }()
		if c == '{' {
			return p.dict()
		}
		return p.sequence()
	case c == '\'' || c == '"':
		return p.str()
	case c == '-' || c == '+' || isDigit(c):
		return p.integer()
	case isLetter(c):
		start := p.pos
		for p.pos < len(p.text) && (isLetter(p.text[p.pos]) || isDigit(p.text[p.pos])) {
			p.pos++
		}
		switch name := string(p.text[start:p.pos]); name {
		case "True":
			return true, nil
		case "False":
			return false, nil
		case "None":
			return nil, nil
		default:
			p.pos = start
			return nil, p.errorf("unknown name %q", shorten(name))
		}
	}
	return nil, p.errorf("unexpected %q", c)
}

// dict parses {key: value, ...} with string keys.
func (p *literalParser) dict() (map[string]any, error) {
	p.pos++ // '{'
	d := make(map[string]any)
	for {
		if p.next() == '}' {
			p.pos++
			return d, nil
		}
		keyPos := p.pos
		k, err := p.value()
		if err != nil {
			return nil, err
		}
		key, ok := k.(string)
		if !ok {
			p.pos = keyPos
			return nil, p.errorf("dict key %s is not a string", shorten(pyRepr(k)))
		}
		if _, dup := d[key]; dup {
			p.pos = keyPos
			return nil, p.errorf("duplicate key %s", shorten(pyRepr(key)))
		}
		if p.next() != ':' {
			return nil, p.errorf("want ':' after dict key, found %s", p.found())
		}
		p.pos++
		if d[key], err = p.value(); err != nil {
			return nil, err
		}
		switch p.next() {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return d, nil
		default:
			return nil, p.errorf("want ',' or '}' in dict, found %s", p.found())
		}
	}
}

// sequence parses a tuple (...) or list [...]. As in Python, parentheses
// around a single value without a trailing comma make no tuple.
func (p *literalParser) sequence() (any, error) {
	open := p.text[p.pos]
	end := byte(')')
	if open == '[' {
		end = ']'
	}
	p.pos++
	var items []any
	comma := false
	for p.next() != end {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		comma = p.next() == ','
		if comma {
			p.pos++
		} else if p.next() != end {
			return nil, p.errorf("want ',' or %q, found %s", end, p.found())
		}
	}
	p.pos++
	if open == '[' {
		return pyList(items), nil
	}
	if len(items) == 1 && !comma {
		return items[0], nil
	}
	return pyTuple(items), nil
}

// str parses a string in single or double quotes.
func (p *literalParser) str() (string, error) {
	quote := p.text[p.pos]
	p.pos++
	var b []byte
	for p.pos < len(p.text) {
		c := p.text[p.pos]
		switch {
		case c == quote:
			p.pos++
			return string(b), nil
		case c == '\n':
			return "", p.errorf("newline in string")
		case c == '\\':
			p.pos++
			if p.pos == len(p.text) {
				return "", p.errorf("unterminated string")
			}
			switch e := p.text[p.pos]; e {
			case '\\', '\'', '"':
				b = append(b, e)
			case 'n':
				b = append(b, '\n')
			default:
				return "", p.errorf("unsupported escape \\%c", e)
			}
		default:
			b = append(b, c)
		}
		p.pos++
	}
	return "", p.errorf("unterminated string")
}

// integer parses a decimal integer, with an optional sign and, as Python 2
// wrote long integers in the shapes of old files, an optional L suffix.
func (p *literalParser) integer() (int64, error) {
	start := p.pos
	if c := p.text[p.pos]; c == '-' || c == '+' {
		p.pos++
	}
	digits := p.pos
	for p.pos < len(p.text) && isDigit(p.text[p.pos]) {
		p.pos++
	}
	if p.pos == digits {
		return 0, p.errorf("want digits after sign")
	}
	n, err := strconv.ParseInt(string(p.text[start:p.pos]), 10, 64)
	if err != nil {
		text := string(p.text[start:p.pos])
		p.pos = start
		return 0, p.errorf("integer %s out of range", shorten(text))
	}
	if p.pos < len(p.text) && (p.text[p.pos] == 'L' || p.text[p.pos] == 'l') {
		p.pos++
	}
	return n, nil
}

// found describes the byte at the parser's position for an error.
func (p *literalParser) found() string {
	if p.pos == len(p.text) {
		return "end of header"
	}
	return fmt.Sprintf("%q", p.text[p.pos])
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }
