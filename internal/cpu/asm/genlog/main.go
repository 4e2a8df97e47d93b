// Command genlog generates nd's vector logarithm, exponential and pow
// kernels, internal/cpu/mathlog_amd64.s and its Go declarations
// internal/cpu/mathlog_amd64_stub.go, with avo. Run it through go generate
// in package cpu (see mathlog_dispatch_amd64.go):
//
//	go run . -out ../../mathlog_amd64.s -stubs ../../mathlog_amd64_stub.go -pkg cpu
//
// Each kernel is written once and emitted twice: for AVX2+FMA (8 float32
// or 4 float64 lanes in ymm registers; it covers len(src)/lanes vectors
// and the Go wrapper pads the rest) and for AVX-512 F and DQ (16 float32
// or 8 float64 lanes in zmm; it covers all of src, the last len%lanes
// elements with masked loads and stores). The AVX-512 kernels run the
// same arithmetic, so they give the AVX2 kernels' bits: masks live in k
// registers instead of vector registers, VRNDSCALE replaces VROUND,
// constants are held in registers loaded before the loop, the final
// scaling of the float64 exponentials is one VSCALEFPD, which rounds the
// same product once, and the float64 log reads its table with permutes
// instead of gathers. The algorithms, in float32 arithmetic unless said:
//
//   - log: subnormal x is scaled by 2**23 first; then x = 2**k * z with z
//     in [sqrt(1/2), sqrt(2)) by subtracting the bits of sqrt(1/2) (k is
//     the arithmetic shift of the difference), f = z - 1 (exact), and
//     log(x) = k*ln2 + f - f**2/2 + f**3*P(f), P Cephes' logf polynomial
//     of degree 8 (0.06 ulp from log1p on the interval), k*ln2 in two
//     parts (the first, 0.693359375, has 9 bits so k times it is exact).
//     Lanes that are not positive and finite take -Inf (x = ±0), +Inf
//     (x = +Inf) or NaN (x < 0, NaN).
//   - log1p: u = 1+x rounded and its rounding error e (TwoSum, exact), then
//     log(u) + e/u, so inputs near 0 keep their relative accuracy; u = 0
//     (x = -1) gives -Inf, u < 0 NaN, and x = ±0 gives x.
//   - expm1: in float64 lanes (half a vector at a time), which carry enough
//     precision that no cancellation hurts: x clamped to [-18, 89] (where
//     the float32 result is -1 or +Inf), k = round(x/ln2), r = x - k*ln2
//     (two FMAs), e**r - 1 = r + r**2*P(r) with P the Taylor polynomial of
//     degree 7 (next term below 3e-11 relative), T = 2**k, and e**x - 1 =
//     T*(e**r - 1) + (T - 1) in one FMA, rounded to float32; NaN and ±0
//     give x.
//   - float64 exp and expm1: k = round(x/ln2), r = x - k*ln2hi
//     (exact) - k*ln2lo with its rounding error c, e**r - 1 - r = r**2*P(r)
//     with P the Taylor polynomial of degree 11 (Estrin), t = r**2*P +
//     c*(1+r); then a + r by Fast2Sum plus t, with a = 1 (exp) or
//     1 - 2**-min(k, 60) (expm1), times 2**k in two steps so subnormal
//     results round once. x is clamped first ([-746, 710] for exp,
//     [-38.5, 710] for expm1), so +Inf, 0 and -1 come out of the
//     arithmetic; NaN gives x, and for expm1 |x| < 2**-54 gives x. The
//     same algorithm as ExpF64 and Expm1F64 (mathexp64.go), lane by lane.
//   - float64 log and log1p: the double-double log of logDDNormal
//     (mathlog.go), lane by lane, reading logTable with gathers (AVX2) or
//     its columns with permutes (AVX-512); subnormal x scaled by 2**54
//     first; log1p as log(u) + e/u with u + e = 1 + x
//     (TwoSum). Specials as in the float32 kernels.
//   - pow (float64, and float32 in float64 lanes): for positive finite x
//     and finite y only, as powPositive (mathpow.go): the double-double
//     log, y times it as a double-double, and the exponential of that
//     with the low part joining r; the Go loops compute the other lanes
//     with the scalar functions.
package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
	"github.com/nd-go/nd/internal/cpu/asm/emit"
)

// consts are the constant vectors of mathlog_amd64.s.
var consts = emit.NewConsts("mathlog_")

// orQ sets dst = a | b bitwise (VPOR has no zmm form).
func orQ(a Op, b, dst reg.VecVirtual) {
	if emit.Cur() == emit.AVX512 {
		VPORQ(a, b, dst)
	} else {
		VPOR(a, b, dst)
	}
}

