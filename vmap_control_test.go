package nd

import (
	"slices"
	"strings"
	"testing"
)

// Vmap over the control-flow functions (Cond, While, ForLoop, Scan) and over
// the indexing, sorting and joining ops whose batch rules live beside them:
// each batched call must equal the function called on each member and the
// results stacked, eagerly and under JIT.

// cfPerMember applies f to each slice along axis 0 of x and stacks.
func cfPerMember(f func(*Array) *Array, x *Array) *Array {
	var outs []*Array
	for i := range x.Shape()[0] {
		outs = append(outs, f(x.Index(i)))
	}
	return Stack(outs, 0)
}

// checkVmapCF checks Vmap(f) and JIT(Vmap(f)) against per-member calls.
func checkVmapCF(t *testing.T, name string, f func(*Array) *Array, xs *Array) {
	t.Helper()
	want := cfPerMember(f, xs)
	for mode, g := range map[string]func(*Array) *Array{"eager": Vmap(f, nil, nil), "jit": JIT(Vmap(f, nil, nil))} {
		got := g(xs)
		if !slices.Equal(got.Shape(), want.Shape()) || got.DType() != want.DType() {
			t.Errorf("%s (%s): got %v %v, want %v %v", name, mode, got.DType(), got.Shape(), want.DType(), want.Shape())
			continue
		}
		checkClose(t, name+" ("+mode+")", floats(got), floats(want), 1e-12)
	}
}

func vmapIR(t *testing.T, f func(*Array) *Array, x *Array) string {
	t.Helper()
	p, err := MakeIR(Vmap(f, nil, nil), x)
	if err != nil {
		t.Fatal(err)
	}
	return p.String()
}

func TestVmapCond(t *testing.T) {
	w := FromSlice([]float64{1, -2, 3})
	// Member sums: 2, -3, 0.5, -0.25.
	xs := FromSlice([]float64{1, 0, 1, -1, -1, -1, 0.5, 0.5, -0.5, 0.25, -0.25, -0.25}, 4, 3)
	batchedPred := func(x *Array) *Array {
		return Cond(Greater(Sum(x), 0), func(x *Array) *Array { return x.Mul(2) }, func(x *Array) *Array { return Exp(x).Neg() }, x)
	}
	sharedPred := func(x *Array) *Array {
		return Cond(Greater(Sum(w), 0), func(x *Array) *Array { return x.Mul(w) }, func(x *Array) *Array { return x.Add(w) }, x)
	}
	cases := map[string]func(*Array) *Array{
		"batched predicate": batchedPred,
		"shared predicate":  sharedPred,
		// One branch ignores the operand: its result is made batched.
		"shared predicate, unbatched branch": func(x *Array) *Array {
			return Cond(Less(Sum(w), 0), func(x *Array) *Array { return x.Mul(w) }, func(x *Array) *Array { return w.Mul(3) }, x)
		},
		"batched predicate, unbatched branches": func(x *Array) *Array {
			return Cond(Less(Max(x), 0.6), func(x *Array) *Array { return w }, func(x *Array) *Array { return w.Neg() }, x)
		},
		"batched predicate, struct operand and result": func(x *Array) *Array {
			r := Cond(Greater(x.Index(0), x.Index(1)),
				func(s loopState) loopState { return loopState{s.Acc.Sum(), s.I.Add(1)} },
				func(s loopState) loopState { return loopState{s.Acc.Max(), s.I.Sub(1)} },
				loopState{Scalar(int64(7)), x})
			return r.I.Add(r.Acc)
		},
		"nested cond": func(x *Array) *Array {
			return Cond(Greater(Sum(x), 0), func(x *Array) *Array {
				return Cond(Greater(x.Index(0), 0.75), func(x *Array) *Array { return x.Mul(10) }, func(x *Array) *Array { return x.Sub(10) }, x)
			}, func(x *Array) *Array { return x }, x)
		},
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) { checkVmapCF(t, name, f, xs) })
	}
	// A shared predicate keeps one cond; a batched one becomes a select.
	if s := vmapIR(t, sharedPred, xs); !strings.Contains(s, "cond[") || strings.Contains(s, "select") {
		t.Errorf("vmap of cond with a shared predicate:\n%s", s)
	}
	if s := vmapIR(t, batchedPred, xs); strings.Contains(s, "cond[") || !strings.Contains(s, "select") {
		t.Errorf("vmap of cond with a batched predicate:\n%s", s)
	}
}

