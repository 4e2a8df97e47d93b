package prims

import "github.com/nd-go/nd/internal/core"

// Batch rules (vmap) of the elementwise and movement primitives. The batch
// interpreter (internal/ad) keeps every batched value's batch axis first:
// a rule gets dims[i] == 0 for batched operands and -1 for the others, and
// returns its outputs with their batch axis (0) or -1.

// batchSize returns the batch size of the batched operands.
func batchSize(args []*core.Array, dims []int) int {
	for i, d := range dims {
		if d == 0 {
			return args[i].Shape()[0]
		}
	}
	return -1
}

// withBatch broadcasts an unbatched operand to carry a leading batch axis
// of size b; batched operands pass through.
func withBatch(x *core.Array, dim, b int) *core.Array {
	if dim == 0 {
		return x
	}
	return BroadcastLeading(x, b)
}

// BroadcastLeading returns x broadcast along a new leading axis of size b
// (a strided view, no copy): how an unbatched value joins a batch.
func BroadcastLeading(x *core.Array, b int) *core.Array {
	dims := make([]int, x.Ndim())
	for i := range dims {
		dims[i] = i + 1
	}
	return BroadcastInDim(x, append([]int{b}, x.Shape()...), dims)
}

// elementwiseBatch is the batch rule of every elementwise primitive: give
// every operand the batch axis and apply the primitive to the whole batch.
func elementwiseBatch(p *core.Primitive) func([]*core.Array, []int, any) ([]*core.Array, []int) {
	return func(args []*core.Array, dims []int, params any) ([]*core.Array, []int) {
		b := batchSize(args, dims)
		in := make([]*core.Array, len(args))
		for i, a := range args {
			in[i] = withBatch(a, dims[i], b)
		}
		outs := core.Bind(p, in, params)
		od := make([]int, len(outs))
		return outs, od
	}
}

// shiftAxes returns axes+1 (the operand axes seen past the batch axis).
func shiftAxes(axes []int) []int {
	out := make([]int, len(axes))
	for i, a := range axes {
		out[i] = a + 1
	}
	return out
}

func batched1(x *core.Array) ([]*core.Array, []int) { return []*core.Array{x}, []int{0} }

func init() {
	for _, p := range core.Primitives() {
		if p.Fusion == core.Elementwise && p.Batch == nil {
			p.Batch = elementwiseBatch(p)
		}
	}
	reshapeP.Batch = func(args []*core.Array, _ []int, params any) ([]*core.Array, []int) {
		x := args[0]
		return batched1(Reshape(x, append([]int{x.Shape()[0]}, params.(ReshapeParams).Shape...)))
	}
	transposeP.Batch = func(args []*core.Array, _ []int, params any) ([]*core.Array, []int) {
		return batched1(Transpose(args[0], append([]int{0}, shiftAxes(params.(TransposeParams).Perm)...)))
	}
	broadcastP.Batch = func(args []*core.Array, _ []int, params any) ([]*core.Array, []int) {
		p := params.(BroadcastParams)
		x := args[0]
		return batched1(BroadcastInDim(x, append([]int{x.Shape()[0]}, p.Shape...), append([]int{0}, shiftAxes(p.Dims)...)))
	}
	sliceP.Batch = func(args []*core.Array, _ []int, params any) ([]*core.Array, []int) {
		p := params.(SliceParams)
		x := args[0]
		return batched1(Slice(x, append([]int{0}, p.Start...), append([]int{x.Shape()[0]}, p.Stop...), append([]int{1}, p.Step...)))
	}
	revP.Batch = func(args []*core.Array, _ []int, params any) ([]*core.Array, []int) {
		return batched1(Rev(args[0], shiftAxes(params.(RevParams).Axes)))
	}
	stopGradientP.Batch = func(args []*core.Array, _ []int, _ any) ([]*core.Array, []int) {
		return batched1(StopGradient(args[0]))
	}
}
