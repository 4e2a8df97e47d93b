package npy

import (
	"bytes"
	"testing"
)

// FuzzRead checks that Read never panics and that whatever it accepts,
// Write writes so that Read gives back the same array, bit for bit. The
// seeds in testdata/fuzz/FuzzRead include files NumPy wrote.
func FuzzRead(f *testing.F) {
	for _, a := range testArrays() {
		var b bytes.Buffer
		if err := Write(&b, a); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	f.Add(npyFile(1, "{'descr': '>f8', 'fortran_order': True, 'shape': (2, 3), }", make([]byte, 48)))
	f.Add(npyFile(2, "{'descr': '<c8', 'fortran_order': False, 'shape': (1, 2), }\n", make([]byte, 16)))
	f.Add(npyFile(3, "{'descr': '|b1', 'fortran_order': True, 'shape': (3, 1, 2), }\n", []byte{0, 1, 2, 3, 4, 5}))
	f.Add(npyFile(1, "{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (), }", nil))
	f.Fuzz(func(t *testing.T, file []byte) {
		a, err := Read(bytes.NewReader(file))
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := Write(&b, a); err != nil {
			t.Fatalf("Write of an array Read returned: %v", err)
		}
		got, err := Read(&b)
		if err != nil {
			t.Fatalf("Read of an array Write wrote: %v", err)
		}
		checkSameArray(t, got, a)
	})
}

// FuzzReadNPZ checks ReadNPZFrom as FuzzRead checks Read.
func FuzzReadNPZ(f *testing.F) {
	for _, compress := range []bool{false, true} {
		var b bytes.Buffer
		arrays := map[string]*Array{
			"a": {"float32", []int{2}, []float32{1, -2}},
			"b": {"bool", []int{}, []bool{true}},
		}
		if err := WriteNPZTo(&b, arrays, compress); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	f.Fuzz(func(t *testing.T, file []byte) {
		arrays, err := ReadNPZFrom(bytes.NewReader(file), int64(len(file)))
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := WriteNPZTo(&b, arrays, true); err != nil {
			t.Fatalf("WriteNPZTo of arrays ReadNPZFrom returned: %v", err)
		}
		got, err := ReadNPZFrom(bytes.NewReader(b.Bytes()), int64(b.Len()))
		if err != nil {
			t.Fatalf("ReadNPZFrom of arrays WriteNPZTo wrote: %v", err)
		}
		if len(got) != len(arrays) {
			t.Fatalf("read back %d arrays, want %d", len(got), len(arrays))
		}
		for name, a := range arrays {
			checkSameArray(t, got[name], a)
		}
	})
}