// gatherPD returns the float64 lanes read from m, whose index is a vector
// of quadwords (AVX2).
func gatherPD(m Mem) reg.VecVirtual {
	all, g := YMM(), YMM()
	VPCMPEQQ(all, all, all)
	VXORPD(g, g, g) // the gather merges into g: no dependency on its past
	VGATHERQPD(all, m, g)
	return g
}

// lookupColumns returns the entries idx (quadwords in [0, 96)) of the
// three columns of logTableColumns (mathlog_dispatch_amd64.go), whose
// address is in cols: logTable's c, hi and lo, 96 float64 each. The
// AVX-512 kernels read them with permutes, each VPERMT2PD picking from 16
// entries by idx&15 and blends choosing among the six results by bits 4 to
// 6 of idx: on Zen 4 that takes logF64AVX512 from 2.3 to 1.4 ns an
// element (three zmm gathers cost more than the rest of the kernel).
func lookupColumns(idx reg.VecVirtual, cols reg.Register) (c, hi, lo reg.VecVirtual) {
	var bit [3]emit.Mask // bit[j]: lanes with bit 4+j of idx set
	for j := range bit {
		t := emit.V()
		VPSLLQ(U8(59-j), idx, t)
		bit[j] = K()
		VPMOVQ2M(t, bit[j])
	}
	column := func(col int) reg.VecVirtual {
		entries := func(first int) Mem { return Mem{Base: cols, Disp: 8 * (96*col + first)} }
		var quarter [3]reg.VecVirtual // entries 32q to 32q+31
		for q := range quarter {
			a, b := emit.V(), emit.V()
			VMOVUPD(entries(32*q), a)
			VPERMT2PD(entries(32*q+8), idx, a)
			VMOVUPD(entries(32*q+16), b)
			VPERMT2PD(entries(32*q+24), idx, b)
			VBLENDMPD(b, a, bit[0], a)
			quarter[q] = a
		}
		r := quarter[0]
		VBLENDMPD(quarter[1], r, bit[1], r)
		VBLENDMPD(quarter[2], r, bit[2], r)
		return r
	}
	return column(0), column(1), column(2)
}

// expm1Core64 returns e**x - 1 for the float64 lanes of x (float32
// inputs widened), clamped to [-18, 89]: see the package comment. x is not
// modified.
func expm1Core64(x reg.VecVirtual) reg.VecVirtual {
	xc := emit.V()
	VMAXPD(consts.F64("em1lo", -18), x, xc)
	VMINPD(consts.F64("em1hi", 89), xc, xc)
	kd := emit.V()
	VMULPD(consts.F64("invln2", 1/math.Ln2), xc, kd)
	emit.RoundPD(emit.RoundNearest, kd, kd)
	r := emit.V()
	VMOVAPD(xc, r)
	VFNMADD231PD(consts.F64("ln2hi64", 6.93147180369123816490e-01), kd, r) // exact
	VFNMADD231PD(consts.F64("ln2lo64", 1.90821492927058770002e-10), kd, r)
	// e**r - 1 = r + r**2*P(r), P the Taylor polynomial of degree 7.
	fact := 2.0
	var coef []float64
	for n := 2; n <= 9; n++ {
		coef = append(coef, 1/fact)
		fact *= float64(n + 1)
	}
	p := emit.V()
	VMOVUPD(consts.F64(fmt.Sprintf("em1c%d", len(coef)-1), coef[len(coef)-1]), p)
	for i := len(coef) - 2; i >= 0; i-- {
		VFMADD213PD(consts.F64(fmt.Sprintf("em1c%d", i), coef[i]), r, p) // p = p*r + c
	}
	r2 := emit.V()
	VMULPD(r, r, r2)
	VFMADD213PD(r, r2, p) // p = p*r2 + r = e**r - 1
	// T = 2**k, then T*(e**r-1) + (T-1).
	t := pow2(kd)
	tm1 := emit.V()
	VSUBPD(consts.F64("one64", 1), t, tm1)
	VFMADD213PD(tm1, t, p) // p = p*t + tm1
	return p
}

