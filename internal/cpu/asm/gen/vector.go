package main

// This file emits the elementwise kernels beyond the AVX2 arithmetic of
// main.go: AVX-512 arithmetic, max/min, comparisons, select, conversions,
// FMA and integer arithmetic (AVX-512, and AVX2 where one register width
// serves every operand). One emitter (vkernel.emit) writes every kernel
// from a table entry: the operands (vectors or broadcast scalars), the
// element sizes and a body that computes one step of L lanes in registers.
//
// The AVX-512 arithmetic and max/min also come as streaming kernels, whose
// whole steps store past the caches, for outputs too large to stay in
// them.
//
// An AVX-512 kernel runs L = 64/(largest element size) lanes per step:
// four steps per iteration, then single steps, then one step under a lane
// mask for the last len%L elements, so it takes any length. An AVX2 kernel
// (L = 32/size) stops before the last len%L elements; its Go wrapper
// finishes them with the Go loop.

import (
	"fmt"
	"strings"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
	"github.com/nd-go/nd/internal/cpu/asm/emit"
)

type isa int

const (
	avx2 isa = iota
	avx512
)

func (s isa) suffix() string {
	if s == avx512 {
		return "AVX512"
	}
	return "AVX2"
}

// vtype is an element type of a vector kernel.
type vtype struct {
	name   string // "F32"
	goType string
	size   int
	float  bool
}

var (
	tBool = vtype{"Bool", "bool", 1, false}
	tI32  = vtype{"I32", "int32", 4, false}
	tI64  = vtype{"I64", "int64", 8, false}
	tF32  = vtype{"F32", "float32", 4, true}
	tF64  = vtype{"F64", "float64", 8, true}
)

// vin is an operand: a vector (a slice parameter) or a scalar broadcast
// over every lane.
type vin struct {
	param  string
	t      vtype
	scalar bool
}

// vkernel is one kernel: dst[i] = body(ins[0][i], ins[1][i], ...).
type vkernel struct {
	name string // without the ISA suffix
	doc  string // completes "<name> sets dst[i] = "
	isa  isa
	ins  []vin
	out  vtype
	// body computes one step: ins are registers holding L lanes of each
	// operand (width L*size), out the register to fill.
	body func(ins []reg.VecVirtual, out reg.VecVirtual)
	// setup, if set, runs once before the loops (constants).
	setup func()
	// stream makes the whole steps store with non-temporal stores
	// (VMOVNTDQ, past the caches): dst must be 64-byte aligned. The
	// masked tail stores as usual. Name suffix "Stream".
	stream bool
}

func (k vkernel) lanes() int {
	size := k.out.size
	for _, in := range k.ins {
		size = max(size, in.t.size)
	}
	if k.isa == avx512 {
		return 64 / size
	}
	return 32 / size
}

// vreg returns a new vector register of the given width in bytes.
func vreg(bytes int) reg.VecVirtual {
	switch bytes {
	case 64:
		return ZMM()
	case 32:
		return YMM()
	}
	return XMM()
}

// load moves bytes bytes from m into v; under a mask k (non-nil) only the
// masked lanes, zeroing the rest.
func load(m Mem, v reg.VecVirtual, bytes, size int, k reg.Register) {
	if k != nil {
		switch size {
		case 1:
			VMOVDQU8_Z(m, k, v)
		case 4:
			VMOVDQU32_Z(m, k, v)
		default:
			VMOVDQU64_Z(m, k, v)
		}
		return
	}
	switch bytes {
	case 8:
		VMOVQ(m, v)
	case 4:
		VMOVD(m, v)
	case 16, 32:
		VMOVDQU(m, v)
	default:
		VMOVDQU64(m, v)
	}
}

// store is load's converse.
func store(v reg.VecVirtual, m Mem, bytes, size int, k reg.Register) {
	if k != nil {
		switch size {
		case 1:
			VMOVDQU8(v, k, m)
		case 4:
			VMOVDQU32(v, k, m)
		default:
			VMOVDQU64(v, k, m)
		}
		return
	}
	switch bytes {
	case 8:
		VMOVQ(v, m)
	case 4:
		VMOVD(v, m)
	case 16, 32:
		VMOVDQU(v, m)
	default:
		VMOVDQU64(v, m)
	}
}

