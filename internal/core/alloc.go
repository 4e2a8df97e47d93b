package core

import "unsafe"

// Uninit allocates a C-contiguous array of the given dtype and shape whose
// elements are not set: np.empty. The caller must write every element
// before the array is read or escapes. Kernels that write their whole
// output use it to skip Go's zeroing, a full extra pass over memory (1.4 ms
// for 64 MB) that makes a large elementwise op a third slower.
func Uninit(dtype DType, shape []int) *Array {
	return New(dtype, shape, MakeBufferUninit(dtype, ShapeSize(shape)))
}

// MakeBufferUninit allocates a typed slice of n elements of dtype d, not
// zeroed, under the same contract as Uninit. Small buffers, where zeroing
// costs nothing, come from make.
func MakeBufferUninit(d DType, n int) any {
	const small = 16 << 10 // bytes
	if n*d.Size() < small {
		return MakeBuffer(d, n)
	}
	p := mallocgc(uintptr(n*d.Size()), nil, false)
	switch d {
	case Bool:
		return unsafe.Slice((*bool)(p), n)
	case Uint8:
		return unsafe.Slice((*uint8)(p), n)
	case Int32:
		return unsafe.Slice((*int32)(p), n)
	case Int64:
		return unsafe.Slice((*int64)(p), n)
	case Float32:
		return unsafe.Slice((*float32)(p), n)
	case Float64:
		return unsafe.Slice((*float64)(p), n)
	}
	panic("core.MakeBufferUninit: invalid dtype " + d.String())
}

// mallocgc is the runtime's allocator. Called with a nil type it returns
// memory the garbage collector does not scan (nd's buffers hold no
// pointers), and needzero false skips the clearing. Its signature is fixed
// by the Go team for the packages that link to it (go.dev/issue/67401).
//
//go:linkname mallocgc runtime.mallocgc
func mallocgc(size uintptr, typ unsafe.Pointer, needzero bool) unsafe.Pointer
