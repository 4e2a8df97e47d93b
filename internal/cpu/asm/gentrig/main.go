// Command gentrig generates nd's vector kernels for sine and cosine
// (float32 and float64), float32 erf and float64 tanh and sigmoid,
// internal/cpu/mathtrig_amd64.s and its Go declarations
// internal/cpu/mathtrig_amd64_stub.go, with avo. Run it through go
// generate in package cpu (see mathtrig_dispatch_amd64.go):
//
//	go run . -out ../../mathtrig_amd64.s -stubs ../../mathtrig_amd64_stub.go -pkg cpu
//
// Each kernel is written once over an instruction set (emit.ISA) and emitted
// twice: for AVX2+FMA (ymm: 8 float32 or 4 float64 lanes) and for AVX-512
// F and DQ (zmm: 16 or 8 lanes, masks in k registers, the tail done with
// masked loads and stores). The two run the same operations in the same
// order, so they give the same bits.
//
// The sine and cosine kernels (and tanh and sigmoid) work in blocks of 8
// float32 or 4 float64 elements and stop before the first block holding a
// lane with |x| >= 2**30, NaN or infinity (tanh: NaN; sigmoid: |x| > 708
// or NaN), returning how many elements they did; the Go loop computes that
// block with the scalar function (the Payne-Hanek reduction) and calls
// again. The AVX-512 kernels keep those blocks: a zmm vector is two of
// them, and a vector holding a lane out of range does the blocks before
// it. Their results do not depend on where a block starts.
//
// The float32 arithmetic is float64, in two halves per vector: float32
// arithmetic would need a double-float reduction and a careful polynomial
// to stay within 2 ulp near multiples of pi/2, while in float64 the plain
// method has error far below a float32 ulp, and the one rounding to
// float32 at the end makes the results correctly rounded but in rare
// cases:
//
//   - k = round(x*2/pi) by adding 1.5*2**52 in the same FMA (k's low bits
//     are then the integer bits of that sum), r = x - k*A - k*B - k*C
//     with pi/2 = A + B + C, three FMAs (the first is exact).
//   - sin r = r + r*z*S(z) and cos r = 1 - z/2 + z*z*C(z), z = r*r, with
//     fdlibm's coefficients, both computed; k's low bit picks one and its
//     second bit the sign (for cos, k+1's). sin is computed for |x| and
//     takes x's sign bit at the end.
//
// erfF32 (all inputs, no fallback; the AVX2 kernel leaves the len%8 tail)
// works the same way, in float64 lanes on |x|: see erfHalf. sinF64 and
// cosF64 repeat SinF64 and CosF64 for |x| < 2**30: see sinCos64.
// tanhF64 and sigmoidF64 likewise repeat TanhF64 and SigmoidF64 (all but
// NaN, and |x| > 708 for sigmoid): see expParts.
package main

import (
	"fmt"
	"math"
	"math/bits"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
	"github.com/nd-go/nd/internal/cpu/asm/emit"
)

// consts are the constant vectors of mathtrig_amd64.s.
var consts = emit.NewConsts("mathtrig_")

// holdRegs is how many constants an AVX-512 kernel holds in registers
// (see emit.Consts.Hold); the rest are memory operands. (Held, the
// float32 sine and cosine ran 1.4x as fast and erf 1.2x on Zen 4; the
// float64 kernels the same. More than 20 do not fit beside the float64
// kernels' temporaries.)
const holdRegs = 16

// widen returns the float32 lanes of x as float64 in two vectors, the
// lower lanes first.
func widen(x reg.VecVirtual) (lo, hi reg.VecVirtual) {
	lo, hi = emit.V(), emit.V()
	VCVTPS2PD(emit.Half(x), lo)
	xh := emit.H()
	if emit.Cur() == emit.AVX512 {
		VEXTRACTF64X4(U8(1), x, xh)
	} else {
		VEXTRACTF128(U8(1), x, xh)
	}
	VCVTPS2PD(xh, hi)
	return lo, hi
}

