package cpu

import (
	"math"
	"math/rand"
	"testing"
)

// ulps returns the distance between a and b in float32 units in the last
// place (0 for equal values, NaN pairs and equal infinities).
func ulps(a, b float32) int64 {
	if a == b || (a != a && b != b) {
		return 0
	}
	if a != a || b != b || math.IsInf(float64(a), 0) || math.IsInf(float64(b), 0) {
		return math.MaxInt64
	}
	ord := func(f float32) int64 {
		i := int64(math.Float32bits(f))
		if i&(1<<31) != 0 {
			i = -(i & (1<<31 - 1))
		}
		return i
	}
	d := ord(a) - ord(b)
	if d < 0 {
		d = -d
	}
	return d
}

// samples returns dense float32 inputs over [lo, hi]: an even grid, random
// values, and the edges of the float32 range.
func samples(lo, hi float32) []float32 {
	var xs []float32
	const n = 1 << 18
	for i := 0; i <= n; i++ {
		xs = append(xs, lo+(hi-lo)*float32(i)/n)
	}
	r := rand.New(rand.NewSource(1))
	for range n {
		xs = append(xs, lo+(hi-lo)*r.Float32())
	}
	// Tiny, denormal and signed-zero inputs, and every power of two.
	for e := -149; e <= 127; e++ {
		p := float32(math.Ldexp(1, e))
		xs = append(xs, p, -p, math.Nextafter32(p, 0), -math.Nextafter32(p, 0))
	}
	return append(xs, 0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()))
}

func TestFloat32TranscendentalsWithinOneULP(t *testing.T) {
	cases := []struct {
		name string
		f    func(float32) float32
		ref  func(float64) float64
		lo   float32
		hi   float32
	}{
		{"exp", Exp32, math.Exp, -110, 90},
		{"tanh", Tanh32, math.Tanh, -12, 12},
		{"sigmoid", Sigmoid32, func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }, -110, 50},
	}
	for _, c := range cases {
		worst, at := int64(0), float32(0)
		for _, x := range samples(c.lo, c.hi) {
			want := float32(c.ref(float64(x)))
			if d := ulps(c.f(x), want); d > worst {
				worst, at = d, x
			}
		}
		t.Logf("%s: worst error %d ulp at %g", c.name, worst, at)
		if worst > 1 {
			t.Errorf("%s(%g) = %g, want %g: %d ulp", c.name, at, c.f(at), float32(c.ref(float64(at))), worst)
		}
	}
	// The edges: overflow and underflow thresholds, signed zeros.
	if Exp32(88.72283) == float32(math.Inf(1)) || Exp32(88.72285) != float32(math.Inf(1)) || Exp32(-104) != 0 && Exp32(-104) > 1e-44 {
		t.Errorf("exp overflow/underflow edges: %g %g %g", Exp32(88.72283), Exp32(88.72285), Exp32(-104))
	}
	if z := Tanh32(float32(math.Copysign(0, -1))); z != 0 || !math.Signbit(float64(z)) {
		t.Errorf("tanh(-0) = %g, want -0", z)
	}
}
