package prims

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// This file holds pad: x surrounded by Low and High copies of a padding
// value along each axis, with Interior copies between neighbours (lax.pad
// restricted to non-negative amounts).

// PadParams are the params of pad, one entry per axis of the operand: the
// number of padding elements before the first element (Low), after the last
// (High) and between each two neighbours (Interior). All are >= 0.
type PadParams struct{ Low, High, Interior []int }

var padP = core.Register(&core.Primitive{
	Name: "pad",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		p := params.(PadParams)
		x, v := in[0], in[1]
		if len(v.Shape) != 0 || v.DType != x.DType {
			core.Panicf("pad", "padding value %v must be a scalar of the operand's dtype %v", v, x.DType)
		}
		n := len(x.Shape)
		if len(p.Low) != n || len(p.High) != n || len(p.Interior) != n {
			core.Panicf("pad", "padding for %d axes given for an operand of shape %v", len(p.Low), core.ShapeString(x.Shape))
		}
		shape := make([]int, n)
		for i, d := range x.Shape {
			if p.Low[i] < 0 || p.High[i] < 0 || p.Interior[i] < 0 {
				core.Panicf("pad", "negative padding (%d, %d, %d) for axis %d", p.Low[i], p.High[i], p.Interior[i], i)
			}
			shape[i] = p.Low[i] + d + p.High[i] + max(d-1, 0)*p.Interior[i]
		}
		return []core.Aval{{DType: x.DType, Shape: shape}}
	},
	Eager: func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		out := allocWritten(outs)
		p := params.(PadParams)
		switch d := out.Buffer().(type) {
		case []bool:
			padInto(d, args[0], args[1], outs[0].Shape, p)
		case []uint8:
			padInto(d, args[0], args[1], outs[0].Shape, p)
		case []int32:
			padInto(d, args[0], args[1], outs[0].Shape, p)
		case []int64:
			padInto(d, args[0], args[1], outs[0].Shape, p)
		case []float32:
			padInto(d, args[0], args[1], outs[0].Shape, p)
		case []float64:
			padInto(d, args[0], args[1], outs[0].Shape, p)
		}
		return out1(out)
	},
	Fusion: core.Opaque,
})

// Pad pads x with the scalar value (same dtype) by low, high and interior
// amounts per axis.
func Pad(x, value *core.Array, low, high, interior []int) *core.Array {
	return core.Bind1(padP, PadParams{Low: low, High: high, Interior: interior}, x, value)
}

func padInto[T core.Element](dst []T, x, value *core.Array, shape []int, p PadParams) {
	var v [1]T
	core.GatherBlock(v[:], value, 0)
	for i := range dst {
		dst[i] = v[0]
	}
	// x lands on the view of dst that starts at Low and steps Interior+1.
	st := core.ContiguousStrides(shape)
	off := 0
	for i := range st {
		off += p.Low[i] * st[i]
		st[i] *= p.Interior[i] + 1
	}
	cpu.CopyToView(dst, st, off, x)
}
