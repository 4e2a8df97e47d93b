// Command genreduce generates nd's AVX2 and AVX-512 reduction kernels,
// internal/cpu/reduce_amd64.s and its Go declarations
// internal/cpu/reduce_amd64_stub.go, with avo. Run it through go generate
// in package cpu (see reduce_dispatch_amd64.go):
//
//	go run . -out ../../reduce_amd64.s -stubs ../../reduce_amd64_stub.go -pkg cpu
//
// It lives in the generators' module (internal/cpu/asm), so that nd itself
// does not depend on avo.
//
// The row kernels reduce rows of a strided block into a row of
// accumulators: dst[j] = x[j] op x[stride+j] op ... op x[(rows-1)*stride+j],
// one column's operations strictly in order of the rows (so each column
// gets the bits of the scalar Go loop, NaN payloads included). The rows go
// in passes of up to four: a pass loads a vector of accumulators (or of
// the first row), folds in its rows and stores it, so memory sees a few
// long contiguous streams and the accumulators stay in L1. Each fold also
// comes with AVX-512 (one cache line per load: 15% faster streaming for
// the sums; max and min blend a NaN in under a mask register). The
// kernels handle the first len(dst)&^(lanes-1) columns; the Go caller does
// the rest. Sums use VADDPS/VADDPD with the accumulator as first source, as the
// Go compiler orders `d += v`. Max (min) keeps v where v > d (v < d) or v
// is a NaN, as the Go loop rowsMax (rowsMin) does: VMAXPS with v first
// gives v > d ? v : d, and a blend puts a NaN v in.
//
// The arg kernels search a contiguous run (float32, float64, int32, int64)
// for its maximum (minimum): four chains of lanes of running extremes and
// the number of the group of vectors that set each, compared strictly so
// the first of equals stays; the Go caller takes the lowest position among
// the lanes that hold the extreme, and answers NaNs (which the kernels
// report) and short runs with the scalar loop. The arg kernels down the
// columns of a strided block (argRows, AVX2 and AVX-512) go in the row
// folds' passes, with a vector of row numbers beside each vector of
// extremes.
//
// The pairwise-sum leaves (sumLeaves4) add four neighbouring runs into
// eight lanes each, the additions of the Go leaf, and prefetch the memory
// ahead: four short runs side by side are not a stream the hardware
// prefetchers follow.
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
	"github.com/nd-go/nd/internal/cpu/asm/emit"
)

// elem describes one float type and its packed instructions.
type elem struct {
	name   string // "F32"
	goType string
	size   int
	lanes  int // per YMM register
	movu   func(...Op)
	add    func(...Op)
	max    func(...Op)
	min    func(...Op)
	cmp    func(...Op)
	blendv func(mask, src2, src1, dst Op)
	// blendm is the AVX-512 blend: dst = mask ? a : b.
	blendm func(a, b, mask, dst Op)
}

var f32 = elem{name: "F32", goType: "float32", size: 4, lanes: 8,
	movu: VMOVUPS, add: VADDPS, max: VMAXPS, min: VMINPS, cmp: VCMPPS, blendv: VBLENDVPS,
	blendm: func(a, b, k, d Op) { VBLENDMPS(a, b, k, d) }}

var f64 = elem{name: "F64", goType: "float64", size: 8, lanes: 4,
	movu: VMOVUPD, add: VADDPD, max: VMAXPD, min: VMINPD, cmp: VCMPPD, blendv: VBLENDVPD,
	blendm: func(a, b, k, d Op) { VBLENDMPD(a, b, k, d) }}

// colUnroll is the number of vectors of columns per iteration of a pass.
const colUnroll = 4

// passRows are the numbers of rows one pass over the columns may fold,
// largest first. Passes of four streamed a 256 MB column sum faster than
// passes of eight (6.6 against 7.6 ms with AVX-512, 7.9 against 8.3 with
// AVX2, on one core of the AMD EPYC): fewer streams at once.
var passRows = []int{4, 2, 1}

