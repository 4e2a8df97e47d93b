// Command gengemm generates nd's AVX2+FMA matrix-product micro-kernels,
// internal/cpu/gemm_amd64.s and their Go declarations
// internal/cpu/gemm_amd64_stub.go, with avo. Run it through go generate in
// package cpu (see gemm_amd64.go):
//
//	go run . -out ../../gemm_amd64.s -stubs ../../gemm_amd64_stub.go -pkg cpu
//
// It lives in its own module so that nd itself does not depend on avo.
//
// Each kernel computes an MR×NR tile of C from packed panels in the manner
// of BLIS: a holds kc groups of MR values (column p of the MR rows of A),
// b holds kc groups of NR values (row p of NR columns of B). Twelve YMM
// registers accumulate the tile (MR = 6 rows of two vectors), starting
// from zero; for every p, two vectors of b are loaded and each of the six
// values of a is broadcast and multiplied into its row with FMA, so every
// element of C sums its kc products in order p = 0, 1, ... . At the end
// the tile is stored into c with row stride ldc, or added to what c holds
// when acc is set. Every product is computed, zeros included, so NaN and
// Inf propagate as in the textbook loop. The Go caller checks the lengths.
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
	lanes  int
	movu   func(...Op)
	bcast  func(...Op)
	fma    func(...Op)
	add    func(...Op)
}

var f32 = elem{"F32", "float32", 4, 8, VMOVUPS, VBROADCASTSS, VFMADD231PS, VADDPS}
var f64 = elem{"F64", "float64", 8, 4, VMOVUPD, VBROADCASTSD, VFMADD231PD, VADDPD}

// mr is the number of rows of the tile; each row is two vectors wide.
const mr = 6

// unroll is the number of k steps per iteration of the main loop.
const unroll = 4

func kernel(e elem) {
	nr := 2 * e.lanes
	name := fmt.Sprintf("gemm%sKernel%dx%d", e.name, mr, nr)
	TEXT(name, NOSPLIT, fmt.Sprintf("func(kc int, a, b, c []%s, ldc int, acc bool)", e.goType))
	Doc(fmt.Sprintf("%s computes the %d×%d tile a·b from packed panels of depth kc (AVX2+FMA) and stores it into c (row stride ldc), or adds it to c when acc is set.", name, mr, nr))
	Pragma("noescape")

	kc := Load(Param("kc"), GP64())
	pa := Load(Param("a").Base(), GP64())
	pb := Load(Param("b").Base(), GP64())

	// Accumulators: row r is Y(2r), Y(2r+1); B row in Y12, Y13; A broadcast Y14.
	ys := []reg.VecPhysical{reg.Y0, reg.Y1, reg.Y2, reg.Y3, reg.Y4, reg.Y5, reg.Y6, reg.Y7, reg.Y8, reg.Y9, reg.Y10, reg.Y11}
	b0, b1, av := reg.Y12, reg.Y13, reg.Y14
	for _, y := range ys {
		VXORPS(y, y, y)
	}

	step := func(p int) {
		e.movu(Mem{Base: pb, Disp: p * nr * e.size}, b0)
		e.movu(Mem{Base: pb, Disp: p*nr*e.size + 32}, b1)
		for r := range mr {
			e.bcast(Mem{Base: pa, Disp: (p*mr + r) * e.size}, av)
			e.fma(b0, av, ys[2*r])
			e.fma(b1, av, ys[2*r+1])
		}
	}

	Comment("Blocks of unroll steps of k.")
	Label(name + "_loop4")
	CMPQ(kc, Imm(unroll))
	JL(LabelRef(name + "_tail"))
	for p := range unroll {
		step(p)
	}
	ADDQ(U32(unroll*mr*e.size), pa)
	ADDQ(U32(unroll*nr*e.size), pb)
	SUBQ(Imm(unroll), kc)
	JMP(LabelRef(name + "_loop4"))

	Comment("Remaining steps one at a time.")
	Label(name + "_tail")
	TESTQ(kc, kc)
	JZ(LabelRef(name + "_store"))
	step(0)
	ADDQ(U32(mr*e.size), pa)
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
		e.add(Mem{Base: pc}, ys[2*r], ys[2*r])
		e.add(Mem{Base: pc, Disp: 32}, ys[2*r+1], ys[2*r+1])
		e.movu(ys[2*r], Mem{Base: pc})
		e.movu(ys[2*r+1], Mem{Base: pc, Disp: 32})
		if r < mr-1 {
			ADDQ(ldc, pc)
		}
	}
	VZEROUPPER()
	RET()

	Comment("c = tile")
	Label(name + "_set")
	for r := range mr {
		e.movu(ys[2*r], Mem{Base: pc})
		e.movu(ys[2*r+1], Mem{Base: pc, Disp: 32})
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
	kernel(f32)
	kernel(f64)
	Generate()
}