// narrow returns lo and hi rounded to float32 in one vector, undoing
// widen.
func narrow(lo, hi reg.VecVirtual) reg.VecVirtual {
	out, t := emit.V(), emit.H()
	if emit.Cur() == emit.AVX512 {
		VCVTPD2PS(lo, emit.Half(out))
		VCVTPD2PS(hi, t)
		VINSERTF64X4(U8(1), t, out, out)
	} else {
		VCVTPD2PSY(lo, emit.Half(out))
		VCVTPD2PSY(hi, t)
		VINSERTF128(U8(1), t, out, out)
	}
	return out
}

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

// erfCoef returns coefficient k of the erf intervals for each lane of a
// vector whose lane j is in interval i (in [0, 7], from u): AVX2 fetches
// the coefficient by VPERMPS from two vectors of four intervals each and
// a blend (idx and sel from erfIndex), AVX-512 by VPERMPD from one vector
// of all eight.
func erfCoef(k int, idx, sel reg.VecVirtual) reg.VecVirtual {
	var v [8]uint64
	for j := range v {
		v[j] = math.Float64bits(erfVecTable[j][k])
	}
	name := fmt.Sprintf("erft%d", k)
	c := emit.V()
	if emit.Cur() == emit.AVX512 {
		VPERMPD(consts.Table64(name+"_512", v[:]), idx, c)
		return c
	}
	h := emit.V()
	VPERMPS(consts.Table64(name+"lo", v[:4]), idx, c)
	VPERMPS(consts.Table64(name+"hi", v[4:]), idx, h)
	VBLENDVPD(sel, h, c, c)
	return c
}

// erfIndex returns the table indices for erfCoef from the float64
// interval numbers u: for AVX2, VPERMPS indices (lane j of interval i
// takes floats 2(i&3) and 2(i&3)+1 of a table vector) and the sign-bit
// mask of bit 2 of i, which picks the vector; for AVX-512, i itself.
func erfIndex(u reg.VecVirtual) (idx, sel reg.VecVirtual) {
	if emit.Cur() == emit.AVX512 {
		idx = emit.V()
		VCVTTPD2QQ(u, idx)
		return idx, nil
	}
	i32 := XMM()
	VCVTTPD2DQY(u, i32)
	var i64, hi reg.VecVirtual
	i64, idx, hi = YMM(), YMM(), YMM()
	VPMOVZXDQ(i32, i64)
	VPAND(consts.Vec64("int3", 3), i64, idx)
	VPSLLQ(U8(1), idx, idx)
	VPSLLQ(U8(32), idx, hi)
	VPOR(hi, idx, idx)
	VPOR(consts.Vec64("int1hi", 1<<32), idx, idx)
	VPSLLQ(U8(61), i64, i64) // the sign bit is bit 2 of i
	return idx, i64
}

// erfHalf returns erf(a) for float64 lanes a >= 0 (NaN gives anything;
// the caller replaces it): a*P(a*a) below 0.5, else the polynomial of a's
// interval of width 1/2 (erfVecTable, from matherf_gen.go in package cpu)
// in t = a - center, its 11 coefficients fetched for each lane.
func erfHalf(a reg.VecVirtual) reg.VecVirtual {
	// Small |x|.
	s, small := emit.V(), emit.V()
	VMULPD(a, a, s)
	n := len(erfVecSmall)
	VMOVUPD(consts.F64(fmt.Sprintf("erfs%d", n-1), erfVecSmall[n-1]), small)
	for k := n - 2; k >= 0; k-- {
		VFMADD213PD(consts.F64(fmt.Sprintf("erfs%d", k), erfVecSmall[k]), s, small)
	}
	VMULPD(a, small, small)
	// The interval: i = min(floor(2*max(a-0.5, 0)), 7), a clamped to 4.5
	// (erf rounds to 1 in float32 from about 3.92).
	ac, u := emit.V(), emit.V()
	VMINPD(consts.F64("erfhi", 4.5), a, ac)
	VSUBPD(consts.F64("half", 0.5), ac, u)
	VMAXPD(consts.F64("zero", 0), u, u)
	VADDPD(u, u, u)
	emit.RoundPD(emit.RoundDown|emit.RoundQuiet, u, u)
	VMINPD(consts.F64("seven", 7), u, u)
	t := emit.V()
	VMOVUPD(consts.F64("erfc0", 0.75), t)
	VFMADD231PD(consts.F64("half", 0.5), u, t) // t = center = 0.75 + i/2
	VSUBPD(t, ac, t)                           // t = ac - center, exact
	idx, sel := erfIndex(u)
	// c0hi + (c0lo + t*P(t)), P's coefficients at 2..10.
	m := len(erfVecTable[0])
	p := erfCoef(m-1, idx, sel)
	for k := m - 2; k >= 1; k-- {
		VFMADD213PD(erfCoef(k, idx, sel), t, p) // p = p*t + c
	}
	VADDPD(erfCoef(0, idx, sel), p, p)
	// Below 0.5 the small form.
	emit.BlendPD(emit.CmpPD(emit.CmpLTOQ, consts.F64("half", 0.5), a), small, p, p)
	return p
}