// logCore returns log(x) for the float32 lanes of x, special lanes
// included (see the package comment); denormals says whether x may be
// subnormal. x is not modified.
func logCore(x reg.VecVirtual, denormals bool) reg.VecVirtual {
	xs, kadj := x, reg.VecVirtual(nil)
	if denormals {
		// Subnormal (and zero or negative) lanes: x*2**23, k -= 23.
		m := emit.CmpPS(emit.CmpLTOQ, consts.F32("minnorm", 0x1p-126), x)
		xs = emit.V()
		VMULPS(consts.F32("p23", 0x1p23), x, xs)
		emit.BlendPS(m, xs, x, xs)
		kadj = emit.V()
		emit.MaskedPS(m, consts.F32("f23", 23), kadj)
	}
	k, z := emit.V(), emit.V()
	VPSUBD(consts.Vec32("sqrthalf", 0x3f3504f3), xs, k)
	VPSRAD(U8(23), k, k)
	VPSLLD(U8(23), k, z)
	VPSUBD(z, xs, z) // z in [sqrt(1/2), sqrt(2))
	kf := emit.V()
	VCVTDQ2PS(k, kf)
	if denormals {
		VSUBPS(kadj, kf, kf)
	}
	f := emit.V()
	VSUBPS(consts.F32("one", 1), z, f)
	// P(f) by Horner's scheme (its error is far below the rounding of the
	// final sums).
	coef := []float32{7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1}
	p := emit.V()
	VMOVUPS(consts.F32("logc0", coef[0]), p)
	for i := 1; i < len(coef); i++ {
		VFMADD213PS(consts.F32(fmt.Sprintf("logc%d", i), coef[i]), f, p) // p = p*f + c
	}
	f2, y := emit.V(), emit.V()
	VMULPS(f, f, f2)
	VMULPS(f, f2, y)
	VMULPS(p, y, y)                                         // f**3 * P
	VFMADD231PS(consts.F32("ln2lo", -2.12194440e-4), kf, y) // + k*ln2lo
	VFNMADD231PS(consts.F32("half", 0.5), f2, y)            // - f**2/2
	VADDPS(f, y, y)                                         // + f
	VFMADD231PS(consts.F32("ln2hi", 0.693359375), kf, y)    // + k*ln2hi
	// Special lanes: not (0 < x < +Inf).
	ok := emit.CmpPS(emit.CmpGTOQ, consts.F32("zero", 0), x)
	emit.AndMasksPS(emit.CmpPS(emit.CmpLTOQ, consts.Vec32("inf", 0x7f800000), x), ok)
	sv := emit.V()
	VMOVUPS(consts.Vec32("nan", 0x7fc00000), sv)
	emit.BlendPS(emit.CmpPS(emit.CmpEQOQ, consts.F32("zero", 0), x), consts.Vec32("ninf", 0xff800000), sv, sv)
	emit.BlendPS(emit.CmpPS(emit.CmpEQOQ, consts.Vec32("inf", 0x7f800000), x), x, sv, sv)
	emit.BlendPS(ok, y, sv, y)
	return y
}

// pow2 returns 2**k for the float64 lanes of kd, integers in [-1022,
// 1023]: the bits of kd + 1.5*2**52 end in k, shifted into the exponent.
func pow2(kd reg.VecVirtual) reg.VecVirtual {
	t := emit.V()
	VADDPD(consts.F64("magic", 0x1.8p52), kd, t)
	VPSLLQ(U8(52), t, t)
	VPADDQ(consts.F64("one64", 1), t, t)
	return t
}

// exp64Core returns k (as float64 lanes) and y with e**(x+xl) = 2**k * y
// for x in [-746, 710] (xl nil or small against x, as in exp64Reduce), or
// e**x - 1 = 2**k * y when expm1 (see the package comment). x is not
// modified.
func exp64Core(x, xl reg.VecVirtual, expm1 bool) (kd, y reg.VecVirtual) {
	kd = emit.V()
	VMULPD(consts.F64("invln2", 1/math.Ln2), x, kd)
	emit.RoundPD(emit.RoundNearest, kd, kd)
	rh, rl, r, c := emit.V(), emit.V(), emit.V(), emit.V()
	VMOVAPD(x, rh)
	VFNMADD231PD(consts.F64("ln2hi64", 6.93147180369123816490e-01), kd, rh) // exact
	VMULPD(consts.F64("ln2lo64", 1.90821492927058770002e-10), kd, rl)
	if xl != nil {
		VSUBPD(xl, rl, rl) // xl joins r, so c stays tiny
	}
	VSUBPD(rl, rh, r)
	VSUBPD(r, rh, c)
	VSUBPD(rl, c, c) // c = (rh - r) - rl
	// e**r - 1 - r = r**2 * P(r), P the Taylor polynomial of degree 11
	// by Estrin's scheme.
	coef := make([]Op, 12)
	fact := 2.0
	for i := range coef {
		coef[i] = consts.F64(fmt.Sprintf("e64c%d", i), 1/fact)
		fact *= float64(i + 3)
	}
	r2, r4, r8 := emit.V(), emit.V(), emit.V()
	VMULPD(r, r, r2)
	VMULPD(r2, r2, r4)
	VMULPD(r4, r4, r8)
	pair := func(i int) reg.VecVirtual { // coef[i] + r*coef[i+1]
		q := emit.V()
		VMOVUPD(coef[i+1], q)
		VFMADD213PD(coef[i], r, q)
		return q
	}
	q0, q1, q2, q3, q4, q5 := pair(0), pair(2), pair(4), pair(6), pair(8), pair(10)
	VFMADD231PD(r2, q1, q0) // q0 += r2*q1
	VFMADD231PD(r2, q3, q2)
	VFMADD231PD(r2, q5, q4)
	VFMADD231PD(r4, q2, q0) // q0 += r4*(q2 + r2*q3)
	VFMADD231PD(r8, q4, q0)
	// t = r2*P + c*(1+r).
	t := emit.V()
	VMOVAPD(c, t)
	VFMADD213PD(c, r, t) // t = c*r + c
	VFMADD231PD(r2, q0, t)
	// Leading terms a + r by Fast2Sum (|a| >= |r| or a = 0), a = 1 for
	// exp, 1 - 2**-min(k, 60) for expm1.
	a := emit.V()
	if expm1 {
		nk := emit.V()
		VMINPD(consts.F64("sixty", 60), kd, nk)
		VXORPD(consts.F64("neg64", math.Copysign(0, -1)), nk, nk)
		p := pow2(nk)
		VMOVUPD(consts.F64("one64", 1), a)
		VSUBPD(p, a, a)
	} else {
		VMOVUPD(consts.F64("one64", 1), a)
	}
	sum, e := emit.V(), emit.V()
	VADDPD(r, a, sum)
	VSUBPD(sum, a, e)
	VADDPD(r, e, e) // e = (a - sum) + r
	VADDPD(t, e, e)
	VADDPD(e, sum, sum)
	return kd, sum
}

