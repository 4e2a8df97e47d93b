// Command gentrig generates nd's AVX2+FMA kernels for sine and cosine
// (float32 and float64), float32 erf and float64 tanh and sigmoid,
// internal/cpu/mathtrig_amd64.s and its Go declarations
// internal/cpu/mathtrig_amd64_stub.go, with avo. Run it through go
// generate in package cpu (see mathtrig_dispatch_amd64.go):
//
//	go run . -out ../../mathtrig_amd64.s -stubs ../../mathtrig_amd64_stub.go -pkg cpu
//
// The float32 sine and cosine kernels walk len(src)/8 blocks of 8 lanes
// and stop before the first block holding a lane with |x| >= 2**30, NaN or
// infinity, returning how many elements they did; the Go loop computes
// that block with the scalar function (the Payne-Hanek reduction) and
// calls again. The float64 kernels do the same with blocks of 4.
//
// The arithmetic is float64, four lanes at a time (two halves per block):
// float32 arithmetic would need a double-float reduction and a careful
// polynomial to stay within 2 ulp near multiples of pi/2, while in float64
// the plain method has error far below a float32 ulp, and the one
// rounding to float32 at the end makes the results correctly rounded but
// in rare cases:
//
//   - k = round(x*2/pi) by adding 1.5*2**52 in the same FMA (k's low bits
//     are then the integer bits of that sum), r = x - k*A - k*B - k*C
//     with pi/2 = A + B + C, three FMAs (the first is exact).
//   - sin r = r + r*z*S(z) and cos r = 1 - z/2 + z*z*C(z), z = r*r, with
//     fdlibm's coefficients, both computed; k's low bit picks one and its
//     second bit the sign (for cos, k+1's). sin is computed for |x| and
//     takes x's sign bit at the end.
//
// erfF32AVX2 (all inputs, no fallback but the len%8 tail) works the same
// way, in float64 lanes on |x|: see erfHalf. sinF64AVX2 and cosF64AVX2
// repeat SinF64 and CosF64 for |x| < 2**30, four lanes at a time: see
// f64Kernel. tanhF64AVX2 and sigmoidF64AVX2 likewise repeat TanhF64 and
// SigmoidF64 (all but NaN, and |x| > 708 for sigmoid): see expParts.
package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
	"github.com/nd-go/nd/internal/cpu/asm/emit"
)

// consts are the constant vectors of mathtrig_amd64.s.
var consts = emit.NewConsts("mathtrig_")

// vec32 returns a 32-byte read-only vector of 8 copies of u.
func vec32(name string, u uint32) Mem { return consts.U32(name, u, 8) }

// vec64 returns a 32-byte read-only vector of 4 copies of u.
func vec64(name string, u uint64) Mem { return consts.U64(name, u, 4) }

func vecd(name string, f float64) Mem { return vec64(name, math.Float64bits(f)) }

// The constants of mathtrig.go.
const (
	twoByPi = 0.6366197723675814
	pio2A   = 0x1.921fb54442d18p+00
	pio2B   = 0x1.1a62633145c07p-54
	pio2C   = -0x1.f1976b7ed8fbcp-110
	magic   = 0x1.8p52
	limit   = 0x1p30
)

var (
	sinS = []float64{-1.66666666666666324348e-01, 8.33333333332248946124e-03, -1.98412698298579493134e-04,
		2.75573137070700676789e-06, -2.50507602534068634195e-08, 1.58969099521155010221e-10}
	cosC = []float64{4.16666666666666019037e-02, -1.38888888888741095749e-03, 2.48015872894767294178e-05,
		-2.75573143513906633035e-07, 2.08757232129817482790e-09, -1.13596475577881948265e-11}
)

// Comparison predicates of VCMPPS and VCMPPD.
const (
	cmpLTOQ  = 0x11
	cmpUNORD = 0x03
	cmpNLTUQ = 0x15 // not less than, or unordered (NaN)
	cmpNLEUQ = 0x06 // not less or equal, or unordered
)

// table64 returns a 32-byte read-only vector holding v.
func table64(name string, v [4]float64) Mem {
	var u []uint64
	for _, f := range v {
		u = append(u, math.Float64bits(f))
	}
	return consts.Table64(name, u)
}

