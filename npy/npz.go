package npy

import (
	"archive/zip"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"time"
)

// ReadNPZ reads the .npz file at path and returns its arrays by name: the
// entry "x.npy" holds the array "x". Entries may be stored or deflated, as
// np.savez and np.savez_compressed write them. An entry that is not a .npy
// file is an error; bytes after an entry's array are ignored.
func ReadNPZ(path string) (map[string]*Array, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	arrays, err := readNPZ(f, info.Size())
	if err != nil {
		return nil, fmt.Errorf("npy: read %s: %w", path, err)
	}
	return arrays, nil
}

// ReadNPZFrom reads a .npz archive of size bytes from r, as ReadNPZ does.
func ReadNPZFrom(r io.ReaderAt, size int64) (map[string]*Array, error) {
	arrays, err := readNPZ(r, size)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	return arrays, nil
}

func readNPZ(r io.ReaderAt, size int64) (map[string]*Array, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, err
	}
	arrays := make(map[string]*Array, len(zr.File))
	for _, f := range zr.File {
		name, ok := strings.CutSuffix(f.Name, ".npy")
		if !ok {
			return nil, fmt.Errorf("entry %q is not a .npy file", f.Name)
		}
		if _, dup := arrays[name]; dup {
			return nil, fmt.Errorf("duplicate entry %q", f.Name)
		}
		a, err := readEntry(f)
		if err != nil {
			return nil, fmt.Errorf("entry %q: %w", f.Name, err)
		}
		arrays[name] = a
	}
	return arrays, nil
}

// readEntry reads the array in one entry of a .npz archive.
func readEntry(f *zip.File) (*Array, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// The sizes in a zip header are not backed by the bytes that follow
	// (a deflated entry may claim any size), so they give no hint.
	a, err := readArray(rc, -1)
	if err != nil {
		return nil, err
	}
	// archive/zip checks an entry's checksum when it reaches its end.
	if _, err := io.Copy(io.Discard, rc); err != nil {
		return nil, err
	}
	return a, nil
}

// WriteNPZ writes arrays to the .npz file at path, replacing any file
// there, atomically as WriteFile does. The array called "x" becomes the
// entry "x.npy"; entries are deflated if compress is true and stored
// otherwise. The file's bytes depend only on its arrays: entries follow
// in the order of their names, with a fixed modification time.
func WriteNPZ(path string, arrays map[string]*Array, compress bool) error {
	names, dts, err := checkNPZ(arrays)
	if err == nil {
		err = writeFileAtomic(path, func(w io.Writer) error { return writeNPZ(w, arrays, names, dts, compress) })
	}
	if err != nil {
		return fmt.Errorf("npy: write %s: %w", path, err)
	}
	return nil
}

// WriteNPZTo writes arrays to w as a .npz archive, as WriteNPZ does.
func WriteNPZTo(w io.Writer, arrays map[string]*Array, compress bool) error {
	names, dts, err := checkNPZ(arrays)
	if err == nil {
		err = writeNPZ(w, arrays, names, dts, compress)
	}
	if err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	return nil
}

// checkNPZ checks every array, returning their sorted names and dtypes.
func checkNPZ(arrays map[string]*Array) ([]string, []*dtype, error) {
	names := slices.Sorted(maps.Keys(arrays))
	dts := make([]*dtype, len(names))
	for i, name := range names {
		dt, err := checkArray(arrays[name])
		if err != nil {
			return nil, nil, fmt.Errorf("array %q: %w", name, err)
		}
		dts[i] = dt
	}
	return names, dts, nil
}

// zipEpoch, the earliest time a zip file can record, is the modification
// time of every entry WriteNPZ writes.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

func writeNPZ(w io.Writer, arrays map[string]*Array, names []string, dts []*dtype, compress bool) error {
	method := zip.Store
	if compress {
		method = zip.Deflate
	}
	zw := zip.NewWriter(w)
	for i, name := range names {
		entry, err := zw.CreateHeader(&zip.FileHeader{Name: name + ".npy", Method: method, Modified: zipEpoch})
		if err != nil {
			return err
		}
		if err := writeArray(entry, dts[i], arrays[name]); err != nil {
			return fmt.Errorf("array %q: %w", name, err)
		}
	}
	return zw.Close()
}
