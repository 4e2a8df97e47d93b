package prims

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// This file holds the reduction primitives: reduce_sum, reduce_prod,
// reduce_max, reduce_min, reduce_and, reduce_or (fusion class Reduction),
// and the arg reductions argmax, argmin (Opaque). Like lax's, they keep the
// operand's dtype (the user API converts first: int32 sums to int64) and
// drop the reduced axes (keepdims is a reshape in the user API).

// ReduceParams are the params of the reduce_* primitives: the axes to
// reduce, sorted, distinct and in range (possibly none).
type ReduceParams struct{ Axes []int }

// ArgParams are the params of argmax and argmin: the one axis to search
// and the dtype of the indices (int32 or int64).
type ArgParams struct {
	Axis       int
	IndexDType core.DType
}

// reducedShape checks axes against shape and returns the shape without
// them and the mask of reduced axes.
func reducedShape(op string, shape, axes []int) ([]int, []bool) {
	mask := make([]bool, len(shape))
	for i, a := range axes {
		if a < 0 || a >= len(shape) {
			core.Panicf(op, "axis %d out of range for shape %v", a, core.ShapeString(shape))
		}
		if i > 0 && a <= axes[i-1] {
			core.Panicf(op, "axes %v must be sorted and distinct", axes)
		}
		mask[a] = true
	}
	out := make([]int, 0, len(shape)-len(axes))
	for i, d := range shape {
		if !mask[i] {
			out = append(out, d)
		}
	}
	return out, mask
}

func reduceAbstract(name string, c dtypeClass) func([]core.Aval, any) []core.Aval {
	return func(in []core.Aval, params any) []core.Aval {
		checkDType(name, c, in[0].DType)
		shape, _ := reducedShape(name, in[0].Shape, params.(ReduceParams).Axes)
		return []core.Aval{{DType: in[0].DType, Shape: shape}}
	}
}

// reducers holds one reduction's loops per dtype (nil where not admitted).
type reducers struct {
	b   *cpu.Reducer[bool]
	u8  *cpu.Reducer[uint8]
	i32 *cpu.Reducer[int32]
	i64 *cpu.Reducer[int64]
	f32 *cpu.Reducer[float32]
	f64 *cpu.Reducer[float64]
}

func numReducers(u8 cpu.Reducer[uint8], i32 cpu.Reducer[int32], i64 cpu.Reducer[int64], f32 cpu.Reducer[float32], f64 cpu.Reducer[float64]) reducers {
	return reducers{u8: &u8, i32: &i32, i64: &i64, f32: &f32, f64: &f64}
}

func reduceEager(rs reducers) func([]*core.Array, []core.Aval, any) []*core.Array {
	return func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		x := args[0]
		out := allocWritten(outs) // Reduce sets every element
		_, mask := reducedShape("reduce", x.Shape(), params.(ReduceParams).Axes)
		switch d := out.Buffer().(type) {
		case []bool:
			cpu.Reduce(d, x, mask, *rs.b)
		case []uint8:
			cpu.Reduce(d, x, mask, *rs.u8)
		case []int32:
			cpu.Reduce(d, x, mask, *rs.i32)
		case []int64:
			cpu.Reduce(d, x, mask, *rs.i64)
		case []float32:
			cpu.Reduce(d, x, mask, *rs.f32)
		case []float64:
			cpu.Reduce(d, x, mask, *rs.f64)
		}
		return out1(out)
	}
}

func defReduce(name string, c dtypeClass, rs reducers) *core.Primitive {
	return core.Register(&core.Primitive{Name: name, Abstract: reduceAbstract(name, c), Eager: reduceEager(rs), ReduceRows: reduceRows(rs), Fusion: core.Reduction})
}

// reduceRows is the row reduction a fused loop ends with.
func reduceRows(rs reducers) func(dst, src any, n int) {
	return func(dst, src any, n int) {
		switch d := dst.(type) {
		case []bool:
			cpu.ReduceRows(d, src.([]bool), n, *rs.b)
		case []uint8:
			cpu.ReduceRows(d, src.([]uint8), n, *rs.u8)
		case []int32:
			cpu.ReduceRows(d, src.([]int32), n, *rs.i32)
		case []int64:
			cpu.ReduceRows(d, src.([]int64), n, *rs.i64)
		case []float32:
			cpu.ReduceRows(d, src.([]float32), n, *rs.f32)
		case []float64:
			cpu.ReduceRows(d, src.([]float64), n, *rs.f64)
		}
	}
}

func bindReduce(p *core.Primitive, x *core.Array, axes []int) *core.Array {
	return core.Bind1(p, ReduceParams{Axes: axes}, x)
}

var (
	boolAndReducer, boolOrReducer = cpu.AllReducer(), cpu.AnyReducer()

	reduceSumP = defReduce("reduce_sum", numeric, numReducers(
		cpu.SumReducer[uint8](), cpu.SumReducer[int32](), cpu.SumReducer[int64](), cpu.SumReducer[float32](), cpu.SumReducer[float64]()))
	reduceProdP = defReduce("reduce_prod", numeric, numReducers(
		cpu.ProdReducer[uint8](), cpu.ProdReducer[int32](), cpu.ProdReducer[int64](), cpu.ProdReducer[float32](), cpu.ProdReducer[float64]()))
	reduceMaxP = defReduce("reduce_max", anyDType, withBool(numReducers(
		cpu.MaxReducer[uint8](), cpu.MaxReducer[int32](), cpu.MaxReducer[int64](), cpu.MaxReducer[float32](), cpu.MaxReducer[float64]()), boolOrReducer))
	reduceMinP = defReduce("reduce_min", anyDType, withBool(numReducers(
		cpu.MinReducer[uint8](), cpu.MinReducer[int32](), cpu.MinReducer[int64](), cpu.MinReducer[float32](), cpu.MinReducer[float64]()), boolAndReducer))
	reduceAndP = defReduce("reduce_and", boolOnly, reducers{b: &boolAndReducer})
	reduceOrP  = defReduce("reduce_or", boolOnly, reducers{b: &boolOrReducer})
)

