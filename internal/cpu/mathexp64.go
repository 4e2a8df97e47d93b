package cpu

import "math"

// nd's own exponentials beyond the float32 exp of mathf32.go: float64 exp,
// and expm1 for float32 and float64, evaluated without libm.
//
// The float64 functions reduce x = k*ln2 + r with r as a double-double
// (|r| <= ln2/2), evaluate e**r - 1 - r by its Taylor polynomial to r**13
// (next term below 2**-57 relative), add the leading terms exactly
// (Fast2Sum) and scale by 2**k in two steps, so results are rounded about
// once: within 1 ulp, subnormal results included (measured: see
// mathexp64_test.go). Expm1F32 computes in float64 from a 32-entry table.
//
// ExpLoopF64, Expm1LoopF64 and Expm1LoopF32 run AVX-512 or AVX2+FMA
// kernels on amd64 (see mathlog.go): the float64 ones the same algorithm lane by lane, the
// float32 one in float64 lanes from T*(e**r - 1) + (T - 1) in one FMA.
//
// Special values: exp(+Inf) = +Inf, exp(-Inf) = 0, overflow gives +Inf and
// underflow 0 or a subnormal; expm1(-Inf) = -1, expm1(±0) = ±0; NaN gives
// NaN.

const (
	exp64InvLn2 = 1.44269504088896338700e+00
	// Above exp64Max exp overflows, below exp64Min it rounds to 0.
	exp64Max = 709.782712893384
	exp64Min = -745.1332191019412
)

// exp64Reduce returns k, r, and t for the double-double xh+xl (|xh| <= 746,
// |xl| <= 2**-40|xh|): e**(xh+xl) = 2**k * (1 + r + t), |r| <= 0.35,
// |t| <= 0.21, t within about 2**-60 of its value. k = round(xh/ln2); r
// = xh - k*ln2hi (exact: Sterbenz) - (k*ln2lo - xl) rounded, whose error
// c enters t as c*(1+r).
func exp64Reduce(xh, xl float64) (k int64, r, t float64) {
	kf := (xh*exp64InvLn2 + 0x1.8p52) - 0x1.8p52 // to nearest, no branch
	rh := xh - kf*logLn2Hi
	rl := kf*logLn2Lo - xl // xl joins r, so c stays below 2**-60 and c*(1+r) is e**r*c
	r = rh - rl
	c := (rh - r) - rl
	// e**r - 1 - r = r**2 * (1/2 + r/6 + ... + r**11/13!), by Estrin.
	r2 := r * r
	r4 := r2 * r2
	r8 := r4 * r4
	p := ((1.0/2 + r*(1.0/6)) + r2*(1.0/24+r*(1.0/120))) +
		r4*((1.0/720+r*(1.0/5040))+r2*(1.0/40320+r*(1.0/362880))) +
		r8*((1.0/3628800+r*(1.0/39916800))+r2*(1.0/479001600+r*(1.0/6227020800)))
	t = r2*p + c*(1+r)
	return int64(kf), r, t
}

// exp64Scale returns y * 2**k for k in [-1076, 1024] with one rounding:
// two normal powers of two, so subnormal results round once and 2**1024
// needs no special case.
func exp64Scale(y float64, k int64) float64 {
	k1 := k >> 1
	k2 := k - k1
	return y * math.Float64frombits(uint64(k1+1023)<<52) * math.Float64frombits(uint64(k2+1023)<<52)
}

// exp64DD returns e**(xh+xl) for a double-double with xh in [-746, 710].
func exp64DD(xh, xl float64) float64 {
	k, r, t := exp64Reduce(xh, xl)
	s := 1 + r
	e := (1 - s) + r // Fast2Sum: |1| >= |r|
	return exp64Scale(s+(e+t), k)
}

// ExpF64 returns e**x.
func ExpF64(x float64) float64 {
	if !(x >= -746 && x <= 710) {
		switch {
		case x != x:
			return x
		case x > 0:
			return math.Inf(1)
		}
		return 0
	}
	return exp64DD(x, 0)
}

// Expm1F64 returns e**x - 1, accurate also for x near 0.
func Expm1F64(x float64) float64 {
	if !(x >= -38.5 && x <= 710 && math.Abs(x) >= 0x1p-54) {
		switch {
		case x != x || math.Abs(x) < 0x1p-54:
			return x // NaN; ±0 and |x| < 2**-54, where e**x - 1 rounds to x
		case x > 0:
			return math.Inf(1)
		}
		return -1 // x < -38.5: e**x < 2**-55 is lost in -1
	}
	// e**x - 1 = 2**k * ((1 - 2**-k) + r + t); 1 - 2**-k is exact for
	// k <= 53 and rounds harmlessly for k in (53, 1024] or k in [-56, 0).
	k, r, t := exp64Reduce(x, 0)
	a := 1 - math.Float64frombits(uint64(1023-min(k, 60))<<52)
	s := a + r
	e := (a - s) + r // Fast2Sum: |a| >= |r| or a = 0
	return exp64Scale(s+(e+t), k)
}

// Expm1F32 returns e**x - 1, accurate also for x near 0. In float64: x =
// (32m + j)*ln2/32 + r, |r| <= ln2/64, T = 2**m * 2**(j/32), and e**x - 1
// = T*(e**r - 1) + (T - 1), e**r - 1 by its Taylor polynomial to r**5
// (next term below 3e-13 relative). T-1 rounds with error 1e-16*T, small
// against the result unless T = 1, where it is exact.
func Expm1F32(x float32) float32 {
	if !(x >= -18 && x <= 89) || x == 0 {
		switch {
		case x != x || x == 0:
			return x
		case x > 0:
			return float32(math.Inf(1))
		}
		return -1 // e**x < 2**-25 rounds away against -1 in float32
	}
	v := float64(x)
	tk := v * log2eBy32
	kf := (tk + 0x1.8p52) - 0x1.8p52
	r := v - kf*ln2By32
	ki := int64(kf)
	T := expTable[ki&31] * math.Float64frombits(uint64((ki>>5)+1023)<<52)
	r2 := r * r
	p := r + r2*((1.0/2+r*(1.0/6))+r2*(1.0/24+r*(1.0/120)))
	return float32(T*p + (T - 1))
}

// ExpLoopF64 sets d[i] = e**s[i].
func ExpLoopF64(d, s []float64) {
	d = d[:len(s)]
	n := expVecF64(d, s)
	d, s = d[n:], s[n:]
	for i, x := range s {
		d[i] = ExpF64(x)
	}
}

// Expm1LoopF32 sets d[i] = e**s[i] - 1.
func Expm1LoopF32(d, s []float32) {
	d = d[:len(s)]
	n := expm1VecF32(d, s)
	d, s = d[n:], s[n:]
	for i, x := range s {
		d[i] = Expm1F32(x)
	}
}

// Expm1LoopF64 sets d[i] = e**s[i] - 1.
func Expm1LoopF64(d, s []float64) {
	d = d[:len(s)]
	n := expm1VecF64(d, s)
	d, s = d[n:], s[n:]
	for i, x := range s {
		d[i] = Expm1F64(x)
	}
}
