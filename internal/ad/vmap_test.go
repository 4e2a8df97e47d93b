package ad

import (
	"fmt"
	"math"
	"testing"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// Batch rules are checked on the same cases as the derivative rules: the
// batched primitive must equal the primitive applied to each member of the
// batch, stacked. Each case runs with every operand batched, and with only
// the first batched.

// pendingBatch lists primitives whose batch rules are not written yet
// (issue 4 is open); the test fails when one of them gains a rule, so the
// list only shrinks.
var pendingBatch = map[string]string{}

const batchN = 3

// member returns the b-th member of a test batch built from a: float
// arrays are scaled and shifted per member, others repeated.
func member(a *core.Array, b int) *core.Array {
	if a.DType() != core.Float64 {
		return a
	}
	x := core.Data[float64](core.Contiguous(a))
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = v*(1+0.1*float64(b)) + 0.01*float64(b)
	}
	return core.New(core.Float64, append([]int(nil), a.Shape()...), out)
}

// stack stacks arrays of one shape along a new leading axis.
func stack(xs []*core.Array) *core.Array {
	shape := append([]int{len(xs)}, xs[0].Shape()...)
	out := core.Empty(xs[0].DType(), shape)
	n := xs[0].Size()
	for i, x := range xs {
		core.CopyInto(core.NewView(x.DType(), x.Shape(), core.ContiguousStrides(x.Shape()), i*n, out.Buffer()), x)
	}
	return out
}

func sameValues(a, b *core.Array) error {
	if a.DType() != b.DType() || !core.EqualShapes(a.Shape(), b.Shape()) {
		return fmt.Errorf("got %v, want %v", a.Aval(), b.Aval())
	}
	x := core.Contiguous(prims.Convert(a, core.Float64))
	y := core.Contiguous(prims.Convert(b, core.Float64))
	xs, ys := core.Data[float64](x), core.Data[float64](y)
	for i := range xs {
		if !(xs[i] == ys[i] || math.IsNaN(xs[i]) && math.IsNaN(ys[i]) || math.Abs(xs[i]-ys[i]) <= 1e-12*math.Max(1, math.Abs(ys[i]))) {
			return fmt.Errorf("element %d: batched %v, stacked %v", i, xs[i], ys[i])
		}
	}
	return nil
}

func TestBatchRules(t *testing.T) {
	for ci, c := range ruleCases {
		p, _ := core.Lookup(c.prim)
		if pendingBatch[c.prim] != "" {
			continue
		}
		name := fmt.Sprintf("%s#%d%v", c.prim, ci, c.params)
		if p.Batch == nil {
			t.Errorf("%s: no batch rule", name)
			continue
		}
		for _, onlyFirst := range []bool{false, true} {
			dims := make([]int, len(c.args))
			bargs := make([]*core.Array, len(c.args))
			for i, a := range c.args {
				if onlyFirst && i > 0 {
					dims[i], bargs[i] = -1, a
					continue
				}
				ms := make([]*core.Array, batchN)
				for b := range ms {
					ms[b] = member(a, b)
				}
				dims[i], bargs[i] = 0, stack(ms)
			}
			// Reference: the primitive on each member, stacked.
			per := make([][]*core.Array, batchN)
			for b := range per {
				args := make([]*core.Array, len(c.args))
				for i, a := range c.args {
					args[i] = a
					if dims[i] == 0 {
						args[i] = member(a, b)
					}
				}
				per[b] = core.Bind(p, args, c.params)
			}
			outs, odims := p.Batch(bargs, dims, c.params)
			for k := range outs {
				col := make([]*core.Array, batchN)
				for b := range col {
					col[b] = per[b][k]
				}
				got := outs[k]
				if odims[k] < 0 {
					got = stack([]*core.Array{got, got, got})
				}
				if err := sameValues(got, stack(col)); err != nil {
					t.Errorf("%s (only first batched: %v): output %d: %v", name, onlyFirst, k, err)
				}
			}
		}
	}
}

func TestEveryPrimitiveHasBatchRule(t *testing.T) {
	for _, p := range core.Primitives() {
		_, pending := pendingBatch[p.Name]
		switch {
		case pending && p.Batch != nil:
			t.Errorf("primitive %s now has a batch rule: remove it from pendingBatch", p.Name)
		case !pending && p.Batch == nil && p.Name != "fused":
			t.Errorf("primitive %s has no batch rule", p.Name)
		}
	}
}