// broadcast loads the scalar parameter p into every lane of a register of
// the given width.
func broadcast(p vin, bytes int, s isa) reg.VecVirtual {
	v := vreg(bytes)
	if p.t.float {
		x := Load(Param(p.param), XMM())
		if p.t.size == 4 {
			VBROADCASTSS(x, v)
		} else {
			VBROADCASTSD(x, v)
		}
		return v
	}
	r := GP64()
	Load(Param(p.param), r)
	if s == avx512 {
		if p.t.size == 4 {
			VPBROADCASTD(r.As32(), v)
		} else {
			VPBROADCASTQ(r, v)
		}
		return v
	}
	x := XMM()
	if p.t.size == 4 {
		VMOVD(r.As32(), x)
		VPBROADCASTD(x, v)
	} else {
		VMOVQ(r, x)
		VPBROADCASTQ(x, v)
	}
	return v
}

func (k vkernel) signature() string {
	var ps []string
	ps = append(ps, "dst []"+k.out.goType)
	for _, in := range k.ins {
		if in.scalar {
			ps = append(ps, in.param+" "+in.t.goType)
		} else {
			ps = append(ps, in.param+" []"+in.t.goType)
		}
	}
	return "func(" + strings.Join(ps, ", ") + ")"
}

func (k vkernel) emit() {
	name := k.name + k.isa.suffix()
	if k.stream {
		name = k.name + "Stream" + k.isa.suffix()
	}
	TEXT(name, NOSPLIT, k.signature())
	var first string
	for _, in := range k.ins {
		if !in.scalar {
			first = in.param
			break
		}
	}
	if k.stream {
		Doc(fmt.Sprintf("%s sets dst[i] = %s for i < len(%s) (AVX-512) with non-temporal stores (dst 64-byte aligned); the other operands are at least as long.", name, k.doc, first))
	} else if k.isa == avx512 {
		Doc(fmt.Sprintf("%s sets dst[i] = %s for i < len(%s) (AVX-512); the other operands are at least as long.", name, k.doc, first))
	} else {
		Doc(fmt.Sprintf("%s sets dst[i] = %s for i < len(%s)&^%d (AVX2); the other operands are at least as long.", name, k.doc, first, k.lanes()-1))
	}
	Pragma("noescape")
	L := k.lanes()

	d := Load(Param("dst").Base(), GP64())
	n := Load(Param(first).Len(), GP64())
	bases := make([]reg.Register, len(k.ins))
	scalars := make([]reg.VecVirtual, len(k.ins))
	for j, in := range k.ins {
		if in.scalar {
			scalars[j] = broadcast(in, L*in.t.size, k.isa)
		} else {
			bases[j] = Load(Param(in.param).Base(), GP64())
		}
	}
	if k.setup != nil {
		k.setup()
	}
	at := func(base reg.Register, i reg.GPVirtual, size, step int) Mem {
		return Mem{Base: base, Index: i, Scale: uint8(size), Disp: step * L * size}
	}
	// step loads step s of every vector operand, runs the body and stores.
	step := func(i reg.GPVirtual, s int, mask reg.Register) func() {
		ins := make([]reg.VecVirtual, len(k.ins))
		for j, in := range k.ins {
			if in.scalar {
				ins[j] = scalars[j]
				continue
			}
			ins[j] = vreg(L * in.t.size)
			load(at(bases[j], i, in.t.size, s), ins[j], L*in.t.size, in.t.size, mask)
		}
		out := vreg(L * k.out.size)
		k.body(ins, out)
		if k.stream && mask == nil && L*k.out.size == 64 {
			return func() { VMOVNTDQ(out, at(d, i, k.out.size, s)) }
		}
		return func() { store(out, at(d, i, k.out.size, s), L*k.out.size, k.out.size, mask) }
	}

	i := GP64()
	XORQ(i, i)
	end := GP64()
	Comment("Blocks of four steps.")
	MOVQ(n, end)
	ANDQ(I32(^(4*L - 1)), end)
	Label(name + "_loop4")
	CMPQ(i, end)
	JAE(LabelRef(name + "_one"))
	var stores [4]func()
	for s := range stores {
		stores[s] = step(i, s, nil)
	}
	for _, st := range stores {
		st()
	}
	ADDQ(U32(4*L), i)
	JMP(LabelRef(name + "_loop4"))

	Comment("Single steps.")
	Label(name + "_one")
	MOVQ(n, end)
	ANDQ(I32(^(L - 1)), end)
	Label(name + "_loop1")
	CMPQ(i, end)
	JAE(LabelRef(name + "_tail"))
	step(i, 0, nil)()
	ADDQ(U32(L), i)
	JMP(LabelRef(name + "_loop1"))

	Label(name + "_tail")
	if k.isa == avx512 {
		Comment("The last len%L elements under a lane mask.")
		CMPQ(i, n)
		JAE(LabelRef(name + "_done"))
		rem := GP64()
		MOVQ(n, rem)
		SUBQ(i, rem)
		ones := GP64()
		MOVQ(I32(-1), ones)
		bits := GP64()
		BZHIQ(rem, ones, bits)
		m := K()
		KMOVW(bits.As32(), m)
		step(i, 0, m)()
	}
	Label(name + "_done")
	VZEROUPPER()
	RET()
}

