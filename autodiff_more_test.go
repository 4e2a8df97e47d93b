package nd

import (
	"math"
	"strings"
	"testing"

	"github.com/nd-go/nd/internal/core"
)

func TestCheckpointRecomputesWithSameGradient(t *testing.T) {
	inner := func(x *Array) *Array { return Tanh(x.Mul(x)).Mul(Sin(x)) }
	plain := func(x *Array) *Array { return Sum(inner(inner(x))) }
	remat := func(x *Array) *Array { return Sum(Checkpoint(inner)(Checkpoint(inner)(x))) }
	x := FromSlice([]float64{0.3, -0.8, 1.1})
	checkClose(t, "checkpoint grad", floats(Grad(remat)(x)), floats(Grad(plain)(x)), 1e-14)
	checkClose(t, "checkpoint value", []float64{remat(x).Item()}, []float64{plain(x).Item()}, 0)
	p, err := MakeIR(Grad(remat), x)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.String(), "checkpoint[") {
		t.Fatalf("no checkpoint equation in the gradient program:\n%v", p)
	}
	checkClose(t, "jit checkpoint grad", floats(JIT(Grad(remat))(x)), floats(Grad(plain)(x)), 1e-14)
}

func TestCustomVJP(t *testing.T) {
	// A gradient-clipping identity: forward is x, backward clips the
	// cotangent to [-1, 1].
	clip := CustomVJP(
		func(x *Array) *Array { return x },
		func(x *Array) (*Array, *Array) { return x, x },
		func(_ *Array, ct *Array) *Array { return Clip(ct, -1, 1) },
	)
	f := func(x *Array) *Array { return Sum(clip(x).Mul(FromSlice([]float64{0.5, 3, -7}))) }
	x := FromSlice([]float64{1, 2, 3})
	checkClose(t, "custom vjp", floats(Grad(f)(x)), []float64{0.5, 1, -1}, 0)
	checkClose(t, "custom vjp under jit", floats(JIT(Grad(f))(x)), []float64{0.5, 1, -1}, 0)
	checkClose(t, "custom vjp value", []float64{f(x).Item()}, []float64{0.5 + 6 - 21}, 0)
	// Forward mode goes through f.
	_, dy := JVP(f, x, FromSlice([]float64{1, 1, 1}))
	checkClose(t, "custom vjp jvp", []float64{dy.Item()}, []float64{0.5 + 3 - 7}, 0)
}

func TestJacobiansAndHessian(t *testing.T) {
	f := func(x *Array) *Array {
		a, b := x.Index(0), x.Index(1)
		return Stack([]*Array{a.Mul(b), Sin(a), b.Mul(b).Mul(b)}, 0)
	}
	x := FromSlice([]float64{0.7, -1.2})
	a, b := 0.7, -1.2
	want := []float64{b, a, math.Cos(a), 0, 0, 3 * b * b}
	checkClose(t, "jacfwd", floats(JacFwd(f)(x)), want, 1e-12)
	checkClose(t, "jacrev", floats(JacRev(f)(x)), want, 1e-12)
	if s := JacFwd(f)(x).Shape(); len(s) != 2 || s[0] != 3 || s[1] != 2 {
		t.Fatalf("jacobian shape %v, want [3 2]", s)
	}
	h := Hessian(func(x *Array) *Array { return Sum(x.Mul(x).Mul(x)).Add(x.Index(0).Mul(x.Index(1))) })(x)
	checkClose(t, "hessian", floats(h), []float64{6 * a, 1, 1, 6 * b}, 1e-12)
}

// Every registered primitive, the control-flow and custom-rule ones of
// internal/jit included, has forward, reverse and batch rules. (The rule
// tables of internal/ad check the rules of the primitives they can build
// cases for; the control-flow rules are checked by the tests above and by
// vmap_control_test.go.)
func TestEveryRegisteredPrimitiveHasAllRules(t *testing.T) {
	for _, p := range core.Primitives() {
		if p.Name == "fused" { // made by the optimizer after every transformation
			continue
		}
		if p.JVP == nil || p.VJP == nil || p.Batch == nil {
			t.Errorf("primitive %s lacks a rule: jvp %v, vjp %v, batch %v", p.Name, p.JVP != nil, p.VJP != nil, p.Batch != nil)
		}
	}
}

func TestDerivativesThroughIntegerResults(t *testing.T) {
	// ArgMax's result carries no derivative; what flows around it does.
	f := func(x *Array) *Array { return Sum(x.Mul(x)).Add(ArgMax(x).AsType(Float64)) }
	x := FromSlice([]float64{1, 3, 2})
	_, dy := JVP(f, x, FromSlice([]float64{1, 1, 1}))
	checkClose(t, "jvp", []float64{dy.Item()}, []float64{12}, 0)
	checkClose(t, "grad", floats(Grad(f)(x)), []float64{2, 6, 4}, 0)
}
