package nd

import (
	"math"
	"testing"
)

func TestGradPolynomialAndHigherOrder(t *testing.T) {
	cube := func(x *Array) *Array { return Sum(x.Mul(x).Mul(x)) }
	x := FromSlice([]float64{-2, 0.5, 3})
	g := Grad(cube)(x)
	checkClose(t, "d/dx sum(x^3)", floats(g), []float64{12, 0.75, 27}, 1e-12)
	// Second derivative: d/dx sum(3x^2) = 6x.
	gg := Grad(func(x *Array) *Array { return Sum(Grad(cube)(x)) })(x)
	checkClose(t, "second derivative", floats(gg), []float64{-12, 3, 18}, 1e-12)
	// Under JIT, and through a jitted function.
	checkClose(t, "JIT(Grad)", floats(JIT(Grad(cube))(x)), floats(g), 1e-12)
	checkClose(t, "Grad(JIT)", floats(Grad(JIT(cube))(x)), floats(g), 1e-12)
}

type linearModel struct {
	W, B *Array
	Name string // static: passes through untouched
}

func TestGradOfStructParameters(t *testing.T) {
	x := FromSlice([]float64{1, 2, 3, 4, 5, 6}, 3, 2)
	y := FromSlice([]float64{1, 0, -1})
	loss := func(m linearModel) *Array {
		pred := MatMul(x, m.W).Add(m.B)
		d := pred.Sub(y)
		return Mean(d.Mul(d))
	}
	m := linearModel{W: FromSlice([]float64{0.5, -0.25}), B: Scalar(0.1), Name: "lin"}
	v, g := ValueAndGrad(loss)(m)
	if g.Name != "lin" {
		t.Fatalf("static field lost: %q", g.Name)
	}
	// Reference: d/dW mean((xW+b-y)^2) = 2/n x^T (xW+b-y); d/db = 2/n sum(...).
	xs := [][]float64{{1, 2}, {3, 4}, {5, 6}}
	ys := []float64{1, 0, -1}
	var gw [2]float64
	var gb, l float64
	for i := range xs {
		r := xs[i][0]*0.5 + xs[i][1]*-0.25 + 0.1 - ys[i]
		l += r * r / 3
		gw[0] += 2 * r * xs[i][0] / 3
		gw[1] += 2 * r * xs[i][1] / 3
		gb += 2 * r / 3
	}
	checkClose(t, "loss", []float64{v.Item()}, []float64{l}, 1e-12)
	checkClose(t, "dW", floats(g.W), gw[:], 1e-12)
	checkClose(t, "db", floats(g.B), []float64{gb}, 1e-12)
}

func TestGradAgainstFiniteDifferences(t *testing.T) {
	f := func(x *Array) *Array {
		return Sum(Tanh(x.Mul(x)).Add(Exp(x.Mul(-0.5))).Mul(Sigmoid(x)))
	}
	x := FromSlice([]float64{-1.3, -0.2, 0.4, 1.7})
	g := floats(Grad(f)(x))
	for i := range g {
		h := 1e-6
		plus, minus := floats(x), floats(x)
		plus[i] += h
		minus[i] -= h
		fd := (f(FromSlice(plus)).Item() - f(FromSlice(minus)).Item()) / (2 * h)
		if math.Abs(fd-g[i]) > 1e-6 {
			t.Fatalf("grad[%d] = %v, finite difference %v", i, g[i], fd)
		}
	}
	// JVP along v equals <grad, v>.
	v := FromSlice([]float64{0.3, -1, 2, 0.5})
	_, dy := JVP(f, x, v)
	dot := 0.0
	for i, vi := range floats(v) {
		dot += g[i] * vi
	}
	checkClose(t, "jvp", []float64{dy.Item()}, []float64{dot}, 1e-10)
}

func TestStopGradient(t *testing.T) {
	f := func(x *Array) *Array { return Sum(x.Mul(StopGradient(x))) }
	g := Grad(f)(FromSlice([]float64{2, 3}))
	checkClose(t, "grad of x*stop(x)", floats(g), []float64{2, 3}, 0)
}