// erfHalf returns erf(a) for four float64 lanes a >= 0 (NaN gives
// anything; the caller replaces it): a*P(a*a) below 0.5, else the
// polynomial of a's interval of width 1/2 (erfVecTable, from matherf_gen.go
// in package cpu) in t = a - center, its 11 coefficients fetched for each
// lane by VPERMPS from two vectors of four intervals each and a blend.
func erfHalf(a reg.VecVirtual) reg.VecVirtual {
	// Small |x|.
	s, small := YMM(), YMM()
	VMULPD(a, a, s)
	n := len(erfVecSmall)
	VMOVUPD(vecd(fmt.Sprintf("erfs%d", n-1), erfVecSmall[n-1]), small)
	for k := n - 2; k >= 0; k-- {
		VFMADD213PD(vecd(fmt.Sprintf("erfs%d", k), erfVecSmall[k]), s, small)
	}
	VMULPD(a, small, small)
	// The interval: i = min(floor(2*max(a-0.5, 0)), 7), a clamped to 4.5
	// (erf rounds to 1 in float32 from about 3.92).
	ac, u := YMM(), YMM()
	VMINPD(vecd("erfhi", 4.5), a, ac)
	VSUBPD(vecd("half", 0.5), ac, u)
	VMAXPD(vecd("zero", 0), u, u)
	VADDPD(u, u, u)
	VROUNDPD(U8(0x09), u, u) // floor, no precision exception
	VMINPD(vecd("seven", 7), u, u)
	t := YMM()
	VMOVUPD(vecd("erfc0", 0.75), t)
	VFMADD231PD(vecd("half", 0.5), u, t) // t = center = 0.75 + i/2
	VSUBPD(t, ac, t)                     // t = ac - center, exact
	// VPERMPS indices: lane j of interval i takes floats 2(i&3) and
	// 2(i&3)+1 of a table vector; bit 2 of i picks the vector.
	i32 := XMM()
	VCVTTPD2DQY(u, i32)
	i64, idx, hi := YMM(), YMM(), YMM()
	VPMOVZXDQ(i32, i64)
	VPAND(vec64("int3", 3), i64, idx)
	VPSLLQ(U8(1), idx, idx)
	VPSLLQ(U8(32), idx, hi)
	VPOR(hi, idx, idx)
	VPOR(vec64("int1hi", 1<<32), idx, idx)
	VPSLLQ(U8(61), i64, i64) // the sign bit is bit 2 of i
	coef := func(k int) reg.VecVirtual {
		var lo4, hi4 [4]float64
		for j := 0; j < 4; j++ {
			lo4[j], hi4[j] = erfVecTable[j][k], erfVecTable[4+j][k]
		}
		name := fmt.Sprintf("erft%d", k)
		c, h := YMM(), YMM()
		VPERMPS(table64(name+"lo", lo4), idx, c)
		VPERMPS(table64(name+"hi", hi4), idx, h)
		VBLENDVPD(i64, h, c, c)
		return c
	}
	// c0hi + (c0lo + t*P(t)), P's coefficients at 2..10.
	m := len(erfVecTable[0])
	p := coef(m - 1)
	for k := m - 2; k >= 1; k-- {
		VFMADD213PD(coef(k), t, p) // p = p*t + c
	}
	VADDPD(coef(0), p, p)
	// Below 0.5 the small form.
	lt := YMM()
	VCMPPD(U8(cmpLTOQ), vecd("half", 0.5), a, lt)
	VBLENDVPD(lt, small, p, p)
	return p
}

// erfKernel emits the float32 erf kernel over len(src)/8 blocks: erf of
// |x| in two float64 halves, rounded once to float32, with x's sign bit;
// NaN lanes give x.
func erfKernel() {
	name := "erfF32AVX2"
	TEXT(name, NOSPLIT, "func(dst, src []float32)")
	Doc(name + " sets dst[i] = erf(src[i]) for i < len(src)&^7 (AVX2+FMA).")
	d := Load(Param("dst").Base(), GP64())
	s := Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	SHRQ(U8(3), n)
	JZ(LabelRef(name + "_done"))
	Label(name + "_loop")
	x, a := YMM(), YMM()
	VMOVUPS(Mem{Base: s}, x)
	VANDPS(vec32("abs32", 0x7fffffff), x, a)
	lo, hi, ah := YMM(), YMM(), XMM()
	VCVTPS2PD(a.AsX(), lo)
	VEXTRACTF128(U8(1), a, ah)
	VCVTPS2PD(ah, hi)
	ylo := erfHalf(lo)
	yhi := erfHalf(hi)
	out, t := YMM(), XMM()
	VCVTPD2PSY(ylo, out.AsX())
	VCVTPD2PSY(yhi, t)
	VINSERTF128(U8(1), t, out, out)
	sg, nan := YMM(), YMM()
	VANDPS(vec32("sign32", 1<<31), x, sg)
	VORPS(sg, out, out)
	VCMPPS(U8(cmpUNORD), x, x, nan)
	VBLENDVPS(nan, x, out, out)
	VMOVUPS(out, Mem{Base: d})
	ADDQ(U8(32), s)
	ADDQ(U8(32), d)
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))
	Label(name + "_done")
	VZEROUPPER()
	RET()
}

