package npy

import (
	"archive/zip"
	"bytes"
	"path/filepath"
	"slices"
	"testing"
)

// testArrays returns one array of each dtype, in several shapes.
func testArrays() map[string]*Array {
	shapes := [][]int{{2, 3}, {}, {0}, {4, 0, 2}, {5}}
	arrays := make(map[string]*Array)
	for i, dt := range dtypes {
		shape := shapes[i%len(shapes)]
		n, _ := numElements(shape, dt.size)
		arrays[dt.name] = &Array{DType: dt.name, Shape: shape, Data: testData(dt.name, n, uint64(i))}
	}
	return arrays
}

func TestNPZRoundTrip(t *testing.T) {
	want := testArrays()
	for _, compress := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "x.npz")
		if err := WriteNPZ(path, want, compress); err != nil {
			t.Fatal(err)
		}
		got, err := ReadNPZ(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("compress=%v: read %d arrays, want %d", compress, len(got), len(want))
		}
		for name, w := range want {
			checkSameArray(t, got[name], w)
		}

		var b bytes.Buffer
		if err := WriteNPZTo(&b, want, compress); err != nil {
			t.Fatal(err)
		}
		got, err = ReadNPZFrom(bytes.NewReader(b.Bytes()), int64(b.Len()))
		if err != nil {
			t.Fatal(err)
		}
		for name, w := range want {
			checkSameArray(t, got[name], w)
		}

		// Entries come in name order, stored or deflated as asked.
		zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
			if m := f.Method; m != zip.Store && !compress || m != zip.Deflate && compress {
				t.Errorf("compress=%v: entry %s has method %d", compress, f.Name, m)
			}
		}
		if !slices.IsSorted(names) || len(names) != len(want) {
			t.Errorf("compress=%v: entries %q, want one per array, sorted", compress, names)
		}
	}
}

// The bytes of a .npz file depend only on its arrays.
func TestWriteNPZDeterministic(t *testing.T) {
	for _, compress := range []bool{false, true} {
		var first, second bytes.Buffer
		if err := WriteNPZTo(&first, testArrays(), compress); err != nil {
			t.Fatal(err)
		}
		if err := WriteNPZTo(&second, testArrays(), compress); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Errorf("compress=%v: two writes of the same arrays differ", compress)
		}
	}
}

func TestReadNPZErrors(t *testing.T) {
	type entry struct {
		name string
		data []byte
	}
	npyOf := func(a *Array) []byte {
		var b bytes.Buffer
		if err := Write(&b, a); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	zipOf := func(entries ...entry) []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, e := range entries {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(e.data)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	valid := npyOf(&Array{"uint8", []int{4}, []uint8{0xde, 0xad, 0xbe, 0xef}})
	corrupt := zipOf(entry{"x.npy", valid})
	i := bytes.Index(corrupt, []byte{0xde, 0xad, 0xbe, 0xef})
	corrupt[i] = 0

	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"not a zip", valid, "npy: zip: not a valid zip file"},
		{"not a .npy entry", zipOf(entry{"x.npy", valid}, entry{"notes.txt", nil}), `npy: entry "notes.txt" is not a .npy file`},
		{"duplicate entry", zipOf(entry{"x.npy", valid}, entry{"x.npy", valid}), `npy: duplicate entry "x.npy"`},
		{"bad array", zipOf(entry{"x.npy", valid[:len(valid)-1]}), `npy: entry "x.npy": data: file ends after 3 of 4 bytes`},
		{"checksum", corrupt, `npy: entry "x.npy": zip: checksum error`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arrays, err := ReadNPZFrom(bytes.NewReader(tt.file), int64(len(tt.file)))
			if err == nil || err.Error() != tt.want {
				t.Errorf("ReadNPZFrom = %v, %v; want error %q", arrays, err, tt.want)
			}
		})
	}

	path := filepath.Join(t.TempDir(), "bad.npz")
	if err := WriteFile(path, &Array{"uint8", []int{4}, []uint8{1, 2, 3, 4}}); err != nil {
		t.Fatal(err)
	}
	want := "npy: read " + path + ": zip: not a valid zip file"
	if _, err := ReadNPZ(path); err == nil || err.Error() != want {
		t.Errorf("ReadNPZ of a .npy file: error %v, want %q", err, want)
	}
}

func TestWriteNPZErrors(t *testing.T) {
	valid := &Array{"int8", []int{1}, []int8{1}}
	tests := []struct {
		name   string
		arrays map[string]*Array
		want   string
	}{
		{"nil array", map[string]*Array{"a": valid, "b": nil}, `npy: array "b": nil *Array`},
		{"invalid array", map[string]*Array{"a": {"int8", []int{2}, []int8{1}}}, `npy: array "a": shape (2,) needs 2 elements, Data has 1`},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		err := WriteNPZTo(&b, tt.arrays, false)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: WriteNPZTo error = %v, want %q", tt.name, err, tt.want)
		}
		if b.Len() != 0 {
			t.Errorf("%s: WriteNPZTo wrote %d bytes of invalid arrays", tt.name, b.Len())
		}
	}
}
