package cpu

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/nd-go/nd/internal/core"
)

// This file holds the matrix product kernel (GEMM) behind dot_general: a
// packed, cache-blocked product in the manner of BLIS and GotoBLAS. The
// operands are strided views of any layout: blocks of A and B are copied
// ("packed") into contiguous panels that a register-blocked micro-kernel
// streams through, so transposed or sliced operands need no copy first.
//
// Loop nest, outermost first:
//
//	jc: columns of C in chunks of gemmNC
//	pc: the shared dimension in chunks of gemmKC (B's kc×nc block packed once)
//	    tasks: tiles of gemmMC rows × gemmNT columns of C, run in parallel;
//	           each packs its mc×kc block of A and calls the micro-kernel
//	           over gemmMR×gemmNR tiles
//
// Results do not depend on the number of workers: every element of C is
// computed by one task per pc step, in a fixed order over k (k within a
// chunk in order, chunks in order, each chunk's sum added to C).
//
// Float products whose operands BLAS can describe go to Gonum's BLAS
// instead (gemm_gonum.go says why); this kernel serves the other layouts
// (stepped, flipped, broadcast), products with NaN or Inf, and integers.

// Micro-kernel tile and cache blocking sizes (in elements).
const (
	gemmMR = 2
	gemmNR = 4
	gemmKC = 256  // depth of a packed block: a kc×NR panel of B stays in L1
	gemmMC = 64   // rows of A packed per task: an mc×kc block stays in L2
	gemmNT = 256  // columns of C per task
	gemmNC = 4096 // columns of B packed per pc step
)

// Matrix is a strided 2-d view of a typed buffer: element (i, j) is
// Buf[Off + i*RS + j*CS]. Strides may be zero or negative.
type Matrix[T core.Number] struct {
	Buf         []T
	Off, RS, CS int
}

func (a Matrix[T]) at(i, j int) T { return a.Buf[a.Off+i*a.RS+j*a.CS] }

// gemmFlops is the amount of work (m·n·k) below which a product runs on the
// calling goroutine.
const gemmFlops = 1 << 15

// Gemm computes C = A·B for an m×k matrix A and a k×n matrix B of any
// layout, writing C in row-major order into dst (len m·n, overwritten).
// Large products use every core; the result is the same whatever
// GOMAXPROCS is.
func Gemm[T core.Number](m, n, k int, a, b Matrix[T], dst []T) {
	workers := 1
	if m*n*k >= gemmFlops {
		workers = runtime.GOMAXPROCS(0)
	}
	gemmOne(m, n, k, a, b, dst[:m*n], workers)
}

// GemmBatch computes batch products C[i] = A[i]·B[i]; the matrices of batch
// i start aStride and bStride elements after those of batch i-1 (zero for
// an operand shared by every batch), and C[i] is dst[i*m*n:(i+1)*m*n].
// Small products run in parallel over batches, large ones one after the
// other with each product parallel.
func GemmBatch[T core.Number](batch, m, n, k int, a Matrix[T], aStride int, b Matrix[T], bStride int, dst []T) {
	size := m * n
	dst = dst[:batch*size]
	one := func(i, workers int) {
		ai, bi := a, b
		ai.Off += i * aStride
		bi.Off += i * bStride
		gemmOne(m, n, k, ai, bi, dst[i*size:(i+1)*size], workers)
	}
	if batch == 1 || m*n*k >= 1<<20 {
		workers := 1
		if m*n*k >= gemmFlops {
			workers = runtime.GOMAXPROCS(0)
		}
		for i := range batch {
			one(i, workers)
		}
		return
	}
	workers := 1
	if batch*m*n*k >= gemmFlops {
		workers = runtime.GOMAXPROCS(0)
	}
	runTasks(batch, workers, func(i int) { one(i, 1) })
}

// gemmSmallFlops is the size (m·n·k) below which a product is a plain
// loop: packing, or a call into BLAS, would cost more than the arithmetic
// (a batch of many tiny products, say).
const gemmSmallFlops = 1 << 12

