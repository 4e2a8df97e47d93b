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

// consts are the constant vectors of mathf32_amd64.s.
var consts = emit.NewConsts("mathf32_")

// isa is the instruction set a kernel is written for: AVX2 (8 lanes in
// ymm registers, masks in vector registers) or AVX-512 (16 lanes in zmm,
// masks in k registers). The AVX-512 kernels run the same arithmetic, so
// exp and tanh give the same bits either way.
type isa struct {
	avx512 bool
	lanes  int
}

var (
	avx2   = isa{avx512: false, lanes: 8}
	avx512 = isa{avx512: true, lanes: 16}
	cur    = avx2 // the kernel being generated
)

// V returns a fresh vector register of the current width.
func V() reg.VecVirtual {
	if cur.avx512 {
		return ZMM()
	}
	return YMM()
}

// vec returns a vector of copies of the bits u at the current width: a
// read-only memory operand for AVX2 kernels, and for AVX-512 kernels a
// register that the kernel loads once before its loop (held), so the loop
// spends no load slots on constants (zmm has 32 registers to hold them).
func vec(name string, u uint32) Op {
	if cur.avx512 {
		name += "_512"
	}
	m := consts.U32(name, u, cur.lanes)
	if !cur.avx512 {
		return m
	}
	if r, ok := held[name]; ok {
		return r
	}
	r := ZMM()
	held[name] = r
	heldOrder = append(heldOrder, heldConst{m, r})
	return r
}

// held maps the constants of the AVX-512 kernel being generated to their
// registers, heldOrder lists them as first used.
var (
	held      map[string]reg.VecVirtual
	heldOrder []heldConst
)

type heldConst struct {
	mem Mem
	reg reg.VecVirtual
}

// selectCmp sets dst to t where pred(a, b) holds and to f elsewhere (b may
// be a memory operand).
func selectCmp(pred uint8, b Op, a, t, f, dst reg.VecVirtual) {
	if cur.avx512 {
		k := K()
		VCMPPS(U8(pred), b, a, k)
		VBLENDMPS(t, f, k, dst)
		return
	}
	m := YMM()
	VCMPPS(U8(pred), b, a, m)
	VBLENDVPS(m, t, f, dst)
}

// selectSign sets dst to t where x has its sign bit set and to f elsewhere.
func selectSign(x, t, f, dst reg.VecVirtual) {
	if cur.avx512 {
		k := K()
		VPMOVD2M(x, k)
		VBLENDMPS(t, f, k, dst)
		return
	}
	VBLENDVPS(x, t, f, dst)
}

// Bitwise logic and rounding, by width (the AVX-512 forms need only F).
func and(a Op, b, dst reg.VecVirtual) {
	if cur.avx512 {
		VPANDD(a, b, dst)
	} else {
		VANDPS(a, b, dst)
	}
}

func or(a Op, b, dst reg.VecVirtual) {
	if cur.avx512 {
		VPORD(a, b, dst)
	} else {
		VORPS(a, b, dst)
	}
}

func xor(a Op, b, dst reg.VecVirtual) {
	if cur.avx512 {
		VPXORD(a, b, dst)
	} else {
		VXORPS(a, b, dst)
	}
}

func roundNearest(x, dst reg.VecVirtual) {
	if cur.avx512 {
		VRNDSCALEPS(U8(0), x, dst)
	} else {
		VROUNDPS(U8(0), x, dst)
	}
}

// rcp sets dst to an approximate reciprocal of x (VRCPPS, 12 bits; the
// AVX-512 VRCP14PS gives 14).
func rcp(x, dst reg.VecVirtual) {
	if cur.avx512 {
		VRCP14PS(x, dst)
	} else {
		VRCPPS(x, dst)
	}
}

func vecf(name string, f float32) Op { return vec(name, math.Float32bits(f)) }

// Comparison predicates of VCMPPS.
const (
	cmpLTOQ  = 0x11
	cmpGEOQ  = 0x1d
	cmpNLEUQ = 0x06
	cmpUNORD = 0x03
)

