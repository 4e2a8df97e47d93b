package cpu

import (
	"math"
	"math/rand"
	"testing"
)

// TestSinCosF32Vector checks the vector kernels alone on the dense float32
// samples inside their range (|x| < 2**30), within 2 ulp of float64's sin
// and cos, and that they stop before a block holding a lane outside it.
func TestSinCosF32Vector(t *testing.T) {
	if !mathtrigAVX2 {
		t.Skip("no AVX2+FMA kernels on this machine or build")
	}
	var xs []float32
	for _, x := range samples32Trig() {
		if math.Abs(float64(x)) < 0x1p30 {
			xs = append(xs, x)
		}
	}
	xs = append(xs, math.Nextafter32(0x1p30, 0), -math.Nextafter32(0x1p30, 0))
	for len(xs)%8 != 0 {
		xs = append(xs, 0)
	}
	for _, fn := range []struct {
		name string
		vec  func(d, s []float32) int
		ref  func(float64) float64
	}{{"sin", sinVec32, math.Sin}, {"cos", cosVec32, math.Cos}} {
		d := make([]float32, len(xs))
		if n := fn.vec(d, xs); n != len(xs) {
			t.Fatalf("%s kernel did %d of %d in-range elements", fn.name, n, len(xs))
		}
		worst, at := 0.0, float32(0)
		for i, x := range xs {
			if e := ulpErr32(d[i], fn.ref(float64(x))); e > worst {
				worst, at = e, x
			}
		}
		t.Logf("%s vector kernel: worst %.4f ulp at %g over %d inputs", fn.name, worst, at, len(xs))
		if worst > 2 {
			t.Errorf("%s vector kernel at %g: %.3f ulp", fn.name, at, worst)
		}
		for _, bad := range []float32{0x1p30, -0x1p30, float32(math.Inf(1)), float32(math.NaN()), 3.4e38} {
			s := make([]float32, 24)
			s[13] = bad
			if n := fn.vec(make([]float32, 24), s); n != 8 {
				t.Errorf("%s kernel with %g in the second block did %d elements, want 8", fn.name, bad, n)
			}
		}
	}
	// Signed zeros and subnormals keep the scalar functions' bits.
	s := []float32{float32(math.Copysign(0, -1)), 0, 1e-45, -1e-45, -1e-40, 1e-38, -0x1p-20, 0x1p-12}
	d := make([]float32, len(s))
	for _, fn := range []struct {
		vec    func(d, s []float32) int
		scalar func(float32) float32
	}{{sinVec32, SinF32}, {cosVec32, CosF32}} {
		fn.vec(d, s)
		for i, x := range s {
			if math.Float32bits(d[i]) != math.Float32bits(fn.scalar(x)) {
				t.Errorf("vector kernel(%g) = %g, scalar %g", x, d[i], fn.scalar(x))
			}
		}
	}
}

// TestErfF32Vector checks the erf kernel on dense float32 samples within 2
// ulp of float64's erf, and the special values and tails of ErfLoopF32
// against the scalar function.
func TestErfF32Vector(t *testing.T) {
	if !mathtrigAVX2 {
		t.Skip("no AVX2+FMA kernels on this machine or build")
	}
	xs := samples(-6, 6)
	for len(xs)%8 != 0 {
		xs = append(xs, 0)
	}
	d := make([]float32, len(xs))
	if n := erfVec32(d, xs); n != len(xs) {
		t.Fatalf("erf kernel did %d of %d elements", n, len(xs))
	}
	worst, at := 0.0, float32(0)
	for i, x := range xs {
		if e := ulpErr32(d[i], math.Erf(float64(x))); e > worst {
			worst, at = e, x
		}
	}
	t.Logf("erf vector kernel: worst %.4f ulp at %g over %d inputs", worst, at, len(xs))
	if worst > 2 {
		t.Errorf("erf vector kernel at %g: %.3f ulp", at, worst)
	}
	special := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.Copysign(0, -1)), 0,
		1e-45, -1e-40, 0.5, math.Nextafter32(0.5, 0), 4.5, 4.4, 3.92, -3.95, 1e30, -3.4e38}
	for n := 0; n <= 33; n++ {
		for _, off := range []int{0, 1, 3} {
			s := make([]float32, n+off)
			for i := range s {
				s[i] = special[(i*7+n)%len(special)]
				if i%3 == 0 {
					s[i] = float32(i)/5 - 2
				}
			}
			d := make([]float32, n+off)
			ErfLoopF32(d[off:], s[off:])
			for i := off; i < len(s); i++ {
				want := ErfF32(s[i])
				if math.Float32bits(d[i]) != math.Float32bits(want) && !(want != want && d[i] != d[i]) {
					t.Fatalf("ErfLoopF32 n=%d off=%d: erf(%g) = %g, scalar %g", n, off, s[i], d[i], want)
				}
			}
		}
	}
}

// TestSinCosF64Vector checks that the float64 loops, vector kernels
// included, give SinF64's and CosF64's bits, over lengths 0..33, unaligned
// starts and blocks mixing in-range and out-of-range lanes.
func TestSinCosF64Vector(t *testing.T) {
	r := rand.New(rand.NewSource(6))
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0, 5e-324, -1e-310, 1e300,
		0x1p30, -0x1p30, math.Nextafter(0x1p30, 0), 6381956970095103 * 0x1p797, math.Pi / 4, 1e-8}
	if mathtrigAVX2 {
		for _, vec := range []func(d, s []float64) int{sinVec64, cosVec64} {
			if n := vec(make([]float64, 9), []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}); n != 8 {
				t.Fatalf("vector kernel did %d of 8 elements", n)
			}
		}
	}
	xs := append(randDoubles(r, 20000, -30, 29), special...)
	for range 20000 {
		xs = append(xs, (r.Float64()*2-1)*100)
	}
	checkLoopsMatchScalar64(t, r, xs, special, []loopCase64{{"sin", SinLoopF64, SinF64}, {"cos", CosLoopF64, CosF64}})
}

// loopCase64 names a float64 loop and the scalar function it must match.
type loopCase64 struct {
	name   string
	loop   func(d, s []float64)
	scalar func(float64) float64
}

// checkLoopsMatchScalar64 checks that each loop gives its scalar
// function's bits on xs and on random inputs (specials mixed in) of every
// length up to 33 at offsets 0, 1 and 3, so vector kernels and tails line
// up.
func checkLoopsMatchScalar64(t *testing.T, r *rand.Rand, xs, special []float64, loops []loopCase64) {
	t.Helper()
	same := func(got, want float64) bool {
		return math.Float64bits(got) == math.Float64bits(want) || want != want && got != got
	}
	for _, l := range loops {
		d := make([]float64, len(xs))
		l.loop(d, xs)
		for i, x := range xs {
			if want := l.scalar(x); !same(d[i], want) {
				t.Fatalf("%s loop(%v) = %v, scalar %v", l.name, x, d[i], want)
			}
		}
		for n := 0; n <= 33; n++ {
			for _, off := range []int{0, 1, 3} {
				s := make([]float64, n+off)
				for i := range s {
					s[i] = r.NormFloat64() * 10
					if r.Intn(7) == 0 {
						s[i] = special[r.Intn(len(special))]
					}
				}
				d := make([]float64, n+off)
				l.loop(d[off:], s[off:])
				for i := off; i < len(s); i++ {
					if want := l.scalar(s[i]); !same(d[i], want) {
						t.Fatalf("%s loop n=%d off=%d: %v for %v, scalar %v", l.name, n, off, d[i], s[i], want)
					}
				}
			}
		}
	}
}
