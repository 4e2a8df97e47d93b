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
//     subnormal are rounded once and n = 128 does not overflow early.
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
)

// consts holds the 32-byte constant vectors emitted so far, by name.
var consts = map[string]Mem{}

// vec returns a 32-byte read-only vector of 8 copies of the bits u, so
// that instructions can take it as a memory operand (AVX2 has no embedded
// broadcast).
func vec(name string, u uint32) Mem {
	name = "mathf32_" + name
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
	n := YMM()
	VMULPS(vecf("log2e", float32(math.Log2E)), x, n)
	VROUNDPS(U8(0), n, n) // to nearest even
	// r = x - n*ln2hi - n*ln2lo. ln2hi = float32(ln2), so n*ln2hi is a
	// multiple of 2**-24 and x - n*ln2hi, below 0.35 in magnitude, is exact.
	ln2hi := float32(math.Ln2)
	ln2lo := float32(math.Ln2 - float64(ln2hi))
	r := YMM()
	VMOVAPS(x, r)
	VFNMADD231PS(vecf("ln2hi", ln2hi), n, r)
	VFNMADD231PS(vecf("ln2lo", ln2lo), n, r)
	// Cephes expf: e**r = 1 + r + r**2*P(r), P of degree 5.
	coef := []float32{1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1}
	// P by Estrin's scheme, shorter than Horner's chain:
	// P = ((c0 r + c1) r2 + (c2 r + c3)) r2 + (c4 r + c5).
	c := make([]Mem, len(coef))
	for i, v := range coef {
		c[i] = vecf(fmt.Sprintf("expc%d", i), v)
	}
	r2, p, p23, p45 := YMM(), YMM(), YMM(), YMM()
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
	// Scale by 2**n1 * 2**n2, n1 = n>>1, n2 = n-n1, n in [-150, 128].
	ni, n1 := YMM(), YMM()
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

	loop("expF32AVX2", "expF32AVX2 sets dst[i] = e**src[i] for i < len(src)&^7 (AVX2+FMA).", func(x reg.VecVirtual) reg.VecVirtual {
		xc := YMM()
		VMAXPS(vecf("explo", -104), x, xc) // NaN gives -104
		VMINPS(vecf("exphi", 88.72284), xc, xc)
		y := expCore(xc)
		// x > 88.72284, +Inf and NaN: x*2**127 is +Inf or NaN.
		big, m := YMM(), YMM()
		VMULPS(vecf("p127", 0x1p127), x, big)
		VCMPPS(U8(cmpNLEUQ), vecf("exphi", 88.72284), x, m)
		VBLENDVPS(m, big, y, y)
		return y
	})

	loop("tanhF32AVX2", "tanhF32AVX2 sets dst[i] = tanh(src[i]) for i < len(src)&^7 (AVX2+FMA).", func(x reg.VecVirtual) reg.VecVirtual {
		a := YMM()
		VANDPS(vec("abs", 0x7fffffff), x, a)
		// Small |x|: a + a**3*P(a**2).
		pc := []float32{-0.3333333, 0.13333206, -0.053946763, 0.021700703, -0.008177398, 0.0021429616}
		s, p := YMM(), YMM()
		VMULPS(a, a, s)
		VMOVUPS(vecf(fmt.Sprintf("tanhc%d", len(pc)-1), pc[len(pc)-1]), p)
		for i := len(pc) - 2; i >= 0; i-- {
			VFMADD213PS(vecf(fmt.Sprintf("tanhc%d", i), pc[i]), s, p) // p = p*s + c
		}
		as := YMM()
		VMULPS(a, s, as)
		VFMADD213PS(a, as, p) // p = p*as + a
		// Large |x|: 1 - 2/(e**(2a)+1), a clamped to 9.1 (NaN: 9.1).
		ac := YMM()
		VMINPS(vecf("tanhhi", 9.1), a, ac)
		VADDPS(ac, ac, ac)
		e := expCore(ac)
		VADDPS(vecf("one", 1), e, e)
		q := YMM()
		VMOVUPS(vecf("two", 2), q)
		VDIVPS(e, q, q) // q = 2/(e**2a + 1)
		VMOVUPS(vecf("one", 1), e)
		VSUBPS(q, e, e) // e = 1 - q
		// a >= 0.625 takes the large form; NaN keeps the polynomial's NaN.
		m := YMM()
		VCMPPS(U8(cmpGEOQ), vecf("tanhsplit", 0.625), a, m)
		VBLENDVPS(m, e, p, p)
		// Restore the sign: p has its sign bit clear (or is NaN).
		VXORPS(a, x, a) // the sign bit of x
		VORPS(a, p, p)
		return p
	})

	loop("sigmoidF32AVX2", "sigmoidF32AVX2 sets dst[i] = 1/(1+e**-src[i]) for i < len(src)&^7 (AVX2+FMA).", func(x reg.VecVirtual) reg.VecVirtual {
		na := YMM()
		VORPS(vec("sign", 0x80000000), x, na) // -|x|
		VMAXPS(vecf("explo", -104), na, na)   // NaN gives -104
		e := expCore(na)
		// den = 1+E rounded, dl its rounding error (exact: Fast2Sum).
		one, num, den, dl := YMM(), YMM(), YMM(), YMM()
		VMOVUPS(vecf("one", 1), one)
		VADDPS(e, one, den)
		VSUBPS(den, one, dl)
		VADDPS(e, dl, dl)
		// Numerator E where x's sign bit is set, else 1.
		VBLENDVPS(x, e, one, num)
		q := YMM()
		VDIVPS(den, num, q)
		// One Newton correction against the exact denominator 1+E:
		// q += (num - q*den - q*dl) / den, the division by an
		// approximate reciprocal, so the quotient is rounded about once.
		VFNMADD231PS(den, q, num) // num = num - q*den, exact
		VFNMADD231PS(dl, q, num)
		VRCPPS(den, den)
		VFMADD231PS(den, num, q) // q = num*rcp + q
		num = q
		m := YMM()
		VCMPPS(U8(cmpUNORD), x, x, m)
		VBLENDVPS(m, x, num, num)
		return num
	})

	Generate()
}
