package ad

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// Batch rules of primitives whose derivative-rule cases do not exercise
// them (integer or bool operands or outputs: argmax, argmin, reduce_and,
// reduce_or, random_bits, integer reductions and contractions), and every
// pattern of batched operands of dot_general (the main harness batches all
// operands, or only the first). These cases have no derivative, so they
// live in their own table, not in ruleCases.

var batchOnlyCases []ruleCase

func addBatchCase(prim string, params any, args ...*core.Array) {
	batchOnlyCases = append(batchOnlyCases, ruleCase{prim: prim, args: args, params: params})
}

// batchMember returns the b-th member of a test batch built from a, for
// every dtype: floats as member does, integers shifted by a multiple of b
// (int32 keys by a large odd one, so each member draws under another key),
// bools with a b-dependent pattern of elements flipped.
func batchMember(a *core.Array, b int) *core.Array {
	shape := append([]int(nil), a.Shape()...)
	a = core.Contiguous(a)
	switch a.DType() {
	case core.Float64:
		return member(a, b)
	case core.Bool:
		x := core.Data[bool](a)
		out := make([]bool, len(x))
		for i, v := range x {
			out[i] = v != ((i+b)%3 == 0 && b > 0)
		}
		return core.New(core.Bool, shape, out)
	case core.Uint8:
		x := core.Data[uint8](a)
		out := make([]uint8, len(x))
		for i, v := range x {
			out[i] = v + uint8(3*b)
		}
		return core.New(core.Uint8, shape, out)
	case core.Int32:
		x := core.Data[int32](a)
		out := make([]int32, len(x))
		for i, v := range x {
			out[i] = v + int32(b)*1000003
		}
		return core.New(core.Int32, shape, out)
	case core.Int64:
		x := core.Data[int64](a)
		out := make([]int64, len(x))
		for i, v := range x {
			out[i] = v + int64(b)*7
		}
		return core.New(core.Int64, shape, out)
	}
	panic("batchMember: unhandled dtype " + a.DType().String())
}

// checkBatchCase runs c's primitive through its batch rule with the
// operands marked in batched (batch size n) and compares every output with
// the primitive applied to each member, stacked.
func checkBatchCase(t *testing.T, name string, c ruleCase, batched []bool, n int) {
	t.Helper()
	p, ok := core.Lookup(c.prim)
	if !ok {
		t.Fatalf("%s: no primitive %q", name, c.prim)
	}
	if p.Batch == nil {
		t.Errorf("%s: no batch rule", name)
		return
	}
	dims := make([]int, len(c.args))
	bargs := make([]*core.Array, len(c.args))
	for i, a := range c.args {
		if !batched[i] {
			dims[i], bargs[i] = -1, a
			continue
		}
		ms := make([]*core.Array, n)
		for b := range ms {
			ms[b] = batchMember(a, b)
		}
		dims[i], bargs[i] = 0, stack(ms)
	}
	per := make([][]*core.Array, n)
	for b := range per {
		args := make([]*core.Array, len(c.args))
		for i, a := range c.args {
			args[i] = a
			if batched[i] {
				args[i] = batchMember(a, b)
			}
		}
		per[b] = core.Bind(p, args, c.params)
	}
	outs, odims := p.Batch(bargs, dims, c.params)
	if len(outs) != len(per[0]) || len(odims) != len(outs) {
		t.Errorf("%s: %d outputs and %d dims, want %d", name, len(outs), len(odims), len(per[0]))
		return
	}
	for k := range outs {
		col := make([]*core.Array, n)
		for b := range col {
			col[b] = per[b][k]
		}
		got := outs[k]
		if odims[k] < 0 {
			reps := make([]*core.Array, n)
			for b := range reps {
				reps[b] = got
			}
			got = stack(reps)
		} else if odims[k] != 0 {
			t.Errorf("%s: output %d has batch dim %d, want 0 or -1", name, k, odims[k])
			continue
		}
		if err := sameValues(got, stack(col)); err != nil {
			t.Errorf("%s: output %d: %v", name, k, err)
		}
	}
}

