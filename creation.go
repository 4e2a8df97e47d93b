package nd

import (
	"math"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// Zeros returns a new array of the given dtype and shape filled with 0.
func Zeros(dtype DType, shape ...int) *Array {
	checkShape("nd.Zeros", shape)
	checkDTypeValid("nd.Zeros", dtype)
	return wrap(core.Empty(dtype, clone(shape)))
}

// Ones returns a new array of the given dtype and shape filled with 1.
func Ones(dtype DType, shape ...int) *Array { return Full(dtype, 1, shape...) }

// Full returns a new array of the given dtype and shape filled with value
// (converted to dtype as AsType would).
func Full(dtype DType, value float64, shape ...int) *Array {
	checkShape("nd.Full", shape)
	checkDTypeValid("nd.Full", dtype)
	out := core.Empty(dtype, clone(shape))
	switch b := out.Buffer().(type) {
	case []bool:
		fill(b, value != 0)
	case []uint8:
		fill(b, uint8(value))
	case []int32:
		fill(b, int32(value))
	case []int64:
		fill(b, int64(value))
	case []float32:
		fill(b, float32(value))
	case []float64:
		fill(b, value)
	}
	return wrap(out)
}

func fill[T core.Element](b []T, v T) {
	for i := range b {
		b[i] = v
	}
}

// Scalar returns a 0-d array holding v, with the dtype of v's Go type
// (float32 → Float32, int → Int64, ...). Unlike a bare Go number passed to an
// op, the result is strongly typed.
func Scalar[T core.Element | int](v T) *Array {
	switch x := any(v).(type) {
	case int:
		return wrap(scalarOf(core.Int64, []int64{int64(x)}))
	case bool:
		return wrap(scalarOf(core.Bool, []bool{x}))
	case uint8:
		return wrap(scalarOf(core.Uint8, []uint8{x}))
	case int32:
		return wrap(scalarOf(core.Int32, []int32{x}))
	case int64:
		return wrap(scalarOf(core.Int64, []int64{x}))
	case float32:
		return wrap(scalarOf(core.Float32, []float32{x}))
	default:
		return wrap(scalarOf(core.Float64, []float64{any(v).(float64)}))
	}
}

// FromSlice returns a new array of the given shape holding a copy of data
// (C order). With no shape, the result is 1-d. The dtype is that of T.
func FromSlice[T core.Element](data []T, shape ...int) *Array {
	return Wrap(append([]T(nil), data...), shape...)
}

// Wrap returns an array of the given shape that uses data as its buffer,
// without copying. The caller must not modify data afterwards: arrays are
// immutable. With no shape, the result is 1-d.
func Wrap[T core.Element](data []T, shape ...int) *Array {
	if shape == nil {
		shape = []int{len(data)}
	}
	checkShape("nd.Wrap", shape)
	if n := core.ShapeSize(shape); n != len(data) {
		core.Panicf("nd.Wrap", "%d elements do not fill shape %v (size %d)", len(data), core.ShapeString(shape), n)
	}
	return wrap(core.New(core.DTypeOf[T](), clone(shape), data))
}

// Arange returns evenly spaced values in [start, stop) with the given step,
// like np.arange, in dtype (Int64 or a float dtype, typically).
func Arange(dtype DType, start, stop, step float64) *Array {
	checkDTypeValid("nd.Arange", dtype)
	if step == 0 || math.IsNaN(step) || math.IsNaN(start) || math.IsNaN(stop) {
		core.Panicf("nd.Arange", "bad range start=%v stop=%v step=%v", start, stop, step)
	}
	n := int(math.Ceil((stop - start) / step))
	if n < 0 {
		n = 0
	}
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = start + float64(i)*step
	}
	return fromFloats(dtype, vals, []int{n})
}

// Linspace returns num evenly spaced values from start to stop inclusive,
// like np.linspace, in dtype.
func Linspace(dtype DType, start, stop float64, num int) *Array {
	checkDTypeValid("nd.Linspace", dtype)
	if num < 0 {
		core.Panicf("nd.Linspace", "negative number of samples %d", num)
	}
	vals := make([]float64, num)
	if num == 1 {
		vals[0] = start
	} else if num > 1 {
		step := (stop - start) / float64(num-1)
		for i := range vals {
			vals[i] = start + float64(i)*step
		}
		vals[num-1] = stop
	}
	return fromFloats(dtype, vals, []int{num})
}

// Eye returns the n×m identity matrix (ones on the diagonal) in dtype.
func Eye(dtype DType, n, m int) *Array {
	checkShape("nd.Eye", []int{n, m})
	vals := make([]float64, n*m)
	for i := 0; i < min(n, m); i++ {
		vals[i*m+i] = 1
	}
	return fromFloats(dtype, vals, []int{n, m})
}

// fromFloats builds an array of dtype from float64 values.
func fromFloats(dtype DType, vals []float64, shape []int) *Array {
	return wrap(castTo("nd.fromFloats", core.New(core.Float64, shape, vals), dtype))
}

func clone(s []int) []int { return append(make([]int, 0, len(s)), s...) }

func checkShape(op string, shape []int) {
	for _, d := range shape {
		if d < 0 {
			core.Panicf(op, "negative dimension in shape %v", shape)
		}
	}
}

func checkDTypeValid(op string, d DType) {
	if !d.Valid() {
		core.Panicf(op, "invalid dtype %v", d)
	}
}

// ZerosLike returns zeros of x's shape and dtype, like np.zeros_like. The
// result is a broadcast of one element (read-only, no full-size buffer);
// it also works on traced arrays, whose shape is known.
func ZerosLike(x *Array) *Array { return FullLike(x, 0) }

// OnesLike returns ones of x's shape and dtype, like np.ones_like.
func OnesLike(x *Array) *Array { return FullLike(x, 1) }

// FullLike returns an array of x's shape and dtype with every element v,
// like np.full_like.
func FullLike(x *Array, v float64) *Array { return wrap(prims.Filled(v, x.c().Aval())) }
