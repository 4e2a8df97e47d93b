package prims

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// convert changes the dtype of its operand elementwise (NumPy's astype):
// bools become 0/1, numbers become bool by != 0, floats truncate to ints.
var convertP = core.Register(&core.Primitive{
	Name: "convert",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		return []core.Aval{{DType: params.(ConvertParams).DType, Shape: in[0].Shape}}
	},
	Eager: func(args []*core.Array, outs []core.Aval, _ any) []*core.Array {
		out := alloc(outs)
		switch d := out.Buffer().(type) {
		case []bool:
			convertTo(d, args[0])
		case []uint8:
			convertTo(d, args[0])
		case []int32:
			convertTo(d, args[0])
		case []int64:
			convertTo(d, args[0])
		case []float32:
			convertTo(d, args[0])
		case []float64:
			convertTo(d, args[0])
		}
		return out1(out)
	},
	Loop:   convertBound,
	Fusion: core.Elementwise,
})

// ConvertParams are the params of convert: the target dtype.
type ConvertParams struct{ DType core.DType }

// Convert returns x with its elements converted to dtype d (x itself when
// the dtype already matches).
func Convert(x *core.Array, d core.DType) *core.Array {
	if x.DType() == d {
		return x
	}
	return core.Bind1(convertP, ConvertParams{d}, x)
}

func convertTo[U core.Element](dst []U, x *core.Array) {
	switch x.DType() {
	case core.Bool:
		cpu.Unary(dst, x, fromBool[U])
	case core.Uint8:
		cpu.Unary(dst, x, convertLoopOf[uint8, U]())
	case core.Int32:
		cpu.Unary(dst, x, convertLoopOf[int32, U]())
	case core.Int64:
		cpu.Unary(dst, x, convertLoopOf[int64, U]())
	case core.Float32:
		cpu.Unary(dst, x, convertLoopOf[float32, U]())
	case core.Float64:
		cpu.Unary(dst, x, convertLoopOf[float64, U]())
	}
}

// convertLoopOf returns the loop converting T to U: a vector kernel where
// the CPU has one, else convertLoop.
func convertLoopOf[T core.Number, U core.Element]() func([]U, []T) {
	if k, ok := vectorConverts[[2]core.DType{core.DTypeOf[T](), core.DTypeOf[U]()}]; ok {
		return k.(func([]U, []T))
	}
	return convertLoop[T, U]
}

// vectorConverts holds the conversions the CPU may vectorize, keyed by
// source and target dtype. A number becomes a bool by != 0, which is the
// comparison kernel against a scalar 0.
var vectorConverts = map[[2]core.DType]any{
	{core.Float32, core.Float64}: cpu.VectorConvert(convertLoop[float32, float64]),
	{core.Float64, core.Float32}: cpu.VectorConvert(convertLoop[float64, float32]),
	{core.Int32, core.Float32}:   cpu.VectorConvert(convertLoop[int32, float32]),
	{core.Int64, core.Float64}:   cpu.VectorConvert(convertLoop[int64, float64]),
	{core.Int32, core.Float64}:   cpu.VectorConvert(convertLoop[int32, float64]),
	{core.Int64, core.Float32}:   cpu.VectorConvert(convertLoop[int64, float32]),
	{core.Float32, core.Int32}:   cpu.VectorConvert(convertLoop[float32, int32]),
	{core.Float64, core.Int64}:   cpu.VectorConvert(convertLoop[float64, int64]),
	{core.Float32, core.Int64}:   cpu.VectorConvert(convertLoop[float32, int64]),
	{core.Float64, core.Int32}:   cpu.VectorConvert(convertLoop[float64, int32]),
	{core.Int32, core.Int64}:     cpu.VectorConvert(convertLoop[int32, int64]),
	{core.Int64, core.Int32}:     cpu.VectorConvert(convertLoop[int64, int32]),
	{core.Int32, core.Bool}:      nonzeroLoop[int32](),
	{core.Int64, core.Bool}:      nonzeroLoop[int64](),
	{core.Float32, core.Bool}:    nonzeroLoop[float32](),
	{core.Float64, core.Bool}:    nonzeroLoop[float64](),
}

// nonzeroLoop returns the loop of x != 0 into bools.
func nonzeroLoop[T core.Number]() func([]bool, []T) {
	k := cpu.VectorBinary("ne", neKernels[T]())
	return func(d []bool, x []T) { k.VS(d, x, 0) }
}

func fromBool[U core.Element](d []U, x []bool) {
	var one, zero U
	switch p := any(&one).(type) {
	case *bool:
		*p = true
	case *uint8:
		*p = 1
	case *int32:
		*p = 1
	case *int64:
		*p = 1
	case *float32:
		*p = 1
	case *float64:
		*p = 1
	}
	d = d[:len(x)]
	for i, v := range x {
		if v {
			d[i] = one
		} else {
			d[i] = zero
		}
	}
}

func convertLoop[T core.Number, U core.Element](d []U, x []T) {
	d = d[:len(x)]
	switch dd := any(d).(type) {
	case []bool:
		for i, v := range x {
			dd[i] = v != 0
		}
	case []uint8:
		numConvert(dd, x)
	case []int32:
		numConvert(dd, x)
	case []int64:
		numConvert(dd, x)
	case []float32:
		numConvert(dd, x)
	case []float64:
		numConvert(dd, x)
	}
}

func numConvert[T, U core.Number](d []U, x []T) {
	d = d[:len(x)]
	for i, v := range x {
		d[i] = U(v)
	}
}