// scale64 multiplies y by 2**k (kd in [-1076, 1024]) in two steps, 2**(k>>1)
// and 2**(k-(k>>1)), so subnormal results round once; the first step is
// exact (y is near 1, or near -2**56 for expm1), so the AVX-512 VSCALEFPD,
// which rounds y*2**k once, gives the same bits.
func scale64(y, kd reg.VecVirtual) {
	if emit.Cur() == emit.AVX512 {
		VSCALEFPD(kd, y, y)
		return
	}
	k1, k2 := emit.V(), emit.V()
	VMULPD(consts.F64("half64", 0.5), kd, k1)
	emit.RoundPD(emit.RoundDown, k1, k1)
	VSUBPD(k1, kd, k2)
	VMULPD(pow2(k1), y, y)
	VMULPD(pow2(k2), y, y)
}

// logDD64 returns log(v) as an unnormalized sum hi + tail for the float64
// lanes of v, positive and normal (other lanes give garbage, to be blended
// away, but read the table in bounds: z is in [sqrt(1/2), sqrt(2)) for any
// bits; kadj, when not nil, is subtracted from the exponent, for inputs
// scaled by 2**54). tab holds the address of logTable. The algorithm of
// logDDNormal (mathlog.go), lane by lane, the table read by gathers.
func logDD64(v, kadj reg.VecVirtual, tab reg.Register) (hi, tail reg.VecVirtual) {
	// k+1023 = (bits(v) - bits(sqrt(1/2)) + 1023<<52) >> 52, never
	// negative for positive normal v (AVX2 has no 64-bit arithmetic
	// shift); z = v / 2**k by subtracting k<<52 from the bits.
	kb, z := emit.V(), emit.V()
	VPADDQ(consts.Vec64("logoff", 0x3ff0000000000000-0x3fe6a09e667f3bcd), v, kb)
	VPSRLQ(U8(52), kb, kb)
	VPSLLQ(U8(52), kb, z)
	VPSUBQ(z, v, z)
	VPADDQ(consts.Vec64("one64", 0x3ff0000000000000), z, z)
	// kd = k as float64: the bits of 2**52 + k + 1023, minus 2**52 + 1023.
	kd := emit.V()
	orQ(consts.Vec64("two52", 0x4330000000000000), kb, kd)
	VSUBPD(consts.F64("two52k", 0x1p52+1023), kd, kd)
	if kadj != nil {
		VSUBPD(kadj, kd, kd)
	}
	// i = round((z-1)*128), the table row 3*(i+37) (three float64 each).
	one := consts.F64("one64", 1)
	idx := emit.V()
	VSUBPD(one, z, idx)
	VMULPD(consts.F64("f128", 128), idx, idx)
	VADDPD(consts.F64("magic", 0x1.8p52), idx, idx)
	VPSUBQ(consts.Vec64("magic37", 0x4338000000000000-37), idx, idx) // i + 37
	var c, th, tl reg.VecVirtual
	if emit.Cur() == emit.AVX512 {
		c, th, tl = lookupColumns(idx, tab)
	} else {
		idx3 := emit.V()
		VPADDQ(idx, idx, idx3)
		VPADDQ(idx, idx3, idx3)
		row := func(disp int) Mem { return Mem{Base: tab, Index: idx3, Scale: 8, Disp: disp} }
		c, th, tl = gatherPD(row(0)), gatherPD(row(8)), gatherPD(row(16))
	}
	// z*c = ph + pl exactly; r = (ph - 1) + pl as rh + rl.
	ph, pl := emit.V(), emit.V()
	VMULPD(c, z, ph)
	VMOVAPD(ph, pl)
	VFMSUB231PD(c, z, pl) // pl = z*c - ph
	pm1, rh, rl := emit.V(), emit.V(), emit.V()
	VSUBPD(one, ph, pm1)
	VADDPD(pl, pm1, rh)
	VSUBPD(pm1, rh, rl)
	VSUBPD(rl, pl, rl) // rl = pl - (rh - (ph-1))
	// r**2/2 = qh + ql exactly.
	h, qh, ql := emit.V(), emit.V(), emit.V()
	VMULPD(consts.F64("half64", 0.5), rh, h)
	VMULPD(rh, h, qh)
	VMOVAPD(qh, ql)
	VFMSUB231PD(rh, h, ql) // ql = h*rh - qh
	// The leading sums by Fast2Sum.
	a, s1, e1 := emit.V(), emit.V(), emit.V()
	VMULPD(consts.F64("ln2hi64", 6.93147180369123816490e-01), kd, a)
	VSUBPD(th, a, s1)
	VSUBPD(s1, a, e1)
	VSUBPD(th, e1, e1) // e1 = (a - s1) - th
	s2, e2 := emit.V(), emit.V()
	VADDPD(rh, s1, s2)
	VSUBPD(s2, s1, e2)
	VADDPD(rh, e2, e2) // e2 = (s1 - s2) + rh
	s3, e3 := emit.V(), emit.V()
	VSUBPD(qh, s2, s3)
	VSUBPD(s3, s2, e3)
	VSUBPD(qh, e3, e3) // e3 = (s2 - s3) - qh
	// poly = rh**3 * ((1/3 - rh/4) + r2*((1/5 - rh/6) + r2*((1/7 - rh/8) + r2*(1/9 - rh/10)))).
	r2 := emit.V()
	VMULPD(rh, rh, r2)
	pair := func(n int) reg.VecVirtual { // 1/n - rh/(n+1)
		q := emit.V()
		VMOVUPD(consts.F64(fmt.Sprintf("logm%d", n+1), -1/float64(n+1)), q)
		VFMADD213PD(consts.F64(fmt.Sprintf("logp%d", n), 1/float64(n)), rh, q)
		return q
	}
	p := pair(7)
	q9 := pair(9)
	VFMADD231PD(r2, q9, p) // p = q7 + r2*q9
	q5 := pair(5)
	VFMADD213PD(q5, r2, p) // p = p*r2 + q5
	q3 := pair(3)
	VFMADD213PD(q3, r2, p)
	VMULPD(rh, r2, r2) // r2 = rh**3
	VMULPD(r2, p, p)
	// tail = ((e1 + e2 + e3) + (k*ln2lo - tl)) + ((rl - rh*rl) - ql + poly).
	t, u := emit.V(), emit.V()
	VADDPD(e2, e1, t)
	VADDPD(e3, t, t)
	VMULPD(consts.F64("ln2lo64", 1.90821492927058770002e-10), kd, u)
	VSUBPD(tl, u, u)
	VADDPD(u, t, t)
	VMOVAPD(rl, u)
	VFNMADD231PD(rl, rh, u) // u = rl - rh*rl
	VSUBPD(ql, u, u)
	VADDPD(p, u, u)
	VADDPD(u, t, t)
	return s3, t
}

