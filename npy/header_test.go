package npy

import (
	"encoding/binary"
	"slices"
	"testing"
)

func TestParseHeader(t *testing.T) {
	tests := []struct {
		text    string
		dtype   string
		order   binary.ByteOrder
		fortran bool
		shape   []int
	}{
		{"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }                                                          \n",
			"float64", binary.LittleEndian, false, []int{2, 3}},
		{`{"shape":(2,3),"fortran_order":True,"descr":">i2"}`, "int16", binary.BigEndian, true, []int{2, 3}},
		{"{'descr': '|b1', 'fortran_order': False, 'shape': (), }", "bool", binary.NativeEndian, false, []int{}},
		{"{'descr': '=u4', 'fortran_order': False, 'shape': (7,), }", "uint32", binary.NativeEndian, false, []int{7}},
		{"{'descr': 'c16', 'fortran_order': False, 'shape': (0,), }", "complex128", binary.LittleEndian, false, []int{0}},
		{"{'descr': '<i8', 'fortran_order': False, 'shape': (3L, 4L), }\n", "int64", binary.LittleEndian, false, []int{3, 4}},
		{"\t{ 'descr' :\n'<u2' , 'fortran_order' : True , 'shape' : ( 2 , 3 , ) }  \n", "uint16", binary.LittleEndian, true, []int{2, 3}},
		{"{'descr': '<f4', 'fortran_order': False, 'shape': (+5,)}", "float32", binary.LittleEndian, false, []int{5}},
	}
	for _, tt := range tests {
		h, err := parseHeader([]byte(tt.text))
		if err != nil {
			t.Errorf("parseHeader(%q): %v", tt.text, err)
			continue
		}
		if h.dtype.name != tt.dtype || h.order != tt.order || h.fortranOrder != tt.fortran || !slices.Equal(h.shape, tt.shape) {
			t.Errorf("parseHeader(%q) = %s %v fortran=%v %v, want %s %v fortran=%v %v",
				tt.text, h.dtype.name, h.order, h.fortranOrder, h.shape, tt.dtype, tt.order, tt.fortran, tt.shape)
		}
	}
}

// Parsing a literal and writing it back as Python's repr would gives the
// canonical form of the literal.
func TestParseLiteral(t *testing.T) {
	tests := []struct{ text, repr string }{
		{"()", "()"},
		{"(1,)", "(1,)"},
		{"(1)", "1"},
		{"((1))", "1"},
		{"((),)", "((),)"},
		{"[ ]", "[]"},
		{"[1, (2, 3), [True, None]]", "[1, (2, 3), [True, None]]"},
		{`"it's"`, `'it\'s'`},
		{`'a\\b\"\n'`, `'a\\b"\n'`},
		{"-0", "0"},
		{"9223372036854775807", "9223372036854775807"},
		{"-9223372036854775808", "-9223372036854775808"},
		{"{'b': 1, 'a': {'c': ()},}", "{'a': {'c': ()}, 'b': 1}"},
		{"{}", "{}"},
	}
	for _, tt := range tests {
		v, err := parseLiteral([]byte(tt.text))
		if err != nil {
			t.Errorf("parseLiteral(%q): %v", tt.text, err)
			continue
		}
		if got := pyRepr(v); got != tt.repr {
			t.Errorf("parseLiteral(%q) = %s, want %s", tt.text, got, tt.repr)
		}
	}
}

func TestParseLiteralErrors(t *testing.T) {
	tests := []struct{ text, want string }{
		{"(", "syntax error at offset 1: unexpected end of header"},
		{"(1,,)", "syntax error at offset 3: unexpected ','"},
		{"(,)", "syntax error at offset 1: unexpected ','"},
		{"[1 2]", "syntax error at offset 3: want ',' or ']', found '2'"},
		{"{'a' 1}", "syntax error at offset 5: want ':' after dict key, found '1'"},
		{"{'a': 1", "syntax error at offset 7: want ',' or '}' in dict, found end of header"},
		{"'abc", "syntax error at offset 4: unterminated string"},
		{`'abc\`, "syntax error at offset 5: unterminated string"},
		{"9223372036854775808", "syntax error at offset 0: integer 9223372036854775808 out of range"},
		{"1 [0]", "syntax error at offset 2: unexpected '[' after the end of the literal"},
		{"Truth", `syntax error at offset 0: unknown name "Truth"`},
		{"1.5", "syntax error at offset 1: unexpected '.' after the end of the literal"},
	}
	for _, tt := range tests {
		v, err := parseLiteral([]byte(tt.text))
		if err == nil || err.Error() != tt.want {
			t.Errorf("parseLiteral(%q) = %v, %v; want error %q", tt.text, v, err, tt.want)
		}
	}
}

func TestNumElements(t *testing.T) {
	tests := []struct {
		shape    []int
		itemSize int
		want     int
		err      string
	}{
		{nil, 8, 1, ""},
		{[]int{2, 3, 4}, 8, 24, ""},
		{[]int{0, 1 << 62}, 1, 0, ""},
		{[]int{1 << 62, 0}, 1, 0, ""},
		{[]int{1 << 40, 1 << 40, 0}, 8, 0, "dimension 1 (1099511627776) makes the array larger than 9223372036854775807 bytes"},
		{[]int{1 << 61}, 2, 1 << 61, ""},
		{[]int{1 << 62}, 2, 0, "dimension 0 (4611686018427387904) makes the array larger than 9223372036854775807 bytes"},
		{[]int{3, -1, 1 << 62}, 8, 0, "negative dimension -1"},
	}
	for _, tt := range tests {
		n, err := numElements(tt.shape, tt.itemSize)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("numElements(%v, %d) = %d, %v; want error %q", tt.shape, tt.itemSize, n, err, tt.err)
			}
			continue
		}
		if err != nil || n != tt.want {
			t.Errorf("numElements(%v, %d) = %d, %v; want %d", tt.shape, tt.itemSize, n, err, tt.want)
		}
	}
}
