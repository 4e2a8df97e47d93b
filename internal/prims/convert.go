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
		cpu.Unary(dst, x, convertLoop[uint8, U])
	case core.Int32:
		cpu.Unary(dst, x, convertLoop[int32, U])
	case core.Int64:
		cpu.Unary(dst, x, convertLoop[int64, U])
	case core.Float32:
		cpu.Unary(dst, x, convertLoop[float32, U])
	case core.Float64:
		cpu.Unary(dst, x, convertLoop[float64, U])
	}
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
