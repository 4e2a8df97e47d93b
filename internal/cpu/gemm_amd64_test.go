//go:build amd64 && !noasm

package cpu

import (
	"math"
	"math/rand/v2"
	"testing"

	"golang.org/x/sys/cpu"

	"github.com/nd-go/nd/internal/core"
)

// gemmAsmTilings lists the assembly tilings for T that this CPU can run,
// for the tests to run each.
func gemmAsmTilings[T core.Number]() []*gemmTiling[T] {
	var out []*gemmTiling[T]
	add := func(f32 *gemmTiling[float32], f64 *gemmTiling[float64]) {
		var t T
		switch any(t).(type) {
		case float32:
			out = append(out, any(f32).(*gemmTiling[T]))
		case float64:
			out = append(out, any(f64).(*gemmTiling[T]))
		}
	}
	if cpu.X86.HasAVX512F {
		add(gemmF32AVX512, gemmF64AVX512)
	}
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		add(gemmF32AVX2, gemmF64AVX2)
	}
	return out
}

// randFloats returns n normal random values of type T after off leading
// values, so that the slice returned starts off elements into its buffer
// (off = 1 misaligns it for every vector width).
func randFloats[T float32 | float64](r *rand.Rand, n, off int) []T {
	buf := make([]T, n+off)
	for i := range buf {
		buf[i] = T(r.NormFloat64())
	}
	return buf[off:]
}

// checkTile compares got against want (float64) with the tolerance
// tol·absSum + tol, where absSum is Σ|a·b| of the element.
func checkTile(t *testing.T, what string, got float64, want, absSum, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol*absSum+tol {
		t.Fatalf("%s: got %v, want %v (Σ|ab| %v)", what, got, want, absSum)
	}
}

// testMicroKernel checks one assembly micro-kernel against float64 loops
// over the packed panels: depths 1, 3, 4, 7, 257, misaligned panels and
// tile, store and accumulate, and that nothing outside the tile changes.
func testMicroKernel[T float32 | float64](t *testing.T, tl *gemmTiling[T], tol float64) {
	r := rand.New(rand.NewPCG(7, 8))
	mr, nr := tl.mr, tl.nr
	for _, kc := range []int{1, 3, 4, 7, 257} {
		for _, off := range []int{0, 1, 3} {
			for _, acc := range []bool{false, true} {
				a := randFloats[T](r, mr*kc, off)
				b := randFloats[T](r, nr*kc, off)
				ldc := nr + 5
				c := randFloats[T](r, mr*ldc, off)
				before := append([]T(nil), c...)
				tl.kernel(kc, a, b, c, ldc, acc)
				for i := range mr {
					for j := range ldc {
						got, old := c[i*ldc+j], before[i*ldc+j]
						if j >= nr {
							if got != old {
								t.Fatalf("kc=%d: c[%d][%d] outside the tile changed", kc, i, j)
							}
							continue
						}
						var want, abs float64
						for p := range kc {
							prod := float64(a[p*mr+i]) * float64(b[p*nr+j])
							want += prod
							abs += math.Abs(prod)
						}
						if acc {
							want += float64(old)
							abs += math.Abs(float64(old))
						}
						checkTile(t, "kernel", float64(got), want, abs, tol)
					}
				}
			}
		}
	}
}

// TestGemmMicroKernel runs every micro-kernel this CPU has (AVX-512,
// AVX2+FMA).
func TestGemmMicroKernel(t *testing.T) {
	for _, tl := range gemmAsmTilings[float32]() {
		testMicroKernel(t, tl, 1e-6)
		testRowKernel(t, tl, 1e-6)
	}
	for _, tl := range gemmAsmTilings[float64]() {
		testMicroKernel(t, tl, 1e-14)
		testRowKernel(t, tl, 1e-14)
	}
}

// testRowKernel checks a tiling's row kernel, if it has one, as
// testMicroKernel does the packed one, with A's rows lda apart.
func testRowKernel[T float32 | float64](t *testing.T, tl *gemmTiling[T], tol float64) {
	if tl.rowKernel == nil {
		return
	}
	r := rand.New(rand.NewPCG(11, 12))
	mr, nr := tl.rowMR, tl.rowNR
	for _, kc := range []int{1, 3, 4, 7, 257} {
		for _, off := range []int{0, 1, 3} {
			for _, acc := range []bool{false, true} {
				lda := kc + off + 2
				a := randFloats[T](r, mr*lda, off)
				b := randFloats[T](r, nr*kc, off)
				ldc := nr + 5
				c := randFloats[T](r, mr*ldc, off)
				before := append([]T(nil), c...)
				tl.rowKernel(kc, a, lda, b, c, ldc, acc)
				for i := range mr {
					for j := range ldc {
						got, old := c[i*ldc+j], before[i*ldc+j]
						if j >= nr {
							if got != old {
								t.Fatalf("kc=%d: c[%d][%d] outside the tile changed", kc, i, j)
							}
							continue
						}
						var want, abs float64
						for p := range kc {
							prod := float64(a[i*lda+p]) * float64(b[p*nr+j])
							want += prod
							abs += math.Abs(prod)
						}
						if acc {
							want += float64(old)
							abs += math.Abs(float64(old))
						}
						checkTile(t, "row kernel", float64(got), want, abs, tol)
					}
				}
			}
		}
	}
}

