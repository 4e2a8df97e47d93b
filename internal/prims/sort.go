package prims

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// This file holds sort and top_k.
//
// sort{Axis, NumKeys}(xs...) sorts operands of one shape (any dtypes)
// together along Axis, like XLA's multi-operand sort: the order is that of
// the first NumKeys operands compared lexicographically (ascending, NaN
// last, bool false first), ties keeping their input order (stable); every
// operand is permuted by it. Sorting a key with an iota beside it gives
// argsort.
//
// top_k{K}(x) returns the K largest elements along the last axis (NaN
// counts as largest), largest first, ties by lower index first, and their
// int64 indices.

// SortParams are the params of sort.
type SortParams struct{ Axis, NumKeys int }

var sortP = core.Register(&core.Primitive{
	Name: "sort",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		p := params.(SortParams)
		if len(in) == 0 {
			core.Panicf("sort", "need at least one operand")
		}
		if p.NumKeys < 1 || p.NumKeys > len(in) {
			core.Panicf("sort", "%d keys among %d operands", p.NumKeys, len(in))
		}
		shape := in[0].Shape
		if p.Axis < 0 || p.Axis >= len(shape) {
			core.Panicf("sort", "axis %d out of range for shape %v", p.Axis, core.ShapeString(shape))
		}
		for _, a := range in {
			if !core.EqualShapes(a.Shape, shape) {
				core.Panicf("sort", "operand shapes %v and %v differ", core.ShapeString(shape), core.ShapeString(a.Shape))
			}
		}
		return append([]core.Aval(nil), in...)
	},
	Eager:  sortEager,
	Fusion: core.Opaque,
})

// Sort sorts xs together along axis by the first numKeys of them.
func Sort(xs []*core.Array, axis, numKeys int) []*core.Array {
	return core.Bind(sortP, xs, SortParams{Axis: axis, NumKeys: numKeys})
}

// axisLast returns the permutation that moves axis to the end, and its
// inverse.
func axisLast(ndim, axis int) (perm, inv []int) {
	perm = make([]int, 0, ndim)
	for i := range ndim {
		if i != axis {
			perm = append(perm, i)
		}
	}
	perm = append(perm, axis)
	inv = make([]int, ndim)
	for i, p := range perm {
		inv[p] = i
	}
	return perm, inv
}

// rowsOf returns x's elements with axis moved last, C-contiguous (x's own
// buffer when that is already its layout: read it, never write it).
func rowsOf(x *core.Array, perm []int) *core.Array {
	st := make([]int, len(perm))
	shape := make([]int, len(perm))
	for i, p := range perm {
		st[i], shape[i] = x.Strides()[p], x.Shape()[p]
	}
	return core.Contiguous(core.NewView(x.DType(), shape, st, x.Offset(), x.Buffer()))
}

// unrows views a C-contiguous array in moved-axis order back in the
// original axis order.
func unrows(y *core.Array, inv []int) *core.Array {
	st := make([]int, len(inv))
	shape := make([]int, len(inv))
	for i, p := range inv {
		st[i], shape[i] = y.Strides()[p], y.Shape()[p]
	}
	return core.NewView(y.DType(), shape, st, y.Offset(), y.Buffer())
}

func sortEager(args []*core.Array, outs []core.Aval, params any) []*core.Array {
	p := params.(SortParams)
	x0 := args[0]
	perm, inv := axisLast(x0.Ndim(), p.Axis)
	n := x0.Shape()[p.Axis]
	rows := make([]*core.Array, len(args))
	for i, a := range args {
		rows[i] = rowsOf(a, perm)
	}
	res := make([]*core.Array, len(args))
	if len(args) == 1 {
		// Values only: sort a copy in place.
		y := core.Empty(x0.DType(), rows[0].Shape())
		core.CopyInto(y, rows[0])
		switch d := y.Buffer().(type) {
		case []bool:
			cpu.SortBoolRows(d, n)
		case []uint8:
			cpu.SortRows(d, n)
		case []int32:
			cpu.SortRows(d, n)
		case []int64:
			cpu.SortRows(d, n)
		case []float32:
			cpu.SortRows(d, n)
		case []float64:
			cpu.SortRows(d, n)
		}
		res[0] = unrows(y, inv)
		return res
	}
	size := x0.Size()
	order := make([]int, size)
	if p.NumKeys == 1 {
		switch k := rows[0]; k.DType() {
		case core.Bool:
			cpu.ArgSortRows(order, boolsAsBytes(rowData[bool](k)), n)
		case core.Uint8:
			cpu.ArgSortRows(order, rowData[uint8](k), n)
		case core.Int32:
			cpu.ArgSortRows(order, rowData[int32](k), n)
		case core.Int64:
			cpu.ArgSortRows(order, rowData[int64](k), n)
		case core.Float32:
			cpu.ArgSortRows(order, rowData[float32](k), n)
		case core.Float64:
			cpu.ArgSortRows(order, rowData[float64](k), n)
		}
	} else {
		keys := make([]cpu.SortKey, p.NumKeys)
		for i := range keys {
			keys[i] = sortKeyOf(rows[i], n)
		}
		cpu.LexSortRows(order, keys, size/max(n, 1), n)
	}
	for i, r := range rows {
		y := core.Empty(r.DType(), r.Shape())
		switch d := y.Buffer().(type) {
		case []bool:
			cpu.PermuteRows(d, rowData[bool](r), order, n)
		case []uint8:
			cpu.PermuteRows(d, rowData[uint8](r), order, n)
		case []int32:
			cpu.PermuteRows(d, rowData[int32](r), order, n)
		case []int64:
			cpu.PermuteRows(d, rowData[int64](r), order, n)
		case []float32:
			cpu.PermuteRows(d, rowData[float32](r), order, n)
		case []float64:
			cpu.PermuteRows(d, rowData[float64](r), order, n)
		}
		res[i] = unrows(y, inv)
	}
	return res
}

