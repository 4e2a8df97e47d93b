package opt_test

import (
	"strings"
	"testing"

	"github.com/nd-go/nd"
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/opt"
	"github.com/nd-go/nd/ir"
)

func trace(t *testing.T, f any, args ...any) *ir.Program {
	t.Helper()
	p, err := nd.MakeIR(f, args...)
	if err != nil {
		t.Fatal(err)
	}
	if err := ir.Verify(p); err != nil {
		t.Fatalf("traced program does not verify: %v\n%v", err, p)
	}
	return p
}

// runPass runs one pass and verifies the result.
func runPass(t *testing.T, name string, p *ir.Program) *ir.Program {
	t.Helper()
	for _, pass := range opt.Pipeline {
		if pass.Name == name {
			q := pass.Run(p)
			if err := ir.Verify(q); err != nil {
				t.Fatalf("after %s: %v\n%v", name, err, q)
			}
			return q
		}
	}
	t.Fatalf("no pass %q", name)
	return nil
}

func countPrim(p *ir.Program, name string) int {
	n := 0
	for _, e := range p.Eqns {
		if e.Prim.Name == name {
			n++
		}
	}
	return n
}

func TestDCE(t *testing.T) {
	p := trace(t, func(a *nd.Array) *nd.Array {
		_ = nd.Exp(a) // dead
		return a.Mul(a)
	}, nd.Zeros(nd.Float32, 3))
	q := runPass(t, "dce", p)
	if countPrim(q, "exp") != 0 || countPrim(q, "mul") != 1 {
		t.Fatalf("dce left:\n%v", q)
	}
}

func TestCSE(t *testing.T) {
	p := trace(t, func(a, b *nd.Array) *nd.Array {
		return a.Mul(b).Add(a.Mul(b))
	}, nd.Zeros(nd.Float32, 3), nd.Zeros(nd.Float32, 3))
	q := runPass(t, "dce", runPass(t, "cse", p))
	if countPrim(q, "mul") != 1 {
		t.Fatalf("cse left two muls:\n%v", q)
	}
	// Different params are not merged.
	p = trace(t, func(a *nd.Array) *nd.Array {
		return nd.Transpose(a, 1, 0, 2).Add(nd.Transpose(a, 0, 1, 2).Reshape(2, 2, 2))
	}, nd.Zeros(nd.Float32, 2, 2, 2))
	q = runPass(t, "cse", p)
	if !strings.Contains(q.String(), "transpose") {
		t.Fatalf("cse merged different transposes:\n%v", q)
	}
}

func TestFoldAndSimplify(t *testing.T) {
	// A constant subexpression folds; x*1 disappears; -(-x) is x.
	c := nd.FromSlice([]float32{1, 2, 3})
	p := trace(t, func(a *nd.Array) *nd.Array {
		k := c.Mul(c)
		return a.Mul(1).Neg().Neg().Add(k)
	}, nd.Zeros(nd.Float32, 3))
	q := opt.Optimize(p)
	if err := ir.Verify(q); err != nil {
		t.Fatal(err)
	}
	if len(q.Eqns) != 1 || q.Eqns[0].Prim.Name != "add" {
		t.Fatalf("want a single add after optimization:\n%v", q)
	}
	// Float x+0 is kept: -0+0 is +0.
	p = trace(t, func(a *nd.Array) *nd.Array { return a.Add(0) }, nd.Zeros(nd.Float32, 3))
	if countPrim(opt.Optimize(p), "add") != 1 {
		t.Fatalf("float x+0 was removed")
	}
}

func TestFoldConstantEquation(t *testing.T) {
	mul, _ := core.Lookup("mul")
	f32 := core.Aval{DType: core.Float32, Shape: []int{2}}
	c0, c1 := &ir.Var{ID: 0, Type: f32}, &ir.Var{ID: 1, Type: f32}
	x, y, z := &ir.Var{ID: 2, Type: f32}, &ir.Var{ID: 3, Type: f32}, &ir.Var{ID: 4, Type: f32}
	p := &ir.Program{
		Inputs:      []*ir.Var{x},
		Consts:      []*ir.Var{c0, c1},
		ConstValues: []*core.Array{core.New(core.Float32, []int{2}, []float32{2, 3}), core.New(core.Float32, []int{2}, []float32{5, 7})},
		Eqns: []*ir.Eqn{
			{Prim: mul, Ins: []*ir.Var{c0, c1}, Outs: []*ir.Var{y}},
			{Prim: mul, Ins: []*ir.Var{x, y}, Outs: []*ir.Var{z}},
		},
		Outputs: []*ir.Var{z},
	}
	q := runPass(t, "dce", runPass(t, "fold", p))
	if len(q.Eqns) != 1 || len(q.Consts) != 1 {
		t.Fatalf("fold left:\n%v", q)
	}
	if got := core.Data[float32](q.ConstValues[0]); got[0] != 10 || got[1] != 21 {
		t.Fatalf("folded constant %v, want [10 21]", got)
	}
}

func TestFoldBroadcasts(t *testing.T) {
	// exp of a broadcast row is computed on the row, then broadcast.
	p := trace(t, func(x, row *nd.Array) *nd.Array {
		return x.Add(nd.Exp(nd.BroadcastTo(row, 4, 3)))
	}, nd.Zeros(nd.Float32, 4, 3), nd.Zeros(nd.Float32, 3))
	q := runPass(t, "dce", runPass(t, "broadcast", p))
	for _, e := range q.Eqns {
		if e.Prim.Name == "exp" && e.Outs[0].Type.Size() != 3 {
			t.Fatalf("exp still runs on the broadcast:\n%v", q)
		}
	}
	// Chains of broadcasts and reshapes collapse.
	p = trace(t, func(x *nd.Array) *nd.Array {
		return nd.BroadcastTo(nd.BroadcastTo(x.Reshape(3, 1).Reshape(1, 3, 1), 2, 3, 1), 5, 2, 3, 4)
	}, nd.Zeros(nd.Float32, 3))
	q = runPass(t, "dce", runPass(t, "broadcast", p))
	if countPrim(q, "broadcast_in_dim") != 1 || countPrim(q, "reshape") != 1 {
		t.Fatalf("movement chains not merged:\n%v", q)
	}
	x := nd.Arange(nd.Float32, 0, 3, 1)
	f := func(x *nd.Array) *nd.Array {
		return nd.BroadcastTo(nd.BroadcastTo(x.Reshape(3, 1).Reshape(1, 3, 1), 2, 3, 1), 5, 2, 3, 4)
	}
	if got, want := nd.JIT(f)(x), f(x); got.String() != want.String() {
		t.Fatalf("jit %v\nwant %v", got, want)
	}
}