// forms are the operand patterns of a binary kernel: both vectors, or one
// a scalar.
var binaryForms = []string{"VV", "VS", "SV"}

func binaryIns(t vtype, form string) []vin {
	return []vin{{"a", t, form[0] == 'S'}, {"b", t, form[1] == 'S'}}
}

func opnd(form string, j int, name string) string {
	if form[j] == 'S' {
		return map[string]string{"a": "a", "b": "b", "c": "c"}[name]
	}
	return name + "[i]"
}

// arithKernel is add/sub/mul/div of float or integer vectors. The first
// source of the instruction is a, but for a commutative op in form SV,
// where it is b (the order the Go compiler gives the scalar instruction,
// so that of two NaNs the same one comes out).
func arithKernel(s isa, t vtype, op, form string) vkernel {
	var inst func(...Op)
	switch {
	case t.float && t.size == 4:
		inst = map[string]func(...Op){"Add": VADDPS, "Sub": VSUBPS, "Mul": VMULPS, "Div": VDIVPS}[op]
	case t.float:
		inst = map[string]func(...Op){"Add": VADDPD, "Sub": VSUBPD, "Mul": VMULPD, "Div": VDIVPD}[op]
	case t.size == 4:
		inst = map[string]func(...Op){"Add": VPADDD, "Sub": VPSUBD, "Mul": VPMULLD}[op]
	default:
		inst = map[string]func(...Op){"Add": VPADDQ, "Sub": VPSUBQ, "Mul": VPMULLQ}[op]
	}
	return vkernel{
		name: fmt.Sprintf("%s%s%s", emit.Lower(op), t.name, form),
		doc:  fmt.Sprintf("%s %s %s", opnd(form, 0, "a"), opSymbols[op], opnd(form, 1, "b")),
		isa:  s, ins: binaryIns(t, form), out: t,
		body: func(in []reg.VecVirtual, out reg.VecVirtual) {
			x, y := in[0], in[1]
			if form == "SV" && commutative(op) {
				x, y = y, x
			}
			inst(y, x, out)
		},
	}
}

