// Command genmath generates nd's AVX2+FMA float32 transcendental kernels,
// internal/cpu/mathf32_amd64.s and its Go declarations
// internal/cpu/mathf32_amd64_stub.go, with avo. Run it through go generate
// in package cpu (see mathf32_dispatch_amd64.go):
//
//	go run . -out ../../mathf32_amd64.s -stubs ../../mathf32_amd64_stub.go -pkg cpu
//
// Each kernel processes len(src)/8 vectors of 8 lanes (unaligned loads and
// stores); the Go wrapper computes the len(src)%8 tail with the scalar
// functions. All arithmetic is float32:
//
//   - exp: clamp x to [-104, 88.72284], n = round(x*log2e), r = x - n*ln2
//     (Cody-Waite, two FMAs; the first is exact), e**r by Cephes' expf
//     polynomial of degree 7 on |r| <= ln2/2, then times 2**(n>>1) and
//     2**(n-(n>>1)), two normal powers of two, so results that are
//     subnormal are rounded once and n = 128 does not overflow early
//     (AVX-512: one VSCALEFPS, which rounds the same product once).
//     x > 88.72284 (and +Inf, NaN) give x*2**127: +Inf, or NaN.
//   - tanh: |x| < 0.625 by an odd polynomial x + x**3*P(x**2) (P of degree
//     5, fitted for relative error 3e-9); else 1 - 2/(e**(2|x|)+1) with
//     |x| clamped to 9.1, where it rounds to 1; the sign bit is restored.
//   - sigmoid: E = e**-|x|, then 1/(1+E) for x >= 0 and E/(1+E) for x < 0,
//     so e**x never overflows and tiny results keep their subnormal bits;
//     the quotient gets one correction for the rounding of 1+E and of the
//     division, so its error is mostly E's.
package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
	"github.com/nd-go/nd/internal/cpu/asm/emit"
)

// consts are the constant vectors of mathf32_amd64.s. The AVX-512
// kernels hold all of theirs in registers: zmm has 32, more than a
// kernel's constants and temporaries together.
var consts = emit.NewConsts("mathf32_")

// rcp sets dst to an approximate reciprocal of x (VRCPPS, 12 bits; the
// AVX-512 VRCP14PS gives 14).
func rcp(x, dst reg.VecVirtual) {
	if emit.Cur() == emit.AVX512 {
		VRCP14PS(x, dst)
	} else {
		VRCPPS(x, dst)
	}
}

// expCore returns e**x for x in [-104, 88.72284] (no NaN): see the package
// comment. x is not modified.
func expCore(x reg.VecVirtual) reg.VecVirtual {
	n := emit.V()
	VMULPS(consts.F32("log2e", float32(math.Log2E)), x, n)
	emit.RoundPS(emit.RoundNearest, n, n)
	// r = x - n*ln2hi - n*ln2lo. ln2hi = float32(ln2), so n*ln2hi is a
	// multiple of 2**-24 and x - n*ln2hi, below 0.35 in magnitude, is exact.
	ln2hi := float32(math.Ln2)
	ln2lo := float32(math.Ln2 - float64(ln2hi))
	r := emit.V()
	VMOVAPS(x, r)
	VFNMADD231PS(consts.F32("ln2hi", ln2hi), n, r)
	VFNMADD231PS(consts.F32("ln2lo", ln2lo), n, r)
	// Cephes expf: e**r = 1 + r + r**2*P(r), P of degree 5.
	coef := []float32{1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1}
	// P by Estrin's scheme, shorter than Horner's chain:
	// P = ((c0 r + c1) r2 + (c2 r + c3)) r2 + (c4 r + c5).
	c := make([]Op, len(coef))
	for i, v := range coef {
		c[i] = consts.F32(fmt.Sprintf("expc%d", i), v)
	}
	r2, p, p23, p45 := emit.V(), emit.V(), emit.V(), emit.V()
	VMULPS(r, r, r2)
	VMOVUPS(c[0], p)
	VFMADD213PS(c[1], r, p) // p = p*r + c1
	VMOVUPS(c[2], p23)
	VFMADD213PS(c[3], r, p23)
	VMOVUPS(c[4], p45)
	VFMADD213PS(c[5], r, p45)
	VFMADD213PS(p23, r2, p) // p = p*r2 + p23
	VFMADD213PS(p45, r2, p)
	VFMADD213PS(r, r2, p) // p = p*r2 + r
	VADDPS(consts.F32("one", 1), p, p)
	if emit.Cur() == emit.AVX512 {
		// p * 2**n, rounded once: the same bits as the two steps below.
		VSCALEFPS(n, p, p)
		return p
	}
	// Scale by 2**n1 * 2**n2, n1 = n>>1, n2 = n-n1, n in [-150, 128].
	ni, n1 := emit.V(), emit.V()
	VCVTPS2DQ(n, ni)
	VPSRAD(U8(1), ni, n1)
	VPSUBD(n1, ni, ni) // ni = ni - n1
	bias := consts.Vec32("bias127", 127)
	VPADDD(bias, n1, n1)
	VPSLLD(U8(23), n1, n1)
	VPADDD(bias, ni, ni)
	VPSLLD(U8(23), ni, ni)
	VMULPS(n1, p, p)
	VMULPS(ni, p, p)
	return p
}