func TestVmapWhile(t *testing.T) {
	// Positive members with different trip counts.
	xs := FromSlice([]float64{1, 2, 3, 0.1, 0.2, 0.1, 50, 60, 70, 4, 0, 0}, 4, 3)
	batchedCond := func(x *Array) *Array {
		s := While(func(s loopState) *Array { return Less(Sum(s.Acc), 100) },
			func(s loopState) loopState { return loopState{s.I.Add(1), s.Acc.Mul(2)} },
			loopState{Scalar(int64(0)), x})
		return s.Acc.Add(s.I)
	}
	sharedCond := func(x *Array) *Array {
		s := While(func(s loopState) *Array { return Less(s.I, 5) },
			func(s loopState) loopState { return loopState{s.I.Add(1), s.Acc.Mul(x).Add(1)} },
			loopState{Scalar(int64(0)), x})
		return s.Acc.Add(s.I)
	}
	cases := map[string]func(*Array) *Array{
		"batched condition": batchedCond,
		"shared condition":  sharedCond,
		// Acc starts unbatched and becomes batched in the body.
		"carry becomes batched": func(x *Array) *Array {
			s := While(func(s loopState) *Array { return Less(s.I, 3) },
				func(s loopState) loopState { return loopState{s.I.Add(1), s.Acc.Add(x).Mul(s.Acc.Add(1))} },
				loopState{Scalar(int64(0)), Zeros(Float64, 3)})
			return s.Acc
		},
		// The bound is batched through the captured x; the counter is not.
		"batched bound, shared counter": func(x *Array) *Array {
			s := While(func(s loopState) *Array { return Less(s.I, Sum(x)) },
				func(s loopState) loopState { return loopState{s.I.Add(1), s.Acc.Add(s.I)} },
				loopState{Scalar(int64(0)), Scalar(0.5)})
			return s.Acc.Mul(s.I)
		},
		"no member iterates": func(x *Array) *Array {
			return While(func(a *Array) *Array { return Less(Sum(a), -1) }, func(a *Array) *Array { return a.Mul(3) }, x)
		},
		"cond inside while": func(x *Array) *Array {
			s := While(func(s loopState) *Array { return Less(s.I, 6) },
				func(s loopState) loopState {
					acc := Cond(Greater(Sum(s.Acc), 20), func(a *Array) *Array { return a.Mul(0.5) }, func(a *Array) *Array { return a.Add(3) }, s.Acc)
					return loopState{s.I.Add(1), acc}
				},
				loopState{Scalar(int64(0)), x})
			return s.Acc
		},
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) { checkVmapCF(t, name, f, xs) })
	}
	if s := vmapIR(t, sharedCond, xs); strings.Contains(s, "reduce_or") {
		t.Errorf("vmap of while with a shared condition tests members:\n%s", s)
	}
	if s := vmapIR(t, batchedCond, xs); !strings.Contains(s, "while[") {
		t.Errorf("vmap of while is not one while:\n%s", s)
	}
}

func TestVmapForLoopAndScan(t *testing.T) {
	xs := FromSlice([]float64{0.5, -1, 2, 1, 0, 0.25, -0.5, 1.5, 3, 2, 2, -2}, 3, 4)
	shared := FromSlice([]float64{1, 2, 3, 4, 5}, 5, 1)
	cases := map[string]func(*Array) *Array{
		"for loop": func(x *Array) *Array {
			return ForLoop(0, 4, func(i, c *Array) *Array { return Tanh(c.Mul(x).Add(i)) }, x)
		},
		"for loop, carry becomes batched": func(x *Array) *Array {
			return ForLoop(1, 4, func(i, c *Array) *Array { return c.Add(x.Mul(i)) }, Zeros(Float64, 4))
		},
		"scan over batched xs": func(x *Array) *Array {
			c, ys := Scan(func(c, xi *Array) (*Array, *Array) { return c.Add(xi), c.Mul(xi) }, Scalar(1.0), x)
			return ys.Add(c)
		},
		"scan over batched 2-d xs": func(x *Array) *Array {
			_, ys := Scan(func(c, xi *Array) (*Array, *Array) { return c.Mul(xi), c.Sub(xi) }, Ones(Float64, 2), x.Reshape(2, 2))
			return ys
		},
		"scan over shared xs": func(x *Array) *Array {
			c, ys := Scan(func(c, xi *Array) (*Array, *Array) { return Sin(c.Mul(xi)).Add(1), c.Sum() }, x, shared)
			return Concatenate([]*Array{c, ys}, 0)
		},
		// ys do not depend on the batch: Vmap broadcasts them.
		"scan with unbatched ys": func(x *Array) *Array {
			c, ys := Scan(func(c, xi *Array) (*Array, *Array) { return c.Add(xi), xi.Mul(2) }, x, shared)
			return Concatenate([]*Array{c, ys.Reshape(-1)}, 0)
		},
		"scan with struct xs, one batched": func(x *Array) *Array {
			type xsPair struct{ A, B *Array }
			c, ys := Scan(func(c *Array, p xsPair) (*Array, *Array) { return c.Mul(p.A).Add(p.B), c }, Scalar(0.0), xsPair{x, Arange(Float64, 0, 4, 1)})
			return ys.Add(c)
		},
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) { checkVmapCF(t, name, f, xs) })
	}
	// Per-example gradients through a scan: vmap of grad.
	loss := func(x *Array) *Array {
		c, ys := Scan(func(c, xi *Array) (*Array, *Array) { c = Tanh(c.Mul(xi).Add(xi)); return c, c.Mul(c) }, Scalar(0.5), x)
		return Sum(ys).Add(c)
	}
	checkVmapCF(t, "vmap(grad(scan))", Grad(loss), xs)
	gv := Grad(func(x *Array) *Array { return Sum(Vmap(loss, nil, nil)(x)) })(xs)
	checkClose(t, "grad(vmap(scan))", floats(gv), floats(cfPerMember(Grad(loss), xs)), 1e-12)
}