// batchPatterns returns every nonempty choice of batched operands of n.
func batchPatterns(n int) [][]bool {
	var out [][]bool
	for m := 1; m < 1<<n; m++ {
		pat := make([]bool, n)
		for i := range pat {
			pat[i] = m&(1<<i) != 0
		}
		out = append(out, pat)
	}
	return out
}

func init() {
	r := rand.New(rand.NewSource(11))
	x := randArray(r, -1, 1, 2, 3, 4)
	for _, prim := range []string{"argmax", "argmin"} {
		for axis := range 3 {
			addBatchCase(prim, prims.ArgParams{Axis: axis, IndexDType: core.Int64}, x)
		}
		addBatchCase(prim, prims.ArgParams{Axis: 0, IndexDType: core.Int32}, randArray(r, -1, 1, 5))
		// Ties (the first wins) and a NaN (it wins).
		tie := core.New(core.Float64, []int{2, 4}, []float64{1, 3, 3, 0, 2, math.NaN(), 5, math.NaN()})
		addBatchCase(prim, prims.ArgParams{Axis: 1, IndexDType: core.Int32}, tie)
		addBatchCase(prim, prims.ArgParams{Axis: 1, IndexDType: core.Int64}, core.New(core.Int32, []int{2, 3}, []int32{4, -1, 4, 0, 0, 7}))
		addBatchCase(prim, prims.ArgParams{Axis: 0, IndexDType: core.Int64}, core.New(core.Bool, []int{3, 2}, []bool{false, true, true, false, true, true}))
	}
	bools := make([]bool, 24)
	for i := range bools {
		bools[i] = r.Intn(3) > 0
	}
	bx := core.New(core.Bool, []int{2, 3, 4}, bools)
	for _, prim := range []string{"reduce_and", "reduce_or", "reduce_max", "reduce_min"} {
		for _, axes := range [][]int{{}, {1}, {0, 2}, {0, 1, 2}} {
			addBatchCase(prim, prims.ReduceParams{Axes: axes}, bx)
		}
		addBatchCase(prim, prims.ReduceParams{Axes: []int{1}}, core.New(core.Bool, []int{2, 0}, []bool{}))
	}
	ix := core.New(core.Int32, []int{2, 3}, []int32{1, -2, 3, 4, 5, -6})
	u8 := core.New(core.Uint8, []int{3, 2}, []uint8{1, 200, 3, 4, 250, 6})
	for _, prim := range []string{"reduce_sum", "reduce_prod", "reduce_max", "reduce_min"} {
		addBatchCase(prim, prims.ReduceParams{Axes: []int{1}}, ix)
		addBatchCase(prim, prims.ReduceParams{Axes: []int{0}}, u8)
		addBatchCase(prim, prims.ReduceParams{Axes: []int{0, 1}}, core.New(core.Int64, []int{2, 2}, []int64{3, 1, 4, 1}))
		// Over an empty axis: the identity of the reduction.
		addBatchCase(prim, prims.ReduceParams{Axes: []int{0}}, randArray(r, -1, 1, 0, 3))
	}
	for _, prim := range []string{"cumsum", "cumprod", "cummax", "cummin"} {
		for _, rev := range []bool{false, true} {
			addBatchCase(prim, prims.CumulativeParams{Axis: 0, Reverse: rev}, ix)
			addBatchCase(prim, prims.CumulativeParams{Axis: 1, Reverse: rev}, u8)
			addBatchCase(prim, prims.CumulativeParams{Axis: 2, Reverse: rev}, x)
		}
		addBatchCase(prim, prims.CumulativeParams{Axis: 1}, randArray(r, -1, 1, 2, 0))
	}
	key := core.New(core.Int32, []int{2}, []int32{0, 42})
	for _, rp := range []prims.RandomBitsParams{
		{Shape: []int{5}, Bits: 32, DType: core.Int32},
		{Shape: []int{2, 3}, Bits: 32, DType: core.Int64},
		{Shape: []int{3}, Bits: 64, DType: core.Int64},
		{Shape: []int{}, Bits: 32, DType: core.Int32},
		{Shape: []int{0, 4}, Bits: 64, DType: core.Int64},
	} {
		addBatchCase("random_bits", rp, key)
	}
	addBatchCase("random_bits", prims.RandomBitsParams{Shape: []int{7}, Bits: 32, DType: core.Int32},
		core.New(core.Int32, []int{2}, []int32{-1, math.MinInt32}))
	// Integer contractions, and a contraction of empty axes.
	addBatchCase("dot_general", prims.DotParams{ContractLHS: []int{1}, ContractRHS: []int{0}},
		core.New(core.Int32, []int{2, 3}, []int32{1, 2, 3, 4, 5, 6}), core.New(core.Int32, []int{3, 2}, []int32{-1, 0, 2, 7, 1, 1}))
	addBatchCase("dot_general", prims.DotParams{ContractLHS: []int{1}, ContractRHS: []int{1}, BatchLHS: []int{0}, BatchRHS: []int{0}},
		randArray(r, -1, 1, 2, 0, 3), randArray(r, -1, 1, 2, 0))
	addBatchCase("dot_general", prims.DotParams{ContractLHS: []int{0}, ContractRHS: []int{2}, BatchLHS: []int{2}, BatchRHS: []int{0}},
		randArray(r, -1, 1, 4, 3, 2), randArray(r, -1, 1, 2, 5, 4))
}

