package nd

import (
	"math"
	"slices"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// normAxis turns a possibly negative axis into an index in [0, ndim).
func normAxis(op string, axis, ndim int) int {
	if axis < -ndim || axis >= ndim {
		core.Panicf(op, "axis %d out of range for an array of %d dimensions", axis, ndim)
	}
	if axis < 0 {
		axis += ndim
	}
	return axis
}

// Reshape returns x with the given shape (one dimension may be -1 and is
// inferred). It is a view when the strides allow, a copy otherwise.
func Reshape(x *Array, shape ...int) *Array {
	shape = clone(shape)
	infer, known := -1, 1
	for i, d := range shape {
		switch {
		case d == -1 && infer < 0:
			infer = i
		case d < 0:
			core.Panicf("nd.Reshape", "bad dimension %d in shape %v", d, shape)
		default:
			known *= d
		}
	}
	if infer >= 0 {
		if known == 0 || x.Size()%known != 0 {
			core.Panicf("nd.Reshape", "cannot reshape array of size %d into shape %v", x.Size(), shape)
		}
		shape[infer] = x.Size() / known
	}
	return wrap(prims.Reshape(x.c(), shape))
}

// Reshape returns a with the given shape (see nd.Reshape).
func (a *Array) Reshape(shape ...int) *Array { return Reshape(a, shape...) }

// Transpose permutes the axes of x: output axis i is input axis axes[i].
// With no axes it reverses them, as NumPy does. The result is a view.
func Transpose(x *Array, axes ...int) *Array {
	n := x.Ndim()
	perm := make([]int, n)
	if len(axes) == 0 {
		for i := range perm {
			perm[i] = n - 1 - i
		}
	} else {
		if len(axes) != n {
			core.Panicf("nd.Transpose", "axes %v do not match an array of %d dimensions", axes, n)
		}
		for i, a := range axes {
			perm[i] = normAxis("nd.Transpose", a, n)
		}
	}
	return wrap(prims.Transpose(x.c(), perm))
}

// T returns a with its axes reversed (the matrix transpose for 2-d arrays).
func (a *Array) T() *Array { return Transpose(a) }

// ExpandDims inserts a size-1 axis at position axis (negative counts from
// the end of the result), like np.expand_dims.
func ExpandDims(x *Array, axis int) *Array {
	axis = normAxis("nd.ExpandDims", axis, x.Ndim()+1)
	shape := slices.Insert(x.Shape(), axis, 1)
	return wrap(prims.Reshape(x.c(), shape))
}

// Squeeze removes the given size-1 axes, or every size-1 axis when none are
// given, like np.squeeze.
func Squeeze(x *Array, axes ...int) *Array {
	shape := x.c().Shape()
	drop := make([]bool, len(shape))
	if len(axes) == 0 {
		for i, d := range shape {
			drop[i] = d == 1
		}
	}
	for _, a := range axes {
		a = normAxis("nd.Squeeze", a, len(shape))
		if shape[a] != 1 {
			core.Panicf("nd.Squeeze", "cannot squeeze axis %d of size %d in shape %v", a, shape[a], core.ShapeString(shape))
		}
		drop[a] = true
	}
	var out []int
	for i, d := range shape {
		if !drop[i] {
			out = append(out, d)
		}
	}
	return wrap(prims.Reshape(x.c(), out))
}

// BroadcastTo returns a read-only view of x broadcast to shape by NumPy's
// rules.
func BroadcastTo(x *Array, shape ...int) *Array {
	got, err := BroadcastShapes(x.c().Shape(), shape)
	if err != nil || !core.EqualShapes(got, shape) {
		core.Panicf("nd.BroadcastTo", "cannot broadcast shape %v to %v", core.ShapeString(x.c().Shape()), core.ShapeString(shape))
	}
	return wrap(broadcastTo(x.c(), clone(shape)))
}

// Flip reverses x along the given axes (all axes when none are given). The
// result is a view.
func Flip(x *Array, axes ...int) *Array {
	var ax []int
	if len(axes) == 0 {
		for i := range x.Ndim() {
			ax = append(ax, i)
		}
	}
	for _, a := range axes {
		ax = append(ax, normAxis("nd.Flip", a, x.Ndim()))
	}
	return wrap(prims.Rev(x.c(), ax))
}

// None marks an omitted bound in S, like Python's None in a slice.
const None = math.MinInt

// Slice is one axis's start:stop:step, as in Python. Build it with S.
type Slice struct{ Start, Stop, Step int }

// S returns the slice with Python's start:stop:step meaning: S() is ":",
// S(2) is "2:", S(1, 3) is "1:3", S(None, None, -1) is "::-1". Negative
// bounds count from the end; None leaves a bound out.
func S(bounds ...int) Slice {
	s := Slice{None, None, 1}
	switch len(bounds) {
	case 0:
	case 1:
		s.Start = bounds[0]
	case 2:
		s.Start, s.Stop = bounds[0], bounds[1]
	case 3:
		s.Start, s.Stop, s.Step = bounds[0], bounds[1], bounds[2]
	default:
		core.Panicf("nd.S", "want at most 3 bounds (start, stop, step), got %d", len(bounds))
	}
	if s.Step == None {
		s.Step = 1
	}
	return s
}

// indices resolves s against an axis of size n as Python's slice.indices
// does, returning start, stop, step and the number of elements.
func (s Slice) indices(op string, n int) (start, stop, step, count int) {
	step = s.Step
	if step == 0 {
		core.Panicf(op, "slice step cannot be zero")
	}
	clamp := func(v, lo, hi, def int) int {
		if v == None {
			return def
		}
		if v < 0 {
			v += n
		}
		return max(lo, min(v, hi))
	}
	if step > 0 {
		start, stop = clamp(s.Start, 0, n, 0), clamp(s.Stop, 0, n, n)
		if stop > start {
			count = (stop - start + step - 1) / step
		}
	} else {
		start, stop = clamp(s.Start, -1, n-1, n-1), clamp(s.Stop, -1, n-1, -1)
		if start > stop {
			count = (start - stop - step - 1) / -step
		}
	}
	return
}

// SliceAxes returns the view of x selected by one Slice per leading axis
// (missing trailing axes are taken whole), like x[s0, s1, ...] in NumPy.
func SliceAxes(x *Array, slices ...Slice) *Array {
	const op = "nd.SliceAxes"
	shape := x.c().Shape()
	if len(slices) > len(shape) {
		core.Panicf(op, "%d slices for an array of %d dimensions", len(slices), len(shape))
	}
	n := len(shape)
	start, stop, step := make([]int, n), make([]int, n), make([]int, n)
	var rev []int
	for i := range shape {
		s := S()
		if i < len(slices) {
			s = slices[i]
		}
		b, _, st, cnt := s.indices(op, shape[i])
		if st < 0 {
			// Reverse the axis, then slice forward from the mirrored start.
			rev = append(rev, i)
			b, st = shape[i]-1-b, -st
		}
		start[i], step[i] = b, st
		stop[i] = b + cnt*st
		if cnt > 0 {
			stop[i] = b + (cnt-1)*st + 1
		} else {
			start[i], stop[i] = 0, 0
		}
	}
	c := prims.Rev(x.c(), rev)
	return wrap(prims.Slice(c, start, stop, step))
}