func withBool(rs reducers, b cpu.Reducer[bool]) reducers {
	rs.b = &b
	return rs
}

// ReduceSum returns the sum of x over axes (sorted, distinct), in x's
// dtype: pairwise summation for floats, wrapping for integers. The sum of
// nothing is 0.
func ReduceSum(x *core.Array, axes []int) *core.Array { return bindReduce(reduceSumP, x, axes) }

// ReduceProd returns the product of x over axes, in x's dtype (1 for nothing).
func ReduceProd(x *core.Array, axes []int) *core.Array { return bindReduce(reduceProdP, x, axes) }

// ReduceMax returns the maximum of x over axes; NaN propagates. Over
// nothing it is the dtype's lowest value (-Inf for floats); for bools it is
// a logical or.
func ReduceMax(x *core.Array, axes []int) *core.Array { return bindReduce(reduceMaxP, x, axes) }

// ReduceMin returns the minimum of x over axes; NaN propagates. Over
// nothing it is the dtype's highest value (+Inf for floats); for bools it
// is a logical and.
func ReduceMin(x *core.Array, axes []int) *core.Array { return bindReduce(reduceMinP, x, axes) }

// ReduceAnd returns whether every element of the bool array x over axes is
// true (true over nothing).
func ReduceAnd(x *core.Array, axes []int) *core.Array { return bindReduce(reduceAndP, x, axes) }

// ReduceOr returns whether any element of the bool array x over axes is
// true (false over nothing).
func ReduceOr(x *core.Array, axes []int) *core.Array { return bindReduce(reduceOrP, x, axes) }

// ---- argmax, argmin

func argAbstract(name string) func([]core.Aval, any) []core.Aval {
	return func(in []core.Aval, params any) []core.Aval {
		p := params.(ArgParams)
		if p.IndexDType != core.Int32 && p.IndexDType != core.Int64 {
			core.Panicf(name, "index dtype %v: want int32 or int64", p.IndexDType)
		}
		shape, _ := reducedShape(name, in[0].Shape, []int{p.Axis})
		if in[0].Shape[p.Axis] == 0 {
			core.Panicf(name, "attempt to get %s of an empty sequence (axis %d of shape %v)", name, p.Axis, core.ShapeString(in[0].Shape))
		}
		return []core.Aval{{DType: p.IndexDType, Shape: shape}}
	}
}

func argEager(isMax bool) func([]*core.Array, []core.Aval, any) []*core.Array {
	return func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		out := allocWritten(outs) // ArgReduce sets every element
		axis := params.(ArgParams).Axis
		switch d := out.Buffer().(type) {
		case []int32:
			argInto(d, args[0], axis, isMax)
		case []int64:
			argInto(d, args[0], axis, isMax)
		}
		return out1(out)
	}
}

func argInto[I cpu.Index](out []I, x *core.Array, axis int, isMax bool) {
	switch x.DType() {
	case core.Bool:
		// Order bools as 0 < 1.
		u := core.Empty(core.Uint8, x.Shape())
		ub := u.Buffer().([]uint8)
		for i, v := range core.Data[bool](x) {
			if v {
				ub[i] = 1
			}
		}
		cpu.ArgReduce[uint8](out, u, axis, isMax)
	case core.Uint8:
		cpu.ArgReduce[uint8](out, x, axis, isMax)
	case core.Int32:
		cpu.ArgReduce[int32](out, x, axis, isMax)
	case core.Int64:
		cpu.ArgReduce[int64](out, x, axis, isMax)
	case core.Float32:
		cpu.ArgReduce[float32](out, x, axis, isMax)
	case core.Float64:
		cpu.ArgReduce[float64](out, x, axis, isMax)
	}
}

var (
	argmaxP = core.Register(&core.Primitive{Name: "argmax", Abstract: argAbstract("argmax"), Eager: argEager(true), Fusion: core.Opaque})
	argminP = core.Register(&core.Primitive{Name: "argmin", Abstract: argAbstract("argmin"), Eager: argEager(false), Fusion: core.Opaque})
)

// ArgMax returns the index along axis of the largest element of x (the
// first of equals; the first NaN if there is one), as indexDType (int32 or
// int64). The axis must not be empty.
func ArgMax(x *core.Array, axis int, indexDType core.DType) *core.Array {
	return core.Bind1(argmaxP, ArgParams{Axis: axis, IndexDType: indexDType}, x)
}

// ArgMin returns the index along axis of the smallest element of x (the
// first of equals; the first NaN if there is one), as indexDType.
func ArgMin(x *core.Array, axis int, indexDType core.DType) *core.Array {
	return core.Bind1(argminP, ArgParams{Axis: axis, IndexDType: indexDType}, x)
}