// extremeKernel is np.maximum (np.minimum) as the Go loop writes it:
// a if a > b (a < b) or a is a NaN, else b. VMAXPS gives a > b ? a : b,
// b when either is a NaN and b of two zeros; a NaN a is then blended in.
func extremeKernel(s isa, t vtype, op, form string) vkernel {
	var inst, cmp, blend func(...Op)
	if t.size == 4 {
		inst, cmp, blend = VMINPS, VCMPPS, blendv(VBLENDVPS)
		if op == "Max" {
			inst = VMAXPS
		}
		if s == avx512 {
			blend = VBLENDMPS
		}
	} else {
		inst, cmp, blend = VMINPD, VCMPPD, blendv(VBLENDVPD)
		if op == "Max" {
			inst = VMAXPD
		}
		if s == avx512 {
			blend = VBLENDMPD
		}
	}
	rel := map[string]string{"Max": ">", "Min": "<"}[op]
	a, b := opnd(form, 0, "a"), opnd(form, 1, "b")
	return vkernel{
		name: fmt.Sprintf("%s%s%s", emit.Lower(op), t.name, form),
		doc:  fmt.Sprintf("%s if %s %s %s or %s is a NaN, else %s", a, a, rel, b, a, b),
		isa:  s, ins: binaryIns(t, form), out: t,
		body: func(in []reg.VecVirtual, out reg.VecVirtual) {
			x, y := in[0], in[1]
			inst(y, x, out)
			if s == avx512 {
				m := K()
				cmp(U8(3), x, x, m) // unordered: x is a NaN
				blend(x, out, m, out)
				return
			}
			u := vreg(32)
			cmp(U8(3), x, x, u)
			blend(u, x, out, out)
		},
	}
}

func blendv(f func(a, b, c, d Op)) func(...Op) {
	return func(ops ...Op) { f(ops[0], ops[1], ops[2], ops[3]) }
}

// Predicates of VCMPPS (ordered and quiet but ne, which is true for NaNs)
// and VPCMPD (signed).
var (
	floatPredicates = map[string]uint8{"Eq": 0x00, "Ne": 0x04, "Lt": 0x11, "Le": 0x12, "Gt": 0x1e, "Ge": 0x1d}
	intPredicates   = map[string]uint8{"Eq": 0, "Lt": 1, "Le": 2, "Ne": 4, "Ge": 5, "Gt": 6}
	compareSymbols  = map[string]string{"Eq": "==", "Ne": "!=", "Lt": "<", "Le": "<=", "Gt": ">", "Ge": ">="}
)

// compareKernel writes a comparison as Go bools (bytes 0 or 1). With
// AVX-512 the comparison sets a lane mask and a zeroing byte move of ones
// spreads it; with AVX2 it sets lanes of all ones, which signed packs
// narrow to bytes of -1 and an absolute value makes 1. AVX2 compares
// integers only by == and >: the rest swap the operands or negate (an xor
// with bytes of 1).
func compareKernel(s isa, t vtype, op, form string) vkernel {
	var inst func(...Op)
	var pred uint8
	swap, negate := false, false
	switch {
	case t.float && t.size == 4:
		inst, pred = VCMPPS, floatPredicates[op]
	case t.float:
		inst, pred = VCMPPD, floatPredicates[op]
	case s == avx512 && t.size == 4:
		inst, pred = VPCMPD, intPredicates[op]
	case s == avx512:
		inst, pred = VPCMPQ, intPredicates[op]
	default:
		eq, gt := VPCMPEQD, VPCMPGTD
		if t.size == 8 {
			eq, gt = VPCMPEQQ, VPCMPGTQ
		}
		inst = gt
		switch op {
		case "Eq", "Ne":
			inst, negate = eq, op == "Ne"
		case "Lt":
			swap = true
		case "Le":
			negate = true
		case "Ge":
			swap, negate = true, true
		}
	}
	var ones reg.VecVirtual
	return vkernel{
		name: fmt.Sprintf("cmp%s%s%s", op, t.name, form),
		doc:  fmt.Sprintf("%s %s %s", opnd(form, 0, "a"), compareSymbols[op], opnd(form, 1, "b")),
		isa:  s, ins: binaryIns(t, form), out: tBool,
		setup: func() {
			r := GP32()
			MOVL(U32(0x01010101), r)
			ones = XMM()
			if s == avx512 {
				VPBROADCASTD(r, ones)
				return
			}
			VMOVD(r, ones)
			VPBROADCASTD(ones, ones)
		},
		body: func(in []reg.VecVirtual, out reg.VecVirtual) {
			x, y := in[0], in[1]
			if s == avx512 {
				m := K()
				inst(U8(pred), y, x, m)
				VMOVDQU8_Z(ones, m, out)
				return
			}
			m := vreg(32)
			switch {
			case t.float:
				inst(U8(pred), y, x, m)
			case swap: // y > x
				inst(x, y, m)
			default: // x > y, x == y
				inst(y, x, m)
			}
			hi := XMM()
			VEXTRACTI128(U8(1), m, hi)
			lo := m.AsX()
			VPACKSSDW(hi, lo, out)
			VPACKSSWB(out, out, out)
			if t.size == 8 {
				VPACKSSWB(out, out, out)
			}
			VPABSB(out, out)
			if negate {
				VPXOR(ones, out, out)
			}
		},
	}
}

