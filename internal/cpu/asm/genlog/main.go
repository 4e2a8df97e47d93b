// Command genlog generates nd's AVX2+FMA float32 logarithm kernels,
// internal/cpu/mathlog_amd64.s and its Go declarations
// internal/cpu/mathlog_amd64_stub.go, with avo. Run it through go generate
// in package cpu (see mathlog_dispatch_amd64.go):
//
//	go run . -out ../../mathlog_amd64.s -stubs ../../mathlog_amd64_stub.go -pkg cpu
//
// Each kernel processes len(src)/8 vectors of 8 lanes (unaligned loads and
// stores); the Go wrapper computes the len(src)%8 tail with the scalar
// functions. All arithmetic is float32:
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
//   - expm1: in float64 lanes (four at a time), which carry enough
//     precision that no cancellation hurts: x clamped to [-18, 89] (where
//     the float32 result is -1 or +Inf), k = round(x/ln2), r = x - k*ln2
//     (two FMAs), e**r - 1 = r + r**2*P(r) with P the Taylor polynomial of
//     degree 7 (next term below 3e-11 relative), T = 2**k, and e**x - 1 =
//     T*(e**r - 1) + (T - 1) in one FMA, rounded to float32; NaN and ±0
//     give x.
//   - float64 exp and expm1 (four lanes): k = round(x/ln2), r = x - k*ln2hi
//     (exact) - k*ln2lo with its rounding error c, e**r - 1 - r = r**2*P(r)
//     with P the Taylor polynomial of degree 11 (Estrin), t = r**2*P +
//     c*(1+r); then a + r by Fast2Sum plus t, with a = 1 (exp) or
//     1 - 2**-min(k, 60) (expm1), times 2**k in two steps so subnormal
//     results round once. x is clamped first ([-746, 710] for exp,
//     [-38.5, 710] for expm1), so +Inf, 0 and -1 come out of the
//     arithmetic; NaN gives x, and for expm1 |x| < 2**-54 gives x. The
//     same algorithm as ExpF64 and Expm1F64 (mathexp64.go), lane by lane.
//   - float64 log and log1p (four lanes): the double-double log of
//     logDDNormal (mathlog.go), lane by lane, reading logTable with
//     gathers; subnormal x scaled by 2**54 first; log1p as log(u) + e/u
//     with u + e = 1 + x (TwoSum). Specials as in the float32 kernels.
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

// vec returns a 32-byte read-only vector of 8 copies of the bits u.
func vec(name string, u uint32) Mem { return consts.U32(name, u, 8) }

func vecf(name string, f float32) Mem { return vec(name, math.Float32bits(f)) }

// vecd returns a 32-byte read-only vector of 4 copies of the float64 f.
func vecd(name string, f float64) Mem { return consts.U64(name, math.Float64bits(f), 4) }

// expm1Core64 returns e**x - 1 for the 4 float64 lanes of x (float32
// inputs widened), clamped to [-18, 89]: see the package comment. x is not
// modified.
func expm1Core64(x reg.VecVirtual) reg.VecVirtual {
	xc := YMM()
	VMAXPD(vecd("em1lo", -18), x, xc)
	VMINPD(vecd("em1hi", 89), xc, xc)
	kd := YMM()
	VMULPD(vecd("invln2", 1/math.Ln2), xc, kd)
	VROUNDPD(U8(0), kd, kd)
	r := YMM()
	VMOVAPD(xc, r)
	VFNMADD231PD(vecd("ln2hi64", 6.93147180369123816490e-01), kd, r) // exact
	VFNMADD231PD(vecd("ln2lo64", 1.90821492927058770002e-10), kd, r)
	// e**r - 1 = r + r**2*P(r), P the Taylor polynomial of degree 7.
	fact := 2.0
	var coef []float64
	for n := 2; n <= 9; n++ {
		coef = append(coef, 1/fact)
		fact *= float64(n + 1)
	}
	p := YMM()
	VMOVUPD(vecd(fmt.Sprintf("em1c%d", len(coef)-1), coef[len(coef)-1]), p)
	for i := len(coef) - 2; i >= 0; i-- {
		VFMADD213PD(vecd(fmt.Sprintf("em1c%d", i), coef[i]), r, p) // p = p*r + c
	}
	r2 := YMM()
	VMULPD(r, r, r2)
	VFMADD213PD(r, r2, p) // p = p*r2 + r = e**r - 1
	// T = 2**k from the bits of k + 1.5*2**52, then T*(e**r-1) + (T-1).
	t := YMM()
	VADDPD(vecd("magic", 0x1.8p52), kd, t)
	VPSLLQ(U8(52), t, t)
	VPADDQ(vecd("one64", 1), t, t)
	tm1 := YMM()
	VSUBPD(vecd("one64", 1), t, tm1)
	VFMADD213PD(tm1, t, p) // p = p*t + tm1
	return p
}

