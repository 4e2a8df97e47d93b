package ad

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"github.com/nd-go/nd/internal/core"
)

// Cases of the elementwise primitives' rules: inputs lie in each function's
// smooth domain, away from the jumps of floor, ceil, round, sign and rem
// and from the ties of max and min.

// elemRuleCases is the range of ruleCases this file adds (for the
// second-order test).
var elemRuleCases struct{ start, end int }

// elemAway returns values with |x| in [lo, hi] and random signs.
func elemAway(r *rand.Rand, lo, hi float64, shape ...int) *core.Array {
	buf := core.Data[float64](randArray(r, lo, hi, shape...))
	for i := range buf {
		if r.Intn(2) == 0 {
			buf[i] = -buf[i]
		}
	}
	return core.New(core.Float64, shape, buf)
}

// elemOffInteger returns values n + f, n an integer in [-3, 2] and f in
// [0.1, 0.4]: away from integers and half-integers.
func elemOffInteger(r *rand.Rand, shape ...int) *core.Array {
	buf := make([]float64, core.ShapeSize(shape))
	for i := range buf {
		buf[i] = float64(r.Intn(6)-3) + 0.1 + 0.3*r.Float64()
	}
	return core.New(core.Float64, shape, buf)
}

// elemMap returns f applied to each element of a.
func elemMap(a *core.Array, f func(int, float64) float64) *core.Array {
	x := core.Data[float64](a)
	buf := make([]float64, len(x))
	for i, v := range x {
		buf[i] = f(i, v)
	}
	return core.New(core.Float64, append([]int(nil), a.Shape()...), buf)
}

func init() {
	for _, name := range []string{"eq", "ne", "lt", "le", "gt", "ge", "and", "or", "xor", "not", "is_finite"} {
		noDerivative[name] = "bool or integer output"
	}
	noDerivative["unit_float"] = "integer operand (random bits)"

	r := rand.New(rand.NewSource(11))
	elemRuleCases.start = len(ruleCases)
	shapes := [][]int{{}, {5}, {2, 3}}
	unary := []struct {
		name   string
		lo, hi float64
	}{
		{"neg", -2, 2}, {"exp", -2, 2}, {"expm1", -2, 2}, {"log", 0.5, 3}, {"log1p", -0.5, 2},
		{"sqrt", 0.5, 3}, {"rsqrt", 0.5, 3}, {"sin", -3, 3}, {"cos", -3, 3}, {"tan", -1.2, 1.2},
		{"tanh", -3, 3}, {"logistic", -4, 4}, {"erf", -2.5, 2.5}, {"erf_inv", -0.9, 0.9},
	}
	for _, u := range unary {
		for _, s := range shapes {
			addCase(u.name, nil, randArray(r, u.lo, u.hi, s...))
		}
	}
	for _, s := range shapes {
		addCase("abs", nil, elemAway(r, 0.1, 2, s...))
		for _, name := range []string{"sign", "floor", "ceil", "round"} {
			addCase(name, nil, elemOffInteger(r, s...))
		}
	}
	for _, s := range shapes {
		x, y := randArray(r, -2, 2, s...), randArray(r, -2, 2, s...)
		addCase("add", nil, x, y)
		addCase("sub", nil, x, y)
		addCase("mul", nil, x, y)
		addCase("div", nil, x, elemAway(r, 0.5, 2, s...))
		addCase("atan2", nil, elemAway(r, 0.2, 2, s...), elemAway(r, 0.2, 2, s...))
		addCase("pow", nil, randArray(r, 0.5, 3, s...), y)
		// max and min: y differs from x by at least 0.1 either way.
		off := elemAway(r, 0.1, 1, s...)
		yo := elemMap(x, func(i int, v float64) float64 { return v + core.Data[float64](off)[i] })
		addCase("max", nil, x, yo)
		addCase("min", nil, x, yo)
		// rem: x = (n + f) y with f in [0.1, 0.4], so x/y is away from
		// integers, where trunc(x/y) jumps.
		d := elemAway(r, 0.5, 2, s...)
		q := elemOffInteger(r, s...)
		xr := elemMap(q, func(i int, v float64) float64 { return v * core.Data[float64](d)[i] })
		addCase("rem", nil, xr, d)
		pred := make([]bool, core.ShapeSize(s))
		for i := range pred {
			pred[i] = r.Intn(2) == 0
		}
		addCase("select", nil, core.New(core.Bool, s, pred), x, y)
	}
	elemRuleCases.end = len(ruleCases)
}