// selectKernel picks a where the bool c is true, else b, bit for bit:
// with AVX-512 under the mask of c's nonzero bytes; with AVX2 by the sign
// bit of c's bytes widened to the lanes and shifted to the top.
func selectKernel(s isa, t vtype, form string) vkernel {
	ins := []vin{{"c", tBool, false}, {"a", t, form[0] == 'S'}, {"b", t, form[1] == 'S'}}
	return vkernel{
		name: fmt.Sprintf("select%s%s", t.name, form),
		doc:  fmt.Sprintf("%s if c[i] else %s", opnd(form, 0, "a"), opnd(form, 1, "b")),
		isa:  s, ins: ins, out: t,
		body: func(in []reg.VecVirtual, out reg.VecVirtual) {
			if s == avx512 {
				m := K()
				VPTESTMB(in[0], in[0], m)
				if t.size == 4 {
					VPBLENDMD(in[1], in[2], m, out)
				} else {
					VPBLENDMQ(in[1], in[2], m, out)
				}
				return
			}
			m := vreg(32)
			if t.size == 4 {
				VPMOVZXBD(in[0], m)
				VPSLLD(U8(31), m, m)
				VBLENDVPS(m, in[1], in[2], out)
			} else {
				VPMOVZXBQ(in[0], m)
				VPSLLQ(U8(63), m, m)
				VBLENDVPD(m, in[1], in[2], out)
			}
		},
	}
}

// convertKernel converts with the instruction the Go compiler emits for
// one element (the truncating forms for float to integer, which give the
// integer indefinite value, the most negative integer, for NaNs and
// values out of range, as CVTTSS2SL does).
func convertKernel(s isa, from, to vtype, inst func(...Op)) vkernel {
	return vkernel{
		name: fmt.Sprintf("convert%sTo%s", from.name, to.name),
		doc:  fmt.Sprintf("%s(a[i])", to.goType),
		isa:  s, ins: []vin{{"a", from, false}}, out: to,
		body: func(in []reg.VecVirtual, out reg.VecVirtual) { inst(in[0], out) },
	}
}

