package cpu

import "math"

//go:generate go run matherf_gen.go

// nd's own error function (no libm), float64 and float32. erf is odd, so
// it is computed for a = |x| and takes x's sign bit:
//
//   - a <= 0.5: a*P(a*a), P of degree 9 in a*a (erf(x)/x is even); the
//     leading term goes through one FMA with its coefficient in double-
//     double, so the polynomial's rounding enters only through the small
//     remainder and tiny a (subnormals too) keep full relative accuracy.
//   - 0.5 < a < 6: a degree-12 polynomial in t = a - c on 22 intervals of
//     width 1/4 centred at c (t is exact), the constant term again in
//     double-double.
//   - a >= 6: 1 (1 - erf(6) is below a quarter ulp of 1).
//
// The coefficients (matherf_table.go) interpolate erf at Chebyshev nodes,
// fitted by matherf_gen.go against erf in big.Float; their error is below
// 2**-60. float64 results are within 1 ulp; ErfF32 rounds ErfF64 once, so
// it is correctly rounded but in the rarest cases. The interval is picked
// by a table index rather than a chain of comparisons, so a vector kernel
// can gather the coefficients.

// erfCore64 returns erf(a) for a >= 0, not NaN.
func erfCore64(a float64) float64 {
	if a <= 0.5 {
		s := a * a
		p := erfSmall[8]
		for k := 7; k >= 0; k-- {
			p = p*s + erfSmall[k]
		}
		return math.FMA(a, erfSmall0Hi, a*(erfSmall0Lo+s*p))
	}
	if a >= 6 {
		return 1
	}
	i := int((a - 0.5) * 4)
	c := &erfTable[i]
	t := a - (0.625 + 0.25*float64(i))
	p := c[13]
	for k := 12; k >= 2; k-- {
		p = p*t + c[k]
	}
	return c[0] + (c[1] + t*p)
}

// ErfF64 returns the error function of x, within 1 ulp; erf(±Inf) = ±1,
// erf(±0) = ±0.
func ErfF64(x float64) float64 {
	if x != x {
		return x
	}
	y := erfCore64(math.Abs(x))
	return math.Float64frombits(math.Float64bits(y) | math.Float64bits(x)&signBit64)
}

// ErfF32 returns the error function of x, correctly rounded but in rare
// cases (within 1 ulp).
func ErfF32(x float32) float32 { return float32(ErfF64(float64(x))) }

// ErfLoopF64 sets d[i] = erf(s[i]).
func ErfLoopF64(d, s []float64) {
	d = d[:len(s)]
	for i, x := range s {
		d[i] = ErfF64(x)
	}
}

// ErfLoopF32 sets d[i] = erf(s[i]).
func ErfLoopF32(d, s []float32) {
	d = d[:len(s)]
	for i, x := range s {
		d[i] = ErfF32(x)
	}
}
