package nd

import (
	"math"
	"strconv"
	"strings"

	"github.com/nd-go/nd/internal/core"
)

// This file prints arrays the way NumPy's repr does (numpy.array_repr with
// the default print options: precision 8, threshold 1000, edgeitems 3,
// linewidth 75, floatmode "maxprec", no suppression of small values), so
// that nd and NumPy sessions can be compared line for line. It is a port of
// numpy/core/arrayprint.py (1.24): FloatingFormat, IntegerFormat,
// BoolFormat, _formatArray and _array_repr_implementation.

// The print options NumPy uses by default.
const (
	printPrecision = 8
	printThreshold = 1000
	printEdgeItems = 3
	printLineWidth = 75
)

// String returns a as NumPy's repr prints it, for example
//
//	array([[1., 2.],
//	       [3., 4.]], dtype=float32)
//
// Floats get NumPy's default formatting (the shortest digits that identify
// the value, at most 8 after the point, scientific notation when the
// magnitudes call for it, one width for every element); arrays of more
// than 1000 elements are summarized with "..."; lines wrap at 75
// characters; the dtype is shown unless NumPy implies it (float64, int64,
// bool). A traced array prints as Traced<float32[2,3]>.
func (a *Array) String() string {
	c := a.c()
	if c.IsSymbolic() {
		return "Traced<" + tracedAvalString(c.Aval()) + ">"
	}
	const prefix = "array("
	implied := c.DType() == core.Float64 || c.DType() == core.Int64 || c.DType() == core.Bool
	skipDType := implied && c.Size() > 0
	suffix := ","
	if skipDType {
		suffix = ")"
	}
	var lst string
	if c.Size() > 0 || c.Ndim() == 1 {
		lst = array2string(c, prefix, suffix)
	} else {
		lst = "[], shape=" + core.ShapeString(c.Shape())
	}
	s := prefix + lst + suffix
	if skipDType {
		return s
	}
	dtypeStr := "dtype=" + c.DType().String() + ")"
	lastLine := len(s) - (strings.LastIndexByte(s, '\n') + 1)
	if lastLine+len(dtypeStr)+1 > printLineWidth {
		return s + "\n" + strings.Repeat(" ", len(prefix)) + dtypeStr
	}
	return s + " " + dtypeStr
}

// GoString returns the same text as String, so that %#v prints arrays the
// NumPy way too.
func (a *Array) GoString() string { return a.String() }

// tracedAvalString formats an aval as JAX does: float32[2,3].
func tracedAvalString(av core.Aval) string {
	var sb strings.Builder
	sb.WriteString(av.DType.String())
	sb.WriteByte('[')
	for i, d := range av.Shape {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.Itoa(d))
	}
	sb.WriteByte(']')
	return sb.String()
}

// printElems reads the elements of a concrete array by multi-index without
// copying it: pos gives the buffer position of an index.
type printElems struct {
	a       *core.Array
	summary bool // more than printThreshold elements: show edges only
}

func (p printElems) pos(idx []int) int {
	off := p.a.Offset()
	for i, s := range p.a.Strides() {
		off += idx[i] * s
	}
	return off
}

