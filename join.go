package nd

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// This file holds the ops that join, split and repeat arrays: Concatenate,
// Stack, Split, SplitAt, ArraySplit, Pad, Tile and Repeat. They are written
// from primitives (concatenate, pad, slice, reshape, broadcast_in_dim), so
// they trace like any op.

// joinDType returns the dtype NumPy gives the result of joining xs:
// promote_types over the arrays, weak Go-scalar arrays taking part as in
// the binary ops.
func joinDType(xs []*core.Array) core.DType {
	d, strong := core.Invalid, false
	for _, x := range xs {
		if !x.Weak() {
			if !strong {
				d, strong = x.DType(), true
			} else {
				d = core.Promote(d, x.DType())
			}
		}
	}
	for _, x := range xs {
		if x.Weak() {
			if d == core.Invalid {
				d = x.DType()
			} else if strong {
				d = core.PromoteWeak(d, x.DType())
			} else {
				d = core.Promote(d, x.DType())
			}
		}
	}
	return d
}

// joinOperands checks xs for op (non-nil, at least one) and returns them
// converted to their common dtype.
func joinOperands(op string, xs []*Array) []*core.Array {
	if len(xs) == 0 {
		core.Panicf(op, "need at least one array to join")
	}
	cs := make([]*core.Array, len(xs))
	for i, x := range xs {
		cs[i] = operand(op, x)
	}
	d := joinDType(cs)
	for i, c := range cs {
		cs[i] = castTo(op, c, d)
	}
	return cs
}

// Concatenate joins xs along an existing axis, like np.concatenate. The
// arrays must have the same number of dimensions and equal sizes on every
// other axis; their dtypes promote by NumPy's rules (int32 with float32
// gives float64). A negative axis counts from the end.
func Concatenate(xs []*Array, axis int) *Array {
	const op = "nd.Concatenate"
	cs := joinOperands(op, xs)
	first := cs[0].Shape()
	if len(first) == 0 {
		core.Panicf(op, "zero-dimensional arrays cannot be concatenated")
	}
	axis = normAxis(op, axis, len(first))
	for i, c := range cs[1:] {
		if !prims.ConcatCompatible(first, c.Shape(), axis) {
			core.Panicf(op, "array 0 has shape %v and array %d has shape %v: they must match on every axis but the concatenation axis %d",
				core.ShapeString(first), i+1, core.ShapeString(c.Shape()), axis)
		}
	}
	return wrap(prims.Concatenate(cs, axis))
}

// Stack joins xs, which must all have the same shape, along a new axis at
// position axis of the result, like np.stack (dtypes promote as in
// Concatenate). A negative axis counts from the end of the result.
func Stack(xs []*Array, axis int) *Array {
	const op = "nd.Stack"
	cs := joinOperands(op, xs)
	first := cs[0].Shape()
	axis = normAxis(op, axis, len(first)+1)
	for i, c := range cs {
		if !core.EqualShapes(first, c.Shape()) {
			core.Panicf(op, "all arrays must have the same shape, but array 0 has shape %v and array %d has shape %v",
				core.ShapeString(first), i, core.ShapeString(c.Shape()))
		}
		shape := make([]int, 0, len(first)+1)
		shape = append(append(append(shape, first[:axis]...), 1), first[axis:]...)
		cs[i] = prims.Reshape(c, shape)
	}
	return wrap(prims.Concatenate(cs, axis))
}

// Split divides x along axis into sections equal parts, like np.split with
// an integer: the axis size must be a multiple of sections. The parts are
// views of x. See SplitAt for split points and ArraySplit for unequal parts.
func Split(x *Array, sections int, axis int) []*Array {
	const op = "nd.Split"
	c := operand(op, x)
	axis = normAxis(op, axis, c.Ndim())
	n := c.Shape()[axis]
	if sections <= 0 {
		core.Panicf(op, "number of sections must be positive, got %d", sections)
	}
	if n%sections != 0 {
		core.Panicf(op, "axis %d of size %d does not split into %d equal sections (use nd.ArraySplit)", axis, n, sections)
	}
	bounds := make([]int, sections+1)
	for i := range bounds {
		bounds[i] = i * (n / sections)
	}
	return splitBounds(c, axis, bounds)
}

// ArraySplit divides x along axis into sections parts whose sizes differ
// by at most one, the larger first, like np.array_split. The parts are
// views of x.
func ArraySplit(x *Array, sections int, axis int) []*Array {
	const op = "nd.ArraySplit"
	c := operand(op, x)
	axis = normAxis(op, axis, c.Ndim())
	if sections <= 0 {
		core.Panicf(op, "number of sections must be positive, got %d", sections)
	}
	n := c.Shape()[axis]
	q, r := n/sections, n%sections
	bounds := make([]int, sections+1)
	for i := 1; i <= sections; i++ {
		bounds[i] = bounds[i-1] + q
		if i <= r {
			bounds[i]++
		}
	}
	return splitBounds(c, axis, bounds)
}

