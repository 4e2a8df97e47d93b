package cpu

import (
	"math"
	"testing"
)

// runVec32 applies a vector kernel (expVec32...) to xs, padded with zeros
// to a multiple of 8, and returns its results for xs.
func runVec32(t *testing.T, vec func(d, s []float32) int, xs []float32) []float32 {
	t.Helper()
	s := make([]float32, (len(xs)+7)&^7)
	copy(s, xs)
	d := make([]float32, len(s))
	if n := vec(d, s); n != len(s) {
		t.Fatalf("vector kernel did %d of %d elements", n, len(s))
	}
	return d[:len(xs)]
}

// TestFloat32VectorTranscendentals checks the AVX2 kernels within 2 ulp of
// the float64 functions rounded to float32, and equal to the scalar
// functions on the special values.
func TestFloat32VectorTranscendentals(t *testing.T) {
	if !mathf32AVX2 {
		t.Skip("no AVX2+FMA kernels on this machine or build")
	}
	inf := float32(math.Inf(1))
	specials := []float32{0, float32(math.Copysign(0, -1)), inf, -inf, float32(math.NaN()),
		88.72283, 88.72284, 88.72285, 89, 1e30, -103.97, -104, -104.1, -1e30, 9.1, -9.1, 9.2, 40, 41, 0.625, -0.625,
		math.Nextafter32(0.625, 0), 1e-45, -1e-45, 1e-38, -1e-38, math.MaxFloat32, -math.MaxFloat32}
	cases := []struct {
		name   string
		vec    func(d, s []float32) int
		scalar func(float32) float32
		ref    func(float64) float64
		lo, hi float32
	}{
		{"exp", expVec32, Exp32, math.Exp, -110, 90},
		{"tanh", tanhVec32, Tanh32, math.Tanh, -12, 12},
		{"sigmoid", sigmoidVec32, Sigmoid32, func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }, -110, 50},
	}
	for _, c := range cases {
		xs := append(samples(c.lo, c.hi), specials...)
		got := runVec32(t, c.vec, xs)
		worst, at := int64(0), float32(0)
		for i, x := range xs {
			want := float32(c.ref(float64(x)))
			if d := ulps(got[i], want); d > worst {
				worst, at = d, x
			}
		}
		t.Logf("%s: worst error %d ulp at %g", c.name, worst, at)
		if worst > 2 {
			t.Errorf("%s(%g) = %g, want %g: %d ulp", c.name, at, runVec32(t, c.vec, []float32{at})[0], float32(c.ref(float64(at))), worst)
		}
		got = runVec32(t, c.vec, specials)
		for i, x := range specials {
			want := c.scalar(x)
			ok := math.Float32bits(got[i]) == math.Float32bits(want) || got[i] != got[i] && want != want
			if ulps(got[i], want) > 2 || (got[i] == 0 || want == 0 || math.IsInf(float64(want), 0) || x != x) && !ok {
				t.Errorf("%s(%g) = %g, scalar %g", c.name, x, got[i], want)
			}
		}
	}
}

// TestFloat32LoopsTails checks the loops over lengths that are not
// multiples of 8: the vector part and the scalar tail line up.
func TestFloat32LoopsTails(t *testing.T) {
	loops := []struct {
		name   string
		loop   func(d, s []float32)
		scalar func(float32) float32
	}{{"exp", ExpLoop32, Exp32}, {"tanh", TanhLoop32, Tanh32}, {"sigmoid", SigmoidLoop32, Sigmoid32}}
	for _, l := range loops {
		for n := range 20 {
			s := make([]float32, n)
			for i := range s {
				s[i] = float32(i)/3 - 3
			}
			d := make([]float32, n)
			l.loop(d, s)
			for i, x := range s {
				if ulps(d[i], l.scalar(x)) > 2 {
					t.Errorf("%s loop n=%d: d[%d] = %g, want %g", l.name, n, i, d[i], l.scalar(x))
				}
			}
		}
	}
}
