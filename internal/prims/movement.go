package prims

import (
	"slices"

	"github.com/nd-go/nd/internal/core"
)

// This file holds the movement primitives: reshape, transpose,
// broadcast_in_dim, slice and rev. Eagerly they return views that share the
// operand's buffer (reshape copies only when no strides can express it).

// ReshapeParams are the params of reshape: the new shape (no -1).
type ReshapeParams struct{ Shape []int }

var reshapeP = core.Register(&core.Primitive{
	Name: "reshape",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		shape := params.(ReshapeParams).Shape
		if core.ShapeSize(shape) != in[0].Size() {
			core.Panicf("reshape", "cannot reshape array of shape %v (size %d) into shape %v",
				core.ShapeString(in[0].Shape), in[0].Size(), core.ShapeString(shape))
		}
		return []core.Aval{{DType: in[0].DType, Shape: shape}}
	},
	Eager: func(args []*core.Array, outs []core.Aval, _ any) []*core.Array {
		x := args[0]
		if st, ok := reshapeStrides(x.Shape(), x.Strides(), outs[0].Shape); ok {
			return out1(core.NewView(x.DType(), outs[0].Shape, st, x.Offset(), x.Buffer()))
		}
		c := core.Contiguous(x)
		return out1(core.NewView(x.DType(), outs[0].Shape, core.ContiguousStrides(outs[0].Shape), c.Offset(), c.Buffer()))
	},
	Fusion: core.Movement,
})

// Reshape returns x with a new shape of the same size.
func Reshape(x *core.Array, shape []int) *core.Array {
	if core.EqualShapes(x.Shape(), shape) {
		return x
	}
	return core.Bind1(reshapeP, ReshapeParams{shape}, x)
}

// reshapeStrides finds strides that view an array of shape/strides as
// newShape without copying, as NumPy's _attempt_nocopy_reshape does: it
// matches groups of old and new axes of equal size and requires each old
// group to be contiguous within itself.
func reshapeStrides(shape, strides, newShape []int) ([]int, bool) {
	// Drop size-1 axes of the old shape: they constrain nothing.
	var os, ost []int
	for i, d := range shape {
		if d != 1 {
			os = append(os, d)
			ost = append(ost, strides[i])
		}
	}
	ns := newShape
	nst := make([]int, len(ns))
	if core.ShapeSize(ns) == 0 {
		return core.ContiguousStrides(ns), true
	}
	oi, oj, ni, nj := 0, 1, 0, 1
	for ni < len(ns) && oi < len(os) {
		np, op := ns[ni], os[oi]
		for np != op {
			if np < op {
				np *= ns[nj]
				nj++
			} else {
				op *= os[oj]
				oj++
			}
		}
		for k := oi; k < oj-1; k++ {
			if ost[k] != os[k+1]*ost[k+1] {
				return nil, false
			}
		}
		nst[nj-1] = ost[oj-1]
		for k := nj - 1; k > ni; k-- {
			nst[k-1] = nst[k] * ns[k]
		}
		ni, oi = nj, oj
		nj, oj = nj+1, oj+1
	}
	// Trailing size-1 axes of the new shape.
	last := 1
	if ni > 0 {
		last = nst[ni-1]
	}
	for k := ni; k < len(ns); k++ {
		nst[k] = last
	}
	return nst, true
}

// TransposeParams are the params of transpose: output axis i is input axis Perm[i].
type TransposeParams struct{ Perm []int }

var transposeP = core.Register(&core.Primitive{
	Name: "transpose",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		perm := params.(TransposeParams).Perm
		checkPerm("transpose", perm, len(in[0].Shape))
		shape := make([]int, len(perm))
		for i, p := range perm {
			shape[i] = in[0].Shape[p]
		}
		return []core.Aval{{DType: in[0].DType, Shape: shape}}
	},
	Eager: func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		x := args[0]
		perm := params.(TransposeParams).Perm
		st := make([]int, len(perm))
		for i, p := range perm {
			st[i] = x.Strides()[p]
		}
		return out1(core.NewView(x.DType(), outs[0].Shape, st, x.Offset(), x.Buffer()))
	},
	Fusion: core.Movement,
})

func checkPerm(op string, perm []int, n int) {
	if len(perm) != n {
		core.Panicf(op, "axes %v do not match an array of %d dimensions", perm, n)
	}
	seen := make([]bool, n)
	for _, p := range perm {
		if p < 0 || p >= n || seen[p] {
			core.Panicf(op, "axes %v are not a permutation of 0..%d", perm, n-1)
		}
		seen[p] = true
	}
}

// Transpose permutes the axes of x: output axis i is input axis perm[i].
func Transpose(x *core.Array, perm []int) *core.Array {
	identity := true
	for i, p := range perm {
		identity = identity && i == p
	}
	if identity && len(perm) == x.Ndim() {
		return x
	}
	return core.Bind1(transposeP, TransposeParams{perm}, x)
}

