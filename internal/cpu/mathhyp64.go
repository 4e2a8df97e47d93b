package cpu

import "math"

// nd's own float64 tanh and logistic sigmoid (no libm), both from e**y
// reduced as y = m*ln2 + r, |r| <= ln2/2, e**r - 1 by its Taylor
// polynomial of degree 13 (truncation below 2**-56 relative, no table, so
// a vector kernel needs no gather), r carried as a double-double so the
// reduction adds nothing measurable:
//
//   - tanh(x) = E/(E+2) with E = e**(2|x|) - 1 formed as (2**m - 1) +
//     2**m*(e**r - 1) by an exact TwoSum, so there is no cancellation near
//     0: tiny x give x itself (subnormals too). |x| is clamped to 22, where
//     tanh rounds to 1, so nothing overflows; the sign bit is restored.
//   - sigmoid(x) = 1/(1+E) for x >= 0 and E/(1+E) for x < 0, E = e**-|x|
//     as a double-double, so e**x never overflows and results near 0 keep
//     their relative accuracy; below -708 the result is E alone, rounded
//     once into the subnormals.
//
// Both quotients get one Newton correction against the double-double
// denominator, so they are rounded about once: results are within 1 ulp
// (measured below 0.6). These helpers are private to the hyperbolic
// functions; they could share the package's float64 exp later.

const (
	hyp64Log2e = 1.4426950408889634
	hyp64Ln2Hi = 0x1.62e42fefa39efp-01 // float64(ln2)
	hyp64Ln2Lo = 0x1.abc9e3b39803fp-56 // ln2 - hyp64Ln2Hi
)

// hyp64ExpParts returns e**y = 2**m * (1 + ph + pl) for -746 <= y <= 45,
// with |ph + pl| < 0.42 and m in [-1077, 65] (the caller makes 2**m).
func hyp64ExpParts(y float64) (m int64, ph, pl float64) {
	kb := y*hyp64Log2e + roundMagic64
	m = int64(math.Float64bits(kb)&(1<<52-1)) - 1<<51
	k := kb - roundMagic64
	r1 := math.FMA(-k, hyp64Ln2Hi, y) // exact: see the Cody-Waite argument in mathtrig.go
	rh := math.FMA(-k, hyp64Ln2Lo, r1)
	rl := math.FMA(-k, hyp64Ln2Lo, r1-rh) // r1 - rh is exact
	// e**r - 1 = r + r**2*P(r), P's coefficients 1/n! for n = 2..13,
	// by Estrin's scheme.
	r2 := rh * rh
	r4 := r2 * r2
	p01 := 1.0/2 + rh*(1.0/6)
	p23 := 1.0/24 + rh*(1.0/120)
	p45 := 1.0/720 + rh*(1.0/5040)
	p67 := 1.0/40320 + rh*(1.0/362880)
	p89 := 1.0/3628800 + rh*(1.0/39916800)
	pab := 1.0/479001600 + rh*(1.0/6227020800)
	p := (p01 + r2*p23) + r4*((p45+r2*p67)+r4*(p89+r2*pab))
	return m, rh, r2*p + rl*(1+rh)
}

// pow2Hyp64 returns 2**m for -1022 <= m <= 1023.
func pow2Hyp64(m int64) float64 { return math.Float64frombits(uint64(m+1023) << 52) }

// TanhF64 returns the hyperbolic tangent of x, within 1 ulp: tanh(±0) =
// ±0, tanh(±Inf) = ±1.
func TanhF64(x float64) float64 {
	if x != x {
		return x
	}
	a := math.Abs(x)
	if a > 22 {
		a = 22
	}
	m, ph, pl := hyp64ExpParts(2 * a)
	sc := pow2Hyp64(m)
	// E = (sc - 1) + sc*ph + sc*pl, the first sum exact (TwoSum).
	A, B := sc-1, sc*ph
	s := A + B
	bb := s - A
	e := (A - (s - bb)) + (B - bb) + sc*pl
	E := s + e
	el := e - (E - s)
	// q = (E+el)/(E+el+2), corrected once against the double-double
	// denominator den + dl + el.
	den := E + 2
	bb = den - E
	dl := (E - (den - bb)) + (2 - bb)
	q := E / den
	rem := math.FMA(-q, den, E) + (el - q*(dl+el))
	q += rem / den
	return math.Float64frombits(math.Float64bits(q) | math.Float64bits(x)&signBit64)
}

// SigmoidF64 returns the logistic function 1/(1+e**-x), within 1 ulp:
// sigmoid(+Inf) = 1, sigmoid(-Inf) = 0, no overflow for any x.
func SigmoidF64(x float64) float64 {
	if x != x {
		return x
	}
	a := math.Abs(x)
	if a > 708 {
		if x > 0 {
			return 1
		}
		a = min(a, 746)
		m, ph, pl := hyp64ExpParts(-a)
		// 2**m in two normal factors, so the one rounding is the last.
		return (1 + (ph + pl)) * pow2Hyp64(m+600) * 0x1p-600
	}
	m, ph, pl := hyp64ExpParts(-a)
	sc := pow2Hyp64(m)
	// E = sc*(uh + ul) = e**-a, uh + ul normalized.
	v := ph + pl
	vl := (ph - v) + pl
	uh := 1 + v
	ul := ((1 - uh) + v) + vl
	eh, el := sc*uh, sc*ul
	den := 1 + eh // eh <= 1: Fast2Sum
	dl := ((1 - den) + eh) + el
	num, nl := 1.0, 0.0
	if x < 0 {
		num, nl = eh, el
	}
	q := num / den
	rem := math.FMA(-q, den, num) + (nl - q*dl)
	return q + rem/den
}

// TanhLoopF64 sets d[i] = tanh(s[i]).
func TanhLoopF64(d, s []float64) {
	d = d[:len(s)]
	for i, x := range s {
		d[i] = TanhF64(x)
	}
}

// SigmoidLoopF64 sets d[i] = 1/(1+e**-s[i]).
func SigmoidLoopF64(d, s []float64) {
	d = d[:len(s)]
	for i, x := range s {
		d[i] = SigmoidF64(x)
	}
}