// scaleSubnormal64 returns x with its subnormal (and zero or negative)
// lanes times 2**54, and the 54 to take off their exponent (0 elsewhere).
func scaleSubnormal64(x reg.VecVirtual) (xs, kadj reg.VecVirtual) {
	m := emit.CmpPD(emit.CmpLTOQ, consts.F64("minnorm64", 0x1p-1022), x)
	xs, kadj = emit.V(), emit.V()
	VMULPD(consts.F64("p54", 0x1p54), x, xs)
	emit.BlendPD(m, xs, x, xs)
	emit.MaskedPD(m, consts.F64("f54", 54), kadj)
	return xs, kadj
}

// pow64 returns x**y for the float64 lanes of x and y where x is
// positive and finite and y finite (other lanes are for the caller to
// fix): log x as a double-double, y*log x as a double-double (FMA), and
// its exponential, as powPositive (mathpow.go). x and y are not modified.
func pow64(x, y reg.VecVirtual, tab reg.Register) reg.VecVirtual {
	xs, kadj := scaleSubnormal64(x)
	hi, tail := logDD64(xs, kadj, tab)
	lh, ll := emit.V(), emit.V()
	VADDPD(tail, hi, lh)
	VSUBPD(hi, lh, ll)
	VSUBPD(ll, tail, ll) // ll = tail - (lh - hi)
	zh, zl := emit.V(), emit.V()
	VMULPD(y, lh, zh)
	VMOVAPD(zh, zl)
	VFMSUB231PD(y, lh, zl) // zl = y*lh - zh
	VFMADD231PD(y, ll, zl) // zl += y*ll
	// Out of [-746, 710] the result is 0 or +Inf: clamp, and drop zl
	// (NaN when y*lh overflowed).
	a := emit.V()
	VANDPD(consts.F64("abs64", math.Float64frombits(1<<63-1)), zh, a)
	emit.MaskedPD(emit.CmpPD(emit.CmpLTOQ, consts.F64("p745", 745), a), zl, zl)
	VMAXPD(consts.F64("explo64", -746), zh, zh)
	VMINPD(consts.F64("exphi64", 710), zh, zh)
	kd, r := exp64Core(zh, zl, false)
	scale64(r, kd)
	return r
}

