package npy

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// goSliceTypes maps each dtype name to its Go slice type.
var goSliceTypes = map[string]reflect.Type{
	"bool":       reflect.TypeFor[[]bool](),
	"int8":       reflect.TypeFor[[]int8](),
	"int16":      reflect.TypeFor[[]int16](),
	"int32":      reflect.TypeFor[[]int32](),
	"int64":      reflect.TypeFor[[]int64](),
	"uint8":      reflect.TypeFor[[]uint8](),
	"uint16":     reflect.TypeFor[[]uint16](),
	"uint32":     reflect.TypeFor[[]uint32](),
	"uint64":     reflect.TypeFor[[]uint64](),
	"float32":    reflect.TypeFor[[]float32](),
	"float64":    reflect.TypeFor[[]float64](),
	"complex64":  reflect.TypeFor[[]complex64](),
	"complex128": reflect.TypeFor[[]complex128](),
}

// fromBytes returns the elements of the given dtype that raw holds in
// little-endian order, decoded by encoding/binary rather than this package.
func fromBytes(dtype string, raw []byte) any {
	size := binary.Size(reflect.Zero(goSliceTypes[dtype].Elem()).Interface())
	n := len(raw) / size
	s := reflect.MakeSlice(goSliceTypes[dtype], n, n).Interface()
	if err := binary.Read(bytes.NewReader(raw), binary.LittleEndian, s); err != nil {
		panic(err)
	}
	return s
}

// rawBytes returns the little-endian bytes of the elements in data, encoded
// by encoding/binary rather than this package. Comparing them compares
// floats bit for bit, NaN payloads and signed zeros included.
func rawBytes(data any) []byte {
	var b bytes.Buffer
	if err := binary.Write(&b, binary.LittleEndian, data); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// specialFloat64s and specialFloat32s are bit patterns that a careless
// codec would change: quiet and signaling NaNs with payloads, infinities,
// signed zeros, the smallest subnormal and the largest finite value.
var (
	specialFloat64s = []uint64{0x7ff8000000000000, 0xfff8000000000123, 0x7ff0000000000001, 0x7ff0000000000000, 0xfff0000000000000, 0x8000000000000000, 0, 1, 0x7fefffffffffffff}
	specialFloat32s = []uint32{0x7fc00000, 0xffc00123, 0x7f800001, 0x7f800000, 0xff800000, 0x80000000, 0, 1, 0x7f7fffff}
)

// testData returns n elements of the given dtype: random bit patterns,
// starting, for floating-point types, with the special values.
func testData(dtype string, n int, seed uint64) any {
	size := binary.Size(reflect.Zero(goSliceTypes[dtype].Elem()).Interface())
	raw := make([]byte, n*size)
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := range raw {
		raw[i] = byte(rng.Uint32())
	}
	le := binary.LittleEndian
	switch dtype {
	case "float64", "complex128":
		for i := 0; i < len(specialFloat64s) && 8*i < len(raw); i++ {
			le.PutUint64(raw[8*i:], specialFloat64s[i])
		}
	case "float32", "complex64":
		for i := 0; i < len(specialFloat32s) && 4*i < len(raw); i++ {
			le.PutUint32(raw[4*i:], specialFloat32s[i])
		}
	}
	return fromBytes(dtype, raw)
}

// checkSameArray reports whether got holds the same array as want, with
// elements equal bit for bit.
func checkSameArray(t *testing.T, got, want *Array) {
	t.Helper()
	if got.DType != want.DType || !slices.Equal(got.Shape, want.Shape) {
		t.Fatalf("got dtype %s shape %v, want dtype %s shape %v", got.DType, got.Shape, want.DType, want.Shape)
	}
	if reflect.TypeOf(got.Data) != reflect.TypeOf(want.Data) {
		t.Fatalf("got Data of type %T, want %T", got.Data, want.Data)
	}
	if g, w := rawBytes(got.Data), rawBytes(want.Data); !bytes.Equal(g, w) {
		t.Fatalf("got data\n%x\nwant\n%x", g, w)
	}
}

// npyFile assembles a .npy file of format version major.0 from the text of
// its header and the bytes of its data, without padding.
func npyFile(major byte, text string, data []byte) []byte {
	b := append([]byte(magic), major, 0)
	if major == 1 {
		b = binary.LittleEndian.AppendUint16(b, uint16(len(text)))
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(text)))
	}
	b = append(b, text...)
	return append(b, data...)
}

