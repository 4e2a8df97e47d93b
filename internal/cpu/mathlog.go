package cpu

import "math"

//go:generate go run mathlog_gentable.go

// nd's own logarithms: log and log1p for float32 and float64, evaluated
// with bit operations, a small table and polynomials (no libm), so they give
// the same bits everywhere.
//
// The float32 functions compute in float64 (error below 1e-15 relative),
// then round once, so they are within 1 ulp of the correctly rounded value
// and almost always equal to it. The float64 functions compute log as a
// double-double (logDD, error about 2**-68 relative) and round the sum, so
// they are within 1 ulp too (measured: see mathlog_test.go).
//
// Special values follow NumPy and C99: log(±0) = -Inf, log(x<0) = NaN,
// log(+Inf) = +Inf, log1p(-1) = -Inf, log1p(x<-1) = NaN, log1p(±0) = ±0;
// NaN gives NaN.

// Halves of ln2: logLn2Hi has 21 trailing zero bits, so k*logLn2Hi is
// exact for |k| < 2**21, and logLn2Hi+logLn2Lo is ln2 within 2**-85.
const (
	logLn2Hi = 6.93147180369123816490e-01 // 0x3fe62e42fee00000
	logLn2Lo = 1.90821492927058770002e-10 // 0x3dea39ef35793c76
	// logSqrtHalfBits is the bit pattern of sqrt(1/2): subtracting it
	// from a positive normal float64's bits leaves the exponent k with
	// x = 2**k * z, z in [sqrt(1/2), sqrt(2)).
	logSqrtHalfBits = 0x3fe6a09e667f3bcd
)

// logSplit returns k and z with v = 2**k * z, z in [sqrt(1/2), sqrt(2)),
// for a positive normal v: one integer subtraction, no branch.
func logSplit(v float64) (k int64, z float64) {
	b := math.Float64bits(v)
	k = int64(b-logSqrtHalfBits) >> 52
	return k, math.Float64frombits(b - uint64(k)<<52)
}

// log32Core returns log(v) for a positive normal v, for the float32
// functions (error below 1e-10 relative): log(z) = 2*atanh(s), s =
// (z-1)/(z+1), |s| < 0.172, by its series to s**11 (next term below 6e-11
// relative, far below the float32 half ulp 3e-8).
func log32Core(v float64) float64 {
	k, z := logSplit(v)
	f := z - 1 // exact
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	// 2s(1 + s2/3 + s4/5 + s6/7 + s8/9 + s10/11), in two halves.
	p := (1 + s2*(1.0/3)) + s4*((1.0/5+s2*(1.0/7))+s4*(1.0/9+s2*(1.0/11)))
	return float64(k)*math.Ln2 + 2*s*p
}

// LogF32 returns the natural logarithm of x.
func LogF32(x float32) float32 {
	if !(x > 0 && x <= math.MaxFloat32) {
		return float32(logSpecial(float64(x)))
	}
	return float32(log32Core(float64(x))) // float32 denormals are float64 normals
}

// logSpecial returns log(x) for x that is not a positive normal float64:
// zeros, negatives, infinities, NaN and denormals.
func logSpecial(x float64) float64 {
	switch {
	case x != x || x == math.Inf(1):
		return x
	case x == 0:
		return math.Inf(-1)
	case x < 0:
		return math.NaN()
	}
	hi, lo := logDD(x) // a subnormal
	return hi + lo
}

// Log1pF32 returns log(1+x), accurate also for x near 0.
func Log1pF32(x float32) float32 {
	if !(x > -1 && x <= math.MaxFloat32) || x == 0 {
		return float32(log1pSpecial(float64(x)))
	}
	// 1+v in float64 is exact unless |v| < 2**-29; err catches the rest:
	// log(1+v) = log(u) + log(1+err/u), and log(1+e) = e to 2**-100.
	v := float64(x)
	u, err := logTwoSum(1, v)
	return float32(log32Core(u) + err/u)
}

// log1pSpecial returns log1p(x) for x = ±0, x <= -1, +Inf and NaN.
func log1pSpecial(x float64) float64 {
	switch {
	case x != x || x == 0 || x == math.Inf(1):
		return x
	case x == -1:
		return math.Inf(-1)
	}
	return math.NaN()
}

// logTwoSum returns s = a+b rounded and its rounding error e: a+b = s+e
// exactly (Knuth's TwoSum, no condition on the magnitudes).
func logTwoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