// elemDual is a minimal forward-mode trace for the second-order test: its
// arrays carry a primal value and a tangent (nil = zero), and each
// primitive applied to them runs the primitive's JVP rule. Applied to a
// rule's own computation, it differentiates the rule.
type elemDual struct{}

type elemDualVal struct{ primal, tangent *core.Array }

func (elemDual) Level() uint64 { return 1 << 62 }

func (d elemDual) Process(p *core.Primitive, args []*core.Array, params any) []*core.Array {
	prim, tan := make([]*core.Array, len(args)), make([]*core.Array, len(args))
	for i, a := range args {
		prim[i] = a
		if v, ok := a.Payload().(elemDualVal); ok && a.Trace() == core.Trace(d) {
			prim[i], tan[i] = v.primal, v.tangent
		}
		if !prim[i].DType().IsFloat() {
			tan[i] = nil
		}
	}
	outs := core.Bind(p, prim, params)
	var touts []*core.Array
	for _, t := range tan {
		if t != nil {
			touts = p.JVP(tan, prim, outs, params)
			break
		}
	}
	res := make([]*core.Array, len(outs))
	for i, o := range outs {
		var t *core.Array
		if i < len(touts) && o.DType().IsFloat() {
			t = touts[i]
		}
		res[i] = core.NewSymbolic(o.Aval(), d, elemDualVal{o, t})
	}
	return res
}

// elemDualParts returns the primal and tangent of a result of elemDual (a
// concrete array has a zero tangent).
func elemDualParts(a *core.Array) (primal, tangent *core.Array) {
	if v, ok := a.Payload().(elemDualVal); ok {
		return v.primal, v.tangent
	}
	return a, nil
}

// TestElementwiseSecondOrder checks that the rules' own computations
// differentiate: for fixed w and ct, g(args) = JVP(args; w) and h(args) =
// VJP(args; ct) are differentiated in direction v by running them on
// elemDual arrays (forward over forward, forward over reverse), and
// compared with central differences of g and h.
func TestElementwiseSecondOrder(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	for ci := elemRuleCases.start; ci < elemRuleCases.end; ci++ {
		c := ruleCases[ci]
		p, _ := core.Lookup(c.prim)
		w := make([]*core.Array, len(c.args))
		v := make([]*core.Array, len(c.args))
		for i, a := range c.args {
			if a.DType() == core.Float64 {
				w[i] = randArray(r, -1, 1, a.Shape()...)
				v[i] = randArray(r, -1, 1, a.Shape()...)
			}
		}
		ct := []*core.Array{randArray(r, -1, 1, core.Bind(p, c.args, c.params)[0].Shape()...)}
		fns := map[string]func(args []*core.Array) []*core.Array{
			"jvp": func(args []*core.Array) []*core.Array {
				return p.JVP(w, args, core.Bind(p, args, c.params), c.params)
			},
			"vjp": func(args []*core.Array) []*core.Array {
				return p.VJP(ct, args, core.Bind(p, args, c.params), c.params)
			},
		}
		for mode, fn := range fns {
			name := fmt.Sprintf("%s#%d %s", c.prim, ci, mode)
			duals := make([]*core.Array, len(c.args))
			for i, a := range c.args {
				duals[i] = core.NewSymbolic(a.Aval(), elemDual{}, elemDualVal{a, v[i]})
			}
			got := fn(duals)
			const eps = 1e-5
			plus, minus := make([]*core.Array, len(c.args)), make([]*core.Array, len(c.args))
			for i, a := range c.args {
				plus[i], minus[i] = a, a
				if v[i] != nil {
					plus[i], minus[i] = perturb(a, v[i], eps), perturb(a, v[i], -eps)
				}
			}
			gp, gm := fn(plus), fn(minus)
			for k := range got {
				if got[k] == nil || gp[k] == nil {
					continue
				}
				_, tk := elemDualParts(got[k])
				a, b := floats64(core.Contiguous(gp[k])), floats64(core.Contiguous(gm[k]))
				d := make([]float64, len(a))
				if tk != nil {
					d = floats64(core.Contiguous(tk))
				}
				for i := range a {
					fd := (a[i] - b[i]) / (2 * eps)
					if math.Abs(d[i]-fd) > 1e-5*math.Max(1, math.Abs(fd)) {
						t.Errorf("%s: result %d element %d: derivative %v, finite difference %v", name, k, i, d[i], fd)
						break
					}
				}
			}
		}
	}
}