func TestWriteReadRoundTrip(t *testing.T) {
	shapes := [][]int{nil, {0}, {2, 0, 3}, {1}, {7}, {2, 3}, {2, 3, 4}, {1, 1, 5, 1}}
	for _, dt := range dtypes {
		for i, shape := range shapes {
			n, _ := numElements(shape, dt.size)
			want := &Array{DType: dt.name, Shape: shape, Data: testData(dt.name, n, uint64(i))}
			var b bytes.Buffer
			if err := Write(&b, want); err != nil {
				t.Fatalf("Write %s %v: %v", dt.name, shape, err)
			}
			if b.Len()%headerAlign != n*dt.size%headerAlign {
				t.Errorf("%s %v: header of a %d-byte file is not padded to %d bytes", dt.name, shape, b.Len(), headerAlign)
			}
			got, err := Read(&b)
			if err != nil {
				t.Fatalf("Read %s %v: %v", dt.name, shape, err)
			}
			checkSameArray(t, got, want)
		}
	}
}

// A chunk boundary falls inside arrays larger than chunkBytes; reading
// from a file sizes the slice up front, reading from a stream grows it.
func TestWriteReadLarge(t *testing.T) {
	for _, dtype := range []string{"bool", "int16", "float64", "complex128"} {
		n := 3*chunkBytes + 5
		want := &Array{DType: dtype, Shape: []int{n}, Data: testData(dtype, n, 7)}
		path := filepath.Join(t.TempDir(), "large.npy")
		if err := WriteFile(path, want); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		checkSameArray(t, got, want)
		file, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err = Read(iotest.HalfReader(bytes.NewReader(file)))
		if err != nil {
			t.Fatal(err)
		}
		checkSameArray(t, got, want)
	}
}