// poly returns c[0] + z*(c[1] + z*(...)) by Horner.
func poly(z reg.VecVirtual, name string, c []float64) reg.VecVirtual {
	p := YMM()
	VMOVUPD(vecd(name+"5", c[5]), p)
	for i := 4; i >= 0; i-- {
		VFMADD213PD(vecd(name+string(rune('0'+i)), c[i]), z, p) // p = p*z + c[i]
	}
	return p
}

// half returns sin(x) (or cos(x)) for four float64 lanes x.
func half(x reg.VecVirtual, cos bool) reg.VecVirtual {
	kb := YMM()
	VMOVUPD(vecd("magic", magic), kb)
	VFMADD231PD(vecd("twobypi", twoByPi), x, kb) // kb = x*2/pi + magic
	k := YMM()
	VSUBPD(vecd("magic", magic), kb, k)
	r := YMM()
	VMOVAPD(x, r)
	VFNMADD231PD(vecd("pio2a", pio2A), k, r) // r = r - k*A, exact
	VFNMADD231PD(vecd("pio2b", pio2B), k, r)
	VFNMADD231PD(vecd("pio2c", pio2C), k, r)
	z := YMM()
	VMULPD(r, r, z)
	// sin r = r + (r*z)*S(z)
	s := poly(z, "s", sinS)
	rz := YMM()
	VMULPD(r, z, rz)
	VFMADD213PD(r, rz, s) // s = s*rz + r
	// cos r = (1 - z/2) + (z*z)*C(z)
	c := poly(z, "c", cosC)
	z2, h := YMM(), YMM()
	VMULPD(z, z, z2)
	VMOVUPD(vecd("one", 1), h)
	VFNMADD231PD(vecd("half", 0.5), z, h) // h = 1 - z/2
	VFMADD213PD(h, z2, c)                 // c = c*z2 + h
	if cos {
		VPADDQ(vec64("int1", 1), kb, kb) // cos x = sin(x + pi/2)
	}
	odd, sg := YMM(), YMM()
	VPSLLQ(U8(63), kb, odd)
	VBLENDVPD(odd, c, s, s) // odd quadrant: the cosine kernel
	VPSLLQ(U8(62), kb, sg)
	VANDPD(vec64("sign64", 1<<63), sg, sg)
	VXORPD(sg, s, s)
	return s
}

func kernel(name, doc string, cos bool) {
	TEXT(name, NOSPLIT, "func(dst, src []float32) int")
	Doc(doc)
	d := Load(Param("dst").Base(), GP64())
	s := Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	done := GP64()
	XORQ(done, done)
	SHRQ(U8(3), n)
	JZ(LabelRef(name + "_done"))
	Label(name + "_loop")
	x, a, m := YMM(), YMM(), YMM()
	VMOVUPS(Mem{Base: s}, x)
	VANDPS(vec32("abs32", 0x7fffffff), x, a)
	VCMPPS(U8(cmpNLTUQ), vec32("limit", math.Float32bits(limit)), a, m) // |x| >= limit or NaN
	mask := GP32()
	VMOVMSKPS(m, mask)
	TESTL(mask, mask)
	JNZ(LabelRef(name + "_done"))
	// sin works on |x| and takes x's sign bit at the end: sin(-0) = -0,
	// which r = x - k*A (k = +0) does not keep.
	src := x
	if !cos {
		src = a
	}
	lo, hi := YMM(), YMM()
	VCVTPS2PD(src.AsX(), lo)
	xh := XMM()
	VEXTRACTF128(U8(1), src, xh)
	VCVTPS2PD(xh, hi)
	ylo := half(lo, cos)
	yhi := half(hi, cos)
	out, t := YMM(), XMM()
	VCVTPD2PSY(ylo, out.AsX())
	VCVTPD2PSY(yhi, t)
	VINSERTF128(U8(1), t, out, out)
	if !cos {
		VANDPS(vec32("sign32", 1<<31), x, x)
		VXORPS(x, out, out)
	}
	VMOVUPS(out, Mem{Base: d})
	ADDQ(U8(32), s)
	ADDQ(U8(32), d)
	ADDQ(U8(8), done)
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))
	Label(name + "_done")
	VZEROUPPER()
	Store(done, ReturnIndex(0))
	RET()
}

