package prims

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// This file holds concatenate: operands of one dtype whose shapes agree
// but along Axis are joined end to end along Axis.

// ConcatParams are the params of concatenate: the axis to join along.
type ConcatParams struct{ Axis int }

var concatenateP = core.Register(&core.Primitive{
	Name: "concatenate",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		axis := params.(ConcatParams).Axis
		if len(in) == 0 {
			core.Panicf("concatenate", "need at least one operand")
		}
		first := in[0]
		if axis < 0 || axis >= len(first.Shape) {
			core.Panicf("concatenate", "axis %d out of range for shape %v", axis, core.ShapeString(first.Shape))
		}
		shape := append([]int(nil), first.Shape...)
		shape[axis] = 0
		for _, a := range in {
			if a.DType != first.DType {
				core.Panicf("concatenate", "operand dtypes %v and %v differ", first.DType, a.DType)
			}
			if !ConcatCompatible(first.Shape, a.Shape, axis) {
				core.Panicf("concatenate", "shapes %v and %v differ outside axis %d",
					core.ShapeString(first.Shape), core.ShapeString(a.Shape), axis)
			}
			shape[axis] += a.Shape[axis]
		}
		return []core.Aval{{DType: first.DType, Shape: shape}}
	},
	Eager: func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		out := allocWritten(outs)
		axis := params.(ConcatParams).Axis
		switch d := out.Buffer().(type) {
		case []bool:
			concatInto(d, args, axis)
		case []uint8:
			concatInto(d, args, axis)
		case []int32:
			concatInto(d, args, axis)
		case []int64:
			concatInto(d, args, axis)
		case []float32:
			concatInto(d, args, axis)
		case []float64:
			concatInto(d, args, axis)
		}
		return out1(out)
	},
	Fusion: core.Opaque,
})

// ConcatCompatible reports whether shapes a and b have the same rank and
// agree on every axis but axis.
func ConcatCompatible(a, b []int, axis int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if i != axis && a[i] != b[i] {
			return false
		}
	}
	return true
}

// Concatenate joins xs (equal dtypes, shapes equal but along axis) along
// axis. A single operand is returned as is.
func Concatenate(xs []*core.Array, axis int) *core.Array {
	if len(xs) == 1 && axis >= 0 && axis < xs[0].Ndim() {
		return xs[0]
	}
	return core.Bind(concatenateP, xs, ConcatParams{axis})[0]
}

// concatInto fills dst (C order) with the operands joined along axis. Seen
// as a matrix of outer rows, each output row is the operands' rows one after
// another; each operand row is read with GatherBlock, whatever its layout.
func concatInto[T core.Element](dst []T, args []*core.Array, axis int) {
	shape := args[0].Shape()
	outer := core.ShapeSize(shape[:axis])
	inner := core.ShapeSize(shape[axis+1:])
	total := 0
	for _, a := range args {
		total += a.Shape()[axis] * inner
	}
	if outer == 0 || total == 0 {
		return
	}
	// Split the outer rows over cores; each row is total elements.
	cpu.ParallelFor(outer*total, cpu.ParallelGrain, func(lo, hi int) {
		for r := lo / total; r*total < hi; r++ {
			pos := r * total
			for _, a := range args {
				n := a.Shape()[axis] * inner
				if n == 0 {
					continue
				}
				// Only copy the part of the row in [lo, hi).
				s, e := max(pos, lo), min(pos+n, hi)
				if s < e {
					core.GatherBlock(dst[s:e], a, r*n+s-pos)
				}
				pos += n
			}
		}
	})
}
