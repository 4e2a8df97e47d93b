// Command gengemm generates nd's matrix-product micro-kernels (AVX2+FMA and
// AVX-512F), internal/cpu/gemm_amd64.s and their Go declarations
// internal/cpu/gemm_amd64_stub.go, with avo. Run it through go generate in
// package cpu (see gemm_amd64.go):
//
//	go run . -out ../../gemm_amd64.s -stubs ../../gemm_amd64_stub.go -pkg cpu
//
// It lives in the generators' module (internal/cpu/asm), so that nd itself
// does not depend on avo.
//
// Each kernel computes an MR×NR tile of C from packed panels in the manner
// of BLIS: a holds kc groups of MR values (column p of the MR rows of A),
// b holds kc groups of NR values (row p of NR columns of B). MR rows of NR
// lanes of accumulators (YMM or ZMM registers) hold the tile, starting
// from zero; for every p, the vectors of b are loaded and each of the MR
// values of a is broadcast and multiplied into its row with FMA, so every
// element of C sums its kc products in order p = 0, 1, ... (the same
// order in every kernel, so two with the same depth blocks agree bit for
// bit). The kernel first prefetches its tile of c, which it touches only
// at the end: there it stores the tile into c with row stride ldc, or adds
// it to what c holds when acc is set. Every product is computed, zeros
// included, so NaN and Inf propagate as in the textbook loop. The Go
// caller checks the lengths.
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// elem describes one float type.
type elem struct {
	name   string // "F32"
	goType string
	size   int
	movu   func(...Op)
	bcast  func(...Op)
	fma    func(...Op)
	add    func(...Op)
}

var f32 = elem{"F32", "float32", 4, VMOVUPS, VBROADCASTSS, VFMADD231PS, VADDPS}
var f64 = elem{"F64", "float64", 8, VMOVUPD, VBROADCASTSD, VFMADD231PD, VADDPD}

// isa describes one vector instruction set: its vector width in bytes and
// its registers.
type isa struct {
	name  string // for the doc comment
	width int
	regs  []reg.VecPhysical
}

var avx2 = isa{"AVX2+FMA", 32, []reg.VecPhysical{
	reg.Y0, reg.Y1, reg.Y2, reg.Y3, reg.Y4, reg.Y5, reg.Y6, reg.Y7,
	reg.Y8, reg.Y9, reg.Y10, reg.Y11, reg.Y12, reg.Y13, reg.Y14, reg.Y15,
}}

var avx512 = isa{"AVX-512F", 64, []reg.VecPhysical{
	reg.Z0, reg.Z1, reg.Z2, reg.Z3, reg.Z4, reg.Z5, reg.Z6, reg.Z7,
	reg.Z8, reg.Z9, reg.Z10, reg.Z11, reg.Z12, reg.Z13, reg.Z14, reg.Z15,
	reg.Z16, reg.Z17, reg.Z18, reg.Z19, reg.Z20, reg.Z21, reg.Z22, reg.Z23,
	reg.Z24, reg.Z25, reg.Z26, reg.Z27, reg.Z28, reg.Z29, reg.Z30, reg.Z31,
}}

// unroll is the number of k steps per iteration of the main loop.
const unroll = 4

