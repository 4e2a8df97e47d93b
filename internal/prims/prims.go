// Package prims defines nd's primitives, grouped by family, one file a
// family, each primitive with all its rules side by side (abstract eval,
// eager kernel, fusion class; later JVP, transpose, batch and lowerings).
// Its exported functions are the strict forms of the ops (like JAX's lax):
// operands already share shape and dtype; broadcasting and type promotion
// are the user API's work, in package nd.
package prims

import "github.com/nd-go/nd/internal/core"

// out1 wraps a single output in the slice Eager returns.
func out1(a *core.Array) []*core.Array { return []*core.Array{a} }

// alloc allocates the zeroed output of a one-output primitive.
func alloc(outs []core.Aval) *core.Array { return core.Empty(outs[0].DType, outs[0].Shape) }

// allocWritten allocates the output of a one-output primitive whose kernel
// writes every element, without zeroing it first (core.Uninit).
func allocWritten(outs []core.Aval) *core.Array { return core.Uninit(outs[0].DType, outs[0].Shape) }

// dtypeClass is a set of dtypes an operand may have.
type dtypeClass uint8

const (
	anyDType dtypeClass = iota
	numeric             // all but bool
	floating            // float32, float64
	integral            // bool and the integers (bitwise ops)
	boolOnly
)

func (c dtypeClass) admits(d core.DType) bool {
	switch c {
	case numeric:
		return d != core.Bool
	case floating:
		return d.IsFloat()
	case integral:
		return d == core.Bool || d.IsInt()
	case boolOnly:
		return d == core.Bool
	}
	return d.Valid()
}

func (c dtypeClass) String() string {
	return [...]string{"any dtype", "a numeric dtype", "a floating dtype", "bool or an integer dtype", "bool"}[c]
}

// checkDType panics with an *Error when d is not in class c.
func checkDType(op string, c dtypeClass, d core.DType) {
	if !c.admits(d) {
		core.Panicf(op, "operand dtype %v: want %v", d, c)
	}
}