// erfBody returns erf(x) for float32 lanes x, a = |x|: erf of a in two
// float64 halves, rounded once to float32, with x's sign bit; NaN lanes
// give x.
func erfBody(x, a reg.VecVirtual) reg.VecVirtual {
	lo, hi := widen(a)
	out := narrow(erfHalf(lo), erfHalf(hi))
	sg := emit.V()
	emit.And32(consts.Vec32("sign32", 1<<31), x, sg)
	emit.Or32(sg, out, out)
	emit.BlendPS(emit.CmpPS(emit.CmpUNORD, x, x), x, out, out)
	return out
}

// poly returns c[0] + z*(c[1] + z*(...)) by Horner.
func poly(z reg.VecVirtual, name string, c []float64) reg.VecVirtual {
	p := emit.V()
	VMOVUPD(consts.F64(name+"5", c[5]), p)
	for i := 4; i >= 0; i-- {
		VFMADD213PD(consts.F64(name+string(rune('0'+i)), c[i]), z, p) // p = p*z + c[i]
	}
	return p
}

// sinCos32Half returns sin(x) (or cos(x)) for float64 lanes x widened
// from float32.
func sinCos32Half(x reg.VecVirtual, cos bool) reg.VecVirtual {
	kb := emit.V()
	VMOVUPD(consts.F64("magic", magic), kb)
	VFMADD231PD(consts.F64("twobypi", twoByPi), x, kb) // kb = x*2/pi + magic
	k := emit.V()
	VSUBPD(consts.F64("magic", magic), kb, k)
	r := emit.V()
	VMOVAPD(x, r)
	VFNMADD231PD(consts.F64("pio2a", pio2A), k, r) // r = r - k*A, exact
	VFNMADD231PD(consts.F64("pio2b", pio2B), k, r)
	VFNMADD231PD(consts.F64("pio2c", pio2C), k, r)
	z := emit.V()
	VMULPD(r, r, z)
	// sin r = r + (r*z)*S(z)
	s := poly(z, "s", sinS)
	rz := emit.V()
	VMULPD(r, z, rz)
	VFMADD213PD(r, rz, s) // s = s*rz + r
	// cos r = (1 - z/2) + (z*z)*C(z)
	c := poly(z, "c", cosC)
	z2, h := emit.V(), emit.V()
	VMULPD(z, z, z2)
	VMOVUPD(consts.F64("one", 1), h)
	VFNMADD231PD(consts.F64("half", 0.5), z, h) // h = 1 - z/2
	VFMADD213PD(h, z2, c)                       // c = c*z2 + h
	if cos {
		VPADDQ(consts.Vec64("int1", 1), kb, kb) // cos x = sin(x + pi/2)
	}
	odd, sg := emit.V(), emit.V()
	VPSLLQ(U8(63), kb, odd)
	emit.BlendSignPD(odd, c, s, s) // odd quadrant: the cosine kernel
	VPSLLQ(U8(62), kb, sg)
	emit.And64(consts.Vec64("sign64", 1<<63), sg, sg)
	emit.Xor64(sg, s, s)
	return s
}

