package emit

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// ISA is an instruction set a kernel is written for. The generators write
// each kernel once over the functions of this file and emit it once per
// ISA; the two forms run the same arithmetic, so they give the same bits.
type ISA int

const (
	// AVX2 kernels (with FMA) work on 32-byte ymm vectors and keep lane
	// masks in vector registers.
	AVX2 ISA = iota
	// AVX512 kernels (F and DQ) work on 64-byte zmm vectors, 32 of them,
	// and keep lane masks in k registers.
	AVX512
)

// String returns the name of isa, which ends the names of its kernels.
func (isa ISA) String() string {
	if isa == AVX512 {
		return "AVX512"
	}
	return "AVX2"
}

// Bytes returns the size of a vector of isa.
func (isa ISA) Bytes() int {
	if isa == AVX512 {
		return 64
	}
	return 32
}

// cur is the ISA of the kernel being emitted.
var cur = AVX2

// Use makes isa the instruction set of the kernels emitted from now on.
func Use(isa ISA) { cur = isa }

// Cur returns the instruction set of the kernel being emitted.
func Cur() ISA { return cur }

// V returns a fresh vector register of the current width.
func V() reg.VecVirtual {
	if cur == AVX512 {
		return ZMM()
	}
	return YMM()
}

// H returns a fresh vector register of half the current width.
func H() reg.VecVirtual {
	if cur == AVX512 {
		return YMM()
	}
	return XMM()
}

// Half returns the lower half of the vector register v.
func Half(v reg.VecVirtual) reg.VecVirtual {
	if cur == AVX512 {
		return v.AsY().(reg.VecVirtual)
	}
	return v.AsX().(reg.VecVirtual)
}

// And32 sets dst = a & b in 32-bit lanes (a may be a memory operand). Like
// the other bitwise operations below, it takes the integer instruction
// for AVX-512, which needs only F, and the floating-point one for AVX2.
func And32(a Op, b, dst reg.VecVirtual) { bitwise(VPANDD, VANDPS, a, b, dst) }

// Or32 sets dst = a | b in 32-bit lanes.
func Or32(a Op, b, dst reg.VecVirtual) { bitwise(VPORD, VORPS, a, b, dst) }

// Xor32 sets dst = a ^ b in 32-bit lanes.
func Xor32(a Op, b, dst reg.VecVirtual) { bitwise(VPXORD, VXORPS, a, b, dst) }

// And64 sets dst = a & b in 64-bit lanes.
func And64(a Op, b, dst reg.VecVirtual) { bitwise(VPANDQ, VANDPD, a, b, dst) }

// Or64 sets dst = a | b in 64-bit lanes.
func Or64(a Op, b, dst reg.VecVirtual) { bitwise(VPORQ, VORPD, a, b, dst) }

// Xor64 sets dst = a ^ b in 64-bit lanes.
func Xor64(a Op, b, dst reg.VecVirtual) { bitwise(VPXORQ, VXORPD, a, b, dst) }

// bitwise emits ins512 or ins2, by the current ISA.
func bitwise(ins512, ins2 func(...Op), a Op, b, dst reg.VecVirtual) {
	if cur == AVX512 {
		ins512(a, b, dst)
	} else {
		ins2(a, b, dst)
	}
}

// Comparison predicates of VCMPPS and VCMPPD: ordered ones are false for
// NaN, unordered (U) ones true.
const (
	CmpEQOQ  = 0x00
	CmpUNORD = 0x03
	CmpNLEUQ = 0x06 // not less or equal, or unordered
	CmpLTOQ  = 0x11
	CmpNLTUQ = 0x15 // not less than, or unordered
	CmpGEOQ  = 0x1d
	CmpGTOQ  = 0x1e
)

// Mask is a lane mask: a vector register of all-ones and all-zeros lanes
// (AVX2) or a k register (AVX-512).
type Mask = reg.Register

// newMask returns a fresh mask register.
func newMask() Mask {
	if cur == AVX512 {
		return K()
	}
	return YMM()
}

// CmpPS returns the mask of the float32 lanes where pred(a, b) holds (b
// may be a memory operand).
func CmpPS(pred uint8, b Op, a reg.VecVirtual) Mask {
	m := newMask()
	VCMPPS(U8(pred), b, a, m)
	return m
}

// CmpPD returns the mask of the float64 lanes where pred(a, b) holds.
func CmpPD(pred uint8, b Op, a reg.VecVirtual) Mask {
	m := newMask()
	VCMPPD(U8(pred), b, a, m)
	return m
}

