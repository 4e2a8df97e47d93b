package bench

import (
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"

	"github.com/nd-go/nd"
)

// matmulInput returns n×n values in [-0.5, 0.5), the same for every
// benchmark of a size.
func matmulInput(n int, seed uint32) []float64 {
	x := make([]float64, n*n)
	s := seed
	for i := range x {
		s = s*1664525 + 1013904223
		x[i] = float64(s>>8)/(1<<24) - 0.5
	}
	return x
}

func reportGFLOPS(b *testing.B, n int) {
	b.ReportMetric(2*float64(n)*float64(n)*float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func benchMatMul(b *testing.B, d nd.DType, n int, layout string) {
	x := nd.Wrap(matmulInput(n, 1), n, n).AsType(d)
	y := nd.Wrap(matmulInput(n, 2), n, n).AsType(d)
	if layout == "flipped" {
		// Negative strides: BLAS cannot describe the operand, so this
		// measures nd's own packed kernel on every platform (on amd64 the
		// contiguous products run it too).
		y = nd.Flip(y, 0)
	}
	b.ResetTimer()
	for range b.N {
		_ = nd.MatMul(x, y)
	}
	reportGFLOPS(b, n)
}

func benchSgemm(b *testing.B, n int) {
	x := make([]float32, n*n)
	y := make([]float32, n*n)
	for i, v := range matmulInput(n, 1) {
		x[i] = float32(v)
	}
	for i, v := range matmulInput(n, 2) {
		y[i] = float32(v)
	}
	c := make([]float32, n*n)
	b.ResetTimer()
	for range b.N {
		c = make([]float32, n*n) // nd allocates its result too
		gonum.Implementation{}.Sgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, x, n, y, n, 0, c, n)
	}
	reportGFLOPS(b, n)
}

func benchDgemm(b *testing.B, n int) {
	x, y := matmulInput(n, 1), matmulInput(n, 2)
	b.ResetTimer()
	for range b.N {
		c := make([]float64, n*n)
		gonum.Implementation{}.Dgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, x, n, y, n, 0, c, n)
	}
	reportGFLOPS(b, n)
}

// BenchmarkMatMulF32_1024 is nd.MatMul of two contiguous 1024×1024 float32
// matrices; compare with BenchmarkSgemmGonum_1024.
func BenchmarkMatMulF32_1024(b *testing.B) { benchMatMul(b, nd.Float32, 1024, "contig") }

// BenchmarkSgemmGonum_1024 is Gonum's pure-Go Sgemm on the same data.
func BenchmarkSgemmGonum_1024(b *testing.B) { benchSgemm(b, 1024) }

// BenchmarkMatMulF32_1024_Packed is nd.MatMul with a flipped operand, which
// runs nd's own packed kernel where the contiguous product would go to
// Gonum's BLAS (without the assembly kernels: not amd64, or -tags noasm).
func BenchmarkMatMulF32_1024_Packed(b *testing.B) { benchMatMul(b, nd.Float32, 1024, "flipped") }

func BenchmarkMatMulF64_1024(b *testing.B)        { benchMatMul(b, nd.Float64, 1024, "contig") }
func BenchmarkDgemmGonum_1024(b *testing.B)       { benchDgemm(b, 1024) }
func BenchmarkMatMulF64_1024_Packed(b *testing.B) { benchMatMul(b, nd.Float64, 1024, "flipped") }

func BenchmarkMatMulF32_2048(b *testing.B)        { benchMatMul(b, nd.Float32, 2048, "contig") }
func BenchmarkSgemmGonum_2048(b *testing.B)       { benchSgemm(b, 2048) }
func BenchmarkMatMulF32_2048_Packed(b *testing.B) { benchMatMul(b, nd.Float32, 2048, "flipped") }

// BenchmarkMatMulBatchF32_512x64 is a batch of 512 products of 64×64
// float32 matrices (parallel over the batch).
func BenchmarkMatMulBatchF32_512x64(b *testing.B) {
	const batch, n = 512, 64
	x := nd.Wrap(matmulInput(n*64, 1)[:batch*n*n], batch, n, n).AsType(nd.Float32)
	y := nd.Wrap(matmulInput(n*64, 2)[:batch*n*n], batch, n, n).AsType(nd.Float32)
	b.ResetTimer()
	for range b.N {
		_ = nd.MatMul(x, y)
	}
	b.ReportMetric(2*batch*n*n*n*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}