// gemmOne computes one product into dst (len m·n) on up to workers cores.
func gemmOne[T core.Number](m, n, k int, a, b Matrix[T], dst []T, workers int) {
	switch {
	case m == 0 || n == 0:
	case k == 0:
		clear(dst)
	case m*n*k < gemmSmallFlops:
		gemmSmall(m, n, k, a, b, dst)
	case !blasGemm(m, n, k, a, b, dst):
		gemm(m, n, k, a, b, dst, workers)
	}
}

// gemmSmall computes dst = a·b with the textbook loop.
func gemmSmall[T core.Number](m, n, k int, a, b Matrix[T], dst []T) {
	dst = dst[:m*n]
	for i := range m {
		row := dst[i*n : i*n+n]
		for j := range row {
			pa := a.Off + i*a.RS
			pb := b.Off + j*b.CS
			var s T
			for range k {
				s += a.Buf[pa] * b.Buf[pb]
				pa += a.CS
				pb += b.RS
			}
			row[j] = s
		}
	}
}

// runTasks calls body(t) for every t in [0, n) on up to workers goroutines
// (the caller's included), handing tasks out in order.
func runTasks(n, workers int, body func(t int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for t := range n {
			body(t)
		}
		return
	}
	var next atomic.Int64
	work := func() {
		for {
			t := int(next.Add(1) - 1)
			if t >= n {
				return
			}
			body(t)
		}
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
}

// gemmScratch holds a task's packed block of A and its edge tile.
type gemmScratch[T core.Number] struct {
	a    []T
	edge [gemmMR * gemmNR]T
}

func gemm[T core.Number](m, n, k int, a, b Matrix[T], dst []T, workers int) {
	ncMax := min(n, gemmNC)
	kcMax := min(k, gemmKC)
	bp := make([]T, roundUp(ncMax, gemmNR)*kcMax)
	pool := sync.Pool{New: func() any {
		return &gemmScratch[T]{a: make([]T, roundUp(min(m, gemmMC), gemmMR)*kcMax)}
	}}
	for jc := 0; jc < n; jc += gemmNC {
		nc := min(gemmNC, n-jc)
		for pc := 0; pc < k; pc += gemmKC {
			kc := min(gemmKC, k-pc)
			first := pc == 0
			panels := (nc + gemmNR - 1) / gemmNR
			// Pack B's kc×nc block, in parallel over groups of panels.
			const panelGroup = 16
			runTasks((panels+panelGroup-1)/panelGroup, workers, func(t int) {
				for p := t * panelGroup; p < min(panels, (t+1)*panelGroup); p++ {
					j := p * gemmNR
					packB(bp[p*gemmNR*kc:(p+1)*gemmNR*kc], b, pc, kc, jc+j, min(gemmNR, nc-j))
				}
			})
			rowTiles := (m + gemmMC - 1) / gemmMC
			colTiles := (nc + gemmNT - 1) / gemmNT
			runTasks(rowTiles*colTiles, workers, func(t int) {
				ic := (t / colTiles) * gemmMC
				jt := (t % colTiles) * gemmNT
				mc := min(gemmMC, m-ic)
				nt := min(gemmNT, nc-jt)
				s := pool.Get().(*gemmScratch[T])
				ap := s.a[:roundUp(mc, gemmMR)*kc]
				for i := 0; i < mc; i += gemmMR {
					packA(ap[i*kc:(i+gemmMR)*kc], a, ic+i, min(gemmMR, mc-i), pc, kc)
				}
				for j := 0; j < nt; j += gemmNR {
					nr := min(gemmNR, nt-j)
					bpan := bp[(jt+j)*kc : (jt+j+gemmNR)*kc]
					for i := 0; i < mc; i += gemmMR {
						mr := min(gemmMR, mc-i)
						apan := ap[i*kc : (i+gemmMR)*kc]
						c := dst[(ic+i)*n+jc+jt+j:]
						if mr == gemmMR && nr == gemmNR {
							kernel2x4(kc, apan, bpan, c, n, first)
							continue
						}
						kernel2x4(kc, apan, bpan, s.edge[:], gemmNR, true)
						for r := range mr {
							row := c[r*n : r*n+nr]
							e := s.edge[r*gemmNR : r*gemmNR+nr]
							if first {
								copy(row, e)
							} else {
								for q := range row {
									row[q] += e[q]
								}
							}
						}
					}
				}
				pool.Put(s)
			})
		}
	}
}

func roundUp(x, m int) int { return (x + m - 1) / m * m }

// packA copies rows [i0, i0+mr) and columns [p0, p0+kc) of a into dst as
// kc groups of gemmMR values (row-interleaved), zero-padding rows past mr.
func packA[T core.Number](dst []T, a Matrix[T], i0, mr, p0, kc int) {
	dst = dst[:kc*gemmMR]
	if mr < gemmMR {
		clear(dst)
	}
	for r := range mr {
		pos := a.Off + (i0+r)*a.RS + p0*a.CS
		if a.CS == 1 {
			src := a.Buf[pos : pos+kc]
			for p, v := range src {
				dst[p*gemmMR+r] = v
			}
			continue
		}
		for p := range kc {
			dst[p*gemmMR+r] = a.Buf[pos]
			pos += a.CS
		}
	}
}

// packB copies rows [p0, p0+kc) and columns [j0, j0+nr) of b into dst as
// kc groups of gemmNR values, zero-padding columns past nr.
func packB[T core.Number](dst []T, b Matrix[T], p0, kc, j0, nr int) {
	dst = dst[:kc*gemmNR]
	if nr == gemmNR && b.CS == 1 {
		for p := range kc {
			pos := b.Off + (p0+p)*b.RS + j0
			src := b.Buf[pos : pos+gemmNR]
			d := dst[p*gemmNR : p*gemmNR+gemmNR]
			d[0], d[1], d[2], d[3] = src[0], src[1], src[2], src[3]
		}
		return
	}
	if nr < gemmNR {
		clear(dst)
	}
	for q := range nr {
		pos := b.Off + p0*b.RS + (j0+q)*b.CS
		for p := range kc {
			dst[p*gemmNR+q] = b.Buf[pos]
			pos += b.RS
		}
	}
}

// kernel2x4 computes the 2×4 tile a·b from packed panels of depth kc and
// stores it into c (row stride ldc), or adds it to c when first is false.
// Two rows by four columns is the largest tile whose accumulators the Go
// compiler keeps in registers on amd64 (measured: 4×4 and 3×4 spill and
// run at about half the speed).
func kernel2x4[T core.Number](kc int, a, b []T, c []T, ldc int, first bool) {
	var c00, c01, c02, c03 T
	var c10, c11, c12, c13 T
	a = a[:kc*gemmMR]
	b = b[:kc*gemmNR]
	for len(a) >= 2 && len(b) >= 4 {
		a0, a1 := a[0], a[1]
		b0, b1, b2, b3 := b[0], b[1], b[2], b[3]
		c00 += a0 * b0
		c10 += a1 * b0
		c01 += a0 * b1
		c11 += a1 * b1
		c02 += a0 * b2
		c12 += a1 * b2
		c03 += a0 * b3
		c13 += a1 * b3
		a, b = a[2:], b[4:]
	}
	r0 := c[0:4:4]
	r1 := c[ldc : ldc+4 : ldc+4]
	if first {
		r0[0], r0[1], r0[2], r0[3] = c00, c01, c02, c03
		r1[0], r1[1], r1[2], r1[3] = c10, c11, c12, c13
		return
	}
	r0[0], r0[1], r0[2], r0[3] = r0[0]+c00, r0[1]+c01, r0[2]+c02, r0[3]+c03
	r1[0], r1[1], r1[2], r1[3] = r1[0]+c10, r1[1]+c11, r1[2]+c12, r1[3]+c13
}
