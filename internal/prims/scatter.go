package prims

import (
	"slices"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// This file holds scatter, gather's inverse: scatter{Axes, Mode, Op}(x,
// indices, updates) returns a copy of x in which the block each point of
// indices names (as in gather) is combined with the matching block of
// updates (shape B + x's shape without Axes). Points are applied in C
// order: with Op add, repeated points accumulate (np.add.at); with Op set,
// the last one wins. scatter-add is the transpose of gather.

// ScatterOp says how scatter combines an update with the element it lands
// on (set, add, mul, min, max; on bool add/max are "or", mul/min "and").
type ScatterOp = cpu.ScatterOp

// The scatter combiners.
const (
	ScatterSet = cpu.ScatterSet
	ScatterAdd = cpu.ScatterAdd
	ScatterMul = cpu.ScatterMul
	ScatterMin = cpu.ScatterMin
	ScatterMax = cpu.ScatterMax
)

// ScatterParams are the params of scatter: the indexed axes, the
// out-of-range mode and the combiner.
type ScatterParams struct {
	Axes []int
	Mode IndexMode
	Op   ScatterOp
}

var scatterP = core.Register(&core.Primitive{
	Name: "scatter",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		p := params.(ScatterParams)
		x, upd := in[0], in[2]
		points, rest := checkIndexed("scatter", x, in[1], p.Axes)
		want := append(slices.Clone(points), rest...)
		if upd.DType != x.DType {
			core.Panicf("scatter", "updates dtype %v differs from operand dtype %v", upd.DType, x.DType)
		}
		if !core.EqualShapes(upd.Shape, want) {
			core.Panicf("scatter", "updates of shape %v, want %v", core.ShapeString(upd.Shape), core.ShapeString(want))
		}
		return []core.Aval{x}
	},
	Eager: func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		p := params.(ScatterParams)
		x, upd := args[0], args[2]
		out := allocWritten(outs)
		core.CopyInto(out, x)
		bases := pointBases(args[1], out.Shape(), out.Strides(), 0, p.Axes, p.Mode)
		rowOffs, inner, innerStride := restRows(out.Shape(), out.Strides(), p.Axes)
		switch d := out.Buffer().(type) {
		case []bool:
			cpu.ScatterRows(d, core.Data[bool](upd), bases, rowOffs, inner, innerStride, p.Op)
		case []uint8:
			cpu.ScatterRows(d, core.Data[uint8](upd), bases, rowOffs, inner, innerStride, p.Op)
		case []int32:
			cpu.ScatterRows(d, core.Data[int32](upd), bases, rowOffs, inner, innerStride, p.Op)
		case []int64:
			cpu.ScatterRows(d, core.Data[int64](upd), bases, rowOffs, inner, innerStride, p.Op)
		case []float32:
			cpu.ScatterRows(d, core.Data[float32](upd), bases, rowOffs, inner, innerStride, p.Op)
		case []float64:
			cpu.ScatterRows(d, core.Data[float64](upd), bases, rowOffs, inner, innerStride, p.Op)
		}
		return out1(out)
	},
	Fusion: core.Opaque,
})

// Scatter returns a copy of x with updates combined by op into the blocks
// named by the points of indices along axes (see gather for the layout).
func Scatter(x, indices, updates *core.Array, axes []int, mode IndexMode, op ScatterOp) *core.Array {
	return core.Bind1(scatterP, ScatterParams{Axes: axes, Mode: mode, Op: op}, x, indices, updates)
}
