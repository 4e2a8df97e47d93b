package core

import "fmt"

// Element is the set of Go types that back nd's dtypes.
type Element interface {
	bool | uint8 | int32 | int64 | float32 | float64
}

// Number is the set of Go types of the numeric dtypes.
type Number interface {
	uint8 | int32 | int64 | float32 | float64
}

// Float is the set of Go types of the floating-point dtypes.
type Float interface{ float32 | float64 }

// Aval is the abstract value of an array: what is known of it at trace time.
type Aval struct {
	DType DType
	Shape []int
}

// Size returns the number of elements of the abstract value.
func (a Aval) Size() int { return ShapeSize(a.Shape) }

// String formats the aval as "float32[2,3]".
func (a Aval) String() string { return a.DType.String() + ShapeString(a.Shape) }

// Array is the header of an n-dimensional array: a dtype, a shape, element
// strides and an offset into one typed buffer shared by every view of it.
// A symbolic array (one being traced) has no buffer; its trace and payload
// say what it stands for.
type Array struct {
	dtype   DType
	shape   []int
	strides []int
	offset  int
	buf     any // []bool, []uint8, []int32, []int64, []float32 or []float64
	weak    bool

	trace   Trace
	payload any
}

// New returns a C-contiguous array of the given aval over buf, which must
// hold exactly aval.Size() elements of the matching Go type.
func New(dtype DType, shape []int, buf any) *Array {
	return &Array{dtype: dtype, shape: shape, strides: ContiguousStrides(shape), buf: buf}
}

// NewView returns an array header over buf with explicit strides and offset.
func NewView(dtype DType, shape, strides []int, offset int, buf any) *Array {
	return &Array{dtype: dtype, shape: shape, strides: strides, offset: offset, buf: buf}
}

// NewSymbolic returns an array that stands for a value inside trace t.
func NewSymbolic(av Aval, t Trace, payload any) *Array {
	return &Array{dtype: av.DType, shape: av.Shape, trace: t, payload: payload}
}

// Empty allocates a C-contiguous array of the given dtype and shape, filled
// with zeros.
func Empty(dtype DType, shape []int) *Array {
	return New(dtype, shape, MakeBuffer(dtype, ShapeSize(shape)))
}

// MakeBuffer allocates a zeroed typed slice of n elements of dtype d.
func MakeBuffer(d DType, n int) any {
	switch d {
	case Bool:
		return make([]bool, n)
	case Uint8:
		return make([]uint8, n)
	case Int32:
		return make([]int32, n)
	case Int64:
		return make([]int64, n)
	case Float32:
		return make([]float32, n)
	case Float64:
		return make([]float64, n)
	}
	panic(fmt.Sprintf("core.MakeBuffer: invalid dtype %v", d))
}

// DTypeOf returns the dtype whose Go element type is T.
func DTypeOf[T Element]() DType {
	var z T
	switch any(z).(type) {
	case bool:
		return Bool
	case uint8:
		return Uint8
	case int32:
		return Int32
	case int64:
		return Int64
	case float32:
		return Float32
	case float64:
		return Float64
	}
	return Invalid
}

// DType returns the element type.
func (a *Array) DType() DType { return a.dtype }

// Shape returns the dimensions. The caller must not modify it.
func (a *Array) Shape() []int { return a.shape }

// Strides returns the element strides. The caller must not modify it.
func (a *Array) Strides() []int { return a.strides }

// Offset returns the index of the first element in the buffer.
func (a *Array) Offset() int { return a.offset }

// Ndim returns the number of dimensions.
func (a *Array) Ndim() int { return len(a.shape) }

// Size returns the number of elements.
func (a *Array) Size() int { return ShapeSize(a.shape) }

// Aval returns the abstract value (dtype and shape).
func (a *Array) Aval() Aval { return Aval{a.dtype, a.shape} }

// Buffer returns the typed slice the array views (nil if symbolic).
func (a *Array) Buffer() any { return a.buf }

// Weak reports whether the array is a weakly typed Go scalar.
func (a *Array) Weak() bool { return a.weak }

// SetWeak marks a freshly made array as a weakly typed scalar.
func (a *Array) SetWeak(w bool) *Array { a.weak = w; return a }

// Trace returns the trace a symbolic array belongs to, or nil.
func (a *Array) Trace() Trace { return a.trace }

// Payload returns the trace-specific data of a symbolic array.
func (a *Array) Payload() any { return a.payload }

