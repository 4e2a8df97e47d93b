package cpu

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// naiveGemm is the float64 triple loop the kernels are checked against.
func naiveGemm[T gemmTestNumber](m, n, k int, a, b Matrix[T]) []float64 {
	out := make([]float64, m*n)
	for i := range m {
		for j := range n {
			var s float64
			for p := range k {
				s += float64(a.at(i, p)) * float64(b.at(p, j))
			}
			out[i*n+j] = s
		}
	}
	return out
}

type gemmTestNumber interface {
	uint8 | int32 | int64 | float32 | float64
}

// stridedMatrix returns an m×k matrix of random values laid out as layout
// says: "row" (row-major, padded rows), "col" (column-major), "step"
// (every other element), "neg" (rows reversed).
func stridedMatrix(r *rand.Rand, rows, cols int, layout string) Matrix[float64] {
	buf := make([]float64, 2*rows*cols+7)
	for i := range buf {
		buf[i] = r.NormFloat64()
	}
	switch layout {
	case "col":
		return Matrix[float64]{buf, 3, 1, rows}
	case "step":
		return Matrix[float64]{buf, 1, 2 * cols, 2}
	case "neg":
		return Matrix[float64]{buf, 2 + (rows-1)*cols, -cols, 1}
	}
	return Matrix[float64]{buf, 5, cols + 1, 1}
}

// TestGemm checks the packed kernel and the dispatching entry points
// against float64 loops (tolerance 1e-12·(k+1)), for sizes that are and
// are not multiples of the tiles and blocks, in every layout.
func TestGemm(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	shapes := [][3]int{{1, 1, 1}, {17, 33, 5}, {2, 4, 4}, {5, 3, 300}, {70, 9, 513}, {130, 270, 40}, {3, 0, 2}, {2, 3, 0}, {1, 300, 7}}
	layouts := []string{"row", "col", "step", "neg"}
	for _, s := range shapes {
		m, n, k := s[0], s[1], s[2]
		for _, la := range layouts {
			for _, lb := range layouts {
				a := stridedMatrix(r, m, k, la)
				b := stridedMatrix(r, k, n, lb)
				want := naiveGemm(m, n, k, a, b)
				for name, f := range map[string]func(dst []float64){
					"gemmOne":  func(dst []float64) { gemmOne(m, n, k, a, b, dst, 0) },
					"packed-4": func(dst []float64) { packedOnly(m, n, k, a, b, dst, 4) },
					"Gemm":     func(dst []float64) { Gemm(m, n, k, a, b, dst) },
				} {
					dst := make([]float64, m*n)
					for i := range dst {
						dst[i] = 99
					}
					f(dst)
					for i := range dst {
						if math.Abs(dst[i]-want[i]) > 1e-12*float64(k+1) {
							t.Fatalf("%s %v %s·%s: element %d = %v, want %v", name, s, la, lb, i, dst[i], want[i])
						}
					}
				}
			}
		}
	}
}

// packedOnly runs nd's own kernel, bypassing BLAS.
func packedOnly[T gemmTestNumber](m, n, k int, a, b Matrix[T], dst []T, workers int) {
	if k == 0 {
		clear(dst)
		return
	}
	gemm(m, n, k, a, b, dst, workers)
}

// TestGemmNaN checks that 0·NaN and 0·Inf give NaN, as IEEE arithmetic
// (and NumPy) do, on the dispatching path.
func TestGemmNaN(t *testing.T) {
	for _, bad := range []float32{float32(math.NaN()), float32(math.Inf(1))} {
		a := Matrix[float32]{[]float32{0, 0, 1, 1}, 0, 2, 1}   // [[0 0] [1 1]]
		b := Matrix[float32]{[]float32{bad, 1, 1, 1}, 0, 2, 1} // [[bad 1] [1 1]]
		dst := make([]float32, 4)
		Gemm(2, 2, 2, a, b, dst)
		if !math.IsNaN(float64(dst[0])) || dst[1] != 0 || dst[3] != 2 {
			t.Fatalf("with %v: got %v, want [NaN 0 %v 2]", bad, dst, bad+1)
		}
	}
}

// TestGemmDeterministic checks that the packed kernel gives the same bits
// on one worker and on several, for a square product and for skinny ones
// (computed as Cᵀ where the tile fits that better).
func TestGemmDeterministic(t *testing.T) {
	for _, s := range [][3]int{{150, 300, 700}, {300, 10, 700}, {10, 300, 500}} {
		testGemmDeterministic(t, s[0], s[1], s[2], gemmAsm[float32]())
		testGemmDeterministic(t, s[0], s[1], s[2], gemmGoTiling[float32]())
		testGemmDeterministic(t, s[0], s[1], s[2], gemmAsm[float64]())
	}
}