// Comparison predicates of VCMPPS.
const (
	cmpEQOQ  = 0x00
	cmpLTOQ  = 0x11
	cmpGTOQ  = 0x1e
	cmpUNORD = 0x03
)

// logCore returns log(x) for the 8 lanes of x, special lanes included (see
// the package comment); denormals says whether x may be subnormal. x is
// not modified.
func logCore(x reg.VecVirtual, denormals bool) reg.VecVirtual {
	xs, kadj := x, reg.VecVirtual(nil)
	if denormals {
		// Subnormal (and zero or negative) lanes: x*2**23, k -= 23.
		m := YMM()
		VCMPPS(U8(cmpLTOQ), vecf("minnorm", 0x1p-126), x, m)
		xs = YMM()
		VMULPS(vecf("p23", 0x1p23), x, xs)
		VBLENDVPS(m, xs, x, xs)
		kadj = YMM()
		VANDPS(vecf("f23", 23), m, kadj)
	}
	k, z := YMM(), YMM()
	VPSUBD(vec("sqrthalf", 0x3f3504f3), xs, k)
	VPSRAD(U8(23), k, k)
	VPSLLD(U8(23), k, z)
	VPSUBD(z, xs, z) // z in [sqrt(1/2), sqrt(2))
	kf := YMM()
	VCVTDQ2PS(k, kf)
	if denormals {
		VSUBPS(kadj, kf, kf)
	}
	f := YMM()
	VSUBPS(vecf("one", 1), z, f)
	// P(f) by Horner's scheme (its error is far below the rounding of the
	// final sums).
	coef := []float32{7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1}
	p := YMM()
	VMOVUPS(vecf("logc0", coef[0]), p)
	for i := 1; i < len(coef); i++ {
		VFMADD213PS(vecf(fmt.Sprintf("logc%d", i), coef[i]), f, p) // p = p*f + c
	}
	f2, y := YMM(), YMM()
	VMULPS(f, f, f2)
	VMULPS(f, f2, y)
	VMULPS(p, y, y)                                   // f**3 * P
	VFMADD231PS(vecf("ln2lo", -2.12194440e-4), kf, y) // + k*ln2lo
	VFNMADD231PS(vecf("half", 0.5), f2, y)            // - f**2/2
	VADDPS(f, y, y)                                   // + f
	VFMADD231PS(vecf("ln2hi", 0.693359375), kf, y)    // + k*ln2hi
	// Special lanes: not (0 < x < +Inf).
	ok, m := YMM(), YMM()
	VCMPPS(U8(cmpGTOQ), vecf("zero", 0), x, ok)
	VCMPPS(U8(cmpLTOQ), vec("inf", 0x7f800000), x, m)
	VANDPS(m, ok, ok)
	sv := YMM()
	VMOVUPS(vec("nan", 0x7fc00000), sv)
	VCMPPS(U8(cmpEQOQ), vecf("zero", 0), x, m)
	VBLENDVPS(m, vec("ninf", 0xff800000), sv, sv)
	VCMPPS(U8(cmpEQOQ), vec("inf", 0x7f800000), x, m)
	VBLENDVPS(m, x, sv, sv)
	VBLENDVPS(ok, y, sv, y)
	return y
}

