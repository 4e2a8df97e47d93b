package cpu

import (
	"runtime"
	"slices"

	"github.com/nd-go/nd/internal/core"
)

// This file holds the drivers of reductions (sum, max, all, ...), arg
// reductions and cumulative scans. A driver brings its input to one of two
// shapes of work over a C-contiguous buffer and hands typed loops the runs:
//
//   - runs: out[o] = reduce(x[o, :]), each output row a contiguous run;
//   - blocks: out[o, :] = reduce over r of x[o, r, :], a contiguous inner
//     block accumulated row by row (vectorially).
//
// Inputs in other layouts are either recognized as a dense permutation of
// one of these, or copied once into kept-then-reduced order. Large work is
// split into pieces whose size depends only on the shapes, and partial
// results are combined in a fixed order, so the bits of a result do not
// depend on GOMAXPROCS.

// Reducer holds the typed loops of one associative reduction over one
// dtype.
type Reducer[T core.Element] struct {
	// Identity is the result of reducing nothing.
	Identity T
	// Run returns the reduction of a contiguous run (len(x) >= 1).
	Run func(x []T) T
	// Rows sets dst[j] to the reduction over i < rows of x[i*stride+j], for
	// j < len(dst) (rows >= 1).
	Rows func(dst, x []T, rows, stride int)
}

// reduceChunk is the length of the fixed pieces a long run is cut into
// before its partial results are combined; it is also the amount of work
// that makes a task worth a goroutine.
const reduceChunk = 1 << 16

// rowsTile is the number of columns of a scan or arg reduction one task
// handles: a tile of accumulators stays in L1.
const rowsTile = 1024

// blockTile is the number of columns of a block reduction one task
// handles: 32 KiB of float32 accumulators, and rows read in long runs.
const blockTile = 8192

// Reduce sets out (C order, the kept axes of x) to the reduction of x over
// the axes marked in reduced (len(reduced) == x.Ndim()), in any layout.
func Reduce[T core.Element](out []T, x *core.Array, reduced []bool, r Reducer[T]) {
	if len(out) == 0 {
		return
	}
	if x.Size() == 0 {
		for i := range out {
			out[i] = r.Identity
		}
		return
	}
	data, outer, red, inner := reduceLayout[T](x, reduced, false)
	if inner == 1 {
		reduceRuns(out, data, outer, red, r)
	} else {
		reduceBlocks(out, data, outer, red, inner, r)
	}
}

// reduceRuns sets out[o] = ReduceRow(data[o*red : (o+1)*red]).
func reduceRuns[T core.Element](out, data []T, outer, red int, r Reducer[T]) {
	if red <= reduceChunk {
		parallelTasks(outer, outer*red, func(lo, hi int) {
			ReduceRows(out[lo:hi], data[lo*red:hi*red], red, r)
		})
		return
	}
	// Long rows: reduce fixed chunks of every row, then each row's partials.
	nch := (red + reduceChunk - 1) / reduceChunk
	part := make([]T, outer*nch)
	parallelTasks(outer*nch, outer*red, func(lo, hi int) {
		for t := lo; t < hi; t++ {
			o, c := t/nch, t%nch
			row := data[o*red : (o+1)*red]
			part[t] = r.Run(row[c*reduceChunk : min((c+1)*reduceChunk, red)])
		}
	})
	for o := range out[:outer] {
		out[o] = r.Run(part[o*nch : (o+1)*nch])
	}
}

// ReduceRows sets dst[o] to the reduction of the contiguous row
// src[o*n : (o+1)*n] for every o < len(dst), on the calling goroutine, with
// exactly the arithmetic Reduce uses for a row of n (so a fused reduction
// gives the bits of the eager one).
func ReduceRows[T core.Element](dst, src []T, n int, r Reducer[T]) {
	if n == 0 {
		for o := range dst {
			dst[o] = r.Identity
		}
		return
	}
	if n <= reduceChunk {
		for o := range dst {
			dst[o] = r.Run(src[o*n : (o+1)*n])
		}
		return
	}
	nch := (n + reduceChunk - 1) / reduceChunk
	part := make([]T, nch)
	for o := range dst {
		row := src[o*n : (o+1)*n]
		for c := range part {
			part[c] = r.Run(row[c*reduceChunk : min((c+1)*reduceChunk, n)])
		}
		dst[o] = r.Run(part)
	}
}