// testGemmDeterministic compares the bits of an m×n×k product with tiling
// tl (nil: skip) on one worker and on several.
func testGemmDeterministic[T float32 | float64](t *testing.T, m, n, k int, tl *gemmTiling[T]) {
	t.Helper()
	if tl == nil {
		return
	}
	r := rand.New(rand.NewPCG(3, 4))
	a := Matrix[T]{make([]T, m*k), 0, k, 1}
	b := Matrix[T]{make([]T, k*n), 0, 1, k}
	for i := range a.Buf {
		a.Buf[i] = T(r.NormFloat64())
	}
	for i := range b.Buf {
		b.Buf[i] = T(r.NormFloat64())
	}
	one, many := make([]T, m*n), make([]T, m*n)
	gemmTiled(m, n, k, a, b, one, 1, tl)
	gemmTiled(m, n, k, a, b, many, max(4, runtime.GOMAXPROCS(0)), tl)
	for i := range one {
		if one[i] != many[i] {
			t.Fatalf("%dx%dx%d %dx%d tile: element %d: %v on one worker, %v on several", m, n, k, tl.mr, tl.nr, i, one[i], many[i])
		}
	}
}

// TestGemmBatchTransposed checks GemmBatch on the operands dot_general
// passes: transposed views (unit row stride), an operand shared by every
// batch (stride 0) and batches laid out one after the other, against
// float64 loops (tolerance 1e-6·Σ|ab| for float32, 1e-13·Σ|ab| for
// float64).
func TestGemmBatchTransposed(t *testing.T) {
	for _, s := range [][3]int{{13, 10, 40}, {40, 33, 17}, {70, 3, 130}, {5, 64, 300}} {
		testGemmBatchTransposed[float32](t, s[0], s[1], s[2], 1e-6)
		testGemmBatchTransposed[float64](t, s[0], s[1], s[2], 1e-13)
	}
}

func testGemmBatchTransposed[T float32 | float64](t *testing.T, m, n, k int, tol float64) {
	t.Helper()
	const batch = 3
	r := rand.New(rand.NewPCG(uint64(m), uint64(n)))
	fill := func(size int) []T {
		x := make([]T, size)
		for i := range x {
			x[i] = T(r.NormFloat64())
		}
		return x
	}
	for _, tc := range []struct {
		name           string
		transA, transB bool
		shareB         bool
	}{
		{"AᵀB", true, false, false},
		{"ABᵀ", false, true, false},
		{"AᵀBᵀ shared", true, true, true},
		{"AB shared", false, false, true},
	} {
		a := Matrix[T]{Buf: fill(batch * m * k), RS: k, CS: 1}
		if tc.transA {
			a.RS, a.CS = 1, m
		}
		b := Matrix[T]{Buf: fill(batch * k * n), RS: n, CS: 1}
		if tc.transB {
			b.RS, b.CS = 1, k
		}
		bStride := k * n
		if tc.shareB {
			bStride = 0
		}
		for _, workers := range []int{1, 3} {
			dst := make([]T, batch*m*n)
			old := runtime.GOMAXPROCS(workers)
			GemmBatch(batch, m, n, k, a, m*k, b, bStride, dst)
			runtime.GOMAXPROCS(old)
			for i := range batch {
				ai, bi := a, b
				ai.Off += i * m * k
				bi.Off += i * bStride
				for row := range m {
					for col := range n {
						var want, abs float64
						for p := range k {
							prod := float64(ai.at(row, p)) * float64(bi.at(p, col))
							want += prod
							abs += math.Abs(prod)
						}
						got := float64(dst[i*m*n+row*n+col])
						if math.Abs(got-want) > tol*abs+tol {
							t.Fatalf("%s %dx%dx%d batch %d: C[%d][%d] = %v, want %v", tc.name, m, n, k, i, row, col, got, want)
						}
					}
				}
			}
		}
	}
}

func TestGemmInt(t *testing.T) {
	a := Matrix[int32]{[]int32{1, 2, 3, 4, 5, 6}, 0, 3, 1}
	b := Matrix[int32]{[]int32{7, 8, 9, 10, 11, 12}, 0, 2, 1}
	dst := make([]int32, 4)
	GemmBatch(1, 2, 2, 3, a, 0, b, 0, dst)
	want := []int32{58, 64, 139, 154}
	for i := range want {
		if dst[i] != want[i] {
			t.Fatalf("got %v, want %v", dst, want)
		}
	}
}

func benchGemm[T float32 | float64](b *testing.B, n int, packed bool) {
	x := make([]T, n*n)
	y := make([]T, n*n)
	for i := range x {
		x[i] = T(i%7) * 0.1
		y[i] = T(i%5) * 0.2
	}
	dst := make([]T, n*n)
	b.ResetTimer()
	for range b.N {
		if packed {
			packedOnly(n, n, n, Matrix[T]{x, 0, n, 1}, Matrix[T]{y, 0, n, 1}, dst, runtime.GOMAXPROCS(0))
		} else {
			Gemm(n, n, n, Matrix[T]{x, 0, n, 1}, Matrix[T]{y, 0, n, 1}, dst)
		}
	}
	b.ReportMetric(2*float64(n*n*n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func BenchmarkGemmF32_1024(b *testing.B)       { benchGemm[float32](b, 1024, false) }
func BenchmarkGemmF64_1024(b *testing.B)       { benchGemm[float64](b, 1024, false) }
func BenchmarkGemmPackedF32_1024(b *testing.B) { benchGemm[float32](b, 1024, true) }
func BenchmarkGemmPackedF64_1024(b *testing.B) { benchGemm[float64](b, 1024, true) }