// pow2 returns 2**k for the 4 float64 lanes of kd, integers in [-1022,
// 1023]: the bits of kd + 1.5*2**52 end in k, shifted into the exponent.
func pow2(kd reg.VecVirtual) reg.VecVirtual {
	t := YMM()
	VADDPD(vecd("magic", 0x1.8p52), kd, t)
	VPSLLQ(U8(52), t, t)
	VPADDQ(vecd("one64", 1), t, t)
	return t
}

// exp64Core returns k (as float64 lanes) and y with e**(x+xl) = 2**k * y
// for x in [-746, 710] (xl nil or small against x, as in exp64Reduce), or
// e**x - 1 = 2**k * y when expm1 (see the package comment). x is not
// modified.
func exp64Core(x, xl reg.VecVirtual, expm1 bool) (kd, y reg.VecVirtual) {
	kd = YMM()
	VMULPD(vecd("invln2", 1/math.Ln2), x, kd)
	VROUNDPD(U8(0), kd, kd)
	rh, rl, r, c := YMM(), YMM(), YMM(), YMM()
	VMOVAPD(x, rh)
	VFNMADD231PD(vecd("ln2hi64", 6.93147180369123816490e-01), kd, rh) // exact
	VMULPD(vecd("ln2lo64", 1.90821492927058770002e-10), kd, rl)
	if xl != nil {
		VSUBPD(xl, rl, rl) // xl joins r, so c stays tiny
	}
	VSUBPD(rl, rh, r)
	VSUBPD(r, rh, c)
	VSUBPD(rl, c, c) // c = (rh - r) - rl
	// e**r - 1 - r = r**2 * P(r), P the Taylor polynomial of degree 11
	// by Estrin's scheme.
	coef := make([]Mem, 12)
	fact := 2.0
	for i := range coef {
		coef[i] = vecd(fmt.Sprintf("e64c%d", i), 1/fact)
		fact *= float64(i + 3)
	}
	r2, r4, r8 := YMM(), YMM(), YMM()
	VMULPD(r, r, r2)
	VMULPD(r2, r2, r4)
	VMULPD(r4, r4, r8)
	pair := func(i int) reg.VecVirtual { // coef[i] + r*coef[i+1]
		q := YMM()
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
	t := YMM()
	VMOVAPD(c, t)
	VFMADD213PD(c, r, t) // t = c*r + c
	VFMADD231PD(r2, q0, t)
	// Leading terms a + r by Fast2Sum (|a| >= |r| or a = 0), a = 1 for
	// exp, 1 - 2**-min(k, 60) for expm1.
	a := YMM()
	if expm1 {
		nk := YMM()
		VMINPD(vecd("sixty", 60), kd, nk)
		VXORPD(vecd("neg64", math.Copysign(0, -1)), nk, nk)
		p := pow2(nk)
		VMOVUPD(vecd("one64", 1), a)
		VSUBPD(p, a, a)
	} else {
		VMOVUPD(vecd("one64", 1), a)
	}
	sum, e := YMM(), YMM()
	VADDPD(r, a, sum)
	VSUBPD(sum, a, e)
	VADDPD(r, e, e) // e = (a - sum) + r
	VADDPD(t, e, e)
	VADDPD(e, sum, sum)
	return kd, sum
}

// scale64 multiplies y by 2**k (kd in [-1076, 1024]) in two steps, 2**(k>>1)
// and 2**(k-(k>>1)), so subnormal results round once.
func scale64(y, kd reg.VecVirtual) {
	k1, k2 := YMM(), YMM()
	VMULPD(vecd("half64", 0.5), kd, k1)
	VROUNDPD(U8(1), k1, k1) // floor
	VSUBPD(k1, kd, k2)
	VMULPD(pow2(k1), y, y)
	VMULPD(pow2(k2), y, y)
}

// vecu returns a 32-byte read-only vector of 4 copies of the bits u.
func vecu(name string, u uint64) Mem { return vecd(name, math.Float64frombits(u)) }

// logDD64 returns log(v) as an unnormalized sum hi + tail for the 4
// float64 lanes of v, positive and normal (other lanes give garbage, to be
// blended away; kadj, when not nil, is subtracted from the exponent, for
// inputs scaled by 2**54). tab holds the address of logTable. The
// algorithm of logDDNormal (mathlog.go), lane by lane, the table read by
// gathers.
func logDD64(v, kadj reg.VecVirtual, tab reg.Register) (hi, tail reg.VecVirtual) {
	// k+1023 = (bits(v) - bits(sqrt(1/2)) + 1023<<52) >> 52, never
	// negative for positive normal v (AVX2 has no 64-bit arithmetic
	// shift); z = v / 2**k by subtracting k<<52 from the bits.
	kb, z := YMM(), YMM()
	VPADDQ(vecu("logoff", 0x3ff0000000000000-0x3fe6a09e667f3bcd), v, kb)
	VPSRLQ(U8(52), kb, kb)
	VPSLLQ(U8(52), kb, z)
	VPSUBQ(z, v, z)
	VPADDQ(vecu("one64", 0x3ff0000000000000), z, z)
	// kd = k as float64: the bits of 2**52 + k + 1023, minus 2**52 + 1023.
	kd := YMM()
	VPOR(vecu("two52", 0x4330000000000000), kb, kd)
	VSUBPD(vecd("two52k", 0x1p52+1023), kd, kd)
	if kadj != nil {
		VSUBPD(kadj, kd, kd)
	}
	// i = round((z-1)*128), the table row 3*(i+37) (three float64 each).
	one := vecd("one64", 1)
	idx := YMM()
	VSUBPD(one, z, idx)
	VMULPD(vecd("f128", 128), idx, idx)
	VADDPD(vecd("magic", 0x1.8p52), idx, idx)
	VPSUBQ(vecu("magic37", 0x4338000000000000-37), idx, idx) // i + 37
	idx3 := YMM()
	VPADDQ(idx, idx, idx3)
	VPADDQ(idx, idx3, idx3)
	gather := func(disp int) reg.VecVirtual {
		m, g := YMM(), YMM()
		VPCMPEQQ(m, m, m)
		VXORPD(g, g, g)
		VGATHERQPD(m, Mem{Base: tab, Index: idx3, Scale: 8, Disp: disp}, g)
		return g
	}
	c, th, tl := gather(0), gather(8), gather(16)
	// z*c = ph + pl exactly; r = (ph - 1) + pl as rh + rl.
	ph, pl := YMM(), YMM()
	VMULPD(c, z, ph)
	VMOVAPD(ph, pl)
	VFMSUB231PD(c, z, pl) // pl = z*c - ph
	pm1, rh, rl := YMM(), YMM(), YMM()
	VSUBPD(one, ph, pm1)
	VADDPD(pl, pm1, rh)
	VSUBPD(pm1, rh, rl)
	VSUBPD(rl, pl, rl) // rl = pl - (rh - (ph-1))
	// r**2/2 = qh + ql exactly.
	h, qh, ql := YMM(), YMM(), YMM()
	VMULPD(vecd("half64", 0.5), rh, h)
	VMULPD(rh, h, qh)
	VMOVAPD(qh, ql)
	VFMSUB231PD(rh, h, ql) // ql = h*rh - qh
	// The leading sums by Fast2Sum.
	a, s1, e1 := YMM(), YMM(), YMM()
	VMULPD(vecd("ln2hi64", 6.93147180369123816490e-01), kd, a)
	VSUBPD(th, a, s1)
	VSUBPD(s1, a, e1)
	VSUBPD(th, e1, e1) // e1 = (a - s1) - th
	s2, e2 := YMM(), YMM()
	VADDPD(rh, s1, s2)
	VSUBPD(s2, s1, e2)
	VADDPD(rh, e2, e2) // e2 = (s1 - s2) + rh
	s3, e3 := YMM(), YMM()
	VSUBPD(qh, s2, s3)
	VSUBPD(s3, s2, e3)
	VSUBPD(qh, e3, e3) // e3 = (s2 - s3) - qh
	// poly = rh**3 * ((1/3 - rh/4) + r2*((1/5 - rh/6) + r2*((1/7 - rh/8) + r2*(1/9 - rh/10)))).
	r2 := YMM()
	VMULPD(rh, rh, r2)
	pair := func(n int) reg.VecVirtual { // 1/n - rh/(n+1)
		q := YMM()
		VMOVUPD(vecd(fmt.Sprintf("logm%d", n+1), -1/float64(n+1)), q)
		VFMADD213PD(vecd(fmt.Sprintf("logp%d", n), 1/float64(n)), rh, q)
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
	t, u := YMM(), YMM()
	VADDPD(e2, e1, t)
	VADDPD(e3, t, t)
	VMULPD(vecd("ln2lo64", 1.90821492927058770002e-10), kd, u)
	VSUBPD(tl, u, u)
	VADDPD(u, t, t)
	VMOVAPD(rl, u)
	VFNMADD231PD(rl, rh, u) // u = rl - rh*rl
	VSUBPD(ql, u, u)
	VADDPD(p, u, u)
	VADDPD(u, t, t)
	return s3, t
}

// pow64 returns x**y for the 4 float64 lanes of x and y where x is
// positive and finite and y finite (other lanes are for the caller to
// fix): log x as a double-double, y*log x as a double-double (FMA), and
// its exponential, as powPositive (mathpow.go). x and y are not modified.
func pow64(x, y reg.VecVirtual, tab reg.Register) reg.VecVirtual {
	m, xs, kadj := YMM(), YMM(), YMM()
	VCMPPD(U8(cmpLTOQ), vecd("minnorm64", 0x1p-1022), x, m)
	VMULPD(vecd("p54", 0x1p54), x, xs)
	VBLENDVPD(m, xs, x, xs)
	VANDPD(vecd("f54", 54), m, kadj)
	hi, tail := logDD64(xs, kadj, tab)
	lh, ll := YMM(), YMM()
	VADDPD(tail, hi, lh)
	VSUBPD(hi, lh, ll)
	VSUBPD(ll, tail, ll) // ll = tail - (lh - hi)
	zh, zl := YMM(), YMM()
	VMULPD(y, lh, zh)
	VMOVAPD(zh, zl)
	VFMSUB231PD(y, lh, zl) // zl = y*lh - zh
	VFMADD231PD(y, ll, zl) // zl += y*ll
	// Out of [-746, 710] the result is 0 or +Inf: clamp, and drop zl
	// (NaN when y*lh overflowed).
	a := YMM()
	VANDPD(vecd("abs64", math.Float64frombits(1<<63-1)), zh, a)
	VCMPPD(U8(cmpLTOQ), vecd("p745", 745), a, a)
	VANDPD(a, zl, zl)
	VMAXPD(vecd("explo64", -746), zh, zh)
	VMINPD(vecd("exphi64", 710), zh, zh)
	kd, r := exp64Core(zh, zl, false)
	scale64(r, kd)
	return r
}

// logSpecial64 blends into y the results of the lanes of x that are not
// positive and finite: -Inf for ±0, +Inf for +Inf, NaN otherwise.
func logSpecial64(x, y reg.VecVirtual) {
	ok, m := YMM(), YMM()
	VCMPPD(U8(cmpGTOQ), vecd("zero64", 0), x, ok)
	VCMPPD(U8(cmpLTOQ), vecu("inf64", 0x7ff0000000000000), x, m)
	VANDPD(m, ok, ok)
	sv := YMM()
	VMOVUPD(vecu("nan64", 0x7ff8000000000000), sv)
	VCMPPD(U8(cmpEQOQ), vecd("zero64", 0), x, m)
	VBLENDVPD(m, vecu("ninf64", 0xfff0000000000000), sv, sv)
	VCMPPD(U8(cmpEQOQ), vecu("inf64", 0x7ff0000000000000), x, m)
	VBLENDVPD(m, x, sv, sv)
	VBLENDVPD(ok, y, sv, y)
}

// loop64 emits a kernel func(dst, src []float64) over len(src)/4 vectors.
func loop64(name, doc string, body func(x reg.VecVirtual) reg.VecVirtual) {
	loop64Tab(name, doc, false, func(x reg.VecVirtual, _ reg.Register) reg.VecVirtual { return body(x) })
}

// loop64Tab is loop64 with, when withTable, the address of logTable in a
// register.
func loop64Tab(name, doc string, withTable bool, body func(x reg.VecVirtual, tab reg.Register) reg.VecVirtual) {
	TEXT(name, NOSPLIT, "func(dst, src []float64)")
	Doc(doc)
	d := Load(Param("dst").Base(), GP64())
	s := Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	var tab reg.Register
	if withTable {
		tab = GP64()
		LEAQ(NewDataAddr(Symbol{Name: "·logTable"}, 0), tab)
	}
	SHRQ(U8(2), n)
	JZ(LabelRef(name + "_done"))
	Label(name + "_loop")
	x := YMM()
	VMOVUPD(Mem{Base: s}, x)
	y := body(x, tab)
	VMOVUPD(y, Mem{Base: d})
	ADDQ(U8(32), s)
	ADDQ(U8(32), d)
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))
	Label(name + "_done")
	VZEROUPPER()
	RET()
}