// rowsKernel emits the kernel of op ("Sum", "Max", "Min") over e.
func rowsKernel(e elem, op string, isa string) {
	// vb is the vector's width in bytes: 32 (AVX2, YMM) or 64 (AVX-512, ZMM).
	vb, vec, lanes := 32, func() reg.VecVirtual { return YMM() }, e.lanes
	if isa == "AVX512" {
		vb, vec, lanes = 64, func() reg.VecVirtual { return ZMM() }, 2*e.lanes
	}
	name := fmt.Sprintf("%sRows%s%s", emit.Lower(op), e.name, isa)
	TEXT(name, NOSPLIT, fmt.Sprintf("func(dst, x []%s, rows, stride int, accumulate bool)", e.goType))
	Doc(fmt.Sprintf("%s folds rows (>= 1) rows of x, stride elements apart, into dst[:len(dst)&^%d] in order of the rows, starting from dst if accumulate and from the first row otherwise (%s).", name, lanes-1, isa))
	Pragma("noescape")
	dst := Load(Param("dst").Base(), GP64())
	nv := Load(Param("dst").Len(), GP64())
	shift := map[int]uint64{4: 2, 8: 3, 16: 4}[lanes]
	SHRQ(U8(shift), nv) // whole vectors
	x := Load(Param("x").Base(), GP64())
	rows := Load(Param("rows"), GP64())
	s := Load(Param("stride"), GP64())
	SHLQ(U8(map[int]uint64{4: 2, 8: 3}[e.size]), s) // bytes
	s3 := GP64()
	LEAQ(Mem{Base: s, Index: s, Scale: 2}, s3)
	acc := Load(Param("accumulate"), GP8())
	TESTQ(nv, nv)
	JZ(LabelRef(name + "_ret"))

	// pass emits one pass over all columns folding g rows at x into dst
	// (or, with init, setting dst from the first of them), then advances
	// x by g rows and counts them off rows.
	pass := func(g int, init bool, done string) {
		tag := fmt.Sprintf("%s_g%d_%v", name, g, init)
		d, p, q, c := GP64(), GP64(), GP64(), GP64()
		MOVQ(dst, d)
		MOVQ(x, p)
		LEAQ(Mem{Base: x, Index: s, Scale: 4}, q)
		MOVQ(nv, c)
		row := func(r, disp int) Mem {
			base := p
			if r >= 4 {
				base, r = q, r-4
			}
			switch r {
			case 0:
				return Mem{Base: base, Disp: disp}
			case 1:
				return Mem{Base: base, Index: s, Scale: 1, Disp: disp}
			case 2:
				return Mem{Base: base, Index: s, Scale: 2, Disp: disp}
			}
			return Mem{Base: base, Index: s3, Scale: 1, Disp: disp}
		}
		vecs := func(k int) {
			vs := make([]reg.VecVirtual, k)
			for u := range vs {
				vs[u] = vec()
				first := 0
				if init {
					e.movu(row(0, vb*u), vs[u])
					first = 1
				} else {
					e.movu(Mem{Base: d, Disp: vb * u}, vs[u])
				}
				for r := first; r < g; r++ {
					fold(e, op, row(r, vb*u), vs[u], isa == "AVX512")
				}
			}
			for u := range vs {
				e.movu(vs[u], Mem{Base: d, Disp: vb * u})
			}
			ADDQ(U32(vb*k), d)
			ADDQ(U32(vb*k), p)
			ADDQ(U32(vb*k), q)
		}
		columns(tag, c, colUnroll, vecs)
		for range g {
			ADDQ(s, x)
		}
		SUBQ(U8(g), rows)
		JMP(LabelRef(done))
	}

	TESTB(acc, acc)
	JNZ(LabelRef(name + "_main"))
	// The first pass sets dst from the first row.
	for _, g := range passRows[:len(passRows)-1] {
		CMPQ(rows, U8(g))
		JAE(LabelRef(fmt.Sprintf("%s_init%d", name, g)))
	}
	JMP(LabelRef(name + "_init1"))
	for _, g := range passRows {
		Label(fmt.Sprintf("%s_init%d", name, g))
		pass(g, true, name+"_main")
	}
	Label(name + "_main")
	for _, g := range passRows[:len(passRows)-1] {
		CMPQ(rows, U8(g))
		JAE(LabelRef(fmt.Sprintf("%s_acc%d", name, g)))
	}
	TESTQ(rows, rows)
	JNZ(LabelRef(name + "_acc1"))
	JMP(LabelRef(name + "_ret"))
	for _, g := range passRows {
		Label(fmt.Sprintf("%s_acc%d", name, g))
		pass(g, false, name+"_main")
	}
	Label(name + "_ret")
	VZEROUPPER()
	RET()
}