// loop emits a kernel func(dst, src []float32), body computing the result
// vector from the source vector. AVX2 kernels cover len(src)/8 vectors and
// leave the rest to the caller; AVX-512 kernels cover all of src, the last
// len(src)%16 elements with masked loads and stores, so that every element
// goes through the same arithmetic wherever it sits.
func loop(name, doc string, body func(x reg.VecVirtual) reg.VecVirtual) {
	TEXT(name, NOSPLIT, "func(dst, src []float32)")
	Doc(doc)
	d := Load(Param("dst").Base(), GP64())
	s := Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	consts.Hold(name, 32) // all it names: see consts
	shift := uint8(3)
	var rem reg.GPVirtual
	if emit.Cur() == emit.AVX512 {
		shift = 4
		rem = GP64()
		MOVQ(n, rem)
		ANDQ(U8(15), rem)
	}
	SHRQ(U8(shift), n)
	JZ(LabelRef(name + "_tail"))
	Label(name + "_loop")
	x := emit.V()
	VMOVUPS(Mem{Base: s}, x)
	y := body(x)
	VMOVUPS(y, Mem{Base: d})
	ADDQ(U8(emit.Cur().Bytes()), s)
	ADDQ(U8(emit.Cur().Bytes()), d)
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))
	Label(name + "_tail")
	if emit.Cur() == emit.AVX512 {
		TESTQ(rem, rem)
		JZ(LabelRef(name + "_done"))
		k := emit.LowLanes(rem)
		x := emit.V()
		VMOVUPS_Z(Mem{Base: s}, k, x)
		y := body(x)
		VMOVUPS(y, k, Mem{Base: d})
	}
	Label(name + "_done")
	VZEROUPPER()
	RET()
	consts.LoadHeld(name)
}

