package cpu

import (
	"math"
	"math/big"
	"testing"
)

// expm1BigRef returns e**x - 1, by its Taylor series for |x| < 1/2, where
// e**x - 1 would cancel.
func expm1BigRef(x *big.Float) *big.Float {
	if xf, _ := x.Float64(); math.Abs(xf) >= 0.5 {
		e := expBigRef(x)
		return e.Sub(e, logBig(1))
	}
	sum := new(big.Float).SetPrec(logRefPrec)
	term := logBig(1)
	for n := 1; n < 200; n++ {
		term.Mul(term, x)
		term.Quo(term, logBig(float64(n)))
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil)-sum.MantExp(nil) < -logRefPrec-4 {
			break
		}
	}
	return sum
}

// TestExpFloat64 checks ExpF64 and Expm1F64 within 1 ulp of big.Float on
// random and edge inputs, the overflow and underflow thresholds and the
// subnormal results included.
func TestExpFloat64(t *testing.T) {
	edges := []float64{exp64Max, math.Nextafter(exp64Max, 1000), exp64Min, math.Nextafter(exp64Min, 0),
		-708.39, -709, -720, -740, -745, -745.2, 709.7, 709.79, 710, -746, 1e-300, -1e-300, 0x1p-54, -0x1p-54,
		0x1p-53, -0x1p-53, -38.5, -37.4, -36.7, math.Ln2 / 2, -math.Ln2 / 2, 1e-10, -1e-10, 36, 37.5, 40}
	cases := []struct {
		c  mathUnary64Case
		xs []float64
	}{
		{mathUnary64Case{"exp", ExpF64, expBigRef, math.Exp, -750, 712}, nil},
		{mathUnary64Case{"exp near 0", ExpF64, expBigRef, math.Exp, -1, 1}, nil},
		{mathUnary64Case{"expm1", Expm1F64, expm1BigRef, math.Expm1, -40, 712}, nil},
		{mathUnary64Case{"expm1 near 0", Expm1F64, expm1BigRef, math.Expm1, -1, 1}, nil},
	}
	for _, c := range cases {
		xs := mathSamples64(c.c.lo, c.c.hi, 3000)
		var kept []float64
		for _, x := range append(xs, edges...) {
			if !(math.Abs(x) > 2000) { // expBigRef needs |x| < 2000
				kept = append(kept, x)
			}
		}
		kept = append(kept, math.Inf(1), math.Inf(-1), math.NaN(), math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64)
		if checkMathUnary64(t, c.c, kept) > 1 {
			t.Errorf("%s: above 1 ulp", c.c.name)
		}
	}
	for _, x := range []float64{1e300, -1e300, math.MaxFloat64, -math.MaxFloat64, 711, -746, -800} {
		if got, want := ExpF64(x), math.Exp(x); !sameFloat(got, want) {
			t.Errorf("ExpF64(%g) = %g, want %g", x, got, want)
		}
		if got, want := Expm1F64(x), math.Expm1(x); !sameFloat(got, want) {
			t.Errorf("Expm1F64(%g) = %g, want %g", x, got, want)
		}
	}
}

// TestExpVectorF64 checks the float64 exp and expm1 kernels within 1 ulp
// of big.Float on the samples of TestExpFloat64, equal to the scalar
// functions on the special values, and the loops at every length and
// offset.
func TestExpVectorF64(t *testing.T) {
	if !mathlogAVX2 {
		t.Skip("no AVX2+FMA kernels on this machine or build")
	}
	inf := math.Inf(1)
	specials := []float64{0, math.Copysign(0, -1), inf, -inf, math.NaN(), 1e300, -1e300, 711, -746, -800, exp64Max,
		math.Nextafter(exp64Max, 1000), exp64Min, math.Nextafter(exp64Min, 0), -745, -740, -709, -708.4, 709.79, 710,
		-38.5, -38.6, -37, 0x1p-54, -0x1p-54, 0x1p-55, 0x1p-53, 1e-300, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64}
	cases := []struct {
		c   mathUnary64Case
		vec func(d, s []float64) int
	}{
		{mathUnary64Case{"exp", ExpF64, expBigRef, math.Exp, -750, 712}, expVecF64},
		{mathUnary64Case{"exp near 0", ExpF64, expBigRef, math.Exp, -1, 1}, expVecF64},
		{mathUnary64Case{"expm1", Expm1F64, expm1BigRef, math.Expm1, -40, 712}, expm1VecF64},
		{mathUnary64Case{"expm1 near 0", Expm1F64, expm1BigRef, math.Expm1, -1, 1}, expm1VecF64},
	}
	for _, c := range cases {
		var xs []float64
		for _, x := range append(mathSamples64(c.c.lo, c.c.hi, 3000), specials...) {
			if !(math.Abs(x) > 2000) {
				xs = append(xs, x)
			}
		}
		if checkMathUnary64(t, vectorCase64(t, c.c, c.vec, xs), xs) > 1 {
			t.Errorf("%s vector: above 1 ulp", c.c.name)
		}
		s := append([]float64(nil), specials...)
		d := make([]float64, len(s))
		c.vec(d, s)
		for i, x := range s[:len(s)&^3] {
			if want := c.c.f(x); !sameFloat(d[i], want) && (want == 0 || math.IsInf(want, 0) || want != want || ulpDist64(d[i], want) > 1) {
				t.Errorf("%s vector(%g) = %g, scalar %g", c.c.name, x, d[i], want)
			}
		}
	}
	for _, loop := range []struct {
		loop func(d, s []float64)
		f    func(float64) float64
	}{{ExpLoopF64, ExpF64}, {Expm1LoopF64, Expm1F64}} {
		for n := range 34 {
			for _, off := range []int{0, 1, 3} {
				s := make([]float64, n+off)
				for i := range s {
					s[i] = float64(i)*0.77 - 3
				}
				d := make([]float64, n+off)
				loop.loop(d[off:], s[off:])
				for i := off; i < len(s); i++ {
					if want := loop.f(s[i]); ulpDist64(d[i], want) > 1 {
						t.Errorf("n=%d off=%d: d[%d] = %g at %g, scalar %g", n, off, i, d[i], s[i], want)
					}
				}
			}
		}
	}
}
