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

// Comparison predicates of VCMPPS.
const (
	cmpEQOQ = 0x00
	cmpLTOQ = 0x11
	cmpGTOQ = 0x1e
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

	Generate()
}