// expCore returns e**x for x in [-104, 88.72284] (no NaN): see the package
// comment. x is not modified.
func expCore(x reg.VecVirtual) reg.VecVirtual {
	n := V()
	VMULPS(vecf("log2e", float32(math.Log2E)), x, n)
	roundNearest(n, n) // to nearest even
	// r = x - n*ln2hi - n*ln2lo. ln2hi = float32(ln2), so n*ln2hi is a
	// multiple of 2**-24 and x - n*ln2hi, below 0.35 in magnitude, is exact.
	ln2hi := float32(math.Ln2)
	ln2lo := float32(math.Ln2 - float64(ln2hi))
	r := V()
	VMOVAPS(x, r)
	VFNMADD231PS(vecf("ln2hi", ln2hi), n, r)
	VFNMADD231PS(vecf("ln2lo", ln2lo), n, r)
	// Cephes expf: e**r = 1 + r + r**2*P(r), P of degree 5.
	coef := []float32{1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1}
	// P by Estrin's scheme, shorter than Horner's chain:
	// P = ((c0 r + c1) r2 + (c2 r + c3)) r2 + (c4 r + c5).
	c := make([]Op, len(coef))
	for i, v := range coef {
		c[i] = vecf(fmt.Sprintf("expc%d", i), v)
	}
	r2, p, p23, p45 := V(), V(), V(), V()
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
	VADDPS(vecf("one", 1), p, p)
	if cur.avx512 {
		// p * 2**n, rounded once: the same bits as the two steps below.
		VSCALEFPS(n, p, p)
		return p
	}
	// Scale by 2**n1 * 2**n2, n1 = n>>1, n2 = n-n1, n in [-150, 128].
	ni, n1 := V(), V()
	VCVTPS2DQ(n, ni)
	VPSRAD(U8(1), ni, n1)
	VPSUBD(n1, ni, ni) // ni = ni - n1
	bias := vec("bias127", 127)
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
	if cur.avx512 {
		// The constants' loads come after the body that names them, so
		// jump there first and come back.
		held, heldOrder = map[string]reg.VecVirtual{}, nil
		JMP(LabelRef(name + "_consts"))
		Label(name + "_start")
	}
	shift := uint8(3)
	var rem reg.GPVirtual
	if cur.avx512 {
		shift = 4
		rem = GP64()
		MOVQ(n, rem)
		ANDQ(U8(15), rem)
	}
	SHRQ(U8(shift), n)
	JZ(LabelRef(name + "_tail"))
	Label(name + "_loop")
	x := V()
	VMOVUPS(Mem{Base: s}, x)
	y := body(x)
	VMOVUPS(y, Mem{Base: d})
	ADDQ(U8(4*cur.lanes), s)
	ADDQ(U8(4*cur.lanes), d)
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))
	Label(name + "_tail")
	if cur.avx512 {
		TESTQ(rem, rem)
		JZ(LabelRef(name + "_done"))
		// k = (1 << rem) - 1 selects the lanes left.
		MOVQ(rem, reg.RCX)
		m := GP32()
		MOVL(U32(1), m)
		SHLL(reg.CL, m)
		DECL(m)
		k := K()
		KMOVW(m, k)
		x := V()
		VMOVUPS_Z(Mem{Base: s}, k, x)
		y := body(x)
		VMOVUPS(y, k, Mem{Base: d})
	}
	Label(name + "_done")
	VZEROUPPER()
	RET()
	if cur.avx512 {
		Label(name + "_consts")
		for _, c := range heldOrder {
			VMOVUPS(c.mem, c.reg)
		}
		JMP(LabelRef(name + "_start"))
	}
}