// TestElementwiseRuleConventions checks the derivatives at the points
// where a convention decides them (JAX's): abs'(0) = 0; max and min split
// a tie half and half; pow's base derivative is 0 where the exponent is 0,
// its exponent derivative 0 where the base is 0; floor's derivative is 0.
func TestElementwiseRuleConventions(t *testing.T) {
	f64 := func(v ...float64) *core.Array { return core.New(core.Float64, []int{len(v)}, v) }
	ones := f64(1, 1, 1)
	jvp := func(name string, tans []*core.Array, args ...*core.Array) []float64 {
		p, _ := core.Lookup(name)
		outs := core.Bind(p, args, nil)
		return floats64(core.Contiguous(p.JVP(tans, args, outs, nil)[0]))
	}
	vjp := func(name string, args ...*core.Array) [][]float64 {
		p, _ := core.Lookup(name)
		outs := core.Bind(p, args, nil)
		cts := p.VJP([]*core.Array{ones}, args, outs, nil)
		res := make([][]float64, len(cts))
		for i, c := range cts {
			if c != nil {
				res[i] = floats64(core.Contiguous(c))
			}
		}
		return res
	}
	check := func(what string, got, want []float64) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("abs' at -2, 0, 3", jvp("abs", []*core.Array{ones}, f64(-2, 0, 3)), []float64{-1, 0, 1})
	check("floor' at -2, 0.5, 3", jvp("floor", []*core.Array{ones}, f64(-2, 0.5, 3)), []float64{0, 0, 0})
	x, y := f64(1, 2, 3), f64(1, 5, 0)
	check("max vjp x", vjp("max", x, y)[0], []float64{0.5, 0, 1})
	check("max vjp y", vjp("max", x, y)[1], []float64{0.5, 1, 0})
	check("min vjp x", vjp("min", x, y)[0], []float64{0.5, 1, 0})
	check("min vjp y", vjp("min", x, y)[1], []float64{0.5, 0, 1})
	check("max jvp", jvp("max", []*core.Array{ones, f64(3, 3, 3)}, x, y), []float64{2, 3, 1})
	base, exp := f64(0, 0, 2), f64(0, 2, 3)
	check("pow d/dx at (0,0), (0,2), (2,3)", vjp("pow", base, exp)[0], []float64{0, 0, 12})
	check("pow d/dy at (0,0), (0,2), (2,3)", vjp("pow", base, exp)[1], []float64{0, 0, 8 * math.Log(2)})
	pred := core.New(core.Bool, []int{3}, []bool{true, false, true})
	sel := vjp("select", pred, x, y)
	if sel[0] != nil {
		t.Errorf("select's predicate got cotangent %v", sel[0])
	}
	check("select vjp x", sel[1], []float64{1, 0, 1})
	check("select vjp y", sel[2], []float64{0, 1, 0})
	check("select jvp, y's tangent zero", jvp("select", []*core.Array{nil, f64(4, 5, 6), nil}, pred, x, y), []float64{4, 0, 6})
}