// testGemmAsmEdges runs the packed product with every assembly kernel
// and with the Go kernel for sizes around the tile and block sizes (1 to
// 33, the tiles ±1, large odd ones), in several layouts and from
// misaligned buffers, against float64 loops. The tolerance is tol·Σ|ab|
// per element (float32: 1e-6, a relative error of 1e-5 or better for
// depths up to 1024 where the terms do not cancel).
func testGemmAsmEdges[T float32 | float64](t *testing.T, tol float64) {
	r := rand.New(rand.NewPCG(9, 10))
	layouts := []string{"row", "col", "step"}
	tilings := append(gemmAsmTilings[T](), gemmGoTiling[T]())
	var shapes [][3]int
	for _, m := range []int{1, 2, 5, 6, 7, 11, 12, 13, 33, 103} {
		for _, n := range []int{1, 3, 8, 10, 15, 16, 17, 31, 32, 33, 270} {
			for _, k := range []int{1, 7, 33, 257} {
				shapes = append(shapes, [3]int{m, n, k})
			}
		}
	}
	// Large odd sizes, deep enough for several depth blocks.
	shapes = append(shapes, [3]int{37, 45, 1023}, [3]int{131, 67, 515}, [3]int{25, 9, 1021})
	for _, s := range shapes {
		m, n, k := s[0], s[1], s[2]
		la, lb := layouts[(m+n)%3], layouts[(n+k)%3]
		if n <= 17 && k != 7 {
			la = "row" // the row kernels' products
		}
		a64, b64 := stridedMatrix(r, m, k, la), stridedMatrix(r, k, n, lb)
		// Every layout starts at an odd offset, so rows are misaligned.
		a := Matrix[T]{Buf: convertFloats[T](a64.Buf)[1:], Off: a64.Off - 1, RS: a64.RS, CS: a64.CS}
		b := Matrix[T]{Buf: convertFloats[T](b64.Buf)[1:], Off: b64.Off - 1, RS: b64.RS, CS: b64.CS}
		want := naiveGemm(m, n, k, a, b)
		abs := make([]float64, m*n)
		for i := range m {
			for j := range n {
				for p := range k {
					abs[i*n+j] += math.Abs(float64(a.at(i, p)) * float64(b.at(p, j)))
				}
			}
		}
		for _, tiling := range tilings {
			for _, workers := range []int{1, 3} {
				dst := make([]T, m*n+1)[1:]
				gemmTiled(m, n, k, a, b, dst, workers, tiling)
				for i, v := range dst {
					checkTile(t, "gemm", float64(v), want[i], abs[i], tol)
				}
			}
		}
	}
}

func convertFloats[T core.Number](x []float64) []T {
	out := make([]T, len(x))
	for i, v := range x {
		out[i] = T(v)
	}
	return out
}

func TestGemmAsmEdgesF32(t *testing.T) { testGemmAsmEdges[float32](t, 1e-6) }
func TestGemmAsmEdgesF64(t *testing.T) { testGemmAsmEdges[float64](t, 1e-14) }

// TestGemmAsmNaN checks that the assembly path multiplies zeros too: a
// zero row of A times a column holding Inf or NaN gives NaN.
func TestGemmAsmNaN(t *testing.T) {
	if gemmTilingF32 == nil {
		t.Skip("no AVX2+FMA")
	}
	m, n, k := 20, 40, 30
	a := Matrix[float32]{make([]float32, m*k), 0, k, 1}
	b := Matrix[float32]{make([]float32, k*n), 0, n, 1}
	for i := range b.Buf {
		b.Buf[i] = 1
	}
	for i := k; i < m*k; i++ { // row 0 of A is zero
		a.Buf[i] = 1
	}
	b.Buf[5*n+17] = float32(math.Inf(1))
	b.Buf[9*n+33] = float32(math.NaN())
	dst := make([]float32, m*n)
	Gemm(m, n, k, a, b, dst)
	for i := range m {
		for j := range n {
			v := float64(dst[i*n+j])
			switch {
			case j == 33 || (i == 0 && j == 17):
				if !math.IsNaN(v) {
					t.Fatalf("dst[%d][%d] = %v, want NaN", i, j, v)
				}
			case j == 17:
				if !math.IsInf(v, 1) {
					t.Fatalf("dst[%d][%d] = %v, want +Inf", i, j, v)
				}
			case i == 0 && v != 0, i > 0 && v != float64(k):
				t.Fatalf("dst[%d][%d] = %v", i, j, v)
			}
		}
	}
}

// TestGemmAsmDeterministic checks every assembly tiling gives the same
// bits on one worker and on several.
func TestGemmAsmDeterministic(t *testing.T) {
	for _, s := range [][3]int{{150, 300, 700}, {300, 10, 700}} {
		for _, tl := range gemmAsmTilings[float32]() {
			testGemmDeterministic(t, s[0], s[1], s[2], tl)
		}
		for _, tl := range gemmAsmTilings[float64]() {
			testGemmDeterministic(t, s[0], s[1], s[2], tl)
		}
	}
}
