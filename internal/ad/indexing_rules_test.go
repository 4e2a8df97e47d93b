package ad

import (
	"math/rand"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

func idx64(shape []int, v ...int64) *core.Array { return core.New(core.Int64, shape, v) }

func init() {
	r := rand.New(rand.NewSource(4))
	x := randArray(r, -2, 2, 4, 3, 5)

	// gather: one axis with repeats, two axes, negative and (clipped or
	// dropped) out-of-range indices.
	addCase("gather", prims.GatherParams{Axes: []int{1}}, x, idx64([]int{4, 1}, 2, 0, 2, -1))
	addCase("gather", prims.GatherParams{Axes: []int{2, 0}}, x, idx64([]int{2, 2, 2}, 1, 3, 4, 0, 1, 3, 0, 0))
	addCase("gather", prims.GatherParams{Axes: []int{0}, Mode: prims.IndexDrop}, x, idx64([]int{3, 1}, 1, 7, 3))
	addCase("gather", prims.GatherParams{Axes: []int{0}, Mode: prims.IndexClip}, x, idx64([]int{3, 1}, 1, 7, -9))
	addCase("gather", prims.GatherParams{Axes: []int{0, 1, 2}}, x, idx64([]int{2, 3}, 1, 2, 3, 0, 0, 4))

	// scatter: add with repeated points, set with repeated points (last
	// wins), mul, min and max (inputs away from ties), dropped points.
	upd := func(shape ...int) *core.Array { return randArray(r, 0.5, 2, shape...) }
	ones := idx64([]int{4, 1}, 2, 0, 2, 1)
	for _, op := range []prims.ScatterOp{prims.ScatterAdd, prims.ScatterSet, prims.ScatterMul, prims.ScatterMin, prims.ScatterMax} {
		addCase("scatter", prims.ScatterParams{Axes: []int{1}, Op: op}, x, ones, upd(4, 4, 5))
		addCase("scatter", prims.ScatterParams{Axes: []int{2, 0}, Op: op}, x, idx64([]int{3, 2}, 1, 3, 4, 0, 1, 3), upd(3, 3))
		addCase("scatter", prims.ScatterParams{Axes: []int{0}, Mode: prims.IndexDrop, Op: op}, x, idx64([]int{3, 1}, 1, 7, 1), upd(3, 3, 5))
	}

	addCase("concatenate", prims.ConcatParams{Axis: 1}, randArray(r, -1, 1, 2, 3), randArray(r, -1, 1, 2, 1), randArray(r, -1, 1, 2, 4))
	addCase("concatenate", prims.ConcatParams{Axis: 0}, randArray(r, -1, 1, 2, 3), randArray(r, -1, 1, 0, 3), randArray(r, -1, 1, 1, 3))

	addCase("pad", prims.PadParams{Low: []int{1, 0}, High: []int{2, 1}, Interior: []int{0, 2}}, randArray(r, -1, 1, 3, 4), randArray(r, -1, 1))
	addCase("pad", prims.PadParams{Low: []int{0, 3}, High: []int{0, 0}, Interior: []int{1, 0}}, randArray(r, -1, 1, 2, 0), randArray(r, -1, 1))
	addCase("pad", prims.PadParams{Low: []int{2}, High: []int{1}, Interior: []int{3}}, randArray(r, -1, 1, 1), randArray(r, -1, 1))

	// sort: one key, a key with a float and an int companion, two keys
	// (an integer one with ties, broken by a float one).
	addCase("sort", prims.SortParams{Axis: 1, NumKeys: 1}, randArray(r, -1, 1, 3, 6))
	addCase("sort", prims.SortParams{Axis: 0, NumKeys: 1}, randArray(r, -1, 1, 5, 2), randArray(r, -1, 1, 5, 2), idx64([]int{5, 2}, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9))
	keys := idx64([]int{2, 4}, 1, 0, 1, 0, 2, 2, 1, 1) // ties, broken by the float key
	addCase("sort", prims.SortParams{Axis: 1, NumKeys: 2}, keys, randArray(r, -1, 1, 2, 4), randArray(r, -1, 1, 2, 4))

	addCase("top_k", prims.TopKParams{K: 3}, randArray(r, -1, 1, 2, 3, 6))
	addCase("top_k", prims.TopKParams{K: 1}, randArray(r, -1, 1, 4))
}
