package prims

import "github.com/nd-go/nd/internal/core"

// Batch rule (vmap) of random_bits. A batched key is an int32 array of
// shape (B, 2), one key per member; member b's bits must equal the
// unbatched draw under key b. random_bits takes a single key (its counters
// all run under that key's Threefry schedule, so no counter split of one
// call can stand for B different keys), so the rule draws under each key in
// turn and stacks the draws along a new leading axis. Each draw is a bound
// random_bits on a slice of the keys, so the rule stays traceable.

// randomBitsBatchRule is the batch rule of random_bits.
func randomBitsBatchRule(args []*core.Array, _ []int, params any) ([]*core.Array, []int) {
	p := params.(RandomBitsParams)
	keys := args[0]
	ks := keys.Shape()
	if keys.DType() != core.Int32 || len(ks) != 2 || ks[1] != 2 {
		core.Panicf("random_bits", "batched key is %v, want int32[B,2]", keys.Aval())
	}
	b := ks[0]
	shape := append([]int{1}, p.Shape...)
	if b == 0 {
		// No keys: an empty result of the right shape and dtype, made from
		// the (empty) keys themselves.
		shape[0] = 0
		out := Reshape(keys, shape)
		if p.DType != core.Int32 {
			out = Convert(out, p.DType)
		}
		return batched1(out)
	}
	draws := make([]*core.Array, b)
	for i := range draws {
		key := Reshape(Slice(keys, []int{i, 0}, []int{i + 1, 2}, []int{1, 1}), []int{2})
		draws[i] = Reshape(RandomBits(key, p.Bits, p.DType, p.Shape), shape)
	}
	return batched1(Concatenate(draws, 0))
}

func init() { randomBitsP.Batch = randomBitsBatchRule }
