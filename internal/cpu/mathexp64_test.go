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