func TestReadLayouts(t *testing.T) {
	bigInt32s := binary.BigEndian.AppendUint32(nil, 0)
	for i := uint32(1); i < 6; i++ {
		bigInt32s = binary.BigEndian.AppendUint32(bigInt32s, i)
	}
	// value(i, j, k) = 100i + 10j + k for shape (2, 3, 4), stored with
	// the first index varying fastest.
	var fortran3d []byte
	var c3d []float64
	for k := range 4 {
		for j := range 3 {
			for i := range 2 {
				fortran3d = binary.BigEndian.AppendUint64(fortran3d, math.Float64bits(float64(100*i+10*j+k)))
			}
		}
	}
	for i := range 2 {
		for j := range 3 {
			for k := range 4 {
				c3d = append(c3d, float64(100*i+10*j+k))
			}
		}
	}
	native := binary.NativeEndian.AppendUint16(nil, 0xabcd)
	tests := []struct {
		name string
		file []byte
		want *Array
	}{
		{"big endian",
			npyFile(1, "{'descr': '>i4', 'fortran_order': False, 'shape': (2, 3), }", bigInt32s),
			&Array{"int32", []int{2, 3}, []int32{0, 1, 2, 3, 4, 5}}},
		{"native order",
			npyFile(1, "{'descr': '=u2', 'fortran_order': False, 'shape': (1,), }", native),
			&Array{"uint16", []int{1}, []uint16{0xabcd}}},
		{"no byte order",
			npyFile(1, "{'descr': 'u1', 'fortran_order': False, 'shape': (2,), }", []byte{7, 8}),
			&Array{"uint8", []int{2}, []uint8{7, 8}}},
		{"bool any nonzero byte is true",
			npyFile(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", []byte{0, 1, 2}),
			&Array{"bool", []int{3}, []bool{false, true, true}}},
		{"fortran 2-d",
			npyFile(1, "{'descr': '|i1', 'fortran_order': True, 'shape': (2, 3), }", []byte{0, 3, 1, 4, 2, 5}),
			&Array{"int8", []int{2, 3}, []int8{0, 1, 2, 3, 4, 5}}},
		{"fortran 3-d big endian",
			npyFile(1, "{'descr': '>f8', 'fortran_order': True, 'shape': (2, 3, 4), }", fortran3d),
			&Array{"float64", []int{2, 3, 4}, c3d}},
		{"fortran with dimensions of 1",
			npyFile(1, "{'descr': '|u1', 'fortran_order': True, 'shape': (1, 2, 1, 3, 1), }", []byte{0, 3, 1, 4, 2, 5}),
			&Array{"uint8", []int{1, 2, 1, 3, 1}, []uint8{0, 1, 2, 3, 4, 5}}},
		{"fortran 1-d",
			npyFile(1, "{'descr': '|u1', 'fortran_order': True, 'shape': (3,), }", []byte{1, 2, 3}),
			&Array{"uint8", []int{3}, []uint8{1, 2, 3}}},
		{"fortran zero-size",
			npyFile(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (0, 3), }", nil),
			&Array{"float32", []int{0, 3}, []float32{}}},
		{"0-d",
			npyFile(1, "{'descr': '<i2', 'fortran_order': False, 'shape': (), }", []byte{0xfe, 0xff}),
			&Array{"int16", []int{}, []int16{-2}}},
		{"version 2.0",
			npyFile(2, "{'descr': '<u4', 'fortran_order': False, 'shape': (1,), }\n", []byte{1, 0, 0, 0}),
			&Array{"uint32", []int{1}, []uint32{1}}},
		{"version 3.0",
			npyFile(3, "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }   \n", []byte{2, 0, 0, 0, 0, 0, 0, 0}),
			&Array{"int64", []int{1}, []int64{2}}},
		{"complex big endian",
			npyFile(1, "{'descr': '>c8', 'fortran_order': False, 'shape': (1,), }", []byte{0x3f, 0x80, 0, 0, 0xc0, 0, 0, 0}),
			&Array{"complex64", []int{1}, []complex64{complex(1, -2)}}},
		{"trailing bytes ignored",
			npyFile(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }", []byte{9, 10, 11}),
			&Array{"uint8", []int{1}, []uint8{9}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(bytes.NewReader(tt.file))
			if err != nil {
				t.Fatal(err)
			}
			checkSameArray(t, got, tt.want)
		})
	}
}

func TestReadSequence(t *testing.T) {
	want := []*Array{
		{"float32", []int{2}, []float32{1, 2}},
		{"bool", []int{}, []bool{true}},
		{"int64", []int{0}, []int64{}},
	}
	var b bytes.Buffer
	for _, a := range want {
		if err := Write(&b, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range want {
		got, err := Read(&b)
		if err != nil {
			t.Fatal(err)
		}
		checkSameArray(t, got, w)
	}
	if a, err := Read(&b); err != io.EOF {
		t.Errorf("Read at the end of the stream = %v, %v; want io.EOF", a, err)
	}
}

func TestReadErrors(t *testing.T) {
	f8 := func(shape string) []byte {
		return npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': "+shape+", }", nil)
	}
	header := func(text string) []byte { return npyFile(1, text, nil) }
	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"short magic", []byte("\x93NUM"), "npy: magic: file ends after 4 of 6 bytes"},
		{"zip file", []byte("PK\x03\x04\x14\x00\x00\x00"), `npy: not a .npy file: starts with "PK\x03\x04\x14\x00", not "\x93NUMPY"`},
		{"short version", []byte(magic + "\x01"), "npy: version: file ends after 1 of 2 bytes"},
		{"version 4.0", []byte(magic + "\x04\x00"), "npy: unsupported format version 4.0"},
		{"version 1.1", []byte(magic + "\x01\x01"), "npy: unsupported format version 1.1"},
		{"short header length", []byte(magic + "\x01\x00\x10"), "npy: header length: file ends after 1 of 2 bytes"},
		{"short header length 2.0", []byte(magic + "\x02\x00\x10\x00"), "npy: header length: file ends after 2 of 4 bytes"},
		{"absurd header length", []byte(magic + "\x02\x00\x00\x00\x00\x01"), "npy: header: length 16777216 exceeds the limit of 1048576 bytes"},
		{"short header", []byte(magic + "\x01\x00\x64\x00{'descr'"), "npy: header: file ends after 8 of 100 bytes"},
		{"header not UTF-8", npyFile(3, "{'descr': '\xff'}", nil), "npy: header: not valid UTF-8"},
		{"empty header", header(""), "npy: header: syntax error at offset 0: unexpected end of header"},
		{"not a dict", header("[1, 2]"), "npy: header: [1, 2] is not a dict"},
		{"missing key", header("{'descr': '<f8', 'fortran_order': False}"), "npy: header: missing key 'shape'"},
		{"extra key", header("{'descr': '<f8', 'fortran_order': False, 'shape': (), 'extra': 1}"), "npy: header: unexpected key 'extra'"},
		{"object dtype", header("{'descr': '|O', 'fortran_order': False, 'shape': ()}"), `npy: header: descr: unsupported dtype "|O"`},
		{"float16", header("{'descr': '<f2', 'fortran_order': False, 'shape': ()}"), `npy: header: descr: unsupported dtype "<f2"`},
		{"unicode dtype", header("{'descr': '<U5', 'fortran_order': False, 'shape': ()}"), `npy: header: descr: unsupported dtype "<U5"`},
		{"signed size", header("{'descr': '<i+8', 'fortran_order': False, 'shape': ()}"), `npy: header: descr: unsupported dtype "<i+8"`},
		{"structured dtype", header("{'descr': [('a', '<i4'), ('b', '<f8')], 'fortran_order': False, 'shape': ()}"),
			"npy: header: descr: structured dtype [('a', '<i4'), ('b', '<f8')] is not supported"},
		{"descr not a string", header("{'descr': 3, 'fortran_order': False, 'shape': ()}"), "npy: header: descr: 3 is not a string"},
		{"fortran_order not a bool", header("{'descr': '<f8', 'fortran_order': 0, 'shape': ()}"), "npy: header: fortran_order: 0 is not True or False"},
		{"shape list", f8("[2, 3]"), "npy: header: shape: [2, 3] is not a tuple"},
		{"shape in parentheses", f8("(3)"), "npy: header: shape: 3 is not a tuple"},
		{"shape of strings", f8("('a',)"), "npy: header: shape: dimension 'a' is not an integer"},
		{"negative dimension", f8("(2, -3)"), "npy: header: shape: negative dimension -3"},
		{"size overflows", f8("(1099511627776, 1099511627776)"),
			"npy: header: shape: dimension 1 (1099511627776) makes the array larger than 9223372036854775807 bytes"},
		{"bytes overflow", f8("(2305843009213693952,)"),
			"npy: header: shape: dimension 0 (2305843009213693952) makes the array larger than 9223372036854775807 bytes"},
		{"integer out of range", f8("(99999999999999999999,)"),
			"npy: header: syntax error at offset 51: integer 99999999999999999999 out of range"},
		{"missing comma", header("{'descr': '<f8' 'shape': ()}"), "npy: header: syntax error at offset 16: want ',' or '}' in dict, found '\\''"},
		{"missing colon", header("{'descr' '<f8'}"), "npy: header: syntax error at offset 9: want ':' after dict key, found '\\''"},
		{"unterminated string", header("{'descr: 1}"), "npy: header: syntax error at offset 11: unterminated string"},
		{"newline in string", header("{'descr\n': 1}"), "npy: header: syntax error at offset 7: newline in string"},
		{"unsupported escape", header(`{'\x41': 1}`), `npy: header: syntax error at offset 3: unsupported escape \x`},
		{"lower-case false", header("{'fortran_order': false}"), `npy: header: syntax error at offset 18: unknown name "false"`},
		{"duplicate key", header("{'shape': (), 'shape': ()}"), "npy: header: syntax error at offset 14: duplicate key 'shape'"},
		{"key not a string", header("{1: 2}"), "npy: header: syntax error at offset 1: dict key 1 is not a string"},
		{"bare sign", header("{'shape': (-,)}"), "npy: header: syntax error at offset 12: want digits after sign"},
		{"tuple without comma", f8("(2 3)"), "npy: header: syntax error at offset 53: want ',' or ')', found '3'"},
		{"float dimension", f8("(2.5,)"), "npy: header: syntax error at offset 52: want ',' or ')', found '.'"},
		{"deep nesting", header(strings.Repeat("(", 100)), "npy: header: syntax error at offset 32: nested more than 32 deep"},
		{"junk after dict", header("{} x"), "npy: header: syntax error at offset 3: unexpected 'x' after the end of the literal"},
		{"bad byte", header("{\x00}"), `npy: header: syntax error at offset 1: unexpected '\x00'`},
		{"short data",
			npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", make([]byte, 12)),
			"npy: data: file ends after 12 of 48 bytes"},
		{"short data huge shape",
			npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776,), }", make([]byte, 12)),
			"npy: data: file ends after 12 of 8796093022208 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Read(bytes.NewReader(tt.file))
			if err == nil {
				t.Fatalf("Read = %+v, want error %q", a, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Read error\n%s\nwant\n%s", err, tt.want)
			}
		})
	}
}