// SplitAt divides x along axis at the given indices, like np.split with a
// list: the parts are x[:i0], x[i0:i1], ..., x[ik:] along axis, with
// Python's slice rules (negative indices count from the end, indices past
// the end give empty parts, a decreasing pair gives an empty part). The
// parts are views of x.
func SplitAt(x *Array, indices []int, axis int) []*Array {
	const op = "nd.SplitAt"
	c := operand(op, x)
	axis = normAxis(op, axis, c.Ndim())
	n := c.Shape()[axis]
	out := make([]*Array, len(indices)+1)
	for i := range out {
		s := S()
		if i > 0 {
			s.Start = indices[i-1]
		}
		if i < len(indices) {
			s.Stop = indices[i]
		}
		start, _, _, count := s.indices(op, n)
		out[i] = wrap(sliceAxis(c, axis, start, start+count))
	}
	return out
}

// splitBounds returns the views of c along axis between consecutive bounds.
func splitBounds(c *core.Array, axis int, bounds []int) []*Array {
	out := make([]*Array, len(bounds)-1)
	for i := range out {
		out[i] = wrap(sliceAxis(c, axis, bounds[i], bounds[i+1]))
	}
	return out
}

// sliceAxis returns the view c[lo:hi] along axis (0 <= lo <= hi <= size).
func sliceAxis(c *core.Array, axis, lo, hi int) *core.Array {
	shape := c.Shape()
	start, stop, step := make([]int, len(shape)), clone(shape), make([]int, len(shape))
	for i := range step {
		step[i] = 1
	}
	start[axis], stop[axis] = lo, hi
	return prims.Slice(c, start, stop, step)
}

// Pad returns x padded with value along each axis, like np.pad in its
// "constant" mode: widths[i] = {before, after} is the number of values
// added before and after axis i; a single pair applies to every axis.
// value (a Go number or a 0-d array) is converted to x's dtype. NumPy's
// other modes (edge, reflect, wrap, ...) and per-axis constants are not
// supported.
func Pad(x *Array, widths [][2]int, value any) *Array {
	const op = "nd.Pad"
	c := operand(op, x)
	n := c.Ndim()
	switch {
	case len(widths) == 1 && n != 1:
		w := widths[0]
		widths = make([][2]int, n)
		for i := range widths {
			widths[i] = w
		}
	case len(widths) != n:
		core.Panicf(op, "%d pad widths for an array of %d dimensions (want %d, or 1 for all axes)", len(widths), n, n)
	}
	low, high, interior := make([]int, n), make([]int, n), make([]int, n)
	for i, w := range widths {
		if w[0] < 0 || w[1] < 0 {
			core.Panicf(op, "negative pad width %v for axis %d", w, i)
		}
		low[i], high[i] = w[0], w[1]
	}
	v := operand(op, value)
	if v.Ndim() != 0 {
		core.Panicf(op, "pad value must be a scalar, got shape %v", core.ShapeString(v.Shape()))
	}
	return wrap(prims.Pad(c, castTo(op, v, c.DType()), low, high, interior))
}

// Tile repeats x reps[i] times along axis i, like np.tile: when reps is
// shorter than x's rank it is padded with leading 1s, when longer x gets
// leading size-1 axes.
func Tile(x *Array, reps ...int) *Array {
	const op = "nd.Tile"
	c := operand(op, x)
	n := max(c.Ndim(), len(reps))
	shape, rs := make([]int, n), make([]int, n)
	for i := range n {
		shape[i], rs[i] = 1, 1
		if j := i - (n - c.Ndim()); j >= 0 {
			shape[i] = c.Shape()[j]
		}
		if j := i - (n - len(reps)); j >= 0 {
			if reps[j] < 0 {
				core.Panicf(op, "negative repetition %d in reps %v", reps[j], reps)
			}
			rs[i] = reps[j]
		}
	}
	// View x as (1, s0, 1, s1, ...), broadcast to (r0, s0, r1, s1, ...)
	// and merge each pair.
	inter, wide, dims, final := make([]int, 2*n), make([]int, 2*n), make([]int, 2*n), make([]int, n)
	for i := range n {
		inter[2*i], inter[2*i+1] = 1, shape[i]
		wide[2*i], wide[2*i+1] = rs[i], shape[i]
		final[i] = rs[i] * shape[i]
	}
	for i := range dims {
		dims[i] = i
	}
	y := prims.BroadcastInDim(prims.Reshape(c, inter), wide, dims)
	return wrap(prims.Reshape(y, final))
}

// Repeat repeats each element of x repeats times along axis, like np.repeat
// with a scalar count: [1 2] repeated twice is [1 1 2 2]. With axis ==
// nd.None (NumPy's axis=None) x is flattened first.
func Repeat(x *Array, repeats int, axis int) *Array {
	const op = "nd.Repeat"
	c := operand(op, x)
	if axis == None {
		c = prims.Reshape(c, []int{c.Size()})
		axis = 0
	}
	axis = normAxis(op, axis, c.Ndim())
	if repeats < 0 {
		core.Panicf(op, "negative repeat count %d", repeats)
	}
	shape := c.Shape()
	inter := make([]int, 0, len(shape)+1)
	inter = append(append(append(inter, shape[:axis+1]...), 1), shape[axis+1:]...)
	wide := clone(inter)
	wide[axis+1] = repeats
	final := clone(shape)
	final[axis] *= repeats
	dims := make([]int, len(inter))
	for i := range dims {
		dims[i] = i
	}
	y := prims.BroadcastInDim(prims.Reshape(c, inter), wide, dims)
	return wrap(prims.Reshape(y, final))
}
