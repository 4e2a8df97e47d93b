package prims

import "github.com/nd-go/nd/internal/core"

// Batch rules (vmap) of concatenate, pad, gather, scatter, sort and top_k.
// As in batch.go, a batched operand has its batch axis first (dims[i] ==
// 0) and an unbatched one has dims[i] == -1; every output here is batched.
// Gather and scatter with batched indices index the batch axis too: the
// indices gain a leading coordinate, the member's number, so one gather or
// scatter serves the whole batch (no loop over its members).

// batchIndexCoord prepends to each index point of the batched indices
// idx (shape (B, points..., k)) its member number b, giving indices of
// shape (B, points..., k+1) that index the batch axis first. Indices of a
// dtype narrower than int32 are widened to int64 first so that the member
// numbers fit.
func batchIndexCoord(idx *core.Array) *core.Array {
	if d := idx.DType(); d != core.Int32 && d != core.Int64 {
		idx = Convert(idx, core.Int64)
	}
	shape := idx.Shape()
	b := shape[0]
	buf := core.MakeBuffer(idx.DType(), b)
	switch v := buf.(type) {
	case []int32:
		for i := range v {
			v[i] = int32(i)
		}
	case []int64:
		for i := range v {
			v[i] = int64(i)
		}
	}
	coordShape := append([]int(nil), shape...)
	coordShape[len(coordShape)-1] = 1
	coord := BroadcastInDim(core.New(idx.DType(), []int{b}, buf), coordShape, []int{0})
	return Concatenate([]*core.Array{coord, idx}, len(shape)-1)
}

// moveAxisPerm returns the permutation of an ndim-axis array that moves
// axis from to position to.
func moveAxisPerm(ndim, from, to int) []int {
	perm := make([]int, 0, ndim)
	for i := range ndim {
		if i != from {
			perm = append(perm, i)
		}
	}
	perm = append(perm[:to], append([]int{from}, perm[to:]...)...)
	return perm
}

// unbatchedShape returns the shape of one member of x.
func unbatchedShape(x *core.Array, dim int) []int {
	if dim == 0 {
		return x.Shape()[1:]
	}
	return x.Shape()
}

func init() {
	concatenateP.Batch = func(args []*core.Array, dims []int, params any) ([]*core.Array, []int) {
		b := batchSize(args, dims)
		xs := make([]*core.Array, len(args))
		for i, a := range args {
			xs[i] = withBatch(a, dims[i], b)
		}
		return batched1(Concatenate(xs, params.(ConcatParams).Axis+1))
	}

	// pad: a batched operand pads past its batch axis. A batched padding
	// value pads with zeros, then selects the value where a padded mask of
	// the operand's elements is false.
	padP.Batch = func(args []*core.Array, dims []int, params any) ([]*core.Array, []int) {
		p := params.(PadParams)
		low, high := append([]int{0}, p.Low...), append([]int{0}, p.High...)
		interior := append([]int{0}, p.Interior...)
		x, v := args[0], args[1]
		if dims[1] < 0 {
			return batched1(Pad(x, v, low, high, interior))
		}
		b := batchSize(args, dims)
		member := unbatchedShape(x, dims[0])
		padded := Pad(withBatch(x, dims[0], b), Filled(0, core.Aval{DType: x.DType(), Shape: []int{}}), low, high, interior)
		mask := Pad(Filled(1, core.Aval{DType: core.Bool, Shape: member}), Filled(0, core.Aval{DType: core.Bool, Shape: []int{}}), p.Low, p.High, p.Interior)
		inner := make([]int, mask.Ndim())
		for i := range inner {
			inner[i] = i + 1
		}
		mask = BroadcastInDim(mask, padded.Shape(), inner)
		return batched1(Select(mask, padded, BroadcastInDim(v, padded.Shape(), []int{0})))
	}

	// gather: a batched operand alone is gathered past its batch axis,
	// which lands after the index points and moves first; batched indices
	// alone gather as they are (their batch axis is one more point axis);
	// both batched index the batch axis with each member's number.
	gatherP.Batch = func(args []*core.Array, dims []int, params any) ([]*core.Array, []int) {
		p := params.(GatherParams)
		x, idx := args[0], args[1]
		switch {
		case dims[1] < 0:
			out := Gather(x, idx, shiftAxes(p.Axes), p.Mode)
			return batched1(Transpose(out, moveAxisPerm(out.Ndim(), idx.Ndim()-1, 0)))
		case dims[0] < 0:
			return batched1(Gather(x, idx, p.Axes, p.Mode))
		}
		return batched1(Gather(x, batchIndexCoord(idx), append([]int{0}, shiftAxes(p.Axes)...), p.Mode))
	}

	// scatter: the operand always takes the batch axis. With shared
	// indices every member is updated at the same points: the updates'
	// batch axis moves after the point axes, where the batch axis of the
	// operand lands. With batched indices each point also indexes the
	// batch axis by its member's number.
	scatterP.Batch = func(args []*core.Array, dims []int, params any) ([]*core.Array, []int) {
		p := params.(ScatterParams)
		b := batchSize(args, dims)
		x, idx := withBatch(args[0], dims[0], b), args[1]
		upd := withBatch(args[2], dims[2], b)
		if dims[1] < 0 {
			upd = Transpose(upd, moveAxisPerm(upd.Ndim(), 0, idx.Ndim()-1))
			return batched1(Scatter(x, idx, upd, shiftAxes(p.Axes), p.Mode, p.Op))
		}
		return batched1(Scatter(x, batchIndexCoord(idx), upd, append([]int{0}, shiftAxes(p.Axes)...), p.Mode, p.Op))
	}

	sortP.Batch = func(args []*core.Array, dims []int, params any) ([]*core.Array, []int) {
		p := params.(SortParams)
		b := batchSize(args, dims)
		xs := make([]*core.Array, len(args))
		for i, a := range args {
			xs[i] = withBatch(a, dims[i], b)
		}
		outs := Sort(xs, p.Axis+1, p.NumKeys)
		return outs, make([]int, len(outs))
	}

	// top_k works on the last axis, so a leading batch axis is free.
	topKP.Batch = func(args []*core.Array, _ []int, params any) ([]*core.Array, []int) {
		v, i := TopK(args[0], params.(TopKParams).K)
		return []*core.Array{v, i}, []int{0, 0}
	}
}