// logSpecial64 blends into y the results of the lanes of x that are not
// positive and finite: -Inf for ±0, +Inf for +Inf, NaN otherwise.
func logSpecial64(x, y reg.VecVirtual) {
	ok := emit.CmpPD(emit.CmpGTOQ, consts.F64("zero64", 0), x)
	emit.AndMasksPD(emit.CmpPD(emit.CmpLTOQ, consts.Vec64("inf64", 0x7ff0000000000000), x), ok)
	sv := emit.V()
	VMOVUPD(consts.Vec64("nan64", 0x7ff8000000000000), sv)
	emit.BlendPD(emit.CmpPD(emit.CmpEQOQ, consts.F64("zero64", 0), x), consts.Vec64("ninf64", 0xfff0000000000000), sv, sv)
	emit.BlendPD(emit.CmpPD(emit.CmpEQOQ, consts.Vec64("inf64", 0x7ff0000000000000), x), x, sv, sv)
	emit.BlendPD(ok, y, sv, y)
}

// input is a slice argument of a kernel at the current step: its vector
// is loaded when the body first asks for it, in the AVX-512 tail under
// the mask of the lanes left.
type input struct {
	addr Mem
	f64  bool           // float64 elements
	tail reg.Register   // the AVX-512 tail's lane mask, else nil
	x    reg.VecVirtual // the loaded vector
}

// vec returns the vector of the input.
func (in *input) vec() reg.VecVirtual {
	if in.x != nil {
		return in.x
	}
	in.x = emit.V()
	switch {
	case in.tail != nil && in.f64:
		VMOVUPD_Z(in.addr, in.tail, in.x)
	case in.tail != nil:
		VMOVUPS_Z(in.addr, in.tail, in.x)
	case in.f64:
		VMOVUPD(in.addr, in.x)
	default:
		VMOVUPS(in.addr, in.x)
	}
	return in.x
}

// half returns half h (0 low, 1 high) of a float32 input widened to
// float64 lanes: converted from memory, or in the AVX-512 tail from the
// masked vector.
func (in *input) half(h int) reg.VecVirtual {
	w := emit.V()
	if in.tail == nil {
		VCVTPS2PD(in.addr.Offset(emit.Cur().Bytes()/2*h), w)
		return w
	}
	x := in.vec()
	if h == 0 {
		VCVTPS2PD(x.AsY(), w)
		return w
	}
	t := YMM()
	VEXTRACTF64X4(U8(1), x, t)
	VCVTPS2PD(t, w)
	return w
}

// narrow returns the float32 lanes of the float64 vector x, in a register
// of half the width.
func narrow(x reg.VecVirtual) reg.VecVirtual {
	h := emit.H()
	if emit.Cur() == emit.AVX512 {
		VCVTPD2PS(x, h)
	} else {
		VCVTPD2PSY(x, h)
	}
	return h
}

// join returns the vector of the halves lo and hi (from narrow).
func join(lo, hi reg.VecVirtual) reg.VecVirtual {
	y := emit.V()
	if emit.Cur() == emit.AVX512 {
		VINSERTF64X4(U8(1), hi, lo.AsZ(), y)
	} else {
		VINSERTF128(U8(1), hi, lo.AsY(), y)
	}
	return y
}

// kernel describes one kernel: its name without the ISA suffix, what it
// sets dst[i] to and where, its slice arguments after dst, their element type, the
// most constants its AVX-512 form holds in registers (the rest stay in
// memory: the body's temporaries need the other registers), whether the
// body needs the address of logTable, and the body computing the result
// vector of one step.
type kernel struct {
	name, sets string
	where      string // the inputs it is right for, when not all
	args       []string
	f64        bool
	hold       int
	table      bool
	body       func(in []*input, tab reg.Register) reg.VecVirtual
}

