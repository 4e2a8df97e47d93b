package ad

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"github.com/nd-go/nd/internal/core"
	_ "github.com/nd-go/nd/internal/cpu" // registers fused
	_ "github.com/nd-go/nd/internal/prims"
)

// Every differentiable primitive's JVP and VJP rules are checked here, in
// float64, on random inputs: the JVP against central finite differences,
// and the VJP against the JVP through <ct, J v> = <J^T ct, v>. The table
// must name every registered primitive: a new primitive without rules (or
// without a note that it has none) fails TestEveryPrimitiveHasRules.

// ruleCase is one application of a primitive to check.
type ruleCase struct {
	prim   string
	args   []*core.Array
	params any
}

// noDerivative lists primitives whose outputs carry no derivative (their
// outputs are integers or bools, or they are control-flow containers
// checked through the user API), with the reason.
var noDerivative = map[string]string{
	"fused": "made by the optimizer after differentiation",
}

// ruleCases is filled by the init functions of the *_rules_test.go files
// of each family.
var ruleCases []ruleCase

func randArray(r *rand.Rand, lo, hi float64, shape ...int) *core.Array {
	buf := make([]float64, core.ShapeSize(shape))
	for i := range buf {
		buf[i] = lo + (hi-lo)*r.Float64()
	}
	return core.New(core.Float64, shape, buf)
}

func addCase(prim string, params any, args ...*core.Array) {
	ruleCases = append(ruleCases, ruleCase{prim: prim, args: args, params: params})
}

// pendingRules lists primitives whose rules are not written yet (issue 4 is
// open); the test fails when one of them gains rules, so the list only
// shrinks.
var pendingRules = map[string]bool{}

func TestEveryPrimitiveHasRules(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range ruleCases {
		covered[c.prim] = true
	}
	for _, p := range core.Primitives() {
		if pendingRules[p.Name] {
			if p.JVP != nil || p.VJP != nil {
				t.Errorf("primitive %s now has rules: remove it from pendingRules and add cases", p.Name)
			}
			continue
		}
		if covered[p.Name] || noDerivative[p.Name] != "" {
			continue
		}
		if p.JVP == nil || p.VJP == nil {
			t.Errorf("primitive %s has no JVP/VJP rule and no entry in noDerivative", p.Name)
		} else {
			t.Errorf("primitive %s has rules but no case in the rule tests", p.Name)
		}
	}
}

func floats64(a *core.Array) []float64 {
	if a.DType() != core.Float64 {
		return nil
	}
	return core.Data[float64](a)
}

func dot(a, b *core.Array) float64 {
	x, y := floats64(a), floats64(b)
	s := 0.0
	for i := range x {
		s += x[i] * y[i]
	}
	return s
}

func perturb(a, v *core.Array, eps float64) *core.Array {
	x, d := floats64(a), floats64(v)
	out := make([]float64, len(x))
	for i := range x {
		out[i] = x[i] + eps*d[i]
	}
	return core.New(core.Float64, append([]int(nil), a.Shape()...), out)
}

func TestRulesAgainstFiniteDifferences(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for ci, c := range ruleCases {
		p, ok := core.Lookup(c.prim)
		if !ok {
			t.Fatalf("case %d: no primitive %q", ci, c.prim)
		}
		name := fmt.Sprintf("%s#%d%v", c.prim, ci, c.params)
		if p.JVP == nil || p.VJP == nil {
			t.Errorf("%s: missing JVP or VJP rule", name)
			continue
		}
		outs := core.Bind(p, c.args, c.params)
		// Random tangents for the float64 inputs.
		tans := make([]*core.Array, len(c.args))
		for i, a := range c.args {
			if a.DType() == core.Float64 {
				tans[i] = randArray(r, -1, 1, a.Shape()...)
			}
		}
		jvp := p.JVP(tans, c.args, outs, c.params)
		// Central differences.
		const eps = 1e-6
		plus, minus := make([]*core.Array, len(c.args)), make([]*core.Array, len(c.args))
		for i, a := range c.args {
			plus[i], minus[i] = a, a
			if tans[i] != nil {
				plus[i], minus[i] = perturb(a, tans[i], eps), perturb(a, tans[i], -eps)
			}
		}
		fp, fm := core.Bind(p, plus, c.params), core.Bind(p, minus, c.params)
		for k, o := range outs {
			if o.DType() != core.Float64 {
				continue
			}
			if jvp[k] == nil {
				t.Errorf("%s: output %d has no tangent", name, k)
				continue
			}
			got := floats64(core.Contiguous(jvp[k]))
			a, b := floats64(core.Contiguous(fp[k])), floats64(core.Contiguous(fm[k]))
			for i := range got {
				fd := (a[i] - b[i]) / (2 * eps)
				if math.Abs(got[i]-fd) > 1e-5*math.Max(1, math.Abs(fd)) {
					t.Errorf("%s: output %d element %d: jvp %v, finite difference %v", name, k, i, got[i], fd)
					break
				}
			}
		}
		// VJP against JVP: <ct, J v> = <J^T ct, v>.
		cts := make([]*core.Array, len(outs))
		for k, o := range outs {
			if o.DType() == core.Float64 {
				cts[k] = randArray(r, -1, 1, o.Shape()...)
			}
		}
		vjp := p.VJP(cts, c.args, outs, c.params)
		lhs, rhs := 0.0, 0.0
		for k := range outs {
			if cts[k] != nil && jvp[k] != nil {
				lhs += dot(cts[k], core.Contiguous(jvp[k]))
			}
		}
		for i := range c.args {
			if tans[i] != nil && i < len(vjp) && vjp[i] != nil {
				rhs += dot(core.Contiguous(vjp[i]), tans[i])
			}
		}
		if math.Abs(lhs-rhs) > 1e-9*math.Max(1, math.Abs(lhs)) {
			t.Errorf("%s: <ct, J v> = %v but <J^T ct, v> = %v", name, lhs, rhs)
		}
	}
}
