// Package emit holds what nd's avo generators (the commands beside it)
// share: the read-only constant vectors their kernels take as memory
// operands.
package emit

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
)

// Consts emits each named constant once, under a prefix that keeps the
// symbols of one generated file apart from another's.
type Consts struct {
	prefix string
	made   map[string]Mem
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