// reduceBlocks sets out[o*inner+j] = reduce over r of data[(o*red+r)*inner+j].
// The rows of each outer index are cut into fixed blocks of rows
// (blockRows depends on inner only), each block reduced over tiles of
// columns into a partial row, and the partial rows reduced in order: so
// every task reads long contiguous pieces of rows, the work spreads over
// cores even when there is one output row, and the bits do not depend on
// the number of workers.
func reduceBlocks[T core.Element](out, data []T, outer, red, inner int, r Reducer[T]) {
	blockRows := max(256, (1<<20)/inner)
	nblk := (red + blockRows - 1) / blockRows
	tiles := (inner + blockTile - 1) / blockTile
	dst, dstRows := out, 1 // where a block's reduction goes: out, or partial rows
	if nblk > 1 {
		dst, dstRows = make([]T, outer*nblk*inner), nblk
	}
	parallelTasks(outer*nblk*tiles, outer*red*inner, func(lo, hi int) {
		for t := lo; t < hi; t++ {
			o, b, c := t/(nblk*tiles), t/tiles%nblk, t%tiles
			r0, r1 := b*blockRows, min((b+1)*blockRows, red)
			j0, j1 := c*blockTile, min((c+1)*blockTile, inner)
			row := (o*dstRows + b) * inner
			r.Rows(dst[row+j0:row+j1], data[(o*red+r0)*inner+j0:], r1-r0, inner)
		}
	})
	if nblk == 1 {
		return
	}
	parallelTasks(outer*tiles, outer*nblk*inner, func(lo, hi int) {
		for t := lo; t < hi; t++ {
			o, c := t/tiles, t%tiles
			j0, j1 := c*blockTile, min((c+1)*blockTile, inner)
			r.Rows(out[o*inner+j0:o*inner+j1], dst[o*nblk*inner+j0:], nblk, inner)
		}
	})
}

// parallelTasks calls body over [0, n) split into contiguous ranges, one
// per core when work (the number of elements the tasks touch together) is
// large enough. Callers make each task's result independent of the split.
func parallelTasks(n, work int, body func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n, work/reduceChunk)
	if workers <= 1 {
		if n > 0 {
			body(0, n)
		}
		return
	}
	fork(workers, func(w int) { body(n*w/workers, n*(w+1)/workers) })
}

// reduceLayout returns x's elements as a C-contiguous slice data viewed as
// [outer, red, inner], where the red axis gathers the axes marked reduced
// and outer, inner the kept axes in their order. It shares x's buffer when
// x is a dense layout in which the kept axes keep their relative order and
// the reduced axes are adjacent in memory; otherwise it copies x once into
// kept-then-reduced order (inner == 1). With keepOrder (scans, whose output
// has x's shape), sharing requires x to be C-contiguous.
func reduceLayout[T core.Element](x *core.Array, reduced []bool, keepOrder bool) (data []T, outer, red, inner int) {
	shape, strides := x.Shape(), x.Strides()
	if keepOrder {
		// The output has x's shape: walk x in C order, copying if needed.
		outer, red, inner = 1, 1, 1
		seen := false
		for i, d := range shape {
			switch {
			case reduced[i]:
				red *= d
				seen = true
			case seen:
				inner *= d
			default:
				outer *= d
			}
		}
		return gatherContiguous[T](x), outer, red, inner
	}
	type axis struct {
		size, stride, index int
		reduced             bool
	}
	var axes []axis
	for i, d := range shape {
		if d != 1 {
			axes = append(axes, axis{d, strides[i], i, reduced[i]})
		}
	}
	slices.SortStableFunc(axes, func(a, b axis) int { return b.stride - a.stride })
	dense, want := true, 1
	for i := len(axes) - 1; i >= 0; i-- {
		if axes[i].stride != want {
			dense = false
		}
		want *= axes[i].size
	}
	lastKept := -1
	for _, a := range axes {
		if !a.reduced {
			if a.index < lastKept {
				dense = false
			}
			lastKept = a.index
		}
	}
	if dense {
		// Group the axes in memory order: kept* reduced* kept*.
		outer, red, inner = 1, 1, 1
		phase := 0 // 0: before the reduced group, 1: in it, 2: after it
		for _, a := range axes {
			switch {
			case a.reduced && phase == 2:
				dense = false
			case a.reduced:
				phase = 1
				red *= a.size
			case phase == 0:
				outer *= a.size
			default:
				phase = 2
				inner *= a.size
			}
		}
		if dense {
			buf := x.Buffer().([]T)
			off := x.Offset()
			return buf[off : off+x.Size()], outer, red, inner
		}
	}
	// Copy into kept-then-reduced order.
	var perm []int
	outer, red = 1, 1
	for i, d := range shape {
		if !reduced[i] {
			perm = append(perm, i)
			outer *= d
		}
	}
	for i, d := range shape {
		if reduced[i] {
			perm = append(perm, i)
			red *= d
		}
	}
	pshape, pstrides := make([]int, len(perm)), make([]int, len(perm))
	for i, p := range perm {
		pshape[i], pstrides[i] = shape[p], strides[p]
	}
	view := core.NewView(x.DType(), pshape, pstrides, x.Offset(), x.Buffer())
	return gatherContiguous[T](view), outer, red, 1
}

// gatherContiguous returns the elements of x in C order, sharing x's
// buffer when x is C-contiguous and copying (in parallel) otherwise.
func gatherContiguous[T core.Element](x *core.Array) []T {
	if x.IsContiguous() {
		return x.Buffer().([]T)[x.Offset() : x.Offset()+x.Size()]
	}
	data := make([]T, x.Size())
	parallelTasks((len(data)+Block-1)/Block, len(data), func(lo, hi int) {
		core.GatherBlock(data[lo*Block:min(hi*Block, len(data))], x, lo*Block)
	})
	return data
}