// logDDNormal returns log(v) as hi+lo, |lo| <= ulp(hi)/2, with error about
// 2**-68 relative, for a positive normal v. v = 2**k * z, z in
// [sqrt(1/2), sqrt(2)); the table gives c near 1/z with log(c) in two
// parts (c = 1 exactly for z within 1/256 of 1, so log(z) keeps its
// relative accuracy there); z*c = 1+r exactly as a double-double (FMA),
// |r| < 2**-7.5, and log(z) = log1p(r) - log(c), log1p(r) = r - r**2/2 +
// r**3*P(r) with r**2/2 exact (FMA) and P to r**10 (next term below 2**-70
// relative).
func logDDNormal(v float64) (hi, lo float64) {
	k, z := logSplit(v)
	// i = round((z-1)*128) in [-37, 53], by the 1.5*2**52 rounding trick.
	i := int64(((z-1)*128 + 0x1.8p52) - 0x1.8p52)
	t := &logTable[i+37]
	// p = z*c exactly as ph+pl; r = ph-1 (exact) + pl, renormalized.
	ph := z * t.c
	pl := math.FMA(z, t.c, -ph)
	rh := (ph - 1) + pl
	rl := pl - (rh - (ph - 1))
	// r**2/2 exactly as qh+ql.
	qh := 0.5 * rh * rh
	ql := math.FMA(0.5*rh, rh, -qh)
	// Leading terms by Fast2Sum: |k*ln2| >= |log c| >= |r| >= |r**2/2|
	// wherever the larger one is nonzero.
	kf := float64(k)
	s1 := kf*logLn2Hi - t.hi
	e1 := (kf*logLn2Hi - s1) - t.hi
	s2 := s1 + rh
	e2 := (s1 - s2) + rh
	s3 := s2 - qh
	e3 := (s2 - s3) - qh
	r2 := rh * rh
	poly := rh * r2 * ((1.0/3 - rh*(1.0/4)) + r2*((1.0/5-rh*(1.0/6))+r2*((1.0/7-rh*(1.0/8))+r2*(1.0/9-rh*(1.0/10)))))
	tail := ((e1 + e2 + e3) + (kf*logLn2Lo - t.lo)) + ((rl - rh*rl) - ql + poly)
	hi = s3 + tail
	lo = tail - (hi - s3)
	return hi, lo
}

// LogF64 returns the natural logarithm of x.
func LogF64(x float64) float64 {
	if !(x >= 0x1p-1022 && x <= math.MaxFloat64) {
		return logSpecial(x)
	}
	hi, lo := logDDNormal(x)
	return hi + lo
}

// Log1pF64 returns log(1+x), accurate also for x near 0.
func Log1pF64(x float64) float64 {
	if !(x > -1 && x <= math.MaxFloat64) || x == 0 {
		return log1pSpecial(x)
	}
	// log(1+x) = log(u) + log(1+err/u), u+err = 1+x exactly; log(1+e)
	// = e within e**2/2, below 2**-106 relative here.
	u, err := logTwoSum(1, x)
	if u < 0x1p-1022 { // only for x within 2**-1022 of -1
		return LogF64(u) + err/u
	}
	hi, lo := logDDNormal(u)
	return hi + (lo + err/u)
}

// LogLoopF32 sets d[i] = log(s[i]).
func LogLoopF32(d, s []float32) {
	d = d[:len(s)]
	n := logVecF32(d, s)
	d, s = d[n:], s[n:]
	for i, x := range s {
		d[i] = LogF32(x)
	}
}

// LogLoopF64 sets d[i] = log(s[i]).
func LogLoopF64(d, s []float64) {
	d = d[:len(s)]
	n := logVecF64(d, s)
	d, s = d[n:], s[n:]
	for i, x := range s {
		d[i] = LogF64(x)
	}
}

// Log1pLoopF32 sets d[i] = log(1+s[i]).
func Log1pLoopF32(d, s []float32) {
	d = d[:len(s)]
	n := log1pVecF32(d, s)
	d, s = d[n:], s[n:]
	for i, x := range s {
		d[i] = Log1pF32(x)
	}
}

// Log1pLoopF64 sets d[i] = log(1+s[i]).
func Log1pLoopF64(d, s []float64) {
	d = d[:len(s)]
	n := log1pVecF64(d, s)
	d, s = d[n:], s[n:]
	for i, x := range s {
		d[i] = Log1pF64(x)
	}
}