func TestGradErrors(t *testing.T) {
	mustPanicWith(t, func() { Grad(func(x *Array) *Array { return x.Mul(2) })(FromSlice([]float64{1, 2})) }, "nd.Grad", "float scalar")
	// Integer arguments get zero gradients.
	type mixed struct{ X, Step *Array }
	g := Grad(func(m mixed) *Array { return Sum(m.X.Mul(m.X)) })(mixed{X: FromSlice([]float64{3}), Step: Scalar(int64(7))})
	if g.Step.DType() != Int64 || g.Step.Item() != 0 || g.X.Item() != 6 {
		t.Fatalf("grad of mixed struct: X %v Step %v (%v)", g.X.Item(), g.Step.Item(), g.Step.DType())
	}
}

func TestDerivativesThroughControlFlow(t *testing.T) {
	x := FromSlice([]float64{0.5, -1.5, 2})
	// Cond: the taken branch's derivative.
	f := func(x *Array) *Array {
		return Cond(Greater(Sum(x), 0), func(v *Array) *Array { return Sum(v.Mul(v)) }, func(v *Array) *Array { return Sum(v.Mul(3)) }, x)
	}
	checkClose(t, "grad cond true", floats(Grad(f)(x)), []float64{1, -3, 4}, 1e-12)
	checkClose(t, "grad cond false", floats(Grad(f)(x.Neg())), []float64{3, 3, 3}, 1e-12)
	checkClose(t, "jit grad cond", floats(JIT(Grad(f))(x)), []float64{1, -3, 4}, 1e-12)
	// ForLoop (a Scan): c = c*x + 1 three times, so c = x^3 + x^2 + x + 1 from c = 1.
	g := func(x *Array) *Array {
		return Sum(ForLoop(0, 3, func(i, c *Array) *Array { return c.Mul(x).Add(1) }, OnesLike(x)))
	}
	want := make([]float64, 3)
	for i, v := range floats(x) {
		want[i] = 3*v*v + 2*v + 1
	}
	checkClose(t, "grad fori", floats(Grad(g)(x)), want, 1e-12)
	_, dy := JVP(g, x, FromSlice([]float64{1, 0, 0}))
	checkClose(t, "jvp fori", []float64{dy.Item()}, want[:1], 1e-12)
	// Scan with xs: carry sums xs[i]*w, ys are the running values.
	h := func(w *Array) *Array {
		xs := Arange(Float64, 1, 5, 1)
		c, ys := Scan(func(c, xi *Array) (*Array, *Array) { c = c.Add(xi.Mul(w)); return c, c.Mul(c) }, Scalar(0.0), xs)
		return c.Add(Sum(ys))
	}
	// c_k = w*(1+..+k); loss = 10w + w^2 * (1 + 9 + 36 + 100) = 10w + 146 w^2.
	checkClose(t, "grad scan", []float64{Grad(h)(Scalar(0.5)).Item()}, []float64{10 + 2*146*0.5}, 1e-12)
	// While: forward mode works, reverse mode names the remedy.
	w := func(x *Array) *Array {
		return While(func(v *Array) *Array { return Less(Sum(v), 100) }, func(v *Array) *Array { return v.Mul(2) }, x)
	}
	_, dw := JVP(w, FromSlice([]float64{1, 2}), FromSlice([]float64{1, 0}))
	checkClose(t, "jvp while", floats(dw), []float64{64, 0}, 0)
	mustPanicWith(t, func() { Grad(func(x *Array) *Array { return Sum(w(x)) })(FromSlice([]float64{1, 2})) }, "nd.ForLoop", "nd.Scan")
}

func TestGradArgs(t *testing.T) {
	loss := func(w *Array, x *Array, scale float64) *Array { return Sum(w.Mul(x).Mul(scale)) }
	w, x := FromSlice([]float64{1, 2}), FromSlice([]float64{3, 4})
	gw := GradArgs(loss).(func(*Array, *Array, float64) *Array)(w, x, 2)
	checkClose(t, "d/dw", floats(gw), []float64{6, 8}, 0)
	g := GradArgs(loss, 1, 0).(func(*Array, *Array, float64) (*Array, *Array))
	gx, gw2 := g(w, x, 2)
	checkClose(t, "d/dx", floats(gx), []float64{2, 4}, 0)
	checkClose(t, "d/dw again", floats(gw2), []float64{6, 8}, 0)
	mustPanicWith(t, func() { GradArgs(loss, 3) }, "argnum 3")
}