func TestBatchRulesOfIntegerAndBoolCases(t *testing.T) {
	for ci, c := range batchOnlyCases {
		for _, pat := range batchPatterns(len(c.args)) {
			name := fmt.Sprintf("%s#%d%v batched %v", c.prim, ci, c.params, pat)
			checkBatchCase(t, name, c, pat, batchN)
		}
	}
}

// The main harness batches all operands or only the first: here every
// pattern of batched operands of the contraction cases, including only the
// rhs, with batch sizes 1 and 2 besides.
func TestBatchRulesOfDotGeneralEveryPattern(t *testing.T) {
	for ci, c := range ruleCases {
		if c.prim != "dot_general" {
			continue
		}
		for _, pat := range batchPatterns(len(c.args)) {
			for _, n := range []int{1, 2} {
				name := fmt.Sprintf("%s#%d%v batched %v size %d", c.prim, ci, c.params, pat, n)
				checkBatchCase(t, name, c, pat, n)
			}
		}
	}
}

// A batch of no keys draws nothing, in the right shape and dtype.
func TestBatchRuleOfRandomBitsEmptyBatch(t *testing.T) {
	p, _ := core.Lookup("random_bits")
	keys := core.New(core.Int32, []int{0, 2}, []int32{})
	for _, rp := range []prims.RandomBitsParams{
		{Shape: []int{3}, Bits: 32, DType: core.Int32},
		{Shape: []int{2, 2}, Bits: 64, DType: core.Int64},
	} {
		outs, dims := p.Batch([]*core.Array{keys}, []int{0}, rp)
		want := append([]int{0}, rp.Shape...)
		if dims[0] != 0 || outs[0].DType() != rp.DType || !core.EqualShapes(outs[0].Shape(), want) {
			t.Errorf("%v: got %v with dim %d, want %v[%v]", rp, outs[0].Aval(), dims[0], rp.DType, want)
		}
	}
}

// Each member's draw equals the unbatched draw under that member's key,
// checked against explicitly chosen keys.
func TestBatchRuleOfRandomBitsPerKey(t *testing.T) {
	p, _ := core.Lookup("random_bits")
	keys := core.New(core.Int32, []int{3, 2}, []int32{0, 0, 0, 42, 7, -9})
	rp := prims.RandomBitsParams{Shape: []int{4}, Bits: 32, DType: core.Int32}
	outs, _ := p.Batch([]*core.Array{keys}, []int{0}, rp)
	got := core.Data[int32](core.Contiguous(outs[0]))
	kw := core.Data[int32](keys)
	for b := range 3 {
		want := core.Data[int32](core.Contiguous(prims.RandomBits(core.New(core.Int32, []int{2}, kw[2*b:2*b+2]), 32, core.Int32, []int{4})))
		for i := range want {
			if got[4*b+i] != want[i] {
				t.Fatalf("key %v: got %v, want %v", kw[2*b:2*b+2], got[4*b:4*b+4], want)
			}
		}
	}
	// Different keys give different bits.
	if got[0] == got[4] && got[1] == got[5] {
		t.Errorf("keys (0,0) and (0,42) drew the same bits %v", got[:8])
	}
}