// loop emits a kernel func(dst, src []float32) over len(src)/8 vectors,
// body computing the result vector from the source vector.
func loop(name, doc string, body func(x reg.VecVirtual) reg.VecVirtual) {
	TEXT(name, NOSPLIT, "func(dst, src []float32)")
	Doc(doc)
	d := Load(Param("dst").Base(), GP64())
	s := Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	SHRQ(U8(3), n)
	JZ(LabelRef(name + "_done"))
	Label(name + "_loop")
	x := YMM()
	VMOVUPS(Mem{Base: s}, x)
	y := body(x)
	VMOVUPS(y, Mem{Base: d})
	ADDQ(U8(32), s)
	ADDQ(U8(32), d)
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))
	Label(name + "_done")
	VZEROUPPER()
	RET()
}

func main() {
	ConstraintExpr("amd64,!noasm")

	loop("logF32AVX2", "logF32AVX2 sets dst[i] = log(src[i]) for i < len(src)&^7 (AVX2+FMA).", func(x reg.VecVirtual) reg.VecVirtual {
		return logCore(x, true)
	})

	loop("log1pF32AVX2", "log1pF32AVX2 sets dst[i] = log(1+src[i]) for i < len(src)&^7 (AVX2+FMA).", func(x reg.VecVirtual) reg.VecVirtual {
		// u = 1+x and its error e: 1+x = u+e exactly (TwoSum).
		one, u, bb, e, t := YMM(), YMM(), YMM(), YMM(), YMM()
		VMOVUPS(vecf("one", 1), one)
		VADDPS(x, one, u)
		VSUBPS(one, u, bb) // bb = u - 1
		VSUBPS(bb, u, t)   // t = u - bb
		VSUBPS(t, one, t)  // t = 1 - t
		VSUBPS(bb, x, e)   // e = x - bb
		VADDPS(t, e, e)
		y := logCore(u, false) // u >= 2**-24 or special
		VDIVPS(u, e, e)
		VADDPS(e, y, t)
		// Special lanes of u keep log's value (e is NaN or 0 there), and
		// x = ±0 gives x.
		ok, m := YMM(), YMM()
		VCMPPS(U8(cmpGTOQ), vecf("zero", 0), u, ok)
		VCMPPS(U8(cmpLTOQ), vec("inf", 0x7f800000), u, m)
		VANDPS(m, ok, ok)
		VBLENDVPS(ok, t, y, y)
		VCMPPS(U8(cmpEQOQ), vecf("zero", 0), x, m)
		VBLENDVPS(m, x, y, y)
		return y
	})

	name := "expm1F32AVX2"
	TEXT(name, NOSPLIT, "func(dst, src []float32)")
	Doc("expm1F32AVX2 sets dst[i] = e**src[i] - 1 for i < len(src)&^7 (AVX2+FMA).")
	d := Load(Param("dst").Base(), GP64())
	s := Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	SHRQ(U8(3), n)
	JZ(LabelRef(name + "_done"))
	Label(name + "_loop")
	x, lo, hi := YMM(), YMM(), YMM()
	VMOVUPS(Mem{Base: s}, x)
	VCVTPS2PD(Mem{Base: s}, lo)
	VCVTPS2PD(Mem{Base: s, Disp: 16}, hi)
	rlo := expm1Core64(lo)
	rhi := expm1Core64(hi)
	ylo, yhi := XMM(), XMM()
	VCVTPD2PSY(rlo, ylo)
	VCVTPD2PSY(rhi, yhi)
	y := YMM()
	VINSERTF128(U8(1), yhi, ylo.AsY(), y)
	// NaN and ±0 lanes give x.
	m, z := YMM(), YMM()
	VCMPPS(U8(cmpUNORD), x, x, m)
	VCMPPS(U8(cmpEQOQ), vecf("zero", 0), x, z)
	VORPS(z, m, m)
	VBLENDVPS(m, x, y, y)
	VMOVUPS(y, Mem{Base: d})
	ADDQ(U8(32), s)
	ADDQ(U8(32), d)
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))
	Label(name + "_done")
	VZEROUPPER()
	RET()

	loop64("expF64AVX2", "expF64AVX2 sets dst[i] = e**src[i] for i < len(src)&^3 (AVX2+FMA).", func(x reg.VecVirtual) reg.VecVirtual {
		xc := YMM()
		VMAXPD(vecd("explo64", -746), x, xc)
		VMINPD(vecd("exphi64", 710), xc, xc) // +Inf and 0 come out of the scaling
		kd, y := exp64Core(xc, nil, false)
		scale64(y, kd)
		m := YMM()
		VCMPPD(U8(cmpUNORD), x, x, m)
		VBLENDVPD(m, x, y, y)
		return y
	})

	loop64("expm1F64AVX2", "expm1F64AVX2 sets dst[i] = e**src[i] - 1 for i < len(src)&^3 (AVX2+FMA).", func(x reg.VecVirtual) reg.VecVirtual {
		xc := YMM()
		VMAXPD(vecd("em1lo64", -38.5), x, xc) // below, e**x is lost in -1
		VMINPD(vecd("exphi64", 710), xc, xc)
		kd, y := exp64Core(xc, nil, true)
		scale64(y, kd)
		// NaN and |x| < 2**-54 (±0 included) give x.
		m, a := YMM(), YMM()
		VCMPPD(U8(cmpUNORD), x, x, m)
		VANDPD(vecd("abs64", math.Float64frombits(1<<63-1)), x, a)
		VCMPPD(U8(cmpLTOQ), vecd("tiny64", 0x1p-54), a, a)
		VORPD(a, m, m)
		VBLENDVPD(m, x, y, y)
		return y
	})

	loop64Tab("logF64AVX2", "logF64AVX2 sets dst[i] = log(src[i]) for i < len(src)&^3 (AVX2+FMA).", true, func(x reg.VecVirtual, tab reg.Register) reg.VecVirtual {
		// Subnormal (and zero or negative) lanes: x*2**54, k -= 54.
		m, xs, kadj := YMM(), YMM(), YMM()
		VCMPPD(U8(cmpLTOQ), vecd("minnorm64", 0x1p-1022), x, m)
		VMULPD(vecd("p54", 0x1p54), x, xs)
		VBLENDVPD(m, xs, x, xs)
		VANDPD(vecd("f54", 54), m, kadj)
		hi, tail := logDD64(xs, kadj, tab)
		VADDPD(tail, hi, hi)
		logSpecial64(x, hi)
		return hi
	})

	loop64Tab("log1pF64AVX2", "log1pF64AVX2 sets dst[i] = log(1+src[i]) for i < len(src)&^3 (AVX2+FMA).", true, func(x reg.VecVirtual, tab reg.Register) reg.VecVirtual {
		// u = 1+x and its error e (TwoSum); log(1+x) = log(u) + e/u.
		one, u, bb, e, t := YMM(), YMM(), YMM(), YMM(), YMM()
		VMOVUPD(vecd("one64", 1), one)
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
		m := YMM()
		VCMPPD(U8(cmpEQOQ), vecd("zero64", 0), x, m)
		VBLENDVPD(m, x, hi, hi)
		return hi
	})

	TEXT("powF64AVX2", NOSPLIT, "func(dst, x, y []float64)")
	Doc("powF64AVX2 sets dst[i] = x[i]**y[i] for i < len(x)&^3 (AVX2+FMA),", "right where x[i] is positive and finite and y[i] finite.")
	{
		d := Load(Param("dst").Base(), GP64())
		px := Load(Param("x").Base(), GP64())
		py := Load(Param("y").Base(), GP64())
		n := Load(Param("x").Len(), GP64())
		tab := GP64()
		LEAQ(NewDataAddr(Symbol{Name: "·logTable"}, 0), tab)
		SHRQ(U8(2), n)
		JZ(LabelRef("powF64AVX2_done"))
		Label("powF64AVX2_loop")
		x, y := YMM(), YMM()
		VMOVUPD(Mem{Base: px}, x)
		VMOVUPD(Mem{Base: py}, y)
		r := pow64(x, y, tab)
		VMOVUPD(r, Mem{Base: d})
		ADDQ(U8(32), px)
		ADDQ(U8(32), py)
		ADDQ(U8(32), d)
		DECQ(n)
		JNZ(LabelRef("powF64AVX2_loop"))
		Label("powF64AVX2_done")
		VZEROUPPER()
		RET()
	}

	TEXT("powF32AVX2", NOSPLIT, "func(dst, x, y []float32)")
	Doc("powF32AVX2 sets dst[i] = x[i]**y[i] for i < len(x)&^7 (AVX2+FMA, float64", "lanes), right where x[i] is positive and finite and y[i] finite.")
	{
		d := Load(Param("dst").Base(), GP64())
		px := Load(Param("x").Base(), GP64())
		py := Load(Param("y").Base(), GP64())
		n := Load(Param("x").Len(), GP64())
		tab := GP64()
		LEAQ(NewDataAddr(Symbol{Name: "·logTable"}, 0), tab)
		SHRQ(U8(3), n)
		JZ(LabelRef("powF32AVX2_done"))
		Label("powF32AVX2_loop")
		var halves [2]reg.VecVirtual
		for h := range halves {
			x, y := YMM(), YMM()
			VCVTPS2PD(Mem{Base: px, Disp: 16 * h}, x)
			VCVTPS2PD(Mem{Base: py, Disp: 16 * h}, y)
			r := pow64(x, y, tab)
			halves[h] = XMM()
			VCVTPD2PSY(r, halves[h])
		}
		out := YMM()
		VINSERTF128(U8(1), halves[1], halves[0].AsY(), out)
		VMOVUPS(out, Mem{Base: d})
		ADDQ(U8(32), px)
		ADDQ(U8(32), py)
		ADDQ(U8(32), d)
		DECQ(n)
		JNZ(LabelRef("powF32AVX2_loop"))
		Label("powF32AVX2_done")
		VZEROUPPER()
		RET()
	}

	Generate()
}
