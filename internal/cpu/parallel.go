// Package cpu holds nd's CPU kernels: the blockwise drivers that walk arrays
// of any layout, the typed loops they call, and the split of large loops
// over cores. It knows arrays (internal/core) but nothing of primitives,
// tracing or the user API.
package cpu

import "runtime"

// Block is the number of elements a kernel processes at a time when it has
// to gather strided inputs into scratch space: small enough that a block of
// each operand stays in L1.
const Block = 8192

// ParallelGrain is the smallest amount of elements worth handing to another
// core.
const ParallelGrain = 1 << 16

// ParallelFor calls body over [0, n) split into contiguous chunks, one per
// core when n is large enough, each a multiple of Block long (but the
// last). It returns when every chunk is done. The split depends only on n
// and GOMAXPROCS, and callers must make results independent of it.
func ParallelFor(n, grain int, body func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if grain < Block {
		grain = Block
	}
	if w := n / grain; w < workers {
		workers = w
	}
	if workers <= 1 {
		if n > 0 {
			body(0, n)
		}
		return
	}
	chunk := (n + workers - 1) / workers
	chunk = (chunk + Block - 1) / Block * Block
	fork((n+chunk-1)/chunk, func(i int) { body(i*chunk, min((i+1)*chunk, n)) })
}