// sinCos32 returns sin(x) or cos(x) for float32 lanes x, a = |x|.
func sinCos32(x, a reg.VecVirtual, cos bool) reg.VecVirtual {
	// sin works on |x| and takes x's sign bit at the end: sin(-0) = -0,
	// which r = x - k*A (k = +0) does not keep.
	src := x
	if !cos {
		src = a
	}
	lo, hi := widen(src)
	out := narrow(sinCos32Half(lo, cos), sinCos32Half(hi, cos))
	if !cos {
		emit.And32(consts.Vec32("sign32", 1<<31), x, x)
		emit.Xor32(x, out, out)
	}
	return out
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
			t := emit.V()
			VMOVUPD(a, t)
			a = t
		}
	}
	r := emit.V()
	ins(b, a, r)
	return r
}

func add(a, b Op) reg.VecVirtual { return binop(VADDPD, true, a, b) }
func sub(a, b Op) reg.VecVirtual { return binop(VSUBPD, false, a, b) }
func mul(a, b Op) reg.VecVirtual { return binop(VMULPD, true, a, b) }
func div(a, b Op) reg.VecVirtual { return binop(VDIVPD, false, a, b) }

// sinCos64 repeats SinF64's and CosF64's medium path for float64 lanes x
// (a = |x| < 2**30) operation for operation (the same roundings, FMAs
// where they use math.FMA and nowhere else), so its results are
// bit-identical to the scalar functions.
func sinCos64(x, a reg.VecVirtual, cos bool) reg.VecVirtual {
	// reduceTrigMedium64
	kb := add(mul(a, consts.F64("twobypi", twoByPi)), consts.F64("magic", magic))
	k := sub(kb, consts.F64("magic", magic))
	r1 := emit.V()
	VMOVAPD(a, r1)
	VFNMADD231PD(consts.F64("pio2a", pio2A), k, r1) // r1 = a - k*A
	ph := mul(k, consts.F64("pio2b", pio2B))
	pl := emit.V()
	VMOVAPD(ph, pl)
	VFMSUB231PD(consts.F64("pio2b", pio2B), k, pl) // pl = k*B - ph
	s := sub(r1, ph)
	bv := sub(s, r1)
	e := sub(sub(r1, sub(s, bv)), add(ph, bv)) // (r1 - (s - bv)) + (-ph - bv)
	lo := sub(sub(e, pl), mul(k, consts.F64("pio2c", pio2C)))
	rh := add(s, lo)
	rl := sub(lo, sub(rh, s))

	// sinCosQuadrant64
	z := mul(rh, rh)
	w := mul(z, z)
	// fdlibm's names (S1..S6, C1..C6), apart from poly's s0..s5, c0..c5.
	c := func(name string, v float64) Op { return consts.F64("fd"+name, v) }
	sr := add(add(mul(z, add(mul(z, c("s4", sinS[3])), c("s3", sinS[2]))), c("s2", sinS[1])),
		mul(mul(z, w), add(mul(z, c("s6", sinS[5])), c("s5", sinS[4]))))
	v := mul(z, rh)
	sn := sub(rh, sub(sub(mul(z, sub(mul(rl, c("half", 0.5)), mul(v, sr))), rl), mul(v, c("s1", sinS[0]))))
	cr := add(mul(z, add(mul(z, add(mul(z, c("c3", cosC[2])), c("c2", cosC[1]))), c("c1", cosC[0]))),
		mul(mul(w, w), add(mul(z, add(mul(z, c("c6", cosC[5])), c("c5", cosC[4]))), c("c4", cosC[3]))))
	hz := mul(z, c("half", 0.5))
	one := emit.V()
	VMOVUPD(c("one", 1), one)
	cw := sub(one, hz)
	cs := add(cw, add(sub(sub(one, cw), hz), sub(mul(z, cr), mul(rh, rl))))
	if cos {
		VPADDQ(consts.Vec64("int1", 1), kb, kb)
	}
	odd, sg := emit.V(), emit.V()
	VPSLLQ(U8(63), kb, odd)
	emit.BlendSignPD(odd, cs, sn, sn)
	VPSLLQ(U8(62), kb, sg)
	if !cos {
		emit.Xor64(x, sg, sg) // sin takes x's sign bit too
	}
	emit.And64(consts.Vec64("sign64", 1<<63), sg, sg)
	emit.Xor64(sg, sn, sn)
	return sn
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
	c := func(name string, v float64) Op { return consts.F64("hyp"+name, v) }
	kb := add(mul(y, c("log2e", log2e)), consts.F64("magic", magic))
	// 2**m: kb's low bits are 2**51 + m.
	sc = emit.V()
	VPADDQ(consts.Vec64("hypbias", 1<<64+1023-1<<51), kb, sc) // 1023 - 2**51, wrapped
	VPSLLQ(U8(52), sc, sc)
	k := sub(kb, consts.F64("magic", magic))
	r1 := emit.V()
	VMOVAPD(y, r1)
	VFNMADD231PD(c("ln2hi", ln2Hi), k, r1)
	rh := emit.V()
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
	one := emit.V()
	VMOVUPD(consts.F64("one", 1), one)
	pl = add(mul(r2, p), mul(rl, add(one, rh)))
	return sc, rh, pl
}