// columns emits the walk over c vectors of columns in one pass: vecs(k)
// handles k vectors and advances the pointers, unroll at a time, then one
// at a time; the code after it is the pass's end (label tag_next).
func columns(tag string, c reg.GPVirtual, unroll int, vecs func(k int)) {
	Label(tag + "_wide")
	CMPQ(c, U8(unroll))
	JB(LabelRef(tag + "_one"))
	vecs(unroll)
	SUBQ(U8(unroll), c)
	JMP(LabelRef(tag + "_wide"))
	Label(tag + "_one")
	TESTQ(c, c)
	JZ(LabelRef(tag + "_next"))
	vecs(1)
	DECQ(c)
	JMP(LabelRef(tag + "_one"))
	Label(tag + "_next")
}

// fold emits acc = acc op m for one vector, as the Go loops do it (wide:
// in zmm registers, the NaN blend under a mask register).
func fold(e elem, op string, m Mem, acc reg.VecVirtual, wide bool) {
	if op == "Sum" {
		e.add(m, acc, acc) // acc first: vaddps acc, acc, m
		return
	}
	v, t := YMM(), YMM()
	if wide {
		v, t = ZMM(), ZMM()
	}
	e.movu(m, v)
	if op == "Max" {
		e.max(acc, v, t) // v > acc ? v : acc
	} else {
		e.min(acc, v, t) // v < acc ? v : acc
	}
	if wide {
		nan := K()
		e.cmp(U8(3), v, v, nan) // unordered: v is a NaN
		e.blendm(v, t, nan, acc)
		return
	}
	nan := YMM()
	e.cmp(U8(3), v, v, nan)
	e.blendv(nan, v, t, acc)
}

// argKind describes one dtype of the arg kernels: its elements, the
// integer type of its lane indices, and the instructions that compare,
// select and count in lanes of its width.
type argKind struct {
	name, goType, idxType string
	lanes                 int // per YMM register
	float                 bool
	movu                  func(...Op)
	// greater sets dst to a > b per lane (ordered, false for NaNs).
	greater func(a, b, dst Op)
	blendv  func(mask, src2, src1, dst Op)
	sub     func(...Op)
	movmsk  func(xy, r Op)
}

var argKinds = []argKind{
	{name: "F32", goType: "float32", idxType: "int32", lanes: 8, float: true, movu: VMOVUPS,
		greater: func(a, b, dst Op) { VCMPPS(U8(0x1e), b, a, dst) }, blendv: VBLENDVPS, sub: VPSUBD, movmsk: VMOVMSKPS},
	{name: "F64", goType: "float64", idxType: "int64", lanes: 4, float: true, movu: VMOVUPD,
		greater: func(a, b, dst Op) { VCMPPD(U8(0x1e), b, a, dst) }, blendv: VBLENDVPD, sub: VPSUBQ, movmsk: VMOVMSKPD},
	{name: "I32", goType: "int32", idxType: "int32", lanes: 8, movu: func(ops ...Op) { VMOVDQU(ops[0], ops[1]) },
		greater: func(a, b, dst Op) { VPCMPGTD(b, a, dst) }, blendv: VBLENDVPS, sub: VPSUBD},
	{name: "I64", goType: "int64", idxType: "int64", lanes: 4, movu: func(ops ...Op) { VMOVDQU(ops[0], ops[1]) },
		greater: func(a, b, dst Op) { VPCMPGTQ(b, a, dst) }, blendv: VBLENDVPD, sub: VPSUBQ},
}

// argChains is the number of independent vectors of running extremes: a
// compare and a blend wait on the previous ones of their chain.
const argChains = 4