// IsSymbolic reports whether the array is a stand-in inside a trace.
func (a *Array) IsSymbolic() bool { return a.trace != nil }

// IsContiguous reports whether the array is laid out in C order with no gaps
// (so its elements are buf[offset : offset+Size()]).
func (a *Array) IsContiguous() bool {
	want := 1
	for i := len(a.shape) - 1; i >= 0; i-- {
		if a.shape[i] != 1 && a.strides[i] != want {
			return false
		}
		want *= a.shape[i]
	}
	return true
}

// Data returns the contiguous elements of a as a slice of T, sharing the
// buffer when a is contiguous and copying otherwise. T must match the dtype.
func Data[T Element](a *Array) []T {
	if a.IsContiguous() {
		buf := a.buf.([]T)
		return buf[a.offset : a.offset+a.Size()]
	}
	return Contiguous(a).buf.([]T)
}

// ShapeSize returns the product of the dimensions (1 for a scalar).
func ShapeSize(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// ContiguousStrides returns C-order element strides for shape.
func ContiguousStrides(shape []int) []int {
	st := make([]int, len(shape))
	s := 1
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = s
		s *= shape[i]
	}
	return st
}

// ShapeString formats a shape as NumPy prints it: (2, 3), (4,), ().
func ShapeString(shape []int) string {
	switch len(shape) {
	case 0:
		return "()"
	case 1:
		return fmt.Sprintf("(%d,)", shape[0])
	}
	s := "("
	for i, d := range shape {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprint(d)
	}
	return s + ")"
}

// EqualShapes reports whether a and b have the same dimensions.
func EqualShapes(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Contiguous returns a itself if it is C-contiguous, and otherwise a
// C-contiguous copy.
func Contiguous(a *Array) *Array {
	if a.IsContiguous() {
		return a
	}
	out := Empty(a.dtype, a.shape)
	CopyInto(out, a)
	return out
}

// CopyInto copies the elements of src (any layout) into dst, which must be
// C-contiguous with the same shape and dtype.
func CopyInto(dst, src *Array) {
	switch d := dst.buf.(type) {
	case []bool:
		copyStrided(d[dst.offset:], src)
	case []uint8:
		copyStrided(d[dst.offset:], src)
	case []int32:
		copyStrided(d[dst.offset:], src)
	case []int64:
		copyStrided(d[dst.offset:], src)
	case []float32:
		copyStrided(d[dst.offset:], src)
	case []float64:
		copyStrided(d[dst.offset:], src)
	}
}

func copyStrided[T Element](dst []T, src *Array) {
	n := src.Size()
	if n == 0 {
		return
	}
	GatherBlock(dst[:n], src, 0)
}

// GatherBlock fills dst with the elements of a at C-order flat positions
// start, start+1, ..., start+len(dst)-1, following a's strides. It is the
// one strided reader every kernel uses for non-contiguous inputs.
func GatherBlock[T Element](dst []T, a *Array, start int) {
	buf := a.buf.([]T)
	nd := len(a.shape)
	if nd == 0 {
		v := buf[a.offset]
		for i := range dst {
			dst[i] = v
		}
		return
	}
	// Multi-index of start.
	var idxStore [8]int
	idx := idxStore[:0]
	if nd > len(idxStore) {
		idx = make([]int, nd)
	} else {
		idx = idxStore[:nd]
	}
	rem := start
	pos := a.offset
	for i := nd - 1; i >= 0; i-- {
		d := a.shape[i]
		idx[i] = rem % d
		rem /= d
		pos += idx[i] * a.strides[i]
	}
	last := nd - 1
	inner, innerStride := a.shape[last], a.strides[last]
	for k := 0; k < len(dst); {
		run := min(inner-idx[last], len(dst)-k)
		out := dst[k : k+run]
		switch innerStride {
		case 0:
			v := buf[pos]
			for i := range out {
				out[i] = v
			}
		case 1:
			copy(out, buf[pos:pos+run])
		default:
			p := pos
			for i := range out {
				out[i] = buf[p]
				p += innerStride
			}
		}
		k += run
		// Advance the multi-index by run elements: to the start of the next row.
		pos += (run - 1) * innerStride
		idx[last] += run - 1
		for i := last; i >= 0; i-- {
			idx[i]++
			pos += a.strides[i]
			if idx[i] < a.shape[i] || i == 0 {
				break
			}
			pos -= idx[i] * a.strides[i]
			idx[i] = 0
		}
	}
}