// BroadcastParams are the params of broadcast_in_dim: the output shape,
// and for each operand axis the output axis it maps to.
type BroadcastParams struct{ Shape, Dims []int }

var broadcastP = core.Register(&core.Primitive{
	Name: "broadcast_in_dim",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		p := params.(BroadcastParams)
		x := in[0]
		if len(p.Dims) != len(x.Shape) {
			core.Panicf("broadcast_in_dim", "dims %v for an operand of shape %v", p.Dims, core.ShapeString(x.Shape))
		}
		for i, d := range p.Dims {
			if d < 0 || d >= len(p.Shape) || (i > 0 && d <= p.Dims[i-1]) {
				core.Panicf("broadcast_in_dim", "dims %v must be increasing axes of shape %v", p.Dims, core.ShapeString(p.Shape))
			}
			if x.Shape[i] != 1 && x.Shape[i] != p.Shape[d] {
				core.Panicf("broadcast_in_dim", "cannot broadcast shape %v to %v", core.ShapeString(x.Shape), core.ShapeString(p.Shape))
			}
		}
		return []core.Aval{{DType: x.DType, Shape: p.Shape}}
	},
	Eager: func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		x := args[0]
		p := params.(BroadcastParams)
		st := make([]int, len(p.Shape))
		for i, d := range p.Dims {
			if x.Shape()[i] == p.Shape[d] {
				st[d] = x.Strides()[i]
			}
		}
		return out1(core.NewView(x.DType(), outs[0].Shape, st, x.Offset(), x.Buffer()))
	},
	Fusion: core.Movement,
})

// BroadcastInDim broadcasts x to shape, operand axis i going to output axis dims[i].
func BroadcastInDim(x *core.Array, shape, dims []int) *core.Array {
	if core.EqualShapes(x.Shape(), shape) {
		return x
	}
	return core.Bind1(broadcastP, BroadcastParams{Shape: shape, Dims: dims}, x)
}

// SliceParams are the params of slice: per axis, elements Start,
// Start+Step, ... below Stop (0 <= Start <= Stop <= dim, Step >= 1).
type SliceParams struct{ Start, Stop, Step []int }

var sliceP = core.Register(&core.Primitive{
	Name: "slice",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		p := params.(SliceParams)
		x := in[0]
		if len(p.Start) != len(x.Shape) || len(p.Stop) != len(x.Shape) || len(p.Step) != len(x.Shape) {
			core.Panicf("slice", "slice of rank %d for an operand of shape %v", len(p.Start), core.ShapeString(x.Shape))
		}
		shape := make([]int, len(x.Shape))
		for i := range shape {
			if p.Start[i] < 0 || p.Start[i] > p.Stop[i] || p.Stop[i] > x.Shape[i] || p.Step[i] < 1 {
				core.Panicf("slice", "bad slice %d:%d:%d of axis %d with size %d", p.Start[i], p.Stop[i], p.Step[i], i, x.Shape[i])
			}
			shape[i] = (p.Stop[i] - p.Start[i] + p.Step[i] - 1) / p.Step[i]
		}
		return []core.Aval{{DType: x.DType, Shape: shape}}
	},
	Eager: func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		x := args[0]
		p := params.(SliceParams)
		off := x.Offset()
		st := make([]int, x.Ndim())
		for i, s := range x.Strides() {
			if outs[0].Shape[i] > 0 {
				off += p.Start[i] * s
			}
			st[i] = s * p.Step[i]
		}
		return out1(core.NewView(x.DType(), outs[0].Shape, st, off, x.Buffer()))
	},
	Fusion: core.Movement,
})

// Slice returns the strided slice of x given by start, stop and step.
func Slice(x *core.Array, start, stop, step []int) *core.Array {
	return core.Bind1(sliceP, SliceParams{Start: start, Stop: stop, Step: step}, x)
}

// RevParams are the params of rev: the axes to reverse.
type RevParams struct{ Axes []int }

var revP = core.Register(&core.Primitive{
	Name: "rev",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		for _, a := range params.(RevParams).Axes {
			if a < 0 || a >= len(in[0].Shape) {
				core.Panicf("rev", "axis %d out of range for shape %v", a, core.ShapeString(in[0].Shape))
			}
		}
		return []core.Aval{in[0]}
	},
	Eager: func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		x := args[0]
		st := slices.Clone(x.Strides())
		off := x.Offset()
		for _, a := range params.(RevParams).Axes {
			if x.Shape()[a] > 0 {
				off += (x.Shape()[a] - 1) * st[a]
			}
			st[a] = -st[a]
		}
		return out1(core.NewView(x.DType(), x.Shape(), st, off, x.Buffer()))
	},
	Fusion: core.Movement,
})

// Rev reverses x along axes.
func Rev(x *core.Array, axes []int) *core.Array {
	if len(axes) == 0 {
		return x
	}
	return core.Bind1(revP, RevParams{axes}, x)
}