// kernels emits exp, tanh and sigmoid at the current width, named with
// suffix (AVX2 or AVX512).
func kernels(suffix string) {
	cover := func() string {
		if emit.Cur() == emit.AVX512 {
			return "for every i (AVX-512 F and DQ)"
		}
		return "for i < len(src)&^7 (AVX2+FMA)"
	}
	loop("expF32"+suffix, "expF32"+suffix+" sets dst[i] = e**src[i] "+cover()+".", func(x reg.VecVirtual) reg.VecVirtual {
		xc := emit.V()
		VMAXPS(consts.F32("explo", -104), x, xc) // NaN gives -104
		VMINPS(consts.F32("exphi", 88.72284), xc, xc)
		y := expCore(xc)
		// x > 88.72284, +Inf and NaN: x*2**127 is +Inf or NaN.
		big := emit.V()
		VMULPS(consts.F32("p127", 0x1p127), x, big)
		emit.BlendPS(emit.CmpPS(emit.CmpNLEUQ, consts.F32("exphi", 88.72284), x), big, y, y)
		return y
	})

	loop("tanhF32"+suffix, "tanhF32"+suffix+" sets dst[i] = tanh(src[i]) "+cover()+".", func(x reg.VecVirtual) reg.VecVirtual {
		a := emit.V()
		emit.And32(consts.Vec32("abs", 0x7fffffff), x, a)
		// Small |x|: a + a**3*P(a**2).
		pc := []float32{-0.3333333, 0.13333206, -0.053946763, 0.021700703, -0.008177398, 0.0021429616}
		s, p := emit.V(), emit.V()
		VMULPS(a, a, s)
		VMOVUPS(consts.F32(fmt.Sprintf("tanhc%d", len(pc)-1), pc[len(pc)-1]), p)
		for i := len(pc) - 2; i >= 0; i-- {
			VFMADD213PS(consts.F32(fmt.Sprintf("tanhc%d", i), pc[i]), s, p) // p = p*s + c
		}
		as := emit.V()
		VMULPS(a, s, as)
		VFMADD213PS(a, as, p) // p = p*as + a
		// Large |x|: 1 - 2/(e**(2a)+1), a clamped to 9.1 (NaN: 9.1).
		ac := emit.V()
		VMINPS(consts.F32("tanhhi", 9.1), a, ac)
		VADDPS(ac, ac, ac)
		e := expCore(ac)
		VADDPS(consts.F32("one", 1), e, e)
		q := emit.V()
		VMOVUPS(consts.F32("two", 2), q)
		VDIVPS(e, q, q) // q = 2/(e**2a + 1)
		VMOVUPS(consts.F32("one", 1), e)
		VSUBPS(q, e, e) // e = 1 - q
		// a >= 0.625 takes the large form; NaN keeps the polynomial's NaN.
		emit.BlendPS(emit.CmpPS(emit.CmpGEOQ, consts.F32("tanhsplit", 0.625), a), e, p, p)
		// Restore the sign: p has its sign bit clear (or is NaN).
		emit.Xor32(a, x, a) // the sign bit of x
		emit.Or32(a, p, p)
		return p
	})

	loop("sigmoidF32"+suffix, "sigmoidF32"+suffix+" sets dst[i] = 1/(1+e**-src[i]) "+cover()+".", func(x reg.VecVirtual) reg.VecVirtual {
		na := emit.V()
		emit.Or32(consts.Vec32("sign", 0x80000000), x, na) // -|x|
		VMAXPS(consts.F32("explo", -104), na, na)          // NaN gives -104
		e := expCore(na)
		// den = 1+E rounded, dl its rounding error (exact: Fast2Sum).
		one, num, den, dl := emit.V(), emit.V(), emit.V(), emit.V()
		VMOVUPS(consts.F32("one", 1), one)
		VADDPS(e, one, den)
		VSUBPS(den, one, dl)
		VADDPS(e, dl, dl)
		// Numerator E where x's sign bit is set, else 1.
		emit.BlendSignPS(x, e, one, num)
		q := emit.V()
		VDIVPS(den, num, q)
		// One Newton correction against the exact denominator 1+E:
		// q += (num - q*den - q*dl) / den, the division by an
		// approximate reciprocal, so the quotient is rounded about once.
		VFNMADD231PS(den, q, num) // num = num - q*den, exact
		VFNMADD231PS(dl, q, num)
		rcp(den, den)
		VFMADD231PS(den, num, q) // q = num*rcp + q
		emit.BlendPS(emit.CmpPS(emit.CmpUNORD, x, x), x, q, q)
		return q
	})
}

func main() {
	ConstraintExpr("amd64,!noasm")
	for _, isa := range []emit.ISA{emit.AVX2, emit.AVX512} {
		emit.Use(isa)
		kernels(isa.String())
	}
	Generate()
}