func TestReadReaderError(t *testing.T) {
	errDisk := errors.New("disk on fire")
	file := npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", make([]byte, 8))
	_, err := Read(io.MultiReader(bytes.NewReader(file), iotest.ErrReader(errDisk)))
	want := "npy: data: after 8 of 48 bytes: disk on fire"
	if err == nil || err.Error() != want || !errors.Is(err, errDisk) {
		t.Errorf("Read error = %v, want %q wrapping the reader's error", err, want)
	}
}

// A header may claim any shape; memory must follow the data that arrives.
func TestReadHugeShapeAllocatesLittle(t *testing.T) {
	file := npyFile(1, "{'descr': '<c16', 'fortran_order': True, 'shape': (1048576, 1048576), }", make([]byte, 1000))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Read(bytes.NewReader(file))
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("Read succeeded on a file with 1000 of 17592186044416 bytes of data")
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4*chunkBytes {
		t.Errorf("Read allocated %d bytes for 1000 bytes of data", alloc)
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name string
		a    *Array
		want string
	}{
		{"nil", nil, "npy: nil *Array"},
		{"unknown dtype", &Array{"float16", []int{1}, []uint16{0}}, `npy: unsupported dtype "float16"`},
		{"wrong Go type", &Array{"float64", []int{1}, []float32{0}}, "npy: dtype float64 needs Data of type []float64, not []float32"},
		{"nil Data", &Array{"int32", []int{0}, nil}, "npy: dtype int32 needs Data of type []int32, not <nil>"},
		{"too few elements", &Array{"uint8", []int{2, 3}, make([]uint8, 5)}, "npy: shape (2, 3) needs 6 elements, Data has 5"},
		{"0-d needs one element", &Array{"bool", nil, []bool{true, false}}, "npy: shape () needs 1 elements, Data has 2"},
		{"negative dimension", &Array{"int8", []int{-1}, []int8{}}, "npy: shape (-1,): negative dimension -1"},
		{"overflow", &Array{"int64", []int{1 << 40, 1 << 40}, []int64{}},
			"npy: shape (1099511627776, 1099511627776): dimension 1 (1099511627776) makes the array larger than 9223372036854775807 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := Write(&b, tt.a)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Write error = %v, want %q", err, tt.want)
			}
			if b.Len() != 0 {
				t.Errorf("Write wrote %d bytes of an invalid array", b.Len())
			}
		})
	}
}