// binop returns a new register holding a op b (Go assembly writes the
// operands the other way round). Only the second may be in memory, so a
// constant first operand is swapped with b for a commutative op and
// loaded otherwise.
func binop(ins func(...Op), commutative bool, a, b Op) reg.VecVirtual {
	if _, ok := a.(Mem); ok {
		if commutative {
			a, b = b, a
		} else {
			t := YMM()
			VMOVUPD(a, t)
			a = t
		}
	}
	r := YMM()
	ins(b, a, r)
	return r
}

func add(a, b Op) reg.VecVirtual { return binop(VADDPD, true, a, b) }
func sub(a, b Op) reg.VecVirtual { return binop(VSUBPD, false, a, b) }
func mul(a, b Op) reg.VecVirtual { return binop(VMULPD, true, a, b) }
func div(a, b Op) reg.VecVirtual { return binop(VDIVPD, false, a, b) }

// f64Kernel emits a float64 sine or cosine kernel over len(src)/4 blocks
// of 4 lanes that stops before the first block holding |x| >= 2**30, NaN
// or infinity and returns how many elements it did. It repeats SinF64's
// and CosF64's medium path operation for operation (the same roundings,
// FMAs where they use math.FMA and nowhere else), so its results are
// bit-identical to the scalar functions.
func f64Kernel(name, doc string, cos bool) {
	TEXT(name, NOSPLIT, "func(dst, src []float64) int")
	Doc(doc)
	d := Load(Param("dst").Base(), GP64())
	sp := Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	done := GP64()
	XORQ(done, done)
	SHRQ(U8(2), n)
	JZ(LabelRef(name + "_done"))
	Label(name + "_loop")

	x, a, m := YMM(), YMM(), YMM()
	VMOVUPD(Mem{Base: sp}, x)
	VANDPD(vec64("abs64", 1<<63-1), x, a)
	VCMPPD(U8(cmpNLTUQ), vecd("limit64", limit), a, m)
	mask := GP32()
	VMOVMSKPD(m, mask)
	TESTL(mask, mask)
	JNZ(LabelRef(name + "_done"))

	// reduceTrigMedium64
	kb := add(mul(a, vecd("twobypi", twoByPi)), vecd("magic", magic))
	k := sub(kb, vecd("magic", magic))
	r1 := YMM()
	VMOVAPD(a, r1)
	VFNMADD231PD(vecd("pio2a", pio2A), k, r1) // r1 = a - k*A
	ph := mul(k, vecd("pio2b", pio2B))
	pl := YMM()
	VMOVAPD(ph, pl)
	VFMSUB231PD(vecd("pio2b", pio2B), k, pl) // pl = k*B - ph
	s := sub(r1, ph)
	bv := sub(s, r1)
	e := sub(sub(r1, sub(s, bv)), add(ph, bv)) // (r1 - (s - bv)) + (-ph - bv)
	lo := sub(sub(e, pl), mul(k, vecd("pio2c", pio2C)))
	rh := add(s, lo)
	rl := sub(lo, sub(rh, s))

	// sinCosQuadrant64
	z := mul(rh, rh)
	w := mul(z, z)
	// fdlibm's names (S1..S6, C1..C6), apart from poly's s0..s5, c0..c5.
	c := func(name string, v float64) Mem { return vecd("fd"+name, v) }
	sr := add(add(mul(z, add(mul(z, c("s4", sinS[3])), c("s3", sinS[2]))), c("s2", sinS[1])),
		mul(mul(z, w), add(mul(z, c("s6", sinS[5])), c("s5", sinS[4]))))
	v := mul(z, rh)
	sn := sub(rh, sub(sub(mul(z, sub(mul(rl, c("half", 0.5)), mul(v, sr))), rl), mul(v, c("s1", sinS[0]))))
	cr := add(mul(z, add(mul(z, add(mul(z, c("c3", cosC[2])), c("c2", cosC[1]))), c("c1", cosC[0]))),
		mul(mul(w, w), add(mul(z, add(mul(z, c("c6", cosC[5])), c("c5", cosC[4]))), c("c4", cosC[3]))))
	hz := mul(z, c("half", 0.5))
	one := YMM()
	VMOVUPD(c("one", 1), one)
	cw := sub(one, hz)
	cs := add(cw, add(sub(sub(one, cw), hz), sub(mul(z, cr), mul(rh, rl))))
	if cos {
		VPADDQ(vec64("int1", 1), kb, kb)
	}
	odd, sg := YMM(), YMM()
	VPSLLQ(U8(63), kb, odd)
	VBLENDVPD(odd, cs, sn, sn)
	VPSLLQ(U8(62), kb, sg)
	if !cos {
		VXORPD(x, sg, sg) // sin takes x's sign bit too
	}
	VANDPD(vec64("sign64", 1<<63), sg, sg)
	VXORPD(sg, sn, sn)
	VMOVUPD(sn, Mem{Base: d})
	ADDQ(U8(32), sp)
	ADDQ(U8(32), d)
	ADDQ(U8(4), done)
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))
	Label(name + "_done")
	VZEROUPPER()
	Store(done, ReturnIndex(0))
	RET()
}