func TestVmapOfVmapOverControlFlow(t *testing.T) {
	// Rows of a (2, 3, 4) batch: a while whose trip count differs per row,
	// inside a cond, under two nested Vmaps.
	xs := Arange(Float64, 1, 25, 1).Reshape(2, 3, 4).Mul(0.25)
	f := func(x *Array) *Array {
		return Cond(Greater(x.Index(0), 1),
			func(x *Array) *Array {
				return While(func(a *Array) *Array { return Less(Sum(a), 40) }, func(a *Array) *Array { return a.Mul(1.5) }, x)
			},
			func(x *Array) *Array { return x.Neg() }, x)
	}
	want := Stack([]*Array{cfPerMember(f, xs.Index(0)), cfPerMember(f, xs.Index(1))}, 0)
	got := Vmap(Vmap(f, nil, nil), nil, nil)(xs)
	checkClose(t, "vmap(vmap(cond(while)))", floats(got), floats(want), 1e-12)
	got = JIT(Vmap(Vmap(f, nil, nil), nil, nil))(xs)
	checkClose(t, "jit(vmap(vmap(cond(while))))", floats(got), floats(want), 1e-12)
}

func TestVmapIndexingWithPerMemberIndices(t *testing.T) {
	type pair struct{ X, I *Array }
	xs := Arange(Float64, 0, 24, 1).Reshape(2, 3, 4)
	is := FromSlice([]int64{2, 0, 2, 1, -1, 0}, 2, 3)
	perMember := func(f func(pair) *Array) *Array {
		return Stack([]*Array{f(pair{xs.Index(0), is.Index(0)}), f(pair{xs.Index(1), is.Index(1)})}, 0)
	}
	cases := map[string]func(pair) *Array{
		"take":       func(p pair) *Array { return Take(p.X, p.I, 0) },
		"take axis1": func(p pair) *Array { return Take(p.X, p.I, 1) },
		"scatter add": func(p pair) *Array {
			return p.X.At(p.I).Add(Ones(Float64, 3, 4))
		},
		"scatter set": func(p pair) *Array {
			return p.X.At(p.I).Set(p.X.Mul(-1))
		},
	}
	for name, f := range cases {
		want := perMember(f)
		for mode, g := range map[string]func(pair) *Array{"eager": Vmap(f, nil, nil), "jit": JIT(Vmap(f, nil, nil))} {
			got := g(pair{xs, is})
			if !slices.Equal(got.Shape(), want.Shape()) {
				t.Errorf("%s (%s): shape %v, want %v", name, mode, got.Shape(), want.Shape())
				continue
			}
			checkClose(t, name+" ("+mode+")", floats(got), floats(want), 0)
		}
	}
	// Shared indices, batched operand; batched indices, shared operand.
	shared := FromSlice([]int64{1, 0, 1})
	got := Vmap(func(x *Array) *Array { return Take(x, shared, 1) }, nil, nil)(xs)
	checkClose(t, "take shared indices", floats(got), floats(Take(xs, shared, 2)), 0)
	x0 := xs.Index(0)
	got = Vmap(func(i *Array) *Array { return Take(x0, i, 1) }, nil, nil)(is)
	checkClose(t, "take batched indices", floats(got), floats(Stack([]*Array{Take(x0, is.Index(0), 1), Take(x0, is.Index(1), 1)}, 0)), 0)
}

func TestVmapSortPadConcat(t *testing.T) {
	xs := FromSlice([]float64{3, 1, 2, -1, 5, 5, 0, 4, 9, -3, 2, 2}, 3, 4)
	w := FromSlice([]float64{7, 8})
	cases := map[string]func(*Array) *Array{
		"sort":    func(x *Array) *Array { return Sort(x, 0) },
		"argsort": func(x *Array) *Array { return ArgSort(x, -1) },
		"top_k": func(x *Array) *Array {
			v, i := TopK(x, 2)
			return Concatenate([]*Array{v, i.AsType(Float64)}, 0)
		},
		"concatenate with shared": func(x *Array) *Array { return Concatenate([]*Array{w, x, w}, 0) },
		"pad":                     func(x *Array) *Array { return Pad(x.Reshape(2, 2), [][2]int{{1, 0}, {0, 2}}, 0.5) },
		"pad with batched value":  func(x *Array) *Array { return Pad(x.Reshape(2, 2), [][2]int{{1, 1}, {2, 0}}, Sum(x)) },
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) { checkVmapCF(t, name, f, xs) })
	}
}