// emit writes the kernel for the current ISA. An AVX2 kernel covers
// len/lanes vectors and leaves the rest to the caller; an AVX-512 kernel
// covers every element, the last len%lanes with masked loads and stores,
// so that every element goes through the same arithmetic wherever it
// sits.
func (k kernel) emit() {
	typ, esize := "float32", 4
	if k.f64 {
		typ, esize = "float64", 8
	}
	lanes := emit.Cur().Bytes() / esize
	name := k.name + emit.Cur().String()
	params := "dst"
	for _, a := range k.args {
		params += ", " + a
	}
	TEXT(name, NOSPLIT, fmt.Sprintf("func(%s []%s)", params, typ))
	cover := fmt.Sprintf("for i < len(%s)&^%d (AVX2+FMA)", k.args[0], lanes-1)
	if emit.Cur() == emit.AVX512 {
		cover = "for every i (AVX-512 F and DQ)"
	}
	if k.where == "" {
		Doc(fmt.Sprintf("%s sets dst[i] = %s %s.", name, k.sets, cover))
	} else {
		Doc(fmt.Sprintf("%s sets dst[i] = %s %s,", name, k.sets, cover), "right where "+k.where+".")
	}
	d := Load(Param("dst").Base(), GP64())
	src := make([]reg.Register, len(k.args))
	for i, a := range k.args {
		src[i] = Load(Param(a).Base(), GP64())
	}
	n := Load(Param(k.args[0]).Len(), GP64())
	var tab reg.Register
	if k.table {
		table := "·logTable"
		if emit.Cur() == emit.AVX512 {
			table = "·logTableColumns"
		}
		tab = GP64()
		LEAQ(NewDataAddr(Symbol{Name: table}, 0), tab)
	}
	consts.Hold(name, k.hold)
	var rem reg.GPVirtual
	if emit.Cur() == emit.AVX512 {
		rem = GP64()
		MOVQ(n, rem)
		ANDQ(U8(lanes-1), rem)
	}
	shift := uint8(math.Log2(float64(lanes)))
	SHRQ(U8(shift), n)
	end := name + "_done"
	if emit.Cur() == emit.AVX512 {
		end = name + "_tail"
	}
	JZ(LabelRef(end))
	step := func(tail reg.Register) {
		in := make([]*input, len(k.args))
		for i, s := range src {
			in[i] = &input{addr: Mem{Base: s}, f64: k.f64, tail: tail}
		}
		y := k.body(in, tab)
		switch {
		case tail != nil && k.f64:
			VMOVUPD(y, tail, Mem{Base: d})
		case tail != nil:
			VMOVUPS(y, tail, Mem{Base: d})
		case k.f64:
			VMOVUPD(y, Mem{Base: d})
		default:
			VMOVUPS(y, Mem{Base: d})
		}
	}
	Label(name + "_loop")
	step(nil)
	for _, s := range src {
		ADDQ(U8(emit.Cur().Bytes()), s)
	}
	ADDQ(U8(emit.Cur().Bytes()), d)
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))
	if emit.Cur() == emit.AVX512 {
		Label(name + "_tail")
		TESTQ(rem, rem)
		JZ(LabelRef(name + "_done"))
		step(emit.LowLanes(rem))
	}
	Label(name + "_done")
	VZEROUPPER()
	RET()
	consts.LoadHeld(name)
}

