package nd

import (
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nd-go/nd/npy"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	arrays := map[string]*Array{
		"f32": Transpose(Arange(Float32, 0, 6, 1).Reshape(2, 3)), // non-contiguous
		"i64": Arange(Int64, -3, 3, 1),
		"b":   Greater(Arange(Float64, 0, 4, 1), 1.5),
		"u8":  FromSlice([]uint8{1, 255}),
		"s":   Scalar(2.5),
		"z":   Zeros(Int32, 0, 4),
	}
	for name, a := range arrays {
		path := filepath.Join(dir, name+".npy")
		if err := Save(path, a); err != nil {
			t.Fatal(err)
		}
		b, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if b.DType() != a.DType() || !slices.Equal(b.Shape(), a.Shape()) || !slices.Equal(floats(b), floats(a)) {
			t.Fatalf("%s: loaded %v%v %v, saved %v%v %v", name, b.DType(), b.Shape(), floats(b), a.DType(), a.Shape(), floats(a))
		}
	}
	for _, compress := range []bool{false, true} {
		path := filepath.Join(dir, "all.npz")
		if err := SaveNPZ(path, arrays, compress); err != nil {
			t.Fatal(err)
		}
		m, err := LoadNPZ(path)
		if err != nil {
			t.Fatal(err)
		}
		for name, a := range arrays {
			if !slices.Equal(floats(m[name]), floats(a)) {
				t.Fatalf("npz %s differs", name)
			}
		}
	}
}

func TestLoadUnsupportedDType(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.npy")
	if err := npy.WriteFile(path, &npy.Array{DType: "int16", Shape: []int{2}, Data: []int16{1, 2}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "int16") {
		t.Fatalf("Load of int16 file: err %v, want one naming int16", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.npy")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Load of a missing file: err %v, want fs.ErrNotExist", err)
	}
}