// fmaKernel is a*b + c rounded once. Which NaN operand an FMA
// instruction returns differs between CPUs, so the kernel then sets the
// lanes where an operand is a NaN to the first NaN of a, b, c, quieted,
// as the Go fallback does: c's NaN, then b's over it, then a's.
func fmaKernel(s isa, t vtype, form string) vkernel {
	inst, cmp, blend := VFMADD213PS, VCMPPS, blendv(VBLENDVPS)
	quietBit := uint64(1) << 22
	if t.size == 8 {
		inst, cmp, blend = VFMADD213PD, VCMPPD, blendv(VBLENDVPD)
		quietBit = 1 << 51
	}
	width := 32
	if s == avx512 {
		width = 64
	}
	var quiet reg.VecVirtual
	ins := []vin{{"a", t, form[0] == 'S'}, {"b", t, form[1] == 'S'}, {"c", t, form[2] == 'S'}}
	return vkernel{
		name: fmt.Sprintf("fma%s%s", t.name, form),
		doc:  fmt.Sprintf("%s*%s + %s rounded once", opnd(form, 0, "a"), opnd(form, 1, "b"), opnd(form, 2, "c")),
		isa:  s, ins: ins, out: t,
		setup: func() {
			r := GP64()
			MOVQ(U64(quietBit), r)
			quiet = vreg(width)
			switch {
			case s == avx512 && t.size == 4:
				VPBROADCASTD(r.As32(), quiet)
			case s == avx512:
				VPBROADCASTQ(r, quiet)
			case t.size == 4:
				x := XMM()
				VMOVD(r.As32(), x)
				VPBROADCASTD(x, quiet)
			default:
				x := XMM()
				VMOVQ(r, x)
				VPBROADCASTQ(x, quiet)
			}
		},
		body: func(in []reg.VecVirtual, out reg.VecVirtual) {
			if t.size == 4 {
				VMOVAPS(in[0], out)
			} else {
				VMOVAPD(in[0], out)
			}
			inst(in[2], in[1], out)
			for j := 2; j >= 0; j-- {
				x := in[j]
				if s == avx512 {
					m := K()
					cmp(U8(3), x, x, m) // unordered: x is a NaN
					if t.size == 4 {
						VPORD(quiet, x, m, out)
					} else {
						VPORQ(quiet, x, m, out)
					}
					continue
				}
				u, q := vreg(32), vreg(32)
				cmp(U8(3), x, x, u)
				VPOR(quiet, x, q)
				blend(u, q, out, out)
			}
		},
	}
}

// bcastBits returns a register of the given width holding the size-byte
// word u in every lane.
func bcastBits(u uint64, size, bytes int, s isa) reg.VecVirtual {
	v := vreg(bytes)
	r := GP64()
	MOVQ(U64(u), r)
	switch {
	case s == avx512 && size == 4:
		VPBROADCASTD(r.As32(), v)
	case s == avx512:
		VPBROADCASTQ(r, v)
	case size == 4:
		x := XMM()
		VMOVD(r.As32(), x)
		VPBROADCASTD(x, v)
	default:
		x := XMM()
		VMOVQ(r, x)
		VPBROADCASTQ(x, v)
	}
	return v
}

