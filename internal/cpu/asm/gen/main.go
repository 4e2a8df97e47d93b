// Command gen generates nd's elementwise kernels (the AVX2 float
// arithmetic here; AVX-512 and AVX2 unary float ops, max/min,
// comparisons, select, conversions, fma and integer arithmetic in
// vector.go), the float32 sum leaf and the float32 and float64 max/min
// leaves, internal/cpu/kernels_amd64.s and its Go declarations
// internal/cpu/kernels_amd64_stub.go, with avo. Run it through go generate
// in package cpu (see arith_amd64.go):
//
//	go run . -out ../../kernels_amd64.s -stubs ../../kernels_amd64_stub.go -pkg cpu
//
// It lives in the generators' module (internal/cpu/asm), so that nd itself
// does not depend on avo.
//
// The arithmetic kernels (add, sub, mul, div over float32 and float64, in
// the forms VV: d[i] = a[i] op b[i], VS: a[i] op s, SV: s op b[i]) process
// four vectors per iteration, then single vectors, then a scalar tail, with
// unaligned loads and stores. Each element is one IEEE operation rounded
// once, the same instruction the Go compiler emits for the scalar loop
// (never FMA), with the operands in the order the Go compiler gives the
// scalar instruction (see commutative), so the bits, NaN payloads
// included, are those of the Go loop. The caller checks that
// dst and the other operand are at least as long as the vector operand.
//
// The sum leaf adds x[8k+j] into lane j of eight float32 accumulators for
// k < len(x)/8, the same additions in the same order as the eight scalar
// accumulators of the Go pairwise-sum leaf.
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
	"github.com/nd-go/nd/internal/cpu/asm/emit"
)

// elem describes one float type: its Go name, size, lanes per YMM register
// and the instructions that move and broadcast it.
type elem struct {
	name   string // "F32"
	goType string // "float32"
	size   int
	lanes  int
	movu   func(...Op)
	movs   func(ops ...Op)
	bcast  func(...Op)
	packed map[string]func(...Op)
	scalar map[string]func(...Op)
}

var f32 = elem{
	name: "F32", goType: "float32", size: 4, lanes: 8,
	movu: VMOVUPS, movs: VMOVSS, bcast: VBROADCASTSS,
	packed: map[string]func(...Op){"Add": VADDPS, "Sub": VSUBPS, "Mul": VMULPS, "Div": VDIVPS},
	scalar: map[string]func(...Op){"Add": VADDSS, "Sub": VSUBSS, "Mul": VMULSS, "Div": VDIVSS},
}

var f64 = elem{
	name: "F64", goType: "float64", size: 8, lanes: 4,
	movu: VMOVUPD, movs: VMOVSD, bcast: VBROADCASTSD,
	packed: map[string]func(...Op){"Add": VADDPD, "Sub": VSUBPD, "Mul": VMULPD, "Div": VDIVPD},
	scalar: map[string]func(...Op){"Add": VADDSD, "Sub": VSUBSD, "Mul": VMULSD, "Div": VDIVSD},
}

var opSymbols = map[string]string{"Add": "+", "Sub": "-", "Mul": "*", "Div": "/"}

// unroll is the number of vectors per iteration of the main loop.
const unroll = 4