// shown returns the indices of axis that are printed, and whether "..."
// stands between the leading and trailing ones.
func (p printElems) shown(axis int) ([]int, bool) {
	n := p.a.Shape()[axis]
	if p.summary && n > 2*printEdgeItems {
		idx := make([]int, 0, 2*printEdgeItems)
		for i := range printEdgeItems {
			idx = append(idx, i)
		}
		for i := n - printEdgeItems; i < n; i++ {
			idx = append(idx, i)
		}
		return idx, true
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx, false
}

// visit calls f with the buffer position of every printed element, in C
// order (NumPy's _leading_trailing).
func (p printElems) visit(f func(pos int)) {
	idx := make([]int, p.a.Ndim())
	var rec func(axis int)
	rec = func(axis int) {
		if axis == len(idx) {
			f(p.pos(idx))
			return
		}
		is, _ := p.shown(axis)
		for _, i := range is {
			idx[axis] = i
			rec(axis + 1)
		}
	}
	rec(0)
}

// array2string is NumPy's array2string with separator ", " for a non-empty
// array (or an empty 1-d one).
func array2string(a *core.Array, prefix, suffix string) string {
	if a.Size() == 0 {
		return "[]"
	}
	p := printElems{a: a, summary: a.Size() > printThreshold}
	format := elementFormatter(p)
	return formatArray(p, format, printLineWidth-len(suffix), strings.Repeat(" ", len(prefix)+1))
}

// elementFormatter returns the function that formats the element at a
// buffer position, all elements sharing one width, as NumPy's
// _get_format_function does.
func elementFormatter(p printElems) func(pos int) string {
	switch buf := p.a.Buffer().(type) {
	case []bool:
		trueStr := " True"
		if p.a.Ndim() == 0 {
			trueStr = "True"
		}
		return func(pos int) string {
			if buf[pos] {
				return trueStr
			}
			return "False"
		}
	case []uint8:
		return intFormatter(p, func(pos int) int64 { return int64(buf[pos]) })
	case []int32:
		return intFormatter(p, func(pos int) int64 { return int64(buf[pos]) })
	case []int64:
		return intFormatter(p, func(pos int) int64 { return buf[pos] })
	case []float32:
		return floatFormatter(p, 32, func(pos int) float64 { return float64(buf[pos]) })
	case []float64:
		return floatFormatter(p, 64, func(pos int) float64 { return buf[pos] })
	}
	panic("nd: cannot print dtype " + p.a.DType().String())
}

// intFormatter is NumPy's IntegerFormat: right-aligned to the width of the
// longer of the printed minimum and maximum.
func intFormatter(p printElems, at func(int) int64) func(int) string {
	width := 0
	p.visit(func(pos int) { width = max(width, len(strconv.FormatInt(at(pos), 10))) })
	return func(pos int) string { return padLeft(strconv.FormatInt(at(pos), 10), width) }
}

func padLeft(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return strings.Repeat(" ", width-len(s)) + s
}

func padRight(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return s + strings.Repeat(" ", width-len(s))
}

// floatFormat is NumPy's FloatingFormat in its default mode ("maxprec"):
// the layout every element of one array shares.
type floatFormat struct {
	bits       int // 32 or 64: the shortest digits are those of the dtype
	exp        bool
	precision  int // digits after the point (at most; exactly in exp mode)
	padLeft    int // width of the integer part, sign included
	padRight   int // width after the point (positional), or of ".ddde+xx" less the point
	expDigits  int
	negInfSeen bool
}

// floatFormatter measures the printed elements (NumPy's fillFormat) and
// returns their formatter.
func floatFormatter(p printElems, bits int, at func(int) float64) func(int) string {
	f := &floatFormat{bits: bits, precision: printPrecision}
	var finite []float64
	nonFinite := false
	var maxAbs, minAbs float64
	haveNonZero := false
	p.visit(func(pos int) {
		v := at(pos)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			nonFinite = true
			if math.IsInf(v, -1) {
				f.negInfSeen = true
			}
			return
		}
		finite = append(finite, v)
		if v != 0 {
			a := math.Abs(v)
			if !haveNonZero || a > maxAbs {
				maxAbs = a
			}
			if !haveNonZero || a < minAbs {
				minAbs = a
			}
			haveNonZero = true
		}
	})
	if haveNonZero {
		ratio := maxAbs / minAbs
		if bits == 32 {
			ratio = float64(float32(maxAbs) / float32(minAbs))
		}
		f.exp = maxAbs >= 1e8 || minAbs < 1e-4 || ratio > 1e3
	}
	switch {
	case len(finite) == 0:
		f.padLeft, f.padRight, f.expDigits = 0, 0, -1
	case f.exp:
		prec, expLen := 0, 0
		for _, v := range finite {
			ip, fp, ep := scientificParts(v, bits, printPrecision)
			prec = max(prec, len(fp))
			f.padLeft = max(f.padLeft, len(ip))
			expLen = max(expLen, len(ep))
		}
		f.precision = prec
		f.expDigits = expLen - 1 // ep carries its sign
		f.padRight = f.expDigits + 2 + prec
	default:
		for _, v := range finite {
			ip, fp := positionalParts(v, bits, printPrecision)
			f.padLeft = max(f.padLeft, len(ip))
			f.padRight = max(f.padRight, len(fp))
		}
		f.expDigits = -1
	}
	if nonFinite {
		infLen := 3
		if f.negInfSeen {
			infLen = 4
		}
		offset := f.padRight + 1
		f.padLeft = max(f.padLeft, 3-offset, infLen-offset)
	}
	return func(pos int) string { return f.format(at(pos)) }
}