// unaryKernel is a float op of one operand with the bits of its Go loop:
// neg and abs flip or clear the sign bit (NaN payloads kept), sqrt,
// floor, ceil and round (to nearest even) are one correctly rounded
// instruction each, as math.Sqrt, math.Floor, ... in float64 are (which
// float32 rounds to the same bits, NaNs quieted alike), rsqrt (float64)
// is 1/sqrt(x) in float64 (float32 lanes widened and narrowed, as the Go
// loop does), and sign is 1, -1, 0 (for both zeros) or the NaN.
func unaryKernel(s isa, t vtype, op string) vkernel {
	f32 := t.size == 4
	L := 32
	if s == avx512 {
		L = 64
	}
	signBit := uint64(1) << 63
	one, minusOne := uint64(0x3ff0000000000000), uint64(0xbff0000000000000)
	if f32 {
		signBit, one, minusOne = 1<<31, 0x3f800000, 0xbf800000
	}
	pick := func(ps, pd func(...Op)) func(...Op) {
		if f32 {
			return ps
		}
		return pd
	}
	logic := func(avx2Op, d, q func(...Op)) func(...Op) {
		switch {
		case s == avx2:
			return avx2Op
		case f32:
			return d
		}
		return q
	}
	round := func(imm uint8) func(x, out reg.VecVirtual) {
		return func(x, out reg.VecVirtual) {
			switch {
			case s == avx512 && f32:
				VRNDSCALEPS(U8(imm), x, out)
			case s == avx512:
				VRNDSCALEPD(U8(imm), x, out)
			case f32:
				VROUNDPS(U8(imm), x, out)
			default:
				VROUNDPD(U8(imm), x, out)
			}
		}
	}
	var consts []reg.VecVirtual
	var setup func()
	var body func(x, out reg.VecVirtual)
	doc := map[string]string{"Neg": "-a[i]", "Abs": "|a[i]|", "Sqrt": "sqrt(a[i])", "Floor": "floor(a[i])",
		"Ceil": "ceil(a[i])", "Round": "a[i] rounded to nearest even", "Rsqrt": "1/sqrt(a[i])", "Sign": "sign(a[i])"}[op]
	switch op {
	case "Neg", "Abs":
		mask := signBit
		inst := logic(pick(VXORPS, VXORPD), VPXORD, VPXORQ)
		if op == "Abs" {
			mask = ^signBit & (signBit<<1 - 1)
			inst = logic(pick(VANDPS, VANDPD), VPANDD, VPANDQ)
		}
		setup = func() { consts = []reg.VecVirtual{bcastBits(mask, t.size, L, s)} }
		body = func(x, out reg.VecVirtual) { inst(consts[0], x, out) }
	case "Sqrt":
		body = func(x, out reg.VecVirtual) { pick(VSQRTPS, VSQRTPD)(x, out) }
	case "Floor":
		body = round(0x09) // toward -Inf, no precision exception
	case "Ceil":
		body = round(0x0a)
	case "Round":
		body = round(0x08)
	case "Rsqrt":
		if f32 {
			// In float64 lanes, as the Go loop computes it: two halves of
			// the float32 vector widened, 1/sqrt, narrowed and joined.
			setup = func() { consts = []reg.VecVirtual{bcastBits(0x3ff0000000000000, 8, L, s)} }
			body = func(x, out reg.VecVirtual) {
				half := func(v, dst Op) {
					w := vreg(L)
					VCVTPS2PD(v, w)
					VSQRTPD(w, w)
					VDIVPD(w, consts[0], w)
					if s == avx512 {
						VCVTPD2PS(w, dst)
					} else {
						VCVTPD2PSY(w, dst)
					}
				}
				if s == avx512 {
					hi, lo := YMM(), YMM()
					VEXTRACTF32X8(U8(1), x, hi)
					half(x.AsY(), out.AsY())
					half(hi, lo)
					VINSERTF32X8(U8(1), lo, out, out)
					return
				}
				hi, lo := XMM(), XMM()
				VEXTRACTF128(U8(1), x, hi)
				half(x.AsX(), out.AsX())
				half(hi, lo)
				VINSERTF128(U8(1), lo, out, out)
			}
			break
		}
		setup = func() { consts = []reg.VecVirtual{bcastBits(one, t.size, L, s)} }
		body = func(x, out reg.VecVirtual) {
			q := vreg(L)
			pick(VSQRTPS, VSQRTPD)(x, q)
			pick(VDIVPS, VDIVPD)(q, consts[0], out)
		}
	case "Sign":
		setup = func() {
			consts = []reg.VecVirtual{bcastBits(one, t.size, L, s), bcastBits(minusOne, t.size, L, s)}
		}
		cmp := pick(VCMPPS, VCMPPD)
		body = func(x, out reg.VecVirtual) {
			zero := vreg(L)
			VPXOR(zero.AsY(), zero.AsY(), zero.AsY())
			if s == avx512 {
				blend := pick(VBLENDMPS, VBLENDMPD)
				gt, lt, nan := K(), K(), K()
				cmp(U8(0x1e), zero, x, gt) // x > 0
				cmp(U8(0x11), zero, x, lt) // x < 0
				cmp(U8(0x03), x, x, nan)
				blend(consts[0], zero, gt, out)
				blend(consts[1], out, lt, out)
				blend(x, out, nan, out)
				return
			}
			blend := pick(blendv(VBLENDVPS), blendv(VBLENDVPD))
			gt, lt, nan := vreg(L), vreg(L), vreg(L)
			cmp(U8(0x1e), zero, x, gt)
			cmp(U8(0x11), zero, x, lt)
			cmp(U8(0x03), x, x, nan)
			blend(gt, consts[0], zero, out)
			blend(lt, consts[1], out, out)
			blend(nan, x, out, out)
		}
	}
	return vkernel{
		name: fmt.Sprintf("%s%s", emit.Lower(op), t.name),
		doc:  doc,
		isa:  s, ins: []vin{{"a", t, false}}, out: t,
		setup: setup,
		body:  func(in []reg.VecVirtual, out reg.VecVirtual) { body(in[0], out) },
	}
}