// kernel generates the mr×(nv vectors) micro-kernel of e for the vector
// set v. Registers: mr·nv accumulators (row r is nv consecutive ones),
// then nv for the row of b, then the rest take turns holding broadcasts
// of a so that consecutive rows do not wait on one register.
//
// With rowA, a is not packed but mr rows of a row-major matrix, lda
// elements apart: a product with few columns reuses each row of A too
// little to pay for packing it.
func kernel(e elem, v isa, mr, nv int, rowA bool) {
	lanes := v.width / e.size
	nr := nv * lanes
	name := fmt.Sprintf("gemm%sKernel%dx%d", e.name, mr, nr)
	if v.width == 64 {
		name += "Z"
	}
	if rowA {
		name += "RowA"
		TEXT(name, NOSPLIT, fmt.Sprintf("func(kc int, a []%s, lda int, b, c []%s, ldc int, acc bool)", e.goType, e.goType))
		Doc(fmt.Sprintf("%s computes the %d×%d tile a·b from %d rows of a (row stride lda) and a packed panel of b of depth kc (%s) and stores it into c (row stride ldc), or adds it to c when acc is set.", name, mr, nr, mr, v.name))
	} else {
		TEXT(name, NOSPLIT, fmt.Sprintf("func(kc int, a, b, c []%s, ldc int, acc bool)", e.goType))
		Doc(fmt.Sprintf("%s computes the %d×%d tile a·b from packed panels of depth kc (%s) and stores it into c (row stride ldc), or adds it to c when acc is set.", name, mr, nr, v.name))
	}
	Pragma("noescape")

	accs := v.regs[:mr*nv]
	bs := v.regs[mr*nv : mr*nv+nv]
	avs := v.regs[mr*nv+nv:]
	if len(avs) == 0 {
		panic("no register left for a")
	}

	kc := Load(Param("kc"), GP64())
	pa := Load(Param("a").Base(), GP64())
	// aAt addresses a's value for row r at step p (from the current
	// position): packed, a[p*mr+r]; rowA, row r of groups of four rows,
	// each group from its own pointer and the row within it through lda.
	aAt := func(r, p int) Mem {
		return Mem{Base: pa, Disp: (p*mr + r) * e.size}
	}
	var rowPtrs []reg.Register
	if rowA {
		lda := Load(Param("lda"), GP64())
		SHLQ(Imm(uint64(log2(e.size))), lda)
		lda3 := GP64()
		LEAQ(Mem{Base: lda, Index: lda, Scale: 2}, lda3)
		rowPtrs = []reg.Register{pa}
		for g := 4; g < mr; g += 4 {
			ptr := GP64()
			LEAQ(Mem{Base: rowPtrs[len(rowPtrs)-1], Index: lda, Scale: 4}, ptr)
			rowPtrs = append(rowPtrs, ptr)
		}
		aAt = func(r, p int) Mem {
			m := Mem{Base: rowPtrs[r/4], Disp: p * e.size}
			switch r % 4 {
			case 1:
				m.Index, m.Scale = lda, 1
			case 2:
				m.Index, m.Scale = lda, 2
			case 3:
				m.Index, m.Scale = lda3, 1
			}
			return m
		}
	}
	// advanceA moves a on by steps steps of k.
	advanceA := func(steps int) {
		if !rowA {
			ADDQ(U32(steps*mr*e.size), pa)
			return
		}
		for _, ptr := range rowPtrs {
			ADDQ(U32(steps*e.size), ptr)
		}
	}
	pb := Load(Param("b").Base(), GP64())
	// Fetch the tile of c into L1 now: the kernel reads (acc) or writes it
	// only at the end, where a row per cache miss would stall the core.
	{
		pc := Load(Param("c").Base(), GP64())
		ldc := Load(Param("ldc"), GP64())
		SHLQ(Imm(uint64(log2(e.size))), ldc)
		for r := range mr {
			for off := 0; off < nr*e.size; off += 64 {
				PREFETCHT0(Mem{Base: pc, Disp: off})
			}
			PREFETCHT0(Mem{Base: pc, Disp: nr*e.size - 1})
			if r < mr-1 {
				ADDQ(ldc, pc)
			}
		}
	}
	for _, y := range accs {
		VXORPS(y, y, y)
	}

	turn := 0
	step := func(p int) {
		for j := range nv {
			e.movu(Mem{Base: pb, Disp: p*nr*e.size + j*v.width}, bs[j])
		}
		for r := range mr {
			av := avs[turn%len(avs)]
			turn++
			e.bcast(aAt(r, p), av)
			for j := range nv {
				e.fma(bs[j], av, accs[r*nv+j])
			}
		}
	}

	Comment("Blocks of unroll steps of k.")
	Label(name + "_loop4")
	CMPQ(kc, Imm(unroll))
	JL(LabelRef(name + "_tail"))
	for p := range unroll {
		step(p)
	}
	advanceA(unroll)
	ADDQ(U32(unroll*nr*e.size), pb)
	SUBQ(Imm(unroll), kc)
	JMP(LabelRef(name + "_loop4"))

	Comment("Remaining steps one at a time.")
	Label(name + "_tail")
	TESTQ(kc, kc)
	JZ(LabelRef(name + "_store"))
	step(0)
	advanceA(1)
	ADDQ(U32(nr*e.size), pb)
	DECQ(kc)
	JMP(LabelRef(name + "_tail"))

	Label(name + "_store")
	pc := Load(Param("c").Base(), GP64())
	ldc := Load(Param("ldc"), GP64())
	SHLQ(Imm(uint64(log2(e.size))), ldc)
	acc := Load(Param("acc"), GP8())
	TESTB(acc, acc)
	JZ(LabelRef(name + "_set"))
	Comment("c += tile")
	for r := range mr {
		for j := range nv {
			e.add(Mem{Base: pc, Disp: j * v.width}, accs[r*nv+j], accs[r*nv+j])
			e.movu(accs[r*nv+j], Mem{Base: pc, Disp: j * v.width})
		}
		if r < mr-1 {
			ADDQ(ldc, pc)
		}
	}
	VZEROUPPER()
	RET()

	Comment("c = tile")
	Label(name + "_set")
	for r := range mr {
		for j := range nv {
			e.movu(accs[r*nv+j], Mem{Base: pc, Disp: j * v.width})
		}
		if r < mr-1 {
			ADDQ(ldc, pc)
		}
	}
	VZEROUPPER()
	RET()
}

func log2(n int) int {
	l := 0
	for n > 1 {
		n >>= 1
		l++
	}
	return l
}

func main() {
	ConstraintExpr("amd64,!noasm")
	kernel(f32, avx2, 6, 2, false)
	kernel(f64, avx2, 6, 2, false)
	// Tiles chosen by measurement on an AMD EPYC (Zen 5) core, 2048³
	// float32 and 1024³ float64 products: 12×32 and 14×32 float32 ran
	// alike (8×48 and 6×64 no better), and 12 rows fit the transposed
	// skinny products (Cᵀ of 10 columns) with little padding.
	kernel(f32, avx512, 12, 2, false)
	kernel(f64, avx512, 6, 4, false)
	// Products with at most 16 (8) columns and a row-major A.
	kernel(f32, avx512, 12, 1, true)
	kernel(f64, avx512, 12, 1, true)
	Generate()
}
