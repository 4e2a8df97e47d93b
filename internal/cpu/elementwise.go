package cpu

import (
	"unsafe"

	"github.com/nd-go/nd/internal/core"
)

// UnaryKernel is the typed loop of a one-input elementwise op over a block.
type UnaryKernel[T, U core.Element] func(dst []U, x []T)

// BinaryKernels are the typed loops of a two-input elementwise op: both
// operands blocks (VV), or one of them a broadcast scalar (VS, SV).
type BinaryKernels[T, U core.Element] struct {
	VV func(dst []U, a, b []T)
	VS func(dst []U, a []T, b T)
	SV func(dst []U, a T, b []T)
	// Stream, where the CPU has them, are the same loops storing dst
	// past the caches (non-temporal stores), with the same bits: for an
	// output written once and too large to stay in cache (StreamMin),
	// which then costs no read of its lines before the writes. The writer
	// calls StoreFence before another goroutine reads dst.
	Stream *BinaryKernels[T, U]
}

// StreamMin is the least output size, in bytes, that Binary and the fused
// loops write with streaming stores: outputs this large do not stay in
// the caches (the CI machine kind has 32 MiB of L3 and 1 MiB of L2 per
// core) and are read again only after much else. Measured on the chain
// (a*b+c)*0.5+tanh(a) over 16M float32 (64 MiB out) under JIT: 10.8 ->
// 9.4 ms on one core, 7.2 -> 6.7 on two.
const StreamMin = 16 << 20

// StoreFence orders the streaming stores made before it before every
// store after it: a writer calls it once its streaming kernels are done,
// before it signals the readers.
func StoreFence() { storeFence() }

// scalarValue reports whether every element of a is the same buffer element
// (a 0-d array or a broadcast of one) and returns it.
func scalarValue[T core.Element](a *core.Array) (T, bool) {
	for i, s := range a.Strides() {
		if s != 0 && a.Shape()[i] != 1 {
			var z T
			return z, false
		}
	}
	return a.Buffer().([]T)[a.Offset()], true
}

// operand yields blocks of an input in C order: a subslice of the buffer
// when the input is contiguous, a gathered copy otherwise.
type operand[T core.Element] struct {
	a       *core.Array
	flat    []T // non-nil when contiguous
	scratch []T
}

func newOperand[T core.Element](a *core.Array) operand[T] {
	o := operand[T]{a: a}
	if a.IsContiguous() {
		o.flat = a.Buffer().([]T)[a.Offset() : a.Offset()+a.Size()]
	}
	return o
}

func (o *operand[T]) block(lo, hi int) []T {
	if o.flat != nil {
		return o.flat[lo:hi]
	}
	if o.scratch == nil {
		o.scratch = make([]T, Block)
	}
	s := o.scratch[:hi-lo]
	core.GatherBlock(s, o.a, lo)
	return s
}

// step is how many elements to process at once: a Block when something
// must be gathered, else contiguousStep.
func step(ops ...bool) int {
	for _, contiguous := range ops {
		if !contiguous {
			return Block
		}
	}
	return contiguousStep
}

// contiguousStep bounds one kernel call on contiguous operands. Assembly
// kernels cannot be preempted, so a goroutine inside one holds up the
// garbage collector's stop-the-world, whose spinning then takes the other
// cores: one call over 8M elements made x*2 slower on two cores than on
// one. Calls of 64K elements (tens of µs) cost nothing extra.
const contiguousStep = 1 << 16

// serialBelow is the size under which ParallelFor would not split: the
// drivers call their loop directly then, so that small ops allocate no
// closure (the fixed cost of an op is what small arrays pay).
const serialBelow = 2 * ParallelGrain

// Unary runs k over every element of x into dst (C order, len x.Size()).
func Unary[T, U core.Element](dst []U, x *core.Array, k UnaryKernel[T, U]) {
	n := len(dst)
	if n < serialBelow {
		unaryRange(dst, x, k, 0, n)
		return
	}
	ParallelFor(n, ParallelGrain, func(lo, hi int) { unaryRange(dst, x, k, lo, hi) })
}

func unaryRange[T, U core.Element](dst []U, x *core.Array, k UnaryKernel[T, U], lo, hi int) {
	ox := newOperand[T](x)
	st := step(ox.flat != nil)
	for b := lo; b < hi; b += st {
		e := min(b+st, hi)
		k(dst[b:e], ox.block(b, e))
	}
}

// Binary runs k over every pair of elements of x and y (equal shapes, any
// layouts) into dst (C order).
func Binary[T, U core.Element](dst []U, x, y *core.Array, k BinaryKernels[T, U]) {
	n := len(dst)
	if n < serialBelow {
		binaryRange(dst, x, y, k, 0, n)
		return
	}
	ParallelFor(n, ParallelGrain, func(lo, hi int) { binaryRange(dst, x, y, k, lo, hi) })
}

func binaryRange[T, U core.Element](dst []U, x, y *core.Array, k BinaryKernels[T, U], lo, hi int) {
	if lo >= hi {
		return
	}
	if k.Stream != nil && len(dst)*int(unsafe.Sizeof(dst[0])) >= StreamMin {
		k = *k.Stream
		defer StoreFence()
	}
	xv, xs := scalarValue[T](x)
	yv, ys := scalarValue[T](y)
	switch {
	case xs && ys:
		// One kernel call on the buffers' own elements, then a fill.
		k.VS(dst[lo:lo+1], x.Buffer().([]T)[x.Offset():x.Offset()+1], yv)
		v := dst[lo]
		for i := lo + 1; i < hi; i++ {
			dst[i] = v
		}
	case ys:
		ox := newOperand[T](x)
		st := step(ox.flat != nil)
		for b := lo; b < hi; b += st {
			e := min(b+st, hi)
			k.VS(dst[b:e], ox.block(b, e), yv)
		}
	case xs:
		oy := newOperand[T](y)
		st := step(oy.flat != nil)
		for b := lo; b < hi; b += st {
			e := min(b+st, hi)
			k.SV(dst[b:e], xv, oy.block(b, e))
		}
	default:
		ox, oy := newOperand[T](x), newOperand[T](y)
		st := step(ox.flat != nil, oy.flat != nil)
		for b := lo; b < hi; b += st {
			e := min(b+st, hi)
			k.VV(dst[b:e], ox.block(b, e), oy.block(b, e))
		}
	}
}

// Ternary runs k over every triple of elements of c, x, y (equal shapes)
// into dst; it serves select (where).
func Ternary[C, T, U core.Element](dst []U, c, x, y *core.Array, k func(dst []U, c []C, a, b []T)) {
	n := len(dst)
	if n < serialBelow {
		ternaryRange(dst, c, x, y, k, 0, n)
		return
	}
	ParallelFor(n, ParallelGrain, func(lo, hi int) { ternaryRange(dst, c, x, y, k, lo, hi) })
}

func ternaryRange[C, T, U core.Element](dst []U, c, x, y *core.Array, k func(dst []U, c []C, a, b []T), lo, hi int) {
	oc, ox, oy := newOperand[C](c), newOperand[T](x), newOperand[T](y)
	st := step(oc.flat != nil, ox.flat != nil, oy.flat != nil)
	for b := lo; b < hi; b += st {
		e := min(b+st, hi)
		k(dst[b:e], oc.block(b, e), ox.block(b, e), oy.block(b, e))
	}
}
