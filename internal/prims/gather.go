package prims

import (
	"slices"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// This file holds gather, the primitive behind Take and integer-array
// indexing, and the index arithmetic it shares with scatter (scatter.go).
//
// gather{Axes, Mode}(x, indices): indices is an integer array of shape
// (B..., k) with k = len(Axes); each of its B points names one position
// along each of x's Axes (indices[b, j] along Axes[j]). The output has
// shape B + the shape of x without Axes: out[b, r...] = x[point b on Axes,
// r on the other axes in order]. It is XLA's gather with every axis of Axes
// collapsed and full slices on the others, general enough for np.take and
// NumPy's advanced indexing, and simple enough that its transpose is
// scatter-add with the same Axes and Mode.

// IndexMode says what an index outside [-n, n) does (n the axis size).
// Indices in [-n, -1] count from the end, as in NumPy.
type IndexMode uint8

const (
	// IndexClip clamps an out-of-range index to [0, n-1] (JAX's gather).
	IndexClip IndexMode = iota
	// IndexDrop ignores an out-of-range point: gather gives zeros for it,
	// scatter drops its update (JAX's scatter).
	IndexDrop
)

// String returns "clip" or "drop".
func (m IndexMode) String() string {
	if m == IndexDrop {
		return "drop"
	}
	return "clip"
}

// GatherParams are the params of gather: the indexed axes of x, in the
// order of the last axis of indices, and the out-of-range mode.
type GatherParams struct {
	Axes []int
	Mode IndexMode
}

// checkIndexed checks the avals of an indexed operand x and its indices for
// op and returns B (the point shape) and x's remaining shape.
func checkIndexed(op string, x, idx core.Aval, axes []int) (points, rest []int) {
	if !idx.DType.IsInt() {
		core.Panicf(op, "indices have dtype %v, want an integer dtype", idx.DType)
	}
	if len(idx.Shape) == 0 || idx.Shape[len(idx.Shape)-1] != len(axes) {
		core.Panicf(op, "indices of shape %v for %d indexed axes: want shape (..., %d)",
			core.ShapeString(idx.Shape), len(axes), len(axes))
	}
	seen := make([]bool, len(x.Shape))
	for _, a := range axes {
		if a < 0 || a >= len(x.Shape) || seen[a] {
			core.Panicf(op, "indexed axes %v are not distinct axes of shape %v", axes, core.ShapeString(x.Shape))
		}
		seen[a] = true
	}
	for i, d := range x.Shape {
		if !seen[i] {
			rest = append(rest, d)
		}
	}
	return idx.Shape[:len(idx.Shape)-1], rest
}

var gatherP = core.Register(&core.Primitive{
	Name: "gather",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		p := params.(GatherParams)
		points, rest := checkIndexed("gather", in[0], in[1], p.Axes)
		shape := append(slices.Clone(points), rest...)
		return []core.Aval{{DType: in[0].DType, Shape: shape}}
	},
	Eager: func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		p := params.(GatherParams)
		x, out := args[0], alloc(outs)
		bases := pointBases(args[1], x.Shape(), x.Strides(), x.Offset(), p.Axes, p.Mode)
		rowOffs, inner, innerStride := restRows(x.Shape(), x.Strides(), p.Axes)
		switch d := out.Buffer().(type) {
		case []bool:
			cpu.GatherRows(d, x.Buffer().([]bool), bases, rowOffs, inner, innerStride)
		case []uint8:
			cpu.GatherRows(d, x.Buffer().([]uint8), bases, rowOffs, inner, innerStride)
		case []int32:
			cpu.GatherRows(d, x.Buffer().([]int32), bases, rowOffs, inner, innerStride)
		case []int64:
			cpu.GatherRows(d, x.Buffer().([]int64), bases, rowOffs, inner, innerStride)
		case []float32:
			cpu.GatherRows(d, x.Buffer().([]float32), bases, rowOffs, inner, innerStride)
		case []float64:
			cpu.GatherRows(d, x.Buffer().([]float64), bases, rowOffs, inner, innerStride)
		}
		return out1(out)
	},
	Fusion: core.Opaque,
})

// Gather returns the elements of x at the points of indices (shape
// (B..., len(axes))) along axes, with full slices along the other axes:
// shape B + x's shape without axes.
func Gather(x, indices *core.Array, axes []int, mode IndexMode) *core.Array {
	return core.Bind1(gatherP, GatherParams{Axes: axes, Mode: mode}, x, indices)
}

// IndexValues returns the elements of an integer array as int64, C order.
func IndexValues(a *core.Array) []int64 {
	switch a.DType() {
	case core.Int64:
		return core.Data[int64](a)
	case core.Int32:
		return widenIndices(core.Data[int32](a))
	case core.Uint8:
		return widenIndices(core.Data[uint8](a))
	case core.Bool:
		out := make([]int64, a.Size())
		for i, v := range core.Data[bool](a) {
			if v {
				out[i] = 1
			}
		}
		return out
	}
	panic("prims.IndexValues: not an integer array: " + a.DType().String())
}

func widenIndices[T uint8 | int32](v []T) []int64 {
	out := make([]int64, len(v))
	for i, x := range v {
		out[i] = int64(x)
	}
	return out
}

// pointBases returns, for each point of indices, the buffer offset of the
// element it names in an array of the given shape, strides and offset (the
// other axes at 0), or -1 for a point IndexDrop ignores.
func pointBases(indices *core.Array, shape, strides []int, offset int, axes []int, mode IndexMode) []int {
	k := len(axes)
	ishape := indices.Shape()
	n := core.ShapeSize(ishape[:len(ishape)-1])
	bases := make([]int, n)
	if n == 0 {
		return bases
	}
	idx := IndexValues(indices)
	for p := range bases {
		pos := offset
		for j, a := range axes {
			i, size := idx[p*k+j], int64(shape[a])
			switch {
			case i >= 0 && i < size:
			case i < 0 && i >= -size:
				i += size
			case mode == IndexDrop || size == 0:
				pos = -1
			case i < 0:
				i = 0
			default:
				i = size - 1
			}
			if pos < 0 {
				break
			}
			pos += int(i) * strides[a]
		}
		bases[p] = pos
	}
	return bases
}

// restRows describes the block a point selects: the offsets of its rows
// (relative to the point's base), and the length and stride of each row.
func restRows(shape, strides []int, axes []int) (rowOffs []int, inner, innerStride int) {
	var rs, rst []int
	for i := range shape {
		if !slices.Contains(axes, i) {
			rs = append(rs, shape[i])
			rst = append(rst, strides[i])
		}
	}
	if len(rs) == 0 {
		return []int{0}, 1, 1
	}
	return cpu.RowOffsets(rs, rst), rs[len(rs)-1], rst[len(rst)-1]
}