// The constants of mathhyp64.go.
const (
	log2e = 1.4426950408889634
	ln2Hi = 0x1.62e42fefa39efp-01
	ln2Lo = 0x1.abc9e3b39803fp-56
)

// expParts repeats hyp64ExpParts: e**y = 2**m * (1 + ph + pl), returning
// 2**m (for m in [-1022, 1023]), ph and pl.
func expParts(y reg.VecVirtual) (sc, ph, pl reg.VecVirtual) {
	c := func(name string, v float64) Mem { return vecd("hyp"+name, v) }
	kb := add(mul(y, c("log2e", log2e)), vecd("magic", magic))
	// 2**m: kb's low bits are 2**51 + m.
	sc = YMM()
	VPADDQ(vec64("hypbias", 1<<64+1023-1<<51), kb, sc) // 1023 - 2**51, wrapped
	VPSLLQ(U8(52), sc, sc)
	k := sub(kb, vecd("magic", magic))
	r1 := YMM()
	VMOVAPD(y, r1)
	VFNMADD231PD(c("ln2hi", ln2Hi), k, r1)
	rh := YMM()
	VMOVAPD(r1, rh)
	VFNMADD231PD(c("ln2lo", ln2Lo), k, rh)
	rl := sub(r1, rh)
	VFNMADD231PD(c("ln2lo", ln2Lo), k, rl)
	r2 := mul(rh, rh)
	r4 := mul(r2, r2)
	pair := func(i int) reg.VecVirtual { // 1/i! + rh/(i+1)!
		f := func(n int) float64 {
			v := 1.0
			for j := 2; j <= n; j++ {
				v *= float64(j)
			}
			return v
		}
		return add(c(fmt.Sprintf("inv%d", i), 1/f(i)), mul(rh, c(fmt.Sprintf("inv%d", i+1), 1/f(i+1))))
	}
	p01, p23, p45, p67, p89, pab := pair(2), pair(4), pair(6), pair(8), pair(10), pair(12)
	p := add(add(p01, mul(r2, p23)), mul(r4, add(add(p45, mul(r2, p67)), mul(r4, add(p89, mul(r2, pab))))))
	one := YMM()
	VMOVUPD(vecd("one", 1), one)
	pl = add(mul(r2, p), mul(rl, add(one, rh)))
	return sc, rh, pl
}

// hypKernel emits a float64 loop over len(src)/4 blocks that stops before
// the first block holding a lane that bad flags (VCMPPD's predicate
// against bound on |x|), returning how many elements it did.
func hypKernel(name, doc string, pred uint8, bound float64, body func(x, a reg.VecVirtual) reg.VecVirtual) {
	TEXT(name, NOSPLIT, "func(dst, src []float64) int")
	Doc(doc)
	d := Load(Param("dst").Base(), GP64())
	sp := Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	done := GP64()
	XORQ(done, done)
	SHRQ(U8(2), n)
	JZ(LabelRef(name + "_done"))
	Label(name + "_loop")
	x, a, m := YMM(), YMM(), YMM()
	VMOVUPD(Mem{Base: sp}, x)
	VANDPD(vec64("abs64", 1<<63-1), x, a)
	VCMPPD(U8(pred), vecd(fmt.Sprintf("bound%g", bound), bound), a, m)
	mask := GP32()
	VMOVMSKPD(m, mask)
	TESTL(mask, mask)
	JNZ(LabelRef(name + "_done"))
	y := body(x, a)
	VMOVUPD(y, Mem{Base: d})
	ADDQ(U8(32), sp)
	ADDQ(U8(32), d)
	ADDQ(U8(4), done)
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))
	Label(name + "_done")
	VZEROUPPER()
	Store(done, ReturnIndex(0))
	RET()
}