// arith emits the kernel of op over e in form ("VV", "VS" or "SV").
func arith(e elem, op, form string) {
	name := fmt.Sprintf("%s%s%sAVX2", emit.Lower(op), e.name, form)
	sym := opSymbols[op]
	t := e.goType
	switch form {
	case "VV":
		TEXT(name, NOSPLIT, fmt.Sprintf("func(dst, a, b []%s)", t))
		Doc(fmt.Sprintf("%s sets dst[i] = a[i] %s b[i] for i < len(a) (AVX2).", name, sym))
	case "VS":
		TEXT(name, NOSPLIT, fmt.Sprintf("func(dst, a []%s, s %s)", t, t))
		Doc(fmt.Sprintf("%s sets dst[i] = a[i] %s s for i < len(a) (AVX2).", name, sym))
	case "SV":
		TEXT(name, NOSPLIT, fmt.Sprintf("func(dst []%s, s %s, b []%s)", t, t, t))
		Doc(fmt.Sprintf("%s sets dst[i] = s %s b[i] for i < len(b) (AVX2).", name, sym))
	}
	Pragma("noescape")
	packed, scalar := e.packed[op], e.scalar[op]

	d := Load(Param("dst").Base(), GP64())
	var a, b, n reg.Register
	var s reg.Register    // the scalar operand, lane 0
	var sv reg.VecVirtual // the scalar operand broadcast
	if form != "SV" {
		a = Load(Param("a").Base(), GP64())
		n = Load(Param("a").Len(), GP64())
	}
	if form != "VS" {
		b = Load(Param("b").Base(), GP64())
		if form == "SV" {
			n = Load(Param("b").Len(), GP64())
		}
	}
	if form != "VV" {
		s = Load(Param("s"), XMM())
		sv = YMM()
		e.bcast(s, sv)
	}

	at := func(base reg.Register, i reg.GPVirtual, k int) Mem {
		return Mem{Base: base, Index: i, Scale: uint8(e.size), Disp: k * 32}
	}
	// vector computes dst[i+k*lanes:][:lanes] into the register v.
	vector := func(i reg.GPVirtual, k int, v reg.VecVirtual) {
		switch form {
		case "VV":
			e.movu(at(a, i, k), v)
			packed(at(b, i, k), v, v)
		case "VS":
			e.movu(at(a, i, k), v)
			packed(sv, v, v)
		case "SV":
			if commutative(op) {
				e.movu(at(b, i, k), v)
				packed(sv, v, v)
			} else {
				packed(at(b, i, k), sv, v)
			}
		}
	}

	i := GP64()
	XORQ(i, i)
	end := GP64()

	Comment("Blocks of unroll vectors.")
	MOVQ(n, end)
	ANDQ(I32(^(unroll*e.lanes - 1)), end)
	Label(name + "_loop4")
	CMPQ(i, end)
	JAE(LabelRef(name + "_vec"))
	var vs [unroll]reg.VecVirtual
	for k := range vs {
		vs[k] = YMM()
		vector(i, k, vs[k])
	}
	for k := range vs {
		e.movu(vs[k], at(d, i, k))
	}
	ADDQ(U32(unroll*e.lanes), i)
	JMP(LabelRef(name + "_loop4"))

	Comment("Single vectors.")
	Label(name + "_vec")
	MOVQ(n, end)
	ANDQ(I32(^(e.lanes - 1)), end)
	Label(name + "_loop1")
	CMPQ(i, end)
	JAE(LabelRef(name + "_tail"))
	v := YMM()
	vector(i, 0, v)
	e.movu(v, at(d, i, 0))
	ADDQ(U32(e.lanes), i)
	JMP(LabelRef(name + "_loop1"))

	Comment("Scalar tail.")
	Label(name + "_tail")
	CMPQ(i, n)
	JAE(LabelRef(name + "_done"))
	x := XMM()
	switch form {
	case "VV":
		e.movs(at(a, i, 0), x)
		scalar(at(b, i, 0), x, x)
	case "VS":
		e.movs(at(a, i, 0), x)
		scalar(s, x, x)
	case "SV":
		if commutative(op) {
			e.movs(at(b, i, 0), x)
			scalar(s, x, x)
		} else {
			scalar(at(b, i, 0), s, x)
		}
	}
	e.movs(x, at(d, i, 0))
	INCQ(i)
	JMP(LabelRef(name + "_tail"))

	Label(name + "_done")
	VZEROUPPER()
	RET()
}

// sumLanes emits the float32 sum leaf: acc[j] += x[8k+j] for k < len(x)/8.
func sumLanes() {
	TEXT("sumLanesF32AVX2", NOSPLIT, "func(acc *[8]float32, x []float32)")
	Doc("sumLanesF32AVX2 adds x[8k+j] to acc[j] for k < len(x)/8, in order of k (AVX2).")
	Pragma("noescape")
	acc := Load(Param("acc"), GP64())
	x := Load(Param("x").Base(), GP64())
	n := Load(Param("x").Len(), GP64())
	SHRQ(U8(3), n)
	s := YMM()
	VMOVUPS(Mem{Base: acc}, s)
	Label("sumLanesF32AVX2_loop")
	TESTQ(n, n)
	JZ(LabelRef("sumLanesF32AVX2_done"))
	VADDPS(Mem{Base: x}, s, s)
	ADDQ(U32(32), x)
	DECQ(n)
	JMP(LabelRef("sumLanesF32AVX2_loop"))
	Label("sumLanesF32AVX2_done")
	VMOVUPS(s, Mem{Base: acc})
	VZEROUPPER()
	RET()
}

