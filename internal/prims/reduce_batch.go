package prims

import "github.com/nd-go/nd/internal/core"

// Batch rules (vmap) of the reductions, the arg reductions and the
// cumulative primitives. The operand's batch axis is first (the only
// operand is batched whenever a rule runs), so each rule applies the
// primitive to the whole batch with its axes shifted past the batch axis;
// the batch axis is never reduced, scanned or searched, and stays first.

// reduceBatch is the batch rule of a reduce_* primitive.
func reduceBatch(p *core.Primitive) func([]*core.Array, []int, any) ([]*core.Array, []int) {
	return func(args []*core.Array, _ []int, params any) ([]*core.Array, []int) {
		return batched1(bindReduce(p, args[0], shiftAxes(params.(ReduceParams).Axes)))
	}
}

// argBatch is the batch rule of argmax and argmin.
func argBatch(p *core.Primitive) func([]*core.Array, []int, any) ([]*core.Array, []int) {
	return func(args []*core.Array, _ []int, params any) ([]*core.Array, []int) {
		ap := params.(ArgParams)
		ap.Axis++
		return batched1(core.Bind1(p, ap, args[0]))
	}
}

// cumulativeBatch is the batch rule of cumsum, cumprod, cummax and cummin.
func cumulativeBatch(p *core.Primitive) func([]*core.Array, []int, any) ([]*core.Array, []int) {
	return func(args []*core.Array, _ []int, params any) ([]*core.Array, []int) {
		cp := params.(CumulativeParams)
		cp.Axis++
		return batched1(core.Bind1(p, cp, args[0]))
	}
}

func init() {
	for _, p := range []*core.Primitive{reduceSumP, reduceProdP, reduceMaxP, reduceMinP, reduceAndP, reduceOrP} {
		p.Batch = reduceBatch(p)
	}
	for _, p := range []*core.Primitive{argmaxP, argminP} {
		p.Batch = argBatch(p)
	}
	for _, p := range []*core.Primitive{cumsumP, cumprodP, cummaxP, cumminP} {
		p.Batch = cumulativeBatch(p)
	}
}