func TestWriteHeader(t *testing.T) {
	tests := []struct {
		a    *Array
		want string // the header dict, without padding
	}{
		{&Array{"float64", []int{2, 3}, make([]float64, 6)}, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"},
		{&Array{"uint8", []int{3}, make([]uint8, 3)}, "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }"},
		{&Array{"bool", []int{}, make([]bool, 1)}, "{'descr': '|b1', 'fortran_order': False, 'shape': (), }"},
		{&Array{"complex64", []int{0, 4}, []complex64{}}, "{'descr': '<c8', 'fortran_order': False, 'shape': (0, 4), }"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := Write(&b, tt.a); err != nil {
			t.Fatal(err)
		}
		file := b.Bytes()
		textLen := int(binary.LittleEndian.Uint16(file[8:]))
		text := string(file[10 : 10+textLen])
		if !strings.HasPrefix(text, tt.want) || strings.TrimLeft(text[len(tt.want):], " ") != "\n" {
			t.Errorf("Write %v: header %q, want %q, spaces and a newline", tt.a.Shape, text, tt.want)
		}
		if string(file[:8]) != magic+"\x01\x00" || (10+textLen)%headerAlign != 0 {
			t.Errorf("Write %v: file starts %q, want version 1.0 and a header padded to %d bytes", tt.a.Shape, file[:10+textLen], headerAlign)
		}
	}
}

// Format 1.0 stores the header's length in 16 bits; a longer header,
// as many dimensions need, makes Write use format 2.0.
func TestWriteVersion2(t *testing.T) {
	shape := make([]int, 30000)
	for i := range shape {
		shape[i] = 1
	}
	want := &Array{"int16", shape, []int16{-7}}
	var b bytes.Buffer
	if err := Write(&b, want); err != nil {
		t.Fatal(err)
	}
	if v := b.Bytes()[6:8]; v[0] != 2 || v[1] != 0 {
		t.Errorf("Write of a %d-dimensional array used version %d.%d, want 2.0", len(shape), v[0], v[1])
	}
	if textLen := binary.LittleEndian.Uint32(b.Bytes()[8:]); (12+textLen)%headerAlign != 0 {
		t.Errorf("header length %d does not pad to %d bytes", textLen, headerAlign)
	}
	got, err := Read(&b)
	if err != nil {
		t.Fatal(err)
	}
	checkSameArray(t, got, want)
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	short := filepath.Join(dir, "short.npy")
	file := npyFile(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (1099511627776,), }", make([]byte, 10))
	if err := os.WriteFile(short, file, 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.npy")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.npy")
	tests := []struct {
		path, want string
	}{
		{short, "npy: read " + short + ": data: file ends after 10 of 4398046511104 bytes"},
		{empty, "npy: read " + empty + ": EOF"},
		{missing, "npy: open " + missing + ": no such file or directory"},
	}
	for _, tt := range tests {
		if _, err := ReadFile(tt.path); err == nil || err.Error() != tt.want {
			t.Errorf("ReadFile(%s) error = %v, want %q", filepath.Base(tt.path), err, tt.want)
		}
	}
}

// A write that fails, before or after creating its temporary file, must
// leave the file it would replace as it was and no temporary file behind.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	old := []byte("old content")
	valid := &Array{"float32", []int{2}, []float32{1, 2}}
	invalid := &Array{"float32", []int{3}, []float32{1, 2}}
	npy := filepath.Join(dir, "x.npy")
	npz := filepath.Join(dir, "x.npz")
	isDir := filepath.Join(dir, "dir")
	for _, p := range []string{npy, npz, filepath.Join(isDir, "keep")} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, old, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	writeNPY := func(path string, a *Array) error { return WriteFile(path, a) }
	writeNPZ := func(path string, a *Array) error {
		return WriteNPZ(path, map[string]*Array{"a": valid, "b": a}, true)
	}
	tests := []struct {
		name  string
		write func(string, *Array) error
		path  string
		a     *Array
		want  string
	}{
		{"invalid array", writeNPY, npy, invalid, "npy: write " + npy + ": shape (3,) needs 3 elements, Data has 2"},
		{"invalid array in npz", writeNPZ, npz, invalid, "npy: write " + npz + `: array "b": shape (3,) needs 3 elements, Data has 2`},
		{"missing directory", writeNPY, filepath.Join(dir, "missing", "x.npy"), valid, "no such file or directory"},
		{"path is a directory", writeNPY, isDir, valid, "file exists"},
		{"npz path is a directory", writeNPZ, isDir, valid, "file exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.write(tt.path, tt.a)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
			for _, p := range []string{npy, npz, filepath.Join(isDir, "keep")} {
				if b, err := os.ReadFile(p); err != nil || !bytes.Equal(b, old) {
					t.Errorf("%s now holds %q, %v; want %q", filepath.Base(p), b, err, old)
				}
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if want := []string{"dir", "x.npy", "x.npz"}; !slices.Equal(names, want) {
				t.Errorf("directory holds %q, want %q", names, want)
			}
		})
	}

	// A successful write replaces the file and keeps its permissions.
	if err := WriteFile(npy, valid); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(npy)
	if err != nil {
		t.Fatal(err)
	}
	checkSameArray(t, got, valid)
	if info, err := os.Stat(npy); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("replaced file has mode %v, %v; want -rw-------", info.Mode(), err)
	}
	fresh := filepath.Join(dir, "fresh.npy")
	if err := WriteFile(fresh, valid); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(fresh); err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("new file has mode %v, %v; want -rw-r--r--", info.Mode(), err)
	}
}