// commutative reports whether op may take its operands in either order.
// For those the Go compiler makes the element loaded in the loop the first
// source and the loop-invariant scalar the second, in both VS and SV; the
// kernels do the same, so that of two NaNs the same one comes out.
func commutative(op string) bool { return op == "Add" || op == "Mul" }

// extremeLanes emits the max (or min) leaf over e: four chains of w
// lanes (w = 8 float32 or 4 float64 with AVX2, twice that with AVX-512)
// over len(x)&^(4w-1) elements, starting from acc in every chain, folded
// into acc at the end; it returns whether any element was a NaN (the Go
// caller then answers with the exact scalar loop, as it does for a zero
// result, whose sign VMAXPS/VMINPS do not choose as the scalar loop does).
func extremeLanes(e elem, op string, wide bool) {
	vb, lanes, isa, vec := 32, e.lanes, "AVX2", func() reg.VecVirtual { return YMM() }
	if wide {
		vb, lanes, isa, vec = 64, 2*e.lanes, "AVX512", func() reg.VecVirtual { return ZMM() }
	}
	name := fmt.Sprintf("%sLanes%s%s", emit.Lower(op), e.name, isa)
	inst := map[string]func(...Op){"MaxF32": VMAXPS, "MinF32": VMINPS, "MaxF64": VMAXPD, "MinF64": VMINPD}[op+e.name]
	cmp := VCMPPS
	if e.size == 8 {
		cmp = VCMPPD
	}
	TEXT(name, NOSPLIT, fmt.Sprintf("func(acc *[%d]%s, x []%s) bool", lanes, e.goType, e.goType))
	Doc(fmt.Sprintf("%s folds x[:len(x)&^%d] into the %d lanes of acc and reports whether x held a NaN (%s).", name, 4*lanes-1, lanes, isa))
	Pragma("noescape")
	acc := Load(Param("acc"), GP64())
	x := Load(Param("x").Base(), GP64())
	n := Load(Param("x").Len(), GP64())
	SHRQ(U8(map[int]uint64{16: 4, 32: 5, 64: 6}[4*lanes]), n)
	var m [4]reg.VecVirtual
	for r := range m {
		m[r] = vec()
		e.movu(Mem{Base: acc}, m[r])
	}
	var bad reg.Register
	if wide {
		k := K()
		KXORW(k, k, k)
		bad = k
	} else {
		v := YMM()
		VXORPS(v, v, v)
		bad = v
	}
	Label(name + "_loop")
	TESTQ(n, n)
	JZ(LabelRef(name + "_done"))
	for r := range m {
		v := vec()
		e.movu(Mem{Base: x, Disp: vb * r}, v)
		if wide {
			u := K()
			cmp(U8(3), v, v, u) // unordered: v is a NaN
			KORW(u, bad, bad)
		} else {
			u := YMM()
			cmp(U8(3), v, v, u)
			VORPS(u, bad, bad)
		}
		inst(v, m[r], m[r])
	}
	ADDQ(U32(4*vb), x)
	DECQ(n)
	JMP(LabelRef(name + "_loop"))
	Label(name + "_done")
	inst(m[1], m[0], m[0])
	inst(m[3], m[2], m[2])
	inst(m[2], m[0], m[0])
	e.movu(m[0], Mem{Base: acc})
	mask := GP32()
	switch {
	case wide:
		KMOVW(bad, mask)
	case e.size == 8:
		VMOVMSKPD(bad, mask)
	default:
		VMOVMSKPS(bad, mask)
	}
	nan := GP8()
	TESTL(mask, mask)
	SETNE(nan)
	Store(nan, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

func main() {
	ConstraintExpr("amd64,!noasm")
	for _, e := range []elem{f32, f64} {
		for _, op := range []string{"Add", "Sub", "Mul", "Div"} {
			for _, form := range []string{"VV", "VS", "SV"} {
				arith(e, op, form)
			}
		}
	}
	sumLanes()
	TEXT("storeFence", NOSPLIT, "func()")
	Doc("storeFence orders the non-temporal stores before it before every store after it (SFENCE).")
	SFENCE()
	RET()
	vectorKernels()
	for _, e := range []elem{f32, f64} {
		for _, wide := range []bool{false, true} {
			extremeLanes(e, "Max", wide)
			extremeLanes(e, "Min", wide)
		}
	}
	Generate()
}
