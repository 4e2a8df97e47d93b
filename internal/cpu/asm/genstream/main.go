// Command genstream generates nd's block-moving kernels for the fused
// executor, internal/cpu/stream_amd64.s and its Go declarations
// internal/cpu/stream_amd64_stub.go, with avo. Run it through go generate
// in package cpu (see stream_amd64.go):
//
//	go run . -out ../../stream_amd64.s -stubs ../../stream_amd64_stub.go -pkg cpu
//
// Both kernels move n bytes, n a multiple of 128, in 128-byte steps of four
// 32-byte vectors; the Go wrappers move the rest.
//
//   - loadAVX2 copies a block of an input into L1: plain loads and stores,
//     with a prefetch 1 KB ahead so that the block arrives at the memory's
//     speed rather than one miss at a time.
//   - storeNTAVX2 copies a finished block to an output with non-temporal
//     stores (dst must be 32-byte aligned): the output goes to memory
//     without first being read into the cache (no read-for-ownership), and
//     does not evict the inputs. An SFENCE at the end orders the stores
//     before whatever the caller does next (another goroutine may read
//     the output once the loop is done).
package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func kernel(name, doc string, fence bool, body func(d, s reg.Register, v [4]reg.VecVirtual)) {
	TEXT(name, NOSPLIT, "func(dst, src *byte, n int)")
	Doc(doc)
	d := Load(Param("dst"), GP64())
	s := Load(Param("src"), GP64())
	n := Load(Param("n"), GP64())
	SHRQ(U8(7), n)
	JZ(LabelRef(name + "_done"))
	Label(name + "_loop")
	v := [4]reg.VecVirtual{YMM(), YMM(), YMM(), YMM()}
	for i := range v {
		VMOVUPS(Mem{Base: s, Disp: 32 * i}, v[i])
	}
	body(d, s, v)
	ADDQ(U32(128), s)
	ADDQ(U32(128), d)
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))
	Label(name + "_done")
	if fence {
		SFENCE()
	}
	VZEROUPPER()
	RET()
}

func main() {
	ConstraintExpr("amd64,!noasm")

	kernel("loadAVX2", "loadAVX2 copies n bytes (a multiple of 128) from src to dst, prefetching src 1 KB ahead.", false, func(d, s reg.Register, v [4]reg.VecVirtual) {
		PREFETCHT0(Mem{Base: s, Disp: 1024})
		PREFETCHT0(Mem{Base: s, Disp: 1024 + 64})
		for i := range v {
			VMOVUPS(v[i], Mem{Base: d, Disp: 32 * i})
		}
	})

	kernel("storeNTAVX2", "storeNTAVX2 copies n bytes (a multiple of 128) from src to the 32-byte aligned dst with non-temporal stores, then fences.", true, func(d, s reg.Register, v [4]reg.VecVirtual) {
		for i := range v {
			VMOVNTPS(v[i], Mem{Base: d, Disp: 32 * i})
		}
	})

	Generate()
}