// argKernel emits the arg search over k: chain c, lane j holds the extreme
// of the elements at g*argChains*lanes + c*lanes + j (g the group of
// argChains vectors) and the first group g that reached it.
func argKernel(k argKind, isMax bool) {
	op := "Min"
	if isMax {
		op = "Max"
	}
	w := argChains * k.lanes
	name := fmt.Sprintf("arg%s%sAVX2", op, k.name)
	TEXT(name, NOSPLIT, fmt.Sprintf("func(x []%s, best *[%d]%s, group *[%d]%s) bool", k.goType, w, k.goType, w, k.idxType))
	Doc(fmt.Sprintf("%s sets best[c*%d+j] to the %s of x[g*%d+c*%d+j] over whole groups g of %d (len(x) >= %d) and group[c*%d+j] to the first g that has it, and reports whether one was a NaN (AVX2).",
		name, k.lanes, emit.Lower(op)+"imum", w, k.lanes, w, w, k.lanes))
	Pragma("noescape")
	x := Load(Param("x").Base(), GP64())
	n := Load(Param("x").Len(), GP64())
	shift := map[int]uint64{16: 4, 32: 5}[w]
	SHRQ(U8(shift), n)
	iter, minusOne, nan := YMM(), YMM(), YMM()
	VPXOR(iter, iter, iter)
	VPCMPEQD(minusOne, minusOne, minusOne)
	VPXOR(nan, nan, nan)
	// orNaN folds whether v has NaNs into nan.
	orNaN := func(v reg.VecVirtual) {
		if !k.float {
			return
		}
		u := YMM()
		if k.lanes == 8 {
			VCMPPS(U8(3), v, v, u)
		} else {
			VCMPPD(U8(3), v, v, u)
		}
		VORPS(u, nan, nan)
	}
	var m, at [argChains]reg.VecVirtual
	for c := range m {
		m[c], at[c] = YMM(), YMM()
		k.movu(Mem{Base: x, Disp: 32 * c}, m[c])
		VPXOR(at[c], at[c], at[c])
		orNaN(m[c])
	}
	ADDQ(U32(32*argChains), x)
	DECQ(n)
	Label(name + "_loop")
	TESTQ(n, n)
	JZ(LabelRef(name + "_done"))
	k.sub(minusOne, iter, iter) // iter++
	for c := range m {
		v, mask := YMM(), YMM()
		k.movu(Mem{Base: x, Disp: 32 * c}, v)
		if isMax {
			k.greater(v, m[c], mask)
		} else {
			k.greater(m[c], v, mask)
		}
		k.blendv(mask, v, m[c], m[c])
		k.blendv(mask, iter, at[c], at[c])
		orNaN(v)
	}
	ADDQ(U32(32*argChains), x)
	DECQ(n)
	JMP(LabelRef(name + "_loop"))
	Label(name + "_done")
	best := Load(Param("best"), GP64())
	group := Load(Param("group"), GP64())
	for c := range m {
		k.movu(m[c], Mem{Base: best, Disp: 32 * c})
		VMOVDQU(at[c], Mem{Base: group, Disp: 32 * c})
	}
	ret := GP8()
	if !k.float {
		XORB(ret, ret)
	} else {
		mask := GP32()
		k.movmsk(nan, mask)
		TESTL(mask, mask)
		SETNE(ret)
	}
	Store(ret, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

// sumLeavesPrefetch is how far past the first run's position the pairwise
// sum leaf asks for cache lines (bytes): the four runs of one call are
// neighbours in memory (about 2 KiB together), so this reaches the leaves
// of the calls after the next few. Streaming 256 MB on one core, 4 to 16
// KiB ahead all ran 35-39 GB/s, against 15 without the hints.
const sumLeavesPrefetch = 8192

// sumLeaves4 emits the float32 pairwise-sum leaf over four neighbouring
// runs at once (acc[r][j] += xr[8k+j] for k < len(x0)/8, the additions of
// the Go leaf), asking ahead for the lines that follow: the four runs are
// short streams that the hardware prefetchers do not pick up, so without
// the hints the leaf streams memory at half the speed of a plain loop.
func sumLeaves4(e elem) {
	name := "sumLeaves4" + e.name + "AVX2"
	TEXT(name, NOSPLIT, fmt.Sprintf("func(acc *[4][8]%s, x0, x1, x2, x3 []%s)", e.goType, e.goType))
	Doc(name + " adds xr[8k+j] to acc[r][j] for k < len(x0)/8 and r < 4, in order of k, prefetching the memory past x0 (AVX2); x1, x2, x3 are at least as long as x0.")
	Pragma("noescape")
	acc := Load(Param("acc"), GP64())
	var xs [4]reg.Register
	for r := range xs {
		xs[r] = Load(Param(fmt.Sprintf("x%d", r)).Base(), GP64())
	}
	vpr := 8 / e.lanes // vectors per run and iteration: eight lanes
	n := Load(Param("x0").Len(), GP64())
	ANDQ(I32(-8), n)
	SHLQ(U8(map[int]uint64{4: 2, 8: 3}[e.size]), n) // bytes
	i := GP64()
	XORQ(i, i)
	s := make([]reg.VecVirtual, 4*vpr)
	for k := range s {
		s[k] = YMM()
		e.movu(Mem{Base: acc, Disp: 32 * k}, s[k])
	}
	pf := GP64()
	MOVQ(xs[0], pf)
	Label(name + "_loop")
	CMPQ(i, n)
	JAE(LabelRef(name + "_done"))
	// The four runs take 4*32*vpr bytes per iteration together: ask for
	// as many, a fixed distance past the first run.
	for l := 0; l < 4*32*vpr; l += 64 {
		PREFETCHT0(Mem{Base: pf, Disp: sumLeavesPrefetch + l})
	}
	ADDQ(U32(4*32*vpr), pf)
	for r := range xs {
		for u := range vpr {
			e.add(Mem{Base: xs[r], Index: i, Scale: 1, Disp: 32 * u}, s[r*vpr+u], s[r*vpr+u])
		}
	}
	ADDQ(U32(32*vpr), i)
	JMP(LabelRef(name + "_loop"))
	Label(name + "_done")
	for k := range s {
		e.movu(s[k], Mem{Base: acc, Disp: 32 * k})
	}
	VZEROUPPER()
	RET()
}

// argKernel512 emits the AVX-512 arg search over a float kind: argKernel's
// lanes, twice as wide, with the compares in mask registers and masked
// blends (three instructions a vector where AVX2 takes five).
func argKernel512(k argKind, isMax bool) {
	op := "Min"
	if isMax {
		op = "Max"
	}
	lanes := 2 * k.lanes
	w := argChains * lanes
	name := fmt.Sprintf("arg%s%sAVX512", op, k.name)
	TEXT(name, NOSPLIT, fmt.Sprintf("func(x []%s, best *[%d]%s, group *[%d]%s) bool", k.goType, w, k.goType, w, k.idxType))
	Doc(fmt.Sprintf("%s sets best[c*%d+j] to the %s of x[g*%d+c*%d+j] over whole groups g of %d (len(x) >= %d) and group[c*%d+j] to the first g that has it, and reports whether one was a NaN (AVX-512).",
		name, lanes, emit.Lower(op)+"imum", w, lanes, w, w, lanes))
	Pragma("noescape")
	f32 := k.lanes == 8
	cmp, blend, iblend, sub := VCMPPD, VBLENDMPD, VPBLENDMQ, VPSUBQ
	if f32 {
		cmp, blend, iblend, sub = VCMPPS, VBLENDMPS, VPBLENDMD, VPSUBD
	}
	x := Load(Param("x").Base(), GP64())
	n := Load(Param("x").Len(), GP64())
	SHRQ(U8(map[int]uint64{32: 5, 64: 6}[w]), n)
	iter, minusOne := ZMM(), ZMM()
	VPXORD(iter, iter, iter)
	VPTERNLOGD(U8(0xff), minusOne, minusOne, minusOne)
	nan := K()
	KXORW(nan, nan, nan)
	orNaN := func(v reg.VecVirtual) {
		u := K()
		cmp(U8(3), v, v, u)
		KORW(u, nan, nan)
	}
	var m, at [argChains]reg.VecVirtual
	for c := range m {
		m[c], at[c] = ZMM(), ZMM()
		k.movu(Mem{Base: x, Disp: 64 * c}, m[c])
		VPXORD(at[c], at[c], at[c])
		orNaN(m[c])
	}
	ADDQ(U32(64*argChains), x)
	DECQ(n)
	Label(name + "_loop")
	TESTQ(n, n)
	JZ(LabelRef(name + "_done"))
	sub(minusOne, iter, iter) // iter++
	for c := range m {
		v, mask := ZMM(), K()
		k.movu(Mem{Base: x, Disp: 64 * c}, v)
		if isMax {
			cmp(U8(0x1e), m[c], v, mask) // v > m
		} else {
			cmp(U8(0x11), m[c], v, mask) // v < m
		}
		blend(v, m[c], mask, m[c])
		iblend(iter, at[c], mask, at[c])
		orNaN(v)
	}
	ADDQ(U32(64*argChains), x)
	DECQ(n)
	JMP(LabelRef(name + "_loop"))
	Label(name + "_done")
	best := Load(Param("best"), GP64())
	group := Load(Param("group"), GP64())
	for c := range m {
		k.movu(m[c], Mem{Base: best, Disp: 64 * c})
		VMOVDQU64(at[c], Mem{Base: group, Disp: 64 * c})
	}
	mask := GP32()
	KMOVW(nan, mask)
	ret := GP8()
	TESTL(mask, mask)
	SETNE(ret)
	Store(ret, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

// argRowsKernel emits the arg search down the columns of a strided block
// of a float kind: for each column j < len(best)&^(lanes-1), best[j] and
// idx[j] get the extreme of x[i*stride+j] over the rows i and the first i
// that has it, the first NaN winning over everything, as the Go loop
// argRows does. The rows go in passes of up to four, like the row folds:
// a pass loads a vector of extremes and of indices, folds in its rows and
// stores them back. A row's element v replaces the extreme b where b is
// not a NaN and !(v <= b) (max) or !(v >= b) (min): v beyond b, or v a
// NaN.
func argRowsKernel(k argKind, isMax bool, isa string) {
	op, pred := "Min", uint8(0x19) // NGE_UQ: !(v >= b)
	if isMax {
		op, pred = "Max", 0x16 // NLE_UQ: !(v <= b)
	}
	wide := isa == "AVX512"
	f32 := k.lanes == 8
	vb, lanes, unroll := 32, k.lanes, 2
	vec := func() reg.VecVirtual { return YMM() }
	if wide {
		vb, lanes, unroll = 64, 2*k.lanes, 4
		vec = func() reg.VecVirtual { return ZMM() }
	}
	name := fmt.Sprintf("argRows%s%s%s", op, k.name, isa)
	TEXT(name, NOSPLIT, fmt.Sprintf("func(idx []%s, best, x []%s, rows, stride int)", k.idxType, k.goType))
	Doc(fmt.Sprintf("%s sets best[j] and idx[j], for j < len(best)&^%d, to the %s of x[i*stride+j] over i < rows (>= 1) and the first i that has it, a NaN winning over everything (%s).",
		name, lanes-1, emit.Lower(op)+"imum", isa))
	Pragma("noescape")
	best := Load(Param("best").Base(), GP64())
	nv := Load(Param("best").Len(), GP64())
	SHRQ(U8(map[int]uint64{4: 2, 8: 3, 16: 4}[lanes]), nv)
	idx := Load(Param("idx").Base(), GP64())
	x := Load(Param("x").Base(), GP64())
	rows := Load(Param("rows"), GP64())
	s := Load(Param("stride"), GP64())
	SHLQ(U8(map[bool]uint64{true: 2, false: 3}[f32]), s) // bytes
	s3 := GP64()
	LEAQ(Mem{Base: s, Index: s, Scale: 2}, s3)
	TESTQ(nv, nv)
	JZ(LabelRef(name + "_ret"))

	// The first row sets the extremes; the indices start at 0.
	{
		d, p, q, c := GP64(), GP64(), GP64(), GP64()
		MOVQ(best, d)
		MOVQ(x, p)
		MOVQ(idx, q)
		MOVQ(nv, c)
		zero := vec()
		VPXOR(zero.AsY(), zero.AsY(), zero.AsY())
		Label(name + "_init")
		v := vec()
		k.movu(Mem{Base: p}, v)
		k.movu(v, Mem{Base: d})
		if wide {
			VMOVDQU64(zero, Mem{Base: q})
		} else {
			VMOVDQU(zero, Mem{Base: q})
		}
		ADDQ(U32(vb), d)
		ADDQ(U32(vb), p)
		ADDQ(U32(vb), q)
		DECQ(c)
		JNZ(LabelRef(name + "_init"))
	}
	ADDQ(s, x)
	DECQ(rows)
	i0 := GP64() // the number of the row at x
	MOVQ(U32(1), i0)

	// pass emits one pass over all columns folding g rows at x, then
	// advances x and i0 by g rows and counts them off rows.
	pass := func(g int) {
		tag := fmt.Sprintf("%s_g%d", name, g)
		// iv[r] holds i0 + r in every index lane.
		iv := make([]reg.VecVirtual, g)
		for r := range iv {
			t := GP64()
			LEAQ(Mem{Base: i0, Disp: r}, t)
			iv[r] = vec()
			switch {
			case wide && f32:
				VPBROADCASTD(t.As32(), iv[r])
			case wide:
				VPBROADCASTQ(t, iv[r])
			case f32:
				xm := XMM()
				VMOVD(t.As32(), xm)
				VPBROADCASTD(xm, iv[r])
			default:
				xm := XMM()
				VMOVQ(t, xm)
				VPBROADCASTQ(xm, iv[r])
			}
		}
		d, p, q, c := GP64(), GP64(), GP64(), GP64()
		MOVQ(best, d)
		MOVQ(x, p)
		MOVQ(idx, q)
		MOVQ(nv, c)
		row := func(r, disp int) Mem {
			switch r {
			case 0:
				return Mem{Base: p, Disp: disp}
			case 1:
				return Mem{Base: p, Index: s, Scale: 1, Disp: disp}
			case 2:
				return Mem{Base: p, Index: s, Scale: 2, Disp: disp}
			}
			return Mem{Base: p, Index: s3, Scale: 1, Disp: disp}
		}
		vecs := func(n int) {
			for u := range n {
				b, at := vec(), vec()
				k.movu(Mem{Base: d, Disp: vb * u}, b)
				if wide {
					VMOVDQU64(Mem{Base: q, Disp: vb * u}, at)
				} else {
					VMOVDQU(Mem{Base: q, Disp: vb * u}, at)
				}
				for r := range g {
					v := vec()
					k.movu(row(r, vb*u), v)
					if wide {
						ord, m := K(), K()
						cmp, blend, iblend := VCMPPD, VBLENDMPD, VPBLENDMQ
						if f32 {
							cmp, blend, iblend = VCMPPS, VBLENDMPS, VPBLENDMD
						}
						cmp(U8(7), b, b, ord)       // b is not a NaN
						cmp(U8(pred), b, v, ord, m) // and v beyond b or a NaN
						blend(v, b, m, b)
						iblend(iv[r], at, m, at)
						continue
					}
					m, ord := YMM(), YMM()
					cmp := VCMPPD
					if f32 {
						cmp = VCMPPS
					}
					cmp(U8(pred), b, v, m)
					cmp(U8(7), b, b, ord)
					VANDPS(ord, m, m)
					k.blendv(m, v, b, b)
					k.blendv(m, iv[r], at, at)
				}
				k.movu(b, Mem{Base: d, Disp: vb * u})
				if wide {
					VMOVDQU64(at, Mem{Base: q, Disp: vb * u})
				} else {
					VMOVDQU(at, Mem{Base: q, Disp: vb * u})
				}
			}
			ADDQ(U32(vb*n), d)
			ADDQ(U32(vb*n), p)
			ADDQ(U32(vb*n), q)
		}
		columns(tag, c, unroll, vecs)
		for range g {
			ADDQ(s, x)
		}
		ADDQ(U8(g), i0)
		SUBQ(U8(g), rows)
		JMP(LabelRef(name + "_main"))
	}
	Label(name + "_main")
	for _, g := range passRows[:len(passRows)-1] {
		CMPQ(rows, U8(g))
		JAE(LabelRef(fmt.Sprintf("%s_pass%d", name, g)))
	}
	TESTQ(rows, rows)
	JNZ(LabelRef(name + "_pass1"))
	JMP(LabelRef(name + "_ret"))
	for _, g := range passRows {
		Label(fmt.Sprintf("%s_pass%d", name, g))
		pass(g)
	}
	Label(name + "_ret")
	VZEROUPPER()
	RET()
}

func main() {
	ConstraintExpr("amd64,!noasm")
	for _, e := range []elem{f32, f64} {
		for _, op := range []string{"Sum", "Max", "Min"} {
			rowsKernel(e, op, "AVX2")
		}
		for _, op := range []string{"Sum", "Max", "Min"} {
			rowsKernel(e, op, "AVX512")
		}
	}
	sumLeaves4(f32)
	sumLeaves4(f64)
	for _, k := range argKinds {
		argKernel(k, true)
		argKernel(k, false)
		if k.float {
			argKernel512(k, true)
			argKernel512(k, false)
			for _, isa := range []string{"AVX2", "AVX512"} {
				argRowsKernel(k, true, isa)
				argRowsKernel(k, false, isa)
			}
		}
	}
	Generate()
}