// tanhBody repeats TanhF64 for non-NaN x.
func tanhBody(x, a reg.VecVirtual) reg.VecVirtual {
	VMINPD(consts.F64("tanhhi", 22), a, a)
	sc, ph, pl := expParts(add(a, a))
	one, two := emit.V(), emit.V()
	VMOVUPD(consts.F64("one", 1), one)
	VMOVUPD(consts.F64("two", 2), two)
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
	rem := emit.V()
	VMOVAPD(E, rem)
	VFNMADD231PD(den, q, rem) // rem = E - q*den
	rem = add(rem, sub(el, mul(q, add(dl, el))))
	q = add(q, div(rem, den))
	sg := emit.V()
	emit.And64(consts.Vec64("sign64", 1<<63), x, sg)
	emit.Or64(sg, q, q)
	return q
}

// sigmoidBody repeats SigmoidF64 for |x| <= 708.
func sigmoidBody(x, a reg.VecVirtual) reg.VecVirtual {
	na := emit.V()
	emit.Xor64(consts.Vec64("sign64", 1<<63), a, na) // -a
	sc, ph, pl := expParts(na)
	one := emit.V()
	VMOVUPD(consts.F64("one", 1), one)
	v := add(ph, pl)
	vl := add(sub(ph, v), pl)
	uh := add(one, v)
	ul := add(add(sub(one, uh), v), vl)
	eh, el := mul(sc, uh), mul(sc, ul)
	den := add(one, eh)
	dl := add(add(sub(one, den), eh), el)
	// x < 0: numerator eh + el, else 1 + 0 (x = -0 gives eh = 1, el = 0:
	// the same).
	num, nl := emit.V(), emit.V()
	emit.BlendSignPD(x, eh, one, num)
	emit.Xor64(nl, nl, nl)
	emit.BlendSignPD(x, el, nl, nl)
	q := div(num, den)
	rem := emit.V()
	VMOVAPD(num, rem)
	VFNMADD231PD(den, q, rem) // rem = num - q*den
	rem = add(rem, sub(nl, mul(q, dl)))
	return add(q, div(rem, den))
}

// rangeCheck says which lanes a kernel leaves to the caller: those where
// VCMPPS's or VCMPPD's predicate pred(|x|, bound) holds, described by
// leaves.
type rangeCheck struct {
	pred   uint8
	bound  func() Op
	leaves string
}

// kernel describes one kernel: its name without the ISA suffix, what it
// computes (completing "sets dst[i] = "), the scalar function whose bits
// it gives (if any), its element type, the lanes it leaves (nil: none)
// and its body, which returns the result vector for the source vector x
// and a = |x| (either may be overwritten).
type kernel struct {
	name, what, same string
	f32              bool
	check            *rangeCheck
	body             func(x, a reg.VecVirtual) reg.VecVirtual
}

// block returns the number of elements in the blocks the checked kernels
// work in: those of the AVX2 kernels.
func (k *kernel) block() int {
	if k.f32 {
		return 8
	}
	return 4
}

func (k *kernel) lanes() int { return emit.Cur().Bytes() / k.elem() }

func (k *kernel) elem() int {
	if k.f32 {
		return 4
	}
	return 8
}

// Element-typed moves, absolute value and comparison.
func (k *kernel) load(m Mem, x reg.VecVirtual) {
	if k.f32 {
		VMOVUPS(m, x)
	} else {
		VMOVUPD(m, x)
	}
}