// BlendPS sets the float32 lanes of dst to t where m is set and to f
// elsewhere (t may be a memory operand).
func BlendPS(m Mask, t Op, f, dst reg.VecVirtual) {
	if cur == AVX512 {
		VBLENDMPS(t, f, m, dst)
	} else {
		VBLENDVPS(m, t, f, dst)
	}
}

// BlendPD sets the float64 lanes of dst to t where m is set and to f
// elsewhere.
func BlendPD(m Mask, t Op, f, dst reg.VecVirtual) {
	if cur == AVX512 {
		VBLENDMPD(t, f, m, dst)
	} else {
		VBLENDVPD(m, t, f, dst)
	}
}

// BlendSignPS sets the float32 lanes of dst to t where x has its sign bit
// set and to f elsewhere (AVX2 blends by x itself, AVX-512 by a k mask of
// its sign bits).
func BlendSignPS(x, t, f, dst reg.VecVirtual) {
	if cur == AVX512 {
		k := K()
		VPMOVD2M(x, k)
		VBLENDMPS(t, f, k, dst)
		return
	}
	VBLENDVPS(x, t, f, dst)
}

// BlendSignPD sets the float64 lanes of dst to t where x has its sign bit
// set and to f elsewhere.
func BlendSignPD(x, t, f, dst reg.VecVirtual) {
	if cur == AVX512 {
		k := K()
		VPMOVQ2M(x, k)
		VBLENDMPD(t, f, k, dst)
		return
	}
	VBLENDVPD(x, t, f, dst)
}

// MaskedPS sets the float32 lanes of dst to c where m is set and to +0
// elsewhere (c may be a memory operand).
func MaskedPS(m Mask, c Op, dst reg.VecVirtual) {
	if cur == AVX512 {
		VMOVUPS_Z(c, m, dst)
	} else {
		VANDPS(c, m, dst)
	}
}

// MaskedPD sets the float64 lanes of dst to c where m is set and to +0
// elsewhere.
func MaskedPD(m Mask, c Op, dst reg.VecVirtual) {
	if cur == AVX512 {
		VMOVUPD_Z(c, m, dst)
	} else {
		VANDPD(c, m, dst)
	}
}

// AndMasksPS sets the mask a to a & b, for masks from CmpPS. (The PS and
// PD forms differ only in the AVX2 instruction.)
func AndMasksPS(b, a Mask) { maskLogic(KANDW, VANDPS, b, a) }

// OrMasksPS sets the mask a to a | b, for masks from CmpPS.
func OrMasksPS(b, a Mask) { maskLogic(KORW, VORPS, b, a) }

// AndMasksPD sets the mask a to a & b, for masks from CmpPD.
func AndMasksPD(b, a Mask) { maskLogic(KANDW, VANDPD, b, a) }

// OrMasksPD sets the mask a to a | b, for masks from CmpPD.
func OrMasksPD(b, a Mask) { maskLogic(KORW, VORPD, b, a) }

// maskLogic emits kins (AVX-512) or vins (AVX2) to set a to a op b.
func maskLogic(kins func(k, k1, k2 Op), vins func(...Op), b, a Mask) {
	if cur == AVX512 {
		kins(b, a, a)
	} else {
		vins(b, a, a)
	}
}

// Rounding modes of RoundPS and RoundPD (VROUND's and VRNDSCALE's
// immediate), to combine with |.
const (
	RoundNearest = 0x00 // to the nearest integer, ties to even
	RoundDown    = 0x01
	RoundQuiet   = 0x08 // raise no precision exception
)

// RoundPS sets dst to the float32 lanes of x rounded to integers by mode.
func RoundPS(mode uint8, x, dst reg.VecVirtual) {
	if cur == AVX512 {
		VRNDSCALEPS(U8(mode), x, dst)
	} else {
		VROUNDPS(U8(mode), x, dst)
	}
}

// RoundPD sets dst to the float64 lanes of x rounded to integers by mode.
func RoundPD(mode uint8, x, dst reg.VecVirtual) {
	if cur == AVX512 {
		VRNDSCALEPD(U8(mode), x, dst)
	} else {
		VROUNDPD(U8(mode), x, dst)
	}
}

// LowLanes returns a k mask of the lowest n lanes, n below 16 (the lanes
// an AVX-512 kernel's tail has left); it uses CX for the shift.
func LowLanes(n reg.GPVirtual) Mask {
	MOVQ(n, reg.RCX)
	m := GP32()
	MOVL(U32(1), m)
	SHLL(reg.CL, m)
	DECL(m)
	k := K()
	KMOVW(m, k)
	return k
}