// rowsOf may share the operand's buffer, which starts at its offset.
func rowData[T core.Element](r *core.Array) []T {
	return r.Buffer().([]T)[r.Offset() : r.Offset()+r.Size()]
}

func sortKeyOf(r *core.Array, n int) cpu.SortKey {
	switch r.DType() {
	case core.Bool:
		return cpu.KeyRows[uint8]{Data: boolsAsBytes(rowData[bool](r)), N: n}
	case core.Uint8:
		return cpu.KeyRows[uint8]{Data: rowData[uint8](r), N: n}
	case core.Int32:
		return cpu.KeyRows[int32]{Data: rowData[int32](r), N: n}
	case core.Int64:
		return cpu.KeyRows[int64]{Data: rowData[int64](r), N: n}
	case core.Float32:
		return cpu.KeyRows[float32]{Data: rowData[float32](r), N: n}
	}
	return cpu.KeyRows[float64]{Data: rowData[float64](r), N: n}
}

// boolsAsBytes returns b as 0/1 bytes (a copy), so bools sort as numbers.
func boolsAsBytes(b []bool) []uint8 {
	out := make([]uint8, len(b))
	for i, v := range b {
		if v {
			out[i] = 1
		}
	}
	return out
}

// TopKParams are the params of top_k: how many elements to keep.
type TopKParams struct{ K int }

var topKP = core.Register(&core.Primitive{
	Name: "top_k",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		k := params.(TopKParams).K
		x := in[0]
		if len(x.Shape) == 0 {
			core.Panicf("top_k", "operand must have at least one dimension, got shape ()")
		}
		n := x.Shape[len(x.Shape)-1]
		if k < 0 || k > n {
			core.Panicf("top_k", "k = %d out of range for last axis of size %d", k, n)
		}
		shape := append([]int(nil), x.Shape...)
		shape[len(shape)-1] = k
		return []core.Aval{{DType: x.DType, Shape: shape}, {DType: core.Int64, Shape: shape}}
	},
	Eager: func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		k := params.(TopKParams).K
		x := core.Contiguous(args[0])
		n := x.Shape()[x.Ndim()-1]
		vals, idx := core.Empty(outs[0].DType, outs[0].Shape), core.Empty(core.Int64, outs[1].Shape)
		ix := idx.Buffer().([]int64)
		switch d := vals.Buffer().(type) {
		case []bool:
			v8 := make([]uint8, len(d))
			cpu.TopKRows(v8, ix, boolsAsBytes(rowData[bool](x)), n, k)
			for i, v := range v8 {
				d[i] = v != 0
			}
		case []uint8:
			cpu.TopKRows(d, ix, rowData[uint8](x), n, k)
		case []int32:
			cpu.TopKRows(d, ix, rowData[int32](x), n, k)
		case []int64:
			cpu.TopKRows(d, ix, rowData[int64](x), n, k)
		case []float32:
			cpu.TopKRows(d, ix, rowData[float32](x), n, k)
		case []float64:
			cpu.TopKRows(d, ix, rowData[float64](x), n, k)
		}
		return []*core.Array{vals, idx}
	},
	Fusion: core.Opaque,
})

// TopK returns the k largest elements of x along its last axis and their
// indices.
func TopK(x *core.Array, k int) (values, indices *core.Array) {
	outs := core.Bind(topKP, []*core.Array{x}, TopKParams{k})
	return outs[0], outs[1]
}
