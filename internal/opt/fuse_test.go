package opt_test

import (
	"slices"
	"testing"

	"github.com/nd-go/nd"
	"github.com/nd-go/nd/internal/cpu"
	"github.com/nd-go/nd/internal/opt"
	"github.com/nd-go/nd/ir"
)

func chain(a, b, c *nd.Array) *nd.Array {
	return a.Mul(b).Add(c).Mul(0.5).Add(nd.Tanh(a))
}

func TestFuseChainIsOneEquation(t *testing.T) {
	x := nd.Zeros(nd.Float32, 1000)
	p := runPass(t, "fuse", opt.DCE(trace(t, chain, x, x, x)))
	if len(p.Eqns) != 1 || p.Eqns[0].Prim != cpu.Fused {
		t.Fatalf("want one fused equation:\n%v", p)
	}
	body := p.Eqns[0].Params.(cpu.FusedParams).Body
	if err := ir.Verify(body); err != nil {
		t.Fatalf("fused body: %v\n%v", err, body)
	}
	if len(body.Eqns) != 5 {
		t.Fatalf("fused body has %d equations, want 5:\n%v", len(body.Eqns), body)
	}
}

func TestFuseStopsAtReductions(t *testing.T) {
	f := func(x *nd.Array) *nd.Array {
		m := nd.Max(x, -1).Reshape(-1, 1)
		e := nd.Exp(x.Sub(m))
		return e.Div(nd.Sum(e, -1).Reshape(-1, 1))
	}
	p := trace(t, f, nd.Zeros(nd.Float32, 4, 8))
	q := opt.Optimize(p)
	if err := ir.Verify(q); err != nil {
		t.Fatal(err)
	}
	// Every value the program reads is defined before it is read (Verify),
	// and the result equals eager evaluation.
	x := nd.Arange(nd.Float32, 0, 32, 1).Reshape(4, 8).Mul(0.25)
	want := nd.Data[float32](f(x))
	got := nd.Data[float32](nd.JIT(f)(x))
	if !slices.Equal(got, want) {
		t.Fatalf("jit softmax %v\nwant %v", got, want)
	}
}

func TestFusedMatchesEagerBitForBit(t *testing.T) {
	n := 5000 // several blocks and a ragged last one
	a := nd.Linspace(nd.Float32, -3, 3, n)
	b := nd.Flip(a)                                                  // negative strides
	c := nd.Linspace(nd.Float32, 0, 1, n/50).Reshape(-1, 1)          // broadcast below
	f := func(a, b, c *nd.Array) *nd.Array { return chain(a, b, c) } // c broadcasts
	a2, b2 := a.Reshape(n/50, 50), b.Reshape(n/50, 50)
	want := nd.Data[float32](f(a2, b2, c))
	got := nd.Data[float32](nd.JIT(f)(a2, b2, c))
	if !slices.Equal(got, want) {
		t.Fatalf("fused result differs from eager")
	}
}
