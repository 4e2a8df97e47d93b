package cpu

import "testing"

// gemmBenchOperand returns a rows×cols float32 matrix, row-major or (when
// trans is set) the transpose of a row-major cols×rows one, as dot_general
// passes a transposed view.
func gemmBenchOperand(rows, cols int, trans bool) Matrix[float32] {
	buf := make([]float32, rows*cols)
	for i := range buf {
		buf[i] = float32(i%7)*0.1 - 0.3
	}
	if trans {
		return Matrix[float32]{buf, 0, 1, rows}
	}
	return Matrix[float32]{buf, 0, cols, 1}
}

// BenchmarkGemmMLP measures the products of the MLP training step of
// bench/mlp_test.go (784-512-10, batch 256) in the layouts that
// JIT(ValueAndGrad) passes them: X·W1, H·W2, dlogits·W2ᵀ, dlogitsᵀ·H
// (dW2ᵀ) and dZᵀ·X (dW1ᵀ).
func BenchmarkGemmMLP(b *testing.B) {
	for _, s := range []struct {
		name           string
		m, n, k        int
		transA, transB bool
	}{
		{"XW1_256x512x784", 256, 512, 784, false, false},
		{"HW2_256x10x512", 256, 10, 512, false, false},
		{"dlW2t_256x512x10", 256, 512, 10, false, true},
		{"dltH_10x512x256", 10, 512, 256, true, false},
		{"dZtX_512x784x256", 512, 784, 256, true, false},
	} {
		b.Run(s.name, func(b *testing.B) {
			x := gemmBenchOperand(s.m, s.k, s.transA)
			y := gemmBenchOperand(s.k, s.n, s.transB)
			dst := make([]float32, s.m*s.n)
			for b.Loop() {
				Gemm(s.m, s.n, s.k, x, y, dst)
			}
			b.ReportMetric(2*float64(s.m*s.n*s.k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// BenchmarkGemmF32_2048 is the 2048³ float32 product of the target.
func BenchmarkGemmF32_2048(b *testing.B) { benchGemm[float32](b, 2048, false) }