// unaryOps are the float ops of unaryKernel.
var unaryOps = []string{"Neg", "Abs", "Sqrt", "Floor", "Ceil", "Round", "Sign", "Rsqrt"}

// fmaForms are the operand patterns of fma: any with at least one vector.
var fmaForms = []string{"VVV", "VVS", "VSV", "SVV", "VSS", "SVS", "SSV"}

// streamed emits k and, for AVX-512, its streaming twin.
func streamed(k vkernel) {
	k.emit()
	if k.isa == avx512 {
		k.stream = true
		k.emit()
	}
}

func vectorKernels() {
	for _, s := range []isa{avx512, avx2} {
		for _, t := range []vtype{tF32, tF64} {
			for _, op := range unaryOps {
				unaryKernel(s, t, op).emit()
			}
			for _, op := range []string{"Max", "Min"} {
				for _, form := range binaryForms {
					streamed(extremeKernel(s, t, op, form))
				}
			}
			for _, form := range fmaForms {
				fmaKernel(s, t, form).emit()
			}
		}
		for _, t := range []vtype{tI32, tI64} {
			for _, op := range []string{"Add", "Sub", "Mul"} {
				if s == avx2 && t.size == 8 && op == "Mul" {
					continue // no 64-bit multiply in AVX2
				}
				for _, form := range binaryForms {
					streamed(arithKernel(s, t, op, form))
				}
			}
		}
	}
	for _, t := range []vtype{tF32, tF64} {
		for _, op := range []string{"Add", "Sub", "Mul", "Div"} {
			for _, form := range binaryForms {
				streamed(arithKernel(avx512, t, op, form))
			}
		}
	}
	for _, s := range []isa{avx512, avx2} {
		for _, t := range []vtype{tF32, tF64, tI32, tI64} {
			for _, op := range []string{"Eq", "Ne", "Lt", "Le", "Gt", "Ge"} {
				for _, form := range []string{"VV", "VS"} {
					compareKernel(s, t, op, form).emit()
				}
			}
			for _, form := range binaryForms {
				selectKernel(s, t, form).emit()
			}
		}
	}
	for _, c := range []struct {
		from, to vtype
		inst     func(...Op)
	}{
		{tF32, tF64, VCVTPS2PD}, {tF64, tF32, VCVTPD2PS},
		{tI32, tF32, VCVTDQ2PS}, {tI64, tF64, VCVTQQ2PD},
		{tI32, tF64, VCVTDQ2PD}, {tI64, tF32, VCVTQQ2PS},
		{tF32, tI32, VCVTTPS2DQ}, {tF64, tI64, VCVTTPD2QQ},
		{tF32, tI64, VCVTTPS2QQ}, {tF64, tI32, VCVTTPD2DQ},
		{tI32, tI64, VPMOVSXDQ}, {tI64, tI32, VPMOVQD},
	} {
		convertKernel(avx512, c.from, c.to, c.inst).emit()
	}
	// AVX2 converts between 32-bit integers and floats (no 64-bit integers).
	for _, c := range []struct {
		from, to vtype
		inst     func(...Op)
	}{
		{tF32, tF64, VCVTPS2PD}, {tF64, tF32, VCVTPD2PSY},
		{tI32, tF32, VCVTDQ2PS}, {tI32, tF64, VCVTDQ2PD},
		{tF32, tI32, VCVTTPS2DQ}, {tF64, tI32, VCVTTPD2DQY},
		{tI32, tI64, VPMOVSXDQ},
	} {
		convertKernel(avx2, c.from, c.to, c.inst).emit()
	}
}