// tanhBody repeats TanhF64 for non-NaN x.
func tanhBody(x, a reg.VecVirtual) reg.VecVirtual {
	VMINPD(vecd("tanhhi", 22), a, a)
	sc, ph, pl := expParts(add(a, a))
	one, two := YMM(), YMM()
	VMOVUPD(vecd("one", 1), one)
	VMOVUPD(vecd("two", 2), two)
	A, B := sub(sc, one), mul(sc, ph)
	s := add(A, B)
	bb := sub(s, A)
	e := add(add(sub(A, sub(s, bb)), sub(B, bb)), mul(sc, pl))
	E := add(s, e)
	el := sub(e, sub(E, s))
	den := add(E, two)
	bb = sub(den, E)
	dl := add(sub(E, sub(den, bb)), sub(two, bb))
	q := div(E, den)
	rem := YMM()
	VMOVAPD(E, rem)
	VFNMADD231PD(den, q, rem) // rem = E - q*den
	rem = add(rem, sub(el, mul(q, add(dl, el))))
	q = add(q, div(rem, den))
	sg := YMM()
	VANDPD(vec64("sign64", 1<<63), x, sg)
	VORPD(sg, q, q)
	return q
}

// sigmoidBody repeats SigmoidF64 for |x| <= 708.
func sigmoidBody(x, a reg.VecVirtual) reg.VecVirtual {
	na := YMM()
	VXORPD(vec64("sign64", 1<<63), a, na) // -a
	sc, ph, pl := expParts(na)
	one := YMM()
	VMOVUPD(vecd("one", 1), one)
	v := add(ph, pl)
	vl := add(sub(ph, v), pl)
	uh := add(one, v)
	ul := add(add(sub(one, uh), v), vl)
	eh, el := mul(sc, uh), mul(sc, ul)
	den := add(one, eh)
	dl := add(add(sub(one, den), eh), el)
	// x < 0: numerator eh + el, else 1 + 0 (x = -0 gives eh = 1, el = 0:
	// the same).
	num, nl := YMM(), YMM()
	VBLENDVPD(x, eh, one, num)
	VXORPD(nl, nl, nl)
	VBLENDVPD(x, el, nl, nl)
	q := div(num, den)
	rem := YMM()
	VMOVAPD(num, rem)
	VFNMADD231PD(den, q, rem) // rem = num - q*den
	rem = add(rem, sub(nl, mul(q, dl)))
	return add(q, div(rem, den))
}

func main() {
	ConstraintExpr("amd64,!noasm")
	kernel("sinF32AVX2", "sinF32AVX2 sets dst[i] = sin(src[i]) for the blocks of 8 before the first with |src[i]| >= 2**30 or NaN, and returns how many it did (AVX2+FMA).", false)
	kernel("cosF32AVX2", "cosF32AVX2 sets dst[i] = cos(src[i]) for the blocks of 8 before the first with |src[i]| >= 2**30 or NaN, and returns how many it did (AVX2+FMA).", true)
	erfKernel()
	f64Kernel("sinF64AVX2", "sinF64AVX2 sets dst[i] = sin(src[i]) for the blocks of 4 before the first with |src[i]| >= 2**30 or NaN, and returns how many it did (AVX2+FMA); bit-identical to SinF64.", false)
	f64Kernel("cosF64AVX2", "cosF64AVX2 sets dst[i] = cos(src[i]) for the blocks of 4 before the first with |src[i]| >= 2**30 or NaN, and returns how many it did (AVX2+FMA); bit-identical to CosF64.", true)
	hypKernel("tanhF64AVX2", "tanhF64AVX2 sets dst[i] = tanh(src[i]) for the blocks of 4 before the first holding a NaN, and returns how many it did (AVX2+FMA); bit-identical to TanhF64.",
		cmpUNORD, 0, tanhBody)
	hypKernel("sigmoidF64AVX2", "sigmoidF64AVX2 sets dst[i] = 1/(1+e**-src[i]) for the blocks of 4 before the first with |src[i]| > 708 or NaN, and returns how many it did (AVX2+FMA); bit-identical to SigmoidF64.",
		cmpNLEUQ, 708, sigmoidBody)
	Generate()
}
