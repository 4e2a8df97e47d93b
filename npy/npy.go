package npy

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Array is an n-dimensional array as stored in a .npy file: an element
// type, a shape and the elements in C (row-major) order.
type Array struct {
	// DType names the element type, as NumPy does: "bool", "int8",
	// "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
	// "float32", "float64", "complex64" or "complex128".
	DType string
	// Shape holds the dimensions; an empty Shape is a 0-d array, a scalar.
	Shape []int
	// Data holds the elements in a slice of the Go type that DType names
	// ([]float64 for "float64"), with one element per index of Shape.
	Data any
}

// Read reads one .npy array from r. It consumes exactly the bytes of the
// array and leaves what follows in r, so arrays written one after another
// to a stream can be read back one after another. The error is io.EOF only
// if r holds no bytes at all.
func Read(r io.Reader) (*Array, error) {
	a, err := readArray(r, -1)
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	return a, nil
}

// ReadFile reads the .npy file at path. Bytes after the array are ignored,
// as NumPy ignores them.
func ReadFile(path string) (*Array, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	defer f.Close()
	size := int64(-1)
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		size = info.Size()
	}
	a, err := readArray(f, size)
	if err != nil {
		return nil, fmt.Errorf("npy: read %s: %w", path, err)
	}
	return a, nil
}

// readArray reads one array from r, which holds size bytes, or an unknown
// number if size is -1.
func readArray(r io.Reader, size int64) (*Array, error) {
	h, n, err := readHeader(r)
	if err != nil {
		return nil, err
	}
	if size >= 0 {
		size -= n
	}
	data, err := h.dtype.read(r, h.size, h.order, size)
	if err != nil {
		return nil, err
	}
	if h.fortranOrder {
		data = h.dtype.fortranToC(data, h.shape)
	}
	return &Array{DType: h.dtype.name, Shape: h.shape, Data: data}, nil
}

// Write writes a to w in .npy format: version 1.0 (2.0 if the header
// is longer than 1.0 allows), little-endian, C order. It checks a first:
// DType must be known, Data's type must match it and Data must hold as
// many elements as Shape says.
func Write(w io.Writer, a *Array) error {
	dt, err := checkArray(a)
	if err == nil {
		err = writeArray(w, dt, a)
	}
	if err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	return nil
}

// WriteFile writes a to the .npy file at path, as Write does, replacing
// any file there. The array goes to a temporary file in the same directory
// that is then renamed into place, so a failed write leaves the old file,
// if any, as it was; an invalid a fails before any file is created.
func WriteFile(path string, a *Array) error {
	dt, err := checkArray(a)
	if err == nil {
		err = writeFileAtomic(path, func(w io.Writer) error { return writeArray(w, dt, a) })
	}
	if err != nil {
		return fmt.Errorf("npy: write %s: %w", path, err)
	}
	return nil
}

// checkArray checks that a can be written and returns its dtype.
func checkArray(a *Array) (*dtype, error) {
	if a == nil {
		return nil, fmt.Errorf("nil *Array")
	}
	dt, err := dtypeByName(a.DType)
	if err != nil {
		return nil, err
	}
	n, err := numElements(a.Shape, dt.size)
	if err != nil {
		return nil, fmt.Errorf("shape %s: %w", shapeRepr(a.Shape), err)
	}
	length, ok := dt.length(a.Data)
	if !ok {
		// Each dtype's Go slice type is named after it.
		return nil, fmt.Errorf("dtype %s needs Data of type []%s, not %T", dt.name, dt.name, a.Data)
	}
	if length != n {
		return nil, fmt.Errorf("shape %s needs %d elements, Data has %d", shapeRepr(a.Shape), n, length)
	}
	return dt, nil
}

// writeArray writes a, already checked to have dtype dt.
func writeArray(w io.Writer, dt *dtype, a *Array) error {
	if _, err := w.Write(formatHeader(dt, a.Shape)); err != nil {
		return err
	}
	return dt.write(w, a.Data)
}

// writeFileAtomic creates or replaces the file at path with what write
// writes, so that path holds either its old content or all of the new:
// the bytes go to a temporary file in the same directory, which is synced
// and then renamed over path. On failure the temporary file is removed.
func writeFileAtomic(path string, write func(w io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+"-*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	// CreateTemp makes the file private; give it the permissions of the
	// file it replaces, or those of an ordinary new file.
	perm := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		perm = info.Mode().Perm()
	}
	if err := f.Chmod(perm); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, chunkBytes)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	// Syncing the directory makes the rename itself durable. Not every
	// system can open a directory for that, so failing to is no error.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
