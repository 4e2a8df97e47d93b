package cpu

import (
	"math"
	"testing"
)

// TestLogVectorF32 checks the vector kernels within 2 ulp of the correctly
// rounded value on about 1.5 million inputs (measured: 1 ulp for log,
// log1p and expm1) and equal to the scalar functions on the special values.
func TestLogVectorF32(t *testing.T) {
	if !mathlogAVX2 {
		t.Skip("no AVX2+FMA kernels on this machine or build")
	}
	inf := float32(math.Inf(1))
	specials := []float32{0, float32(math.Copysign(0, -1)), inf, -inf, float32(math.NaN()), -1, math.Nextafter32(-1, 0),
		math.Nextafter32(-1, -2), 1, math.Nextafter32(1, 0), math.Nextafter32(1, 2), 1e-45, -1e-45, 1e-38, -1e-38,
		0x1p-126, math.Nextafter32(0x1p-126, 0), math.MaxFloat32, -math.MaxFloat32, 0x1p-24, -0x1p-24, 0x1p-25, -0x1p-25,
		88.72283, 88.72284, 88.7229, 89, 90, -17, -18, -19, -104, -1e30}
	vecs := map[string]func(d, s []float32) int{"log": logVecF32, "log1p": log1pVecF32, "expm1": expm1VecF32}
	for _, c := range mathUnary32Cases {
		vec, ok := vecs[c.name]
		if !ok {
			continue
		}
		xs := append(append(samples(c.lo, c.hi), logPatterns32()...), specials...)
		got := runVec32(t, vec, xs)
		worst, at := int64(0), float32(0)
		for i, x := range xs {
			want := c.f(x)
			if want != want || want == 0 || math.IsInf(float64(want), 0) {
				if !sameFloat(got[i], want) {
					t.Errorf("%s vector(%g) = %g, scalar %g", c.name, x, got[i], want)
				}
				continue
			}
			if u := mathErr32(c, x, got[i]); u > worst {
				worst, at = u, x
			}
		}
		t.Logf("%s: worst error %d ulp at %g", c.name, worst, at)
		if worst > 2 {
			t.Errorf("%s vector(%g) = %g, want %g: %d ulp", c.name, at, runVec32(t, vec, []float32{at})[0], float32(c.ref(float64(at))), worst)
		}
	}
}

// TestLogVectorLoopsF32 checks that the loops join the vector part and
// the scalar tail at every length and starting offset.
func TestLogVectorLoopsF32(t *testing.T) {
	loops := []struct {
		loop func(d, s []float32)
		f    func(float32) float32
	}{{LogLoopF32, LogF32}, {Log1pLoopF32, Log1pF32}, {Expm1LoopF32, Expm1F32}}
	for _, l := range loops {
		for n := range 34 {
			for _, off := range []int{0, 1, 3} {
				s := make([]float32, n+off)
				for i := range s {
					s[i] = float32(i)*0.61 - 1.2
				}
				d := make([]float32, n+off)
				l.loop(d[off:], s[off:])
				for i := off; i < len(s); i++ {
					if want := l.f(s[i]); !sameFloat(d[i], want) && ulps(d[i], want) > 2 {
						t.Errorf("n=%d off=%d: d[%d] = %g at %g, scalar %g", n, off, i, d[i], s[i], want)
					}
				}
			}
		}
	}
}

// TestLogVectorF64 checks the float64 log and log1p kernels within 1 ulp
// of big.Float on the samples of TestLogFloat64 and equal to the scalar
// functions on the special values, and the loops at every length and
// offset.
func TestLogVectorF64(t *testing.T) {
	if !mathlogAVX2 {
		t.Skip("no AVX2+FMA kernels on this machine or build")
	}
	cases := []struct {
		c   mathUnary64Case
		vec func(d, s []float64) int
	}{
		{mathUnary64Case{"log", LogF64, logBigRef, math.Log, 0.5, 2}, logVecF64},
		{mathUnary64Case{"log1p", Log1pF64, log1pBigRef, math.Log1p, -0.5, 0.5}, log1pVecF64},
	}
	for _, c := range cases {
		xs := mathSamples64(c.c.lo, c.c.hi, 3000)
		for e := -60; e < 0; e++ {
			xs = append(xs, math.Ldexp(1.1, e), -math.Ldexp(1.1, e), -1+math.Ldexp(1.3, e), 1+math.Ldexp(1.3, e))
		}
		if checkMathUnary64(t, vectorCase64(t, c.c, c.vec, xs), xs) > 1 {
			t.Errorf("%s vector: above 1 ulp", c.c.name)
		}
	}
	for _, loop := range []struct {
		loop func(d, s []float64)
		f    func(float64) float64
	}{{LogLoopF64, LogF64}, {Log1pLoopF64, Log1pF64}} {
		for n := range 34 {
			for _, off := range []int{0, 1, 3} {
				s := make([]float64, n+off)
				for i := range s {
					s[i] = float64(i)*0.77 - 3
				}
				d := make([]float64, n+off)
				loop.loop(d[off:], s[off:])
				for i := off; i < len(s); i++ {
					if want := loop.f(s[i]); !sameFloat(d[i], want) && (want != want || ulpDist64(d[i], want) > 1) {
						t.Errorf("n=%d off=%d: d[%d] = %g at %g, scalar %g", n, off, i, d[i], s[i], want)
					}
				}
			}
		}
	}
}

// vectorCase64 returns c with its function replaced by the results of the
// vector kernel vec on xs (run once, padded to whole vectors of four), so
// that checkMathUnary64 measures the kernel.
func vectorCase64(t *testing.T, c mathUnary64Case, vec func(d, s []float64) int, xs []float64) mathUnary64Case {
	t.Helper()
	n := (len(xs) + 3) &^ 3
	s := make([]float64, n)
	copy(s, xs)
	d := make([]float64, n)
	if vec(d, s) != n {
		t.Fatalf("%s: vector kernel did not run", c.name)
	}
	byInput := map[uint64]float64{}
	for i, x := range xs {
		byInput[math.Float64bits(x)] = d[i]
	}
	c.f = func(x float64) float64 { return byInput[math.Float64bits(x)] }
	return c
}