func (f *floatFormat) format(v float64) string {
	switch {
	case math.IsNaN(v):
		return padLeft("nan", f.padLeft+f.padRight+1)
	case math.IsInf(v, 1):
		return padLeft("inf", f.padLeft+f.padRight+1)
	case math.IsInf(v, -1):
		return padLeft("-inf", f.padLeft+f.padRight+1)
	}
	if f.exp {
		ip, fp, ep := scientificParts(v, f.bits, f.precision)
		if len(fp) < f.precision {
			// NumPy's min_digits: more digits of the value itself, rounded.
			s := strconv.FormatFloat(v, 'e', f.precision, f.bits)
			m, e, _ := strings.Cut(s, "e")
			ip, fp, _ = strings.Cut(m, ".")
			ep = e
		}
		digits := ep[1:]
		if len(digits) < f.expDigits {
			digits = strings.Repeat("0", f.expDigits-len(digits)) + digits
		}
		return padLeft(ip, f.padLeft) + "." + fp + "e" + ep[:1] + digits
	}
	ip, fp := positionalParts(v, f.bits, f.precision)
	return padLeft(ip, f.padLeft) + "." + padRight(fp, f.padRight)
}

// positionalParts returns the integer part (with its sign) and the
// fractional part of v written positionally with the shortest digits that
// identify it among floats of the given bits, rounded to at most prec
// fractional digits, trailing zeros dropped (NumPy's dragon4_positional
// with unique=True).
func positionalParts(v float64, bits, prec int) (string, string) {
	s := strconv.FormatFloat(v, 'f', -1, bits)
	ip, fp, _ := strings.Cut(s, ".")
	if len(fp) > prec {
		s = strconv.FormatFloat(v, 'f', prec, bits)
		ip, fp, _ = strings.Cut(s, ".")
		fp = strings.TrimRight(fp, "0")
	}
	return ip, fp
}

// scientificParts returns the mantissa's integer digit (with the sign), its
// fractional digits (shortest, at most prec, trailing zeros dropped) and
// the signed exponent with at least two digits ("+05"), as NumPy's
// dragon4_scientific with unique=True.
func scientificParts(v float64, bits, prec int) (string, string, string) {
	s := strconv.FormatFloat(v, 'e', -1, bits)
	m, e, _ := strings.Cut(s, "e")
	ip, fp, _ := strings.Cut(m, ".")
	if len(fp) > prec {
		s = strconv.FormatFloat(v, 'e', prec, bits)
		m, e, _ = strings.Cut(s, "e")
		ip, fp, _ = strings.Cut(m, ".")
		fp = strings.TrimRight(fp, "0")
	}
	return ip, fp, e
}

// formatArray is NumPy's _formatArray: nested brackets, ", " between
// elements, rows wrapped to lineWidth with a hanging indent, blank lines
// between blocks of higher dimensions, and "..." for summarized axes.
func formatArray(p printElems, format func(int) string, lineWidth int, nextLinePrefix string) string {
	idx := make([]int, p.a.Ndim())
	const sep = ", "
	var rec func(axis int, hanging string, width int) string
	rec = func(axis int, hanging string, width int) string {
		axesLeft := len(idx) - axis
		if axesLeft == 0 {
			return format(p.pos(idx))
		}
		nextHanging := hanging + " "
		nextWidth := width - 1 // len("]")
		shown, summary := p.shown(axis)
		var s strings.Builder
		if axesLeft == 1 {
			elemWidth := width - 1 // max(len(", ".rstrip()), len("]"))
			line := hanging
			for k, i := range shown {
				idx[axis] = i
				word := rec(axis+1, nextHanging, nextWidth)
				line = extendLine(&s, line, word, elemWidth, hanging)
				if k < len(shown)-1 {
					line += sep
				}
				if summary && k == printEdgeItems-1 {
					line = extendLine(&s, line, "...", elemWidth, hanging)
					line += sep
				}
			}
			s.WriteString(line)
		} else {
			lineSep := "," + strings.Repeat("\n", axesLeft-1)
			for k, i := range shown {
				idx[axis] = i
				s.WriteString(hanging)
				s.WriteString(rec(axis+1, nextHanging, nextWidth))
				if k < len(shown)-1 {
					s.WriteString(lineSep)
				}
				if summary && k == printEdgeItems-1 {
					s.WriteString(hanging + "..." + lineSep)
				}
			}
		}
		return "[" + s.String()[len(hanging):] + "]"
	}
	return rec(0, nextLinePrefix, lineWidth)
}

// extendLine appends word to line, first moving line into s and starting
// a new one when word would pass width (NumPy's _extendLine).
func extendLine(s *strings.Builder, line, word string, width int, nextLinePrefix string) string {
	if len(line)+len(word) > width && len(line) > len(nextLinePrefix) {
		s.WriteString(strings.TrimRight(line, " "))
		s.WriteByte('\n')
		line = nextLinePrefix
	}
	return line + word
}
