// Package nd is data-oriented numerical computing for Go: n-dimensional
// arrays with NumPy's semantics (one typed buffer per array, views without
// copies, broadcasting, NumPy's type promotion) built from a small set of
// primitives, so that the same programs can later be traced, compiled,
// differentiated and exported.
//
// Ops are functions (nd.Add(x, y)) and, for the common arithmetic, methods
// (x.Add(y)). Operands are *Array or Go numbers; Go numbers are weakly
// typed, as in JAX: x.Mul(2) keeps x's dtype. Programmer errors (a shape or
// dtype mismatch, a bad axis) panic with *Error, which names the op, the
// shapes and the caller's line; functions at a boundary return an error.
package nd

import (
	"github.com/nd-go/nd/internal/core"
)

// Array is an n-dimensional array: a header (dtype, shape, strides,
// offset) over one typed buffer that views share. Arrays are immutable:
// every op returns a new Array, and updates are functional (At).
type Array core.Array

// Error is the panic value of a programmer error in an op: it names the op,
// says what was wrong with which shapes or values, and gives the caller's
// file:line.
type Error = core.Error

func (a *Array) c() *core.Array { return (*core.Array)(a) }

func wrap(c *core.Array) *Array { return (*Array)(c) }

func unwrapAll(xs []*Array) []*core.Array {
	cs := make([]*core.Array, len(xs))
	for i, x := range xs {
		cs[i] = x.c()
	}
	return cs
}

func wrapAll(cs []*core.Array) []*Array {
	xs := make([]*Array, len(cs))
	for i, c := range cs {
		xs[i] = wrap(c)
	}
	return xs
}

// DType returns the element type of a.
func (a *Array) DType() DType { return a.c().DType() }

// Shape returns a copy of the dimensions of a.
func (a *Array) Shape() []int { return append([]int(nil), a.c().Shape()...) }

// Ndim returns the number of dimensions of a.
func (a *Array) Ndim() int { return a.c().Ndim() }

// Size returns the number of elements of a.
func (a *Array) Size() int { return a.c().Size() }

// Strides returns a copy of the element strides of a's view of its buffer.
func (a *Array) Strides() []int { return append([]int(nil), a.c().Strides()...) }

// IsContiguous reports whether a's elements lie in C order without gaps.
func (a *Array) IsContiguous() bool { return a.c().IsContiguous() }

// Data returns a's elements in C order as a []T. It shares a's buffer when a
// is contiguous (do not modify it) and copies otherwise. T must be the Go
// type of a's dtype; a symbolic array panics with a note on the remedies.
func Data[T core.Element](a *Array) []T {
	mustConcrete("nd.Data", a)
	if want := core.DTypeOf[T](); want != a.DType() {
		core.Panicf("nd.Data", "array has dtype %v, asked for %v", a.DType(), want)
	}
	return core.Data[T](a.c())
}

// Item returns the single element of a (any shape of size 1) as a float64.
// Bools give 0 or 1. For int64 values beyond 2**53 use Data.
func (a *Array) Item() float64 {
	mustConcrete("Array.Item", a)
	if a.Size() != 1 {
		core.Panicf("Array.Item", "array of shape %v has %d elements, want 1", core.ShapeString(a.c().Shape()), a.Size())
	}
	c := a.c()
	i := c.Offset()
	switch b := c.Buffer().(type) {
	case []bool:
		if b[i] {
			return 1
		}
		return 0
	case []uint8:
		return float64(b[i])
	case []int32:
		return float64(b[i])
	case []int64:
		return float64(b[i])
	case []float32:
		return float64(b[i])
	case []float64:
		return b[i]
	}
	return 0
}

// mustConcrete panics when a is symbolic: its value is not known while
// tracing, so Go code cannot look at it.
func mustConcrete(op string, a *Array) {
	if a.c().IsSymbolic() {
		core.Panicf(op, "the value of a traced array is not known while tracing; "+
			"use nd.Cond, nd.While or nd.Scan for control flow on values, or make the argument static")
	}
}
