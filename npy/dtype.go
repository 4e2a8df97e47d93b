package npy

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
)

// element is the set of Go types that hold the elements of an Array.
type element interface {
	bool | int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64 |
		float32 | float64 | complex64 | complex128
}

// A dtype describes one element type: its name in nd and NumPy, its NumPy
// type string (kind and size), and the codecs, instantiated for its Go type,
// that move a []T to and from the bytes of a file.
type dtype struct {
	name string // "float64"
	kind byte   // NumPy kind: 'b', 'i', 'u', 'f' or 'c'
	size int    // bytes per element

	// length reports len(data) and whether data is a []T of this dtype.
	length func(data any) (int, bool)
	// read reads n elements in the given byte order; see readElements.
	read func(r io.Reader, n int, order binary.ByteOrder, avail int64) (any, error)
	// write writes data, a []T, in little-endian order.
	write func(w io.Writer, data any) error
	// fortranToC returns data, laid out in Fortran order, in C order.
	fortranToC func(data any, shape []int) any
}

// dtypes lists every supported element type; NumPy names them the same way.
var dtypes = []dtype{
	newDType[bool]("bool", 'b'),
	newDType[int8]("int8", 'i'),
	newDType[int16]("int16", 'i'),
	newDType[int32]("int32", 'i'),
	newDType[int64]("int64", 'i'),
	newDType[uint8]("uint8", 'u'),
	newDType[uint16]("uint16", 'u'),
	newDType[uint32]("uint32", 'u'),
	newDType[uint64]("uint64", 'u'),
	newDType[float32]("float32", 'f'),
	newDType[float64]("float64", 'f'),
	newDType[complex64]("complex64", 'c'),
	newDType[complex128]("complex128", 'c'),
}

func newDType[T element](name string, kind byte) dtype {
	var zero T
	return dtype{
		name: name,
		kind: kind,
		size: binary.Size(zero),
		length: func(data any) (int, bool) {
			s, ok := data.([]T)
			return len(s), ok
		},
		read: func(r io.Reader, n int, order binary.ByteOrder, avail int64) (any, error) {
			return readElements[T](r, n, order, avail)
		},
		write: func(w io.Writer, data any) error {
			return writeElements(w, data.([]T))
		},
		fortranToC: func(data any, shape []int) any {
			return fortranToC(data.([]T), shape)
		},
	}
}

// dtypeByName returns the dtype called name.
func dtypeByName(name string) (*dtype, error) {
	for i := range dtypes {
		if dtypes[i].name == name {
			return &dtypes[i], nil
		}
	}
	return nil, fmt.Errorf("unsupported dtype %q", name)
}

// parseDescr parses a NumPy type string such as "<f8", "|b1" or ">i4"
// into a dtype and the byte order of its elements.
func parseDescr(descr string) (*dtype, binary.ByteOrder, error) {
	s := descr
	var order binary.ByteOrder = binary.LittleEndian
	if s != "" {
		switch s[0] {
		case '<':
			s = s[1:]
		case '>':
			order = binary.BigEndian
			s = s[1:]
		case '|', '=':
			// NumPy reads both as the machine's order; '|' is what it
			// writes for one-byte types, where order does not matter.
			order = binary.NativeEndian
			s = s[1:]
		}
	}
	for i := range dtypes {
		if s == dtypes[i].typeString() {
			return &dtypes[i], order, nil
		}
	}
	return nil, nil, fmt.Errorf("unsupported dtype %q", descr)
}

// typeString returns d's NumPy type string without a byte order: "f8".
func (d *dtype) typeString() string {
	return string(d.kind) + strconv.Itoa(d.size)
}

// descr returns the little-endian NumPy type string of d, as NumPy writes it.
func (d *dtype) descr() string {
	if d.size == 1 {
		return "|" + d.typeString()
	}
	return "<" + d.typeString()
}

// chunkBytes is how many bytes of element data are read or written at a time.
// It bounds what a reader allocates ahead of the data actually arriving.
const chunkBytes = 64 << 10

