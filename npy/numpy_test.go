package npy

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// python is the interpreter the interop tests run. It is Debian's, which
// has NumPy from the python3-numpy package, not whichever is first in PATH.
const python = "/usr/bin/python3"

// needNumPy skips the test unless python can import NumPy.
func needNumPy(t *testing.T) {
	t.Helper()
	if out, err := exec.Command(python, "-c", "import numpy").CombinedOutput(); err != nil {
		t.Skipf("python3-numpy not installed: apt-get install python3-numpy (%s -c 'import numpy': %v: %s)",
			python, err, bytes.TrimSpace(out))
	}
}

// runPython runs a script from testdata with the given arguments and
// returns its standard output.
func runPython(t *testing.T, script string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(python, append([]string{filepath.Join("testdata", script)}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", python, script, err, stderr.Bytes())
	}
	return out
}

// NumPy writes files in every variant it has (each dtype, both byte
// orders, Fortran order, 0-d, zero-size, format versions 1.0 to 3.0, NaN
// payloads, .npz stored and deflated); Go reads them and compares each
// array, bit for bit, with the raw bytes NumPy wrote beside it. Where NumPy
// wrote a little-endian C-order array as np.save does, Write must write the
// same bytes.
func TestNumPyWritesGoReads(t *testing.T) {
	needNumPy(t)
	dir := t.TempDir()
	runPython(t, "numpy_write.py", dir)
	manifest, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var entries []struct {
		File, Key, Raw, DType string
		Shape                 []int
		Canonical             bool
	}
	if err := json.Unmarshal(manifest, &entries); err != nil {
		t.Fatal(err)
	}
	npzs := make(map[string]map[string]*Array)
	canonical := 0
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(dir, e.Raw))
		if err != nil {
			t.Fatal(err)
		}
		want := &Array{DType: e.DType, Shape: e.Shape, Data: fromBytes(e.DType, raw)}
		path := filepath.Join(dir, e.File)
		var got *Array
		if e.Key == "" {
			got, err = ReadFile(path)
		} else {
			if npzs[e.File] == nil {
				npzs[e.File], err = ReadNPZ(path)
			}
			got = npzs[e.File][e.Key]
			if err == nil && got == nil {
				err = fmt.Errorf("no array %q in %s", e.Key, e.File)
			}
		}
		if err != nil {
			t.Errorf("%s %s: %v", e.File, e.Key, err)
			continue
		}
		name := e.File
		if e.Key != "" {
			name += "/" + e.Key
		}
		t.Run(name, func(t *testing.T) { checkSameArray(t, got, want) })

		if e.Canonical {
			canonical++
			var b bytes.Buffer
			if err := Write(&b, got); err != nil {
				t.Fatal(err)
			}
			file, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b.Bytes(), file) {
				n := min(len(file), 128)
				t.Errorf("%s: Write wrote\n%q...\nnp.save wrote\n%q...", e.File, b.Bytes()[:min(b.Len(), n)], file[:n])
			}
		}
	}
	for name, arrays := range npzs {
		if len(arrays) != len(dtypes)+2 {
			t.Errorf("%s: read %d arrays, want %d", name, len(arrays), len(dtypes)+2)
		}
	}
	if len(entries) < 100 || canonical < 20 {
		t.Errorf("numpy_write.py listed %d arrays, %d written as Write would; want more", len(entries), canonical)
	}
}

// Go writes every dtype in several shapes, as .npy files and as .npz files
// stored and deflated; NumPy loads them, and its dtype, shape and checksum
// of the elements must match Go's.
func TestGoWritesNumPyReads(t *testing.T) {
	needNumPy(t)
	dir := t.TempDir()
	arrays := testArrays()
	for _, dt := range dtypes {
		for name, shape := range map[string][]int{"c": {3, 2}, "0d": {}, "empty": {2, 0}} {
			n, _ := numElements(shape, dt.size)
			arrays[dt.name+"_"+name] = &Array{DType: dt.name, Shape: shape, Data: testData(dt.name, n, 3)}
		}
	}
	arrays["large"] = &Array{DType: "float64", Shape: []int{100, 1001}, Data: testData("float64", 100100, 9)}
	want := make(map[string]*Array)
	for name, a := range arrays {
		if err := WriteFile(filepath.Join(dir, name+".npy"), a); err != nil {
			t.Fatal(err)
		}
		want[name+".npy"] = a
	}
	for file, compress := range map[string]bool{"stored.npz": false, "deflated.npz": true} {
		if err := WriteNPZ(filepath.Join(dir, file), arrays, compress); err != nil {
			t.Fatal(err)
		}
		for name, a := range arrays {
			want[file+"/"+name] = a
		}
	}

	var got map[string]struct {
		DType   string
		Shape   []int
		LittleC bool `json:"little_c"`
		SHA256  string
	}
	if err := json.Unmarshal(runPython(t, "numpy_check.py", dir), &got); err != nil {
		t.Fatal(err)
	}
	for _, name := range slices.Sorted(maps.Keys(want)) {
		a := want[name]
		g, ok := got[name]
		if !ok {
			t.Errorf("NumPy did not load %s", name)
			continue
		}
		sum := sha256.Sum256(rawBytes(a.Data))
		if g.DType != a.DType || !slices.Equal(g.Shape, a.Shape) || !g.LittleC || g.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("NumPy loaded %s as %s %v little-endian C order %v, elements sha256 %s; want %s %v true %x",
				name, g.DType, g.Shape, g.LittleC, g.SHA256, a.DType, a.Shape, sum)
		}
	}
	if len(got) != len(want) {
		t.Errorf("NumPy loaded %d arrays, want %d", len(got), len(want))
	}
}