func (k *kernel) abs(x, a reg.VecVirtual) {
	if k.f32 {
		emit.And32(consts.Vec32("abs32", 0x7fffffff), x, a)
	} else {
		emit.And64(consts.Vec64("abs64", 1<<63-1), x, a)
	}
}

func (k *kernel) cmp(b Op, a, dst reg.Register) {
	if k.f32 {
		VCMPPS(U8(k.check.pred), b, a, dst)
	} else {
		VCMPPD(U8(k.check.pred), b, a, dst)
	}
}

// emit generates the kernel at the current width.
func (k *kernel) emit() {
	name, needs := k.name+emit.Cur().String(), "AVX2+FMA"
	if emit.Cur() == emit.AVX512 {
		needs = "AVX-512 F and DQ"
	}
	sig := "func(dst, src []float64)"
	if k.f32 {
		sig = "func(dst, src []float32)"
	}
	var doc string
	switch {
	case k.check != nil:
		sig += " int"
		doc = fmt.Sprintf("%s sets dst[i] = %s for the blocks of %d before the first %s, and returns how many it did (%s",
			name, k.what, k.block(), k.check.leaves, needs)
		if emit.Cur() == emit.AVX512 {
			doc += "; the last block may be short"
		}
		doc += ")"
	case emit.Cur() == emit.AVX512:
		doc = fmt.Sprintf("%s sets dst[i] = %s for every i (%s)", name, k.what, needs)
	default:
		doc = fmt.Sprintf("%s sets dst[i] = %s for i < len(src)&^%d (%s)", name, k.what, k.lanes()-1, needs)
	}
	if k.same != "" {
		doc += "; bit-identical to " + k.same
	}
	TEXT(name, NOSPLIT, sig)
	Doc(doc + ".")
	if emit.Cur() == emit.AVX512 {
		k.emit512(name)
	} else {
		k.emit2(name)
	}
}

// emit2 emits the AVX2 loop over len(src)/lanes vectors, stopping before
// a vector holding a lane the check leaves.
func (k *kernel) emit2(name string) {
	d := Load(Param("dst").Base(), GP64())
	s := Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	var done reg.GPVirtual
	if k.check != nil {
		done = GP64()
		XORQ(done, done)
	}
	SHRQ(U8(bits.TrailingZeros(uint(k.lanes()))), n)
	JZ(LabelRef(name + "_done"))
	Label(name + "_loop")
	x, a := YMM(), YMM()
	if k.check != nil {
		m := YMM()
		k.load(Mem{Base: s}, x)
		k.abs(x, a)
		k.cmp(k.check.bound(), a, m)
		mask := GP32()
		if k.f32 {
			VMOVMSKPS(m, mask)
		} else {
			VMOVMSKPD(m, mask)
		}
		TESTL(mask, mask)
		JNZ(LabelRef(name + "_done"))
	} else {
		k.load(Mem{Base: s}, x)
		k.abs(x, a)
	}
	y := k.body(x, a)
	k.store(y, nil, Mem{Base: d})
	ADDQ(U8(32), s)
	ADDQ(U8(32), d)
	if k.check != nil {
		ADDQ(U8(k.lanes()), done)
	}
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))
	Label(name + "_done")
	VZEROUPPER()
	if k.check != nil {
		Store(done, ReturnIndex(0))
	}
	RET()
}

// store writes y to m, under the mask km unless it is nil.
func (k *kernel) store(y reg.VecVirtual, km reg.Register, m Mem) {
	var ops []Op
	if km != nil {
		ops = []Op{y, km, m}
	} else {
		ops = []Op{y, m}
	}
	if k.f32 {
		VMOVUPS(ops...)
	} else {
		VMOVUPD(ops...)
	}
}