// readElements reads n elements of type T stored in the given byte order.
// avail is the number of bytes known to remain in r, or -1 if unknown.
// When avail is unknown the slice grows only as data arrives, so a header
// claiming a huge shape costs no more memory than the input really holds.
func readElements[T element](r io.Reader, n int, order binary.ByteOrder, avail int64) ([]T, error) {
	var zero T
	size := binary.Size(zero)
	need := n * size // checked not to overflow by the caller
	if avail >= 0 && avail < int64(need) {
		return nil, readError("data", int(avail), need, io.EOF)
	}
	perChunk := chunkBytes / size
	capacity := min(n, perChunk)
	if avail >= 0 {
		capacity = n
	}
	data := make([]T, 0, capacity)
	buf := make([]byte, min(n, perChunk)*size)
	for len(data) < n {
		k := min(n-len(data), perChunk)
		got, err := io.ReadFull(r, buf[:k*size])
		if err != nil {
			return nil, readError("data", len(data)*size+got, need, err)
		}
		start := len(data)
		data = slices.Grow(data, k)[:start+k]
		decodeElements(data[start:], buf[:k*size], order)
	}
	return data, nil
}

// writeElements writes data in little-endian order.
func writeElements[T element](w io.Writer, data []T) error {
	var zero T
	size := binary.Size(zero)
	perChunk := chunkBytes / size
	buf := make([]byte, min(len(data), perChunk)*size)
	for len(data) > 0 {
		k := min(len(data), perChunk)
		encodeElements(buf[:k*size], data[:k])
		if _, err := w.Write(buf[:k*size]); err != nil {
			return err
		}
		data = data[k:]
	}
	return nil
}

// decodeElements fills dst from src, which holds exactly len(dst) elements.
func decodeElements[T element](dst []T, src []byte, order binary.ByteOrder) {
	switch d := any(dst).(type) {
	case []complex64:
		for i := range d {
			re := math.Float32frombits(order.Uint32(src[8*i:]))
			im := math.Float32frombits(order.Uint32(src[8*i+4:]))
			d[i] = complex(re, im)
		}
	case []complex128:
		for i := range d {
			re := math.Float64frombits(order.Uint64(src[16*i:]))
			im := math.Float64frombits(order.Uint64(src[16*i+8:]))
			d[i] = complex(re, im)
		}
	default:
		// encoding/binary has typed loops for the other types; src must
		// not be longer than dst needs (its []bool loop ranges over src).
		binary.Decode(src, order, dst)
	}
}

// encodeElements writes src into dst, which has room for exactly len(src)
// elements, in little-endian order.
func encodeElements[T element](dst []byte, src []T) {
	le := binary.LittleEndian
	switch s := any(src).(type) {
	case []complex64:
		for i, v := range s {
			le.PutUint32(dst[8*i:], math.Float32bits(real(v)))
			le.PutUint32(dst[8*i+4:], math.Float32bits(imag(v)))
		}
	case []complex128:
		for i, v := range s {
			le.PutUint64(dst[16*i:], math.Float64bits(real(v)))
			le.PutUint64(dst[16*i+8:], math.Float64bits(imag(v)))
		}
	default:
		binary.Encode(dst, le, src)
	}
}

// fortranToC returns the elements of f, an array of the given shape laid
// out in Fortran (column-major) order, in C (row-major) order.
func fortranToC[T any](f []T, shape []int) []T {
	// Dimensions of size 1 do not change the layout; dropping them bounds
	// the work per element by the 63 dimensions of size ≥ 2 an int allows.
	dims := make([]int, 0, len(shape))
	for _, d := range shape {
		if d != 1 {
			dims = append(dims, d)
		}
	}
	if len(dims) < 2 || len(f) == 0 {
		return f
	}
	strides := make([]int, len(dims)) // Fortran strides, in elements
	stride := 1
	for k, d := range dims {
		strides[k] = stride
		stride *= d
	}
	c := make([]T, len(f))
	index := make([]int, len(dims))
	offset := 0
	for i := range c {
		c[i] = f[offset]
		for k := len(dims) - 1; k >= 0; k-- {
			index[k]++
			offset += strides[k]
			if index[k] < dims[k] {
				break
			}
			index[k] = 0
			offset -= strides[k] * dims[k]
		}
	}
	return c
}
