package cpu

import "github.com/nd-go/nd/internal/core"

// This file holds the folds of rows into a row of accumulators, the inner
// loop of a reduction over leading axes (the blocks of reduce.go), in Go;
// reduce_dispatch_*.go put the vector kernels of reduce_amd64.s in front
// of them where the CPU has them, with the same bits.

// rowsFold sets dst[j] (or, if accumulate, folds into dst[j]) the
// reduction of x[i*stride+j] over i < rows (rows >= 1), strictly in order
// of i for each column j < len(dst).
type rowsFold[T core.Element] func(dst, x []T, rows, stride int, accumulate bool)

func sumRowsGo[T core.Number](dst, x []T, rows, stride int, accumulate bool) {
	if !accumulate {
		copy(dst, x[:len(dst)])
		x, rows = x[min(stride, len(x)):], rows-1
	}
	for i := range rows {
		row := x[i*stride:][:len(dst)]
		for j, v := range row {
			dst[j] += v
		}
	}
}

// maxRowsGo keeps the larger element per column; a NaN, once in, stays
// (a later NaN replaces it).
func maxRowsGo[T core.Number](dst, x []T, rows, stride int, accumulate bool) {
	if !accumulate {
		copy(dst, x[:len(dst)])
		x, rows = x[min(stride, len(x)):], rows-1
	}
	for i := range rows {
		row := x[i*stride:][:len(dst)]
		for j, v := range row {
			if v > dst[j] || v != v {
				dst[j] = v
			}
		}
	}
}

func minRowsGo[T core.Number](dst, x []T, rows, stride int, accumulate bool) {
	if !accumulate {
		copy(dst, x[:len(dst)])
		x, rows = x[min(stride, len(x)):], rows-1
	}
	for i := range rows {
		row := x[i*stride:][:len(dst)]
		for j, v := range row {
			if v < dst[j] || v != v {
				dst[j] = v
			}
		}
	}
}

// withRowsKernel returns a fold that checks the bounds the kernel trusts,
// runs kernel over the columns in whole vectors of lanes and goFold over
// the rest.
func withRowsKernel[T core.Number](kernel, goFold rowsFold[T], lanes int) rowsFold[T] {
	return func(dst, x []T, rows, stride int, accumulate bool) {
		if len(dst) == 0 || rows < 1 {
			return
		}
		_ = x[(rows-1)*stride+len(dst)-1]
		kernel(dst, x, rows, stride, accumulate)
		if n := len(dst) &^ (lanes - 1); n < len(dst) {
			goFold(dst[n:], x[n:], rows, stride, accumulate)
		}
	}
}