// kernels lists the kernels of mathlog_amd64.s.
var kernels = []kernel{
	{name: "logF32", sets: "log(src[i])", args: []string{"src"}, hold: 32,
		body: func(in []*input, _ reg.Register) reg.VecVirtual { return logCore(in[0].vec(), true) }},

	{name: "log1pF32", sets: "log(1+src[i])", args: []string{"src"}, hold: 32,
		body: func(in []*input, _ reg.Register) reg.VecVirtual {
			x := in[0].vec()
			// u = 1+x and its error e: 1+x = u+e exactly (TwoSum).
			one, u, bb, e, t := emit.V(), emit.V(), emit.V(), emit.V(), emit.V()
			VMOVUPS(consts.F32("one", 1), one)
			VADDPS(x, one, u)
			VSUBPS(one, u, bb) // bb = u - 1
			VSUBPS(bb, u, t)   // t = u - bb
			VSUBPS(t, one, t)  // t = 1 - t
			VSUBPS(bb, x, e)   // e = x - bb
			VADDPS(t, e, e)
			y := logCore(u, false) // u >= 2**-24 or special
			VDIVPS(u, e, e)
			VADDPS(e, y, t)
			// Special lanes of u keep log's value (e is NaN or 0 there),
			// and x = ±0 gives x.
			ok := emit.CmpPS(emit.CmpGTOQ, consts.F32("zero", 0), u)
			emit.AndMasksPS(emit.CmpPS(emit.CmpLTOQ, consts.Vec32("inf", 0x7f800000), u), ok)
			emit.BlendPS(ok, t, y, y)
			emit.BlendPS(emit.CmpPS(emit.CmpEQOQ, consts.F32("zero", 0), x), x, y, y)
			return y
		}},

	{name: "expm1F32", sets: "e**src[i] - 1", args: []string{"src"}, hold: 32,
		body: func(in []*input, _ reg.Register) reg.VecVirtual {
			x := in[0].vec()
			lo, hi := in[0].half(0), in[0].half(1)
			rlo, rhi := expm1Core64(lo), expm1Core64(hi)
			y := join(narrow(rlo), narrow(rhi))
			// NaN and ±0 lanes give x.
			m := emit.CmpPS(emit.CmpUNORD, x, x)
			emit.OrMasksPS(emit.CmpPS(emit.CmpEQOQ, consts.F32("zero", 0), x), m)
			emit.BlendPS(m, x, y, y)
			return y
		}},

	{name: "expF64", sets: "e**src[i]", args: []string{"src"}, f64: true, hold: 32,
		body: func(in []*input, _ reg.Register) reg.VecVirtual {
			x := in[0].vec()
			xc := emit.V()
			VMAXPD(consts.F64("explo64", -746), x, xc)
			VMINPD(consts.F64("exphi64", 710), xc, xc) // +Inf and 0 come out of the scaling
			kd, y := exp64Core(xc, nil, false)
			scale64(y, kd)
			emit.BlendPD(emit.CmpPD(emit.CmpUNORD, x, x), x, y, y)
			return y
		}},

	{name: "expm1F64", sets: "e**src[i] - 1", args: []string{"src"}, f64: true, hold: 18,
		body: func(in []*input, _ reg.Register) reg.VecVirtual {
			x := in[0].vec()
			xc := emit.V()
			VMAXPD(consts.F64("em1lo64", -38.5), x, xc) // below, e**x is lost in -1
			VMINPD(consts.F64("exphi64", 710), xc, xc)
			kd, y := exp64Core(xc, nil, true)
			scale64(y, kd)
			// NaN and |x| < 2**-54 (±0 included) give x.
			m, a := emit.CmpPD(emit.CmpUNORD, x, x), emit.V()
			VANDPD(consts.F64("abs64", math.Float64frombits(1<<63-1)), x, a)
			emit.OrMasksPD(emit.CmpPD(emit.CmpLTOQ, consts.F64("tiny64", 0x1p-54), a), m)
			emit.BlendPD(m, x, y, y)
			return y
		}},

	{name: "logF64", sets: "log(src[i])", args: []string{"src"}, f64: true, hold: 18, table: true,
		body: func(in []*input, tab reg.Register) reg.VecVirtual {
			x := in[0].vec()
			xs, kadj := scaleSubnormal64(x)
			hi, tail := logDD64(xs, kadj, tab)
			VADDPD(tail, hi, hi)
			logSpecial64(x, hi)
			return hi
		}},

	{name: "log1pF64", sets: "log(1+src[i])", args: []string{"src"}, f64: true, hold: 16, table: true,
		body: func(in []*input, tab reg.Register) reg.VecVirtual {
			x := in[0].vec()
			// u = 1+x and its error e (TwoSum); log(1+x) = log(u) + e/u.
			one, u, bb, e, t := emit.V(), emit.V(), emit.V(), emit.V(), emit.V()
			VMOVUPD(consts.F64("one64", 1), one)
			VADDPD(x, one, u)
			VSUBPD(one, u, bb)
			VSUBPD(bb, u, t)
			VSUBPD(t, one, t)
			VSUBPD(bb, x, e)
			VADDPD(t, e, e)
			hi, tail := logDD64(u, nil, tab) // u >= 2**-53 or special
			VDIVPD(u, e, e)
			VADDPD(e, tail, tail)
			VADDPD(tail, hi, hi)
			logSpecial64(u, hi)
			emit.BlendPD(emit.CmpPD(emit.CmpEQOQ, consts.F64("zero64", 0), x), x, hi, hi)
			return hi
		}},

	{name: "powF64", sets: "x[i]**y[i]", where: "x[i] is positive and finite and y[i] finite",
		args: []string{"x", "y"}, f64: true, hold: 18, table: true,
		body: func(in []*input, tab reg.Register) reg.VecVirtual {
			return pow64(in[0].vec(), in[1].vec(), tab)
		}},

	{name: "powF32", sets: "x[i]**y[i]", where: "x[i] is positive and finite and y[i] finite",
		args: []string{"x", "y"}, hold: 16, table: true,
		body: func(in []*input, tab reg.Register) reg.VecVirtual {
			var r [2]reg.VecVirtual
			for h := range r {
				x, y := in[0].half(h), in[1].half(h)
				r[h] = narrow(pow64(x, y, tab))
			}
			return join(r[0], r[1])
		}},
}

func main() {
	ConstraintExpr("amd64,!noasm")
	for _, isa := range []emit.ISA{emit.AVX2, emit.AVX512} {
		emit.Use(isa)
		for _, k := range kernels {
			k.emit()
		}
	}
	Generate()
}