// kernels emits exp, tanh and sigmoid at the current width, named with
// suffix (AVX2 or AVX512).
func kernels(suffix string) {
	cover := func() string {
		if cur.avx512 {
			return "for every i (AVX-512 F and DQ)"
		}
		return "for i < len(src)&^7 (AVX2+FMA)"
	}
	loop("expF32"+suffix, "expF32"+suffix+" sets dst[i] = e**src[i] "+cover()+".", func(x reg.VecVirtual) reg.VecVirtual {
		xc := V()
		VMAXPS(vecf("explo", -104), x, xc) // NaN gives -104
		VMINPS(vecf("exphi", 88.72284), xc, xc)
		y := expCore(xc)
		// x > 88.72284, +Inf and NaN: x*2**127 is +Inf or NaN.
		big := V()
		VMULPS(vecf("p127", 0x1p127), x, big)
		selectCmp(cmpNLEUQ, vecf("exphi", 88.72284), x, big, y, y)
		return y
	})

	loop("tanhF32"+suffix, "tanhF32"+suffix+" sets dst[i] = tanh(src[i]) "+cover()+".", func(x reg.VecVirtual) reg.VecVirtual {
		a := V()
		and(vec("abs", 0x7fffffff), x, a)
		// Small |x|: a + a**3*P(a**2).
		pc := []float32{-0.3333333, 0.13333206, -0.053946763, 0.021700703, -0.008177398, 0.0021429616}
		s, p := V(), V()
		VMULPS(a, a, s)
		VMOVUPS(vecf(fmt.Sprintf("tanhc%d", len(pc)-1), pc[len(pc)-1]), p)
		for i := len(pc) - 2; i >= 0; i-- {
			VFMADD213PS(vecf(fmt.Sprintf("tanhc%d", i), pc[i]), s, p) // p = p*s + c
		}
		as := V()
		VMULPS(a, s, as)
		VFMADD213PS(a, as, p) // p = p*as + a
		// Large |x|: 1 - 2/(e**(2a)+1), a clamped to 9.1 (NaN: 9.1).
		ac := V()
		VMINPS(vecf("tanhhi", 9.1), a, ac)
		VADDPS(ac, ac, ac)
		e := expCore(ac)
		VADDPS(vecf("one", 1), e, e)
		q := V()
		VMOVUPS(vecf("two", 2), q)
		VDIVPS(e, q, q) // q = 2/(e**2a + 1)
		VMOVUPS(vecf("one", 1), e)
		VSUBPS(q, e, e) // e = 1 - q
		// a >= 0.625 takes the large form; NaN keeps the polynomial's NaN.
		selectCmp(cmpGEOQ, vecf("tanhsplit", 0.625), a, e, p, p)
		// Restore the sign: p has its sign bit clear (or is NaN).
		xor(a, x, a) // the sign bit of x
		or(a, p, p)
		return p
	})

	loop("sigmoidF32"+suffix, "sigmoidF32"+suffix+" sets dst[i] = 1/(1+e**-src[i]) "+cover()+".", func(x reg.VecVirtual) reg.VecVirtual {
		na := V()
		or(vec("sign", 0x80000000), x, na)  // -|x|
		VMAXPS(vecf("explo", -104), na, na) // NaN gives -104
		e := expCore(na)
		// den = 1+E rounded, dl its rounding error (exact: Fast2Sum).
		one, num, den, dl := V(), V(), V(), V()
		VMOVUPS(vecf("one", 1), one)
		VADDPS(e, one, den)
		VSUBPS(den, one, dl)
		VADDPS(e, dl, dl)
		// Numerator E where x's sign bit is set, else 1.
		selectSign(x, e, one, num)
		q := V()
		VDIVPS(den, num, q)
		// One Newton correction against the exact denominator 1+E:
		// q += (num - q*den - q*dl) / den, the division by an
		// approximate reciprocal, so the quotient is rounded about once.
		VFNMADD231PS(den, q, num) // num = num - q*den, exact
		VFNMADD231PS(dl, q, num)
		rcp(den, den)
		VFMADD231PS(den, num, q) // q = num*rcp + q
		selectCmp(cmpUNORD, x, x, x, q, q)
		return q
	})
}

func main() {
	ConstraintExpr("amd64,!noasm")
	cur = avx2
	kernels("AVX2")
	cur = avx512
	kernels("AVX512")
	Generate()
}
