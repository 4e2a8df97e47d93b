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
package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// consts holds the 32-byte constant vectors emitted so far, by name (one
// namespace for vec and vecd).
var consts = map[string]Mem{}

// vec returns a 32-byte read-only vector of 8 copies of the bits u.
func vec(name string, u uint32) Mem {
	name = "mathlog_" + name
	if m, ok := consts[name]; ok {
		return m
	}
	m := GLOBL(name, RODATA|NOPTR)
	for i := 0; i < 8; i++ {
		DATA(4*i, U32(u))
	}
	consts[name] = m
	return m
}

func vecf(name string, f float32) Mem { return vec(name, math.Float32bits(f)) }

// vecd returns a 32-byte read-only vector of 4 copies of the float64 f.
func vecd(name string, f float64) Mem {
	name = "mathlog_" + name
	if m, ok := consts[name]; ok {
		return m
	}
	m := GLOBL(name, RODATA|NOPTR)
	for i := 0; i < 4; i++ {
		DATA(8*i, U64(math.Float64bits(f)))
	}
	consts[name] = m
	return m
}

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

// exp64Core returns k (as float64 lanes) and y with e**x = 2**k * y for x
// in [-746, 710], or e**x - 1 = 2**k * y when expm1 (see the package
// comment). x is not modified.
func exp64Core(x reg.VecVirtual, expm1 bool) (kd, y reg.VecVirtual) {
	kd = YMM()
	VMULPD(vecd("invln2", 1/math.Ln2), x, kd)
	VROUNDPD(U8(0), kd, kd)
	rh, rl, r, c := YMM(), YMM(), YMM(), YMM()
	VMOVAPD(x, rh)
	VFNMADD231PD(vecd("ln2hi64", 6.93147180369123816490e-01), kd, rh) // exact
	VMULPD(vecd("ln2lo64", 1.90821492927058770002e-10), kd, rl)
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

// loop64 emits a kernel func(dst, src []float64) over len(src)/4 vectors.
func loop64(name, doc string, body func(x reg.VecVirtual) reg.VecVirtual) {
	TEXT(name, NOSPLIT, "func(dst, src []float64)")
	Doc(doc)
	d := Load(Param("dst").Base(), GP64())
	s := Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	SHRQ(U8(2), n)
	JZ(LabelRef(name + "_done"))
	Label(name + "_loop")
	x := YMM()
	VMOVUPD(Mem{Base: s}, x)
	y := body(x)
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
		kd, y := exp64Core(xc, false)
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
		kd, y := exp64Core(xc, true)
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

	Generate()
}