// emit512 emits the AVX-512 loop over all of src, the last len(src)%lanes
// elements with masked loads and stores. A checked kernel stops at the
// first lane its check leaves, after doing the blocks before that lane's
// block.
func (k *kernel) emit512(name string) {
	d := Load(Param("dst").Base(), GP64())
	s := Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	consts.Hold(name, holdRegs)
	var done reg.GPVirtual
	if k.check != nil {
		done = GP64()
		XORQ(done, done)
	}
	lanes := k.lanes()
	rem := GP64()
	MOVQ(n, rem)
	ANDQ(U8(lanes-1), rem)
	SHRQ(U8(bits.TrailingZeros(uint(lanes))), n)
	JZ(LabelRef(name + "_tail"))
	Label(name + "_loop")
	x, a := emit.V(), emit.V()
	var bad reg.Register
	k.load(Mem{Base: s}, x)
	k.abs(x, a)
	if k.check != nil {
		bad = K()
		k.cmp(k.check.bound(), a, bad)
		KORTESTW(bad, bad)
		JNZ(LabelRef(name + "_bad"))
	}
	y := k.body(x, a)
	k.store(y, nil, Mem{Base: d})
	ADDQ(U8(emit.Cur().Bytes()), s)
	ADDQ(U8(emit.Cur().Bytes()), d)
	if k.check != nil {
		ADDQ(U8(lanes), done)
	}
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))

	Label(name + "_tail")
	TESTQ(rem, rem)
	JZ(LabelRef(name + "_done"))
	km := emit.LowLanes(rem)
	if k.f32 {
		VMOVUPS_Z(Mem{Base: s}, km, x)
	} else {
		VMOVUPD_Z(Mem{Base: s}, km, x)
	}
	k.abs(x, a)
	if k.check != nil {
		// The lanes past the end are zero, in range.
		k.cmp(k.check.bound(), a, bad)
		KORTESTW(bad, bad)
		JZ(LabelRef(name + "_part"))
		// The blocks before the first lane left.
		Label(name + "_bad")
		KMOVW(bad, rem.As32())
		BSFQ(rem, rem)
		ANDQ(I8(-k.block()), rem)
		Label(name + "_part")
		TESTQ(rem, rem)
		JZ(LabelRef(name + "_done"))
		km = emit.LowLanes(rem)
	}
	y = k.body(x, a)
	k.store(y, km, Mem{Base: d})
	if k.check != nil {
		ADDQ(rem, done)
	}
	Label(name + "_done")
	VZEROUPPER()
	if k.check != nil {
		Store(done, ReturnIndex(0))
	}
	RET()
	consts.LoadHeld(name)
}

// outside describes the lanes the sine and cosine kernels leave.
const outside = "with |src[i]| >= 2**30 or NaN"

// kernels lists the kernels of mathtrig_amd64.s.
var kernels = []*kernel{
	{name: "sinF32", what: "sin(src[i])", f32: true,
		check: &rangeCheck{emit.CmpNLTUQ, func() Op { return consts.Vec32("limit", math.Float32bits(limit)) }, outside},
		body:  func(x, a reg.VecVirtual) reg.VecVirtual { return sinCos32(x, a, false) }},
	{name: "cosF32", what: "cos(src[i])", f32: true,
		check: &rangeCheck{emit.CmpNLTUQ, func() Op { return consts.Vec32("limit", math.Float32bits(limit)) }, outside},
		body:  func(x, a reg.VecVirtual) reg.VecVirtual { return sinCos32(x, a, true) }},
	{name: "erfF32", what: "erf(src[i])", f32: true, body: erfBody},
	{name: "sinF64", same: "SinF64", what: "sin(src[i])",
		check: &rangeCheck{emit.CmpNLTUQ, func() Op { return consts.F64("limit64", limit) }, outside},
		body:  func(x, a reg.VecVirtual) reg.VecVirtual { return sinCos64(x, a, false) }},
	{name: "cosF64", same: "CosF64", what: "cos(src[i])",
		check: &rangeCheck{emit.CmpNLTUQ, func() Op { return consts.F64("limit64", limit) }, outside},
		body:  func(x, a reg.VecVirtual) reg.VecVirtual { return sinCos64(x, a, true) }},
	{name: "tanhF64", same: "TanhF64", what: "tanh(src[i])",
		check: &rangeCheck{emit.CmpUNORD, func() Op { return consts.F64("bound0", 0) }, "holding a NaN"},
		body:  tanhBody},
	{name: "sigmoidF64", same: "SigmoidF64", what: "1/(1+e**-src[i])",
		check: &rangeCheck{emit.CmpNLEUQ, func() Op { return consts.F64("bound708", 708) }, "with |src[i]| > 708 or NaN"},
		body:  sigmoidBody},
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
