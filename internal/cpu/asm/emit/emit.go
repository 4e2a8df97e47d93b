// Package emit holds what nd's avo generators (the commands beside it)
// share: the constant vectors their kernels name, emitted once per file
// and, in AVX-512 kernels, held in registers (this file), and the
// instruction set abstraction their float kernels are written over, so
// that each is written once and emitted for AVX2 and for AVX-512
// (isa.go). The kernels themselves, their polynomials and their loops
// stay in the generators.
package emit

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// Consts emits each named constant once, under a prefix that keeps the
// symbols of one generated file apart from another's. It also holds the
// constants of the AVX-512 kernel being emitted in registers (see Hold).
type Consts struct {
	prefix string
	made   map[string]Mem

	// held maps the symbols of the constants the AVX-512 kernel holds to
	// their registers, heldOrder lists them as first named, holdLeft is
	// how many more the kernel may hold.
	held      map[string]reg.VecVirtual
	heldOrder []heldConst
	holdLeft  int
}

type heldConst struct {
	mem Mem
	reg reg.VecVirtual
}

// NewConsts returns the constants of a generated file whose symbols start
// with prefix.
func NewConsts(prefix string) *Consts { return &Consts{prefix: prefix, made: map[string]Mem{}} }

// U32 returns a read-only vector of n copies of the 32-bit word u.
func (c *Consts) U32(name string, u uint32, n int) Mem {
	return c.emit(name, func() {
		for i := 0; i < n; i++ {
			DATA(4*i, U32(u))
		}
	})
}

// U64 returns a read-only vector of n copies of the 64-bit word u.
func (c *Consts) U64(name string, u uint64, n int) Mem {
	return c.emit(name, func() {
		for i := 0; i < n; i++ {
			DATA(8*i, U64(u))
		}
	})
}

// Table64 returns a read-only vector holding the 64-bit words v in order.
func (c *Consts) Table64(name string, v []uint64) Mem {
	return c.emit(name, func() {
		for i, u := range v {
			DATA(8*i, U64(u))
		}
	})
}

// Vec32 returns a vector of copies of the 32-bit word u at the current
// width (see Use): for AVX2 a read-only memory operand; for AVX-512 a
// register that the kernel loads once before its loop, so that the loop
// spends no load slots on constants, while the kernel's budget (Hold)
// lasts, and a memory operand after that.
func (c *Consts) Vec32(name string, u uint32) Op {
	return c.hold(name, func(name string) Mem { return c.U32(name, u, cur.Bytes()/4) })
}

// Vec64 returns a vector of copies of the 64-bit word u, like Vec32.
func (c *Consts) Vec64(name string, u uint64) Op {
	return c.hold(name, func(name string) Mem { return c.U64(name, u, cur.Bytes()/8) })
}

// F32 returns a vector of copies of the float32 f, like Vec32.
func (c *Consts) F32(name string, f float32) Op { return c.Vec32(name, math.Float32bits(f)) }

// F64 returns a vector of copies of the float64 f, like Vec64.
func (c *Consts) F64(name string, f float64) Op { return c.Vec64(name, math.Float64bits(f)) }

// hold returns the constant mem makes under the symbol name (AVX2) or
// name_512 (AVX-512), in a register while the kernel may hold more.
func (c *Consts) hold(name string, mem func(name string) Mem) Op {
	if cur != AVX512 {
		return mem(name)
	}
	name += "_512"
	if r, ok := c.held[name]; ok {
		return r
	}
	m := mem(name)
	if c.holdLeft == 0 {
		return m
	}
	c.holdLeft--
	r := ZMM()
	c.held[name] = r
	c.heldOrder = append(c.heldOrder, heldConst{m, r})
	return r
}

// Hold begins the AVX-512 kernel named kernel, which may hold up to n of
// the constants it names in registers. Their loads can be emitted only
// once the loop that names them is, so they come after the kernel's RET
// (LoadHeld): Hold emits the jump there and the label they jump back to.
// For AVX2 kernels, which hold none, it emits nothing.
func (c *Consts) Hold(kernel string, n int) {
	if cur != AVX512 {
		return
	}
	c.held, c.heldOrder, c.holdLeft = map[string]reg.VecVirtual{}, nil, n
	JMP(LabelRef(kernel + "_consts"))
	Label(kernel + "_start")
}

// LoadHeld ends the kernel begun by Hold: it emits the loads of the
// constants the kernel holds and the jump back to its start. For AVX2
// kernels it emits nothing.
func (c *Consts) LoadHeld(kernel string) {
	if cur != AVX512 {
		return
	}
	Label(kernel + "_consts")
	for _, h := range c.heldOrder {
		VMOVUPS(h.mem, h.reg)
	}
	JMP(LabelRef(kernel + "_start"))
}

// emit returns the symbol prefix+name, defining it with data the first
// time.
func (c *Consts) emit(name string, data func()) Mem {
	name = c.prefix + name
	if m, ok := c.made[name]; ok {
		return m
	}
	m := GLOBL(name, RODATA|NOPTR)
	data()
	c.made[name] = m
	return m
}

// Lower returns s with its first letter (ASCII upper case) made lower
// case: the unexported Go name of a kernel named like an exported one.
func Lower(s string) string { return string(s[0]+'a'-'A') + s[1:] }
