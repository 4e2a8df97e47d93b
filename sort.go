package nd

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// This file holds sorting: Sort, ArgSort and TopK, on the sort and top_k
// primitives.

// sortOperand flattens x when axis is nd.None (NumPy's axis=None) and
// normalizes the axis otherwise.
func sortOperand(op string, x *Array, axis int) (*core.Array, int) {
	c := operand(op, x)
	if axis == None {
		return prims.Reshape(c, []int{c.Size()}), 0
	}
	return c, normAxis(op, axis, c.Ndim())
}

// Sort returns a sorted copy of x along axis, like np.sort: ascending, NaNs
// last, bool false before true. It is stable, so -0.0 and +0.0 keep their
// order. Every dtype is accepted and kept. A negative axis counts from the
// end; axis == nd.None sorts the flattened array.
func Sort(x *Array, axis int) *Array {
	c, ax := sortOperand("nd.Sort", x, axis)
	return wrap(prims.Sort([]*core.Array{c}, ax, 1)[0])
}

// ArgSort returns the int64 indices that sort x along axis, like
// np.argsort(x, axis, kind="stable"): equal elements keep their order,
// NaNs come last. axis == nd.None sorts the flattened array.
func ArgSort(x *Array, axis int) *Array {
	c, ax := sortOperand("nd.ArgSort", x, axis)
	n := c.Shape()[ax]
	iota := make([]int64, n)
	for i := range iota {
		iota[i] = int64(i)
	}
	pos := prims.BroadcastInDim(core.New(core.Int64, []int{n}, iota), c.Shape(), []int{ax})
	return wrap(prims.Sort([]*core.Array{c, pos}, ax, 1)[1])
}

// TopK returns the k largest elements of x along its last axis, largest
// first, and their int64 indices, like jax.lax.top_k: ties go to the lower
// index first, and NaN counts as larger than every number. k must lie in
// [0, n] for a last axis of size n.
func TopK(x *Array, k int) (values, indices *Array) {
	const op = "nd.TopK"
	c := operand(op, x)
	if c.Ndim() == 0 {
		core.Panicf(op, "array must have at least one dimension, got shape ()")
	}
	if n := c.Shape()[c.Ndim()-1]; k < 0 || k > n {
		core.Panicf(op, "k = %d out of range for a last axis of size %d", k, n)
	}
	v, i := prims.TopK(c, k)
	return wrap(v), wrap(i)
}
