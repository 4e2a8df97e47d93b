package prims

import (
	"fmt"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// This file holds dot_general, the one contraction primitive (as in XLA
// and JAX): matmul, dot, batched matmul, outer products and einsum's
// pairwise contractions are all dot_general with different axes.

// DotParams are the params of dot_general: the axes of each operand summed
// over (ContractLHS[i] pairs with ContractRHS[i]) and the batch axes
// (BatchLHS[i] pairs with BatchRHS[i]). The output's axes are the batch
// axes (in BatchLHS order), then the lhs's remaining ("free") axes in
// order, then the rhs's free axes in order.
type DotParams struct {
	ContractLHS, ContractRHS []int
	BatchLHS, BatchRHS       []int
}

// String formats the params as the IR prints them.
func (p DotParams) String() string {
	return fmt.Sprintf("contract=(%v, %v) batch=(%v, %v)", p.ContractLHS, p.ContractRHS, p.BatchLHS, p.BatchRHS)
}

var dotGeneralP = core.Register(&core.Primitive{
	Name:     "dot_general",
	Abstract: dotGeneralAbstract,
	Eager:    dotGeneralEager,
	Fusion:   core.Opaque,
})

// DotGeneral contracts x and y over the axes p names (see DotParams). The
// operands must have the same numeric dtype, which the result keeps;
// integer products wrap on overflow.
func DotGeneral(x, y *core.Array, p DotParams) *core.Array {
	return core.Bind1(dotGeneralP, p, x, y)
}

// dotFreeAxes returns the axes of an operand of rank n that are neither
// contracted nor batch axes, in order.
func dotFreeAxes(n int, contract, batch []int) []int {
	used := make([]bool, n)
	for _, a := range contract {
		used[a] = true
	}
	for _, a := range batch {
		used[a] = true
	}
	var free []int
	for i := range n {
		if !used[i] {
			free = append(free, i)
		}
	}
	return free
}

// checkDotAxes panics unless the axes of one operand are in range and
// distinct.
func checkDotAxes(side string, shape []int, contract, batch []int) {
	seen := make([]bool, len(shape))
	for _, group := range [][]int{contract, batch} {
		for _, a := range group {
			if a < 0 || a >= len(shape) {
				core.Panicf("dot_general", "%s axis %d out of range for shape %v", side, a, core.ShapeString(shape))
			}
			if seen[a] {
				core.Panicf("dot_general", "%s axis %d used twice (contract %v, batch %v)", side, a, contract, batch)
			}
			seen[a] = true
		}
	}
}

func dotGeneralAbstract(in []core.Aval, params any) []core.Aval {
	p := params.(DotParams)
	x, y := in[0], in[1]
	if x.DType != y.DType {
		core.Panicf("dot_general", "operand dtypes %v and %v differ", x.DType, y.DType)
	}
	checkDType("dot_general", numeric, x.DType)
	if len(p.ContractLHS) != len(p.ContractRHS) || len(p.BatchLHS) != len(p.BatchRHS) {
		core.Panicf("dot_general", "unpaired axes: %v", p)
	}
	checkDotAxes("lhs", x.Shape, p.ContractLHS, p.BatchLHS)
	checkDotAxes("rhs", y.Shape, p.ContractRHS, p.BatchRHS)
	for i, a := range p.ContractLHS {
		b := p.ContractRHS[i]
		if x.Shape[a] != y.Shape[b] {
			core.Panicf("dot_general", "contracting dimensions differ: lhs shape %v axis %d has size %d, rhs shape %v axis %d has size %d",
				core.ShapeString(x.Shape), a, x.Shape[a], core.ShapeString(y.Shape), b, y.Shape[b])
		}
	}
	shape := make([]int, 0, len(x.Shape)+len(y.Shape))
	for i, a := range p.BatchLHS {
		b := p.BatchRHS[i]
		if x.Shape[a] != y.Shape[b] {
			core.Panicf("dot_general", "batch dimensions differ: lhs shape %v axis %d has size %d, rhs shape %v axis %d has size %d",
				core.ShapeString(x.Shape), a, x.Shape[a], core.ShapeString(y.Shape), b, y.Shape[b])
		}
		shape = append(shape, x.Shape[a])
	}
	for _, a := range dotFreeAxes(len(x.Shape), p.ContractLHS, p.BatchLHS) {
		shape = append(shape, x.Shape[a])
	}
	for _, a := range dotFreeAxes(len(y.Shape), p.ContractRHS, p.BatchRHS) {
		shape = append(shape, y.Shape[a])
	}
	return []core.Aval{{DType: x.DType, Shape: shape}}
}

// dotOperand is an operand seen as a batch of matrices: its buffer, offset,
// the stride between batches and the strides of the matrix rows and
// columns, with batch, rows and cols elements along them.
type dotOperand struct {
	a                *core.Array
	off              int
	batchStride      int
	rowStride        int
	colStride        int
	batch, rows, col int
}

// asBatchedMatrix groups the axes of a into batch, row and column axes and
// finds one stride for each group, copying a into C order first when its
// layout has none (a transposed group, say).
func asBatchedMatrix(a *core.Array, batch, rows, cols []int) dotOperand {
	groups := [3][]int{batch, rows, cols}
	var size, stride [3]int
	merge := func(a *core.Array, perm [3][]int) bool {
		for g, axes := range perm {
			var ok bool
			size[g], stride[g], ok = mergedStride(a.Shape(), a.Strides(), axes)
			if !ok {
				return false
			}
		}
		return true
	}
	if !merge(a, groups) {
		// Lay the operand out as (batch, rows, cols) in C order.
		perm := make([]int, 0, a.Ndim())
		for _, g := range groups {
			perm = append(perm, g...)
		}
		shape := make([]int, len(perm))
		strides := make([]int, len(perm))
		for i, p := range perm {
			shape[i], strides[i] = a.Shape()[p], a.Strides()[p]
		}
		a = core.Contiguous(core.NewView(a.DType(), shape, strides, a.Offset(), a.Buffer()))
		nb, nr := len(batch), len(rows)
		axisRange := func(lo, hi int) []int {
			s := make([]int, 0, hi-lo)
			for i := lo; i < hi; i++ {
				s = append(s, i)
			}
			return s
		}
		merge(a, [3][]int{axisRange(0, nb), axisRange(nb, nb+nr), axisRange(nb+nr, len(perm))})
	}
	return dotOperand{a: a, off: a.Offset(), batchStride: stride[0], rowStride: stride[1], colStride: stride[2],
		batch: size[0], rows: size[1], col: size[2]}
}

// mergedStride returns the number of elements along the given axes of an
// array (in that order, as one flattened axis) and the single stride that
// walks them, or false when no stride does.
func mergedStride(shape, strides, axes []int) (size, stride int, ok bool) {
	size = 1
	for _, a := range axes {
		size *= shape[a]
	}
	if size <= 1 {
		return size, 0, true
	}
	// Walk from the innermost axis out, skipping size-1 axes.
	stride, expect := 0, 0
	first := true
	for i := len(axes) - 1; i >= 0; i-- {
		a := axes[i]
		if shape[a] == 1 {
			continue
		}
		if first {
			stride, expect, first = strides[a], strides[a]*shape[a], false
			continue
		}
		if strides[a] != expect {
			return size, 0, false
		}
		expect *= shape[a]
	}
	return size, stride, true
}

func dotGeneralEager(args []*core.Array, outs []core.Aval, params any) []*core.Array {
	p := params.(DotParams)
	x, y := args[0], args[1]
	xFree := dotFreeAxes(x.Ndim(), p.ContractLHS, p.BatchLHS)
	yFree := dotFreeAxes(y.Ndim(), p.ContractRHS, p.BatchRHS)
	lhs := asBatchedMatrix(x, p.BatchLHS, xFree, p.ContractLHS)
	rhs := asBatchedMatrix(y, p.BatchRHS, p.ContractRHS, yFree)
	out := allocWritten(outs) // GemmBatch overwrites every element
	switch d := out.Buffer().(type) {
	case []uint8:
		dotBatch(d, lhs, rhs)
	case []int32:
		dotBatch(d, lhs, rhs)
	case []int64:
		dotBatch(d, lhs, rhs)
	case []float32:
		dotBatch(d, lhs, rhs)
	case []float64:
		dotBatch(d, lhs, rhs)
	}
	return out1(out)
}

func dotBatch[T core.Number](dst []T, x, y dotOperand) {
	a := cpu.Matrix[T]{Buf: x.a.Buffer().([]T), Off: x.off, RS: x.rowStride, CS: x.colStride}
	b := cpu.Matrix[T]{Buf: y.a.Buffer().([]T), Off: y.off, RS: y.rowStride, CS: y.colStride}
	cpu.GemmBatch(x.batch, x.rows, y.col, x.col, a, x.batchStride, b, y.batchStride, dst)
}
