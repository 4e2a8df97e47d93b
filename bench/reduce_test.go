package bench

import (
	"testing"

	"github.com/nd-go/nd"
)

const n64M = 1 << 26

// reduceInputF32 returns n float32 values in [0, 1) from a fixed
// pseudo-random sequence.
func reduceInputF32(n int) []float32 {
	x := make([]float32, n)
	s := uint32(1)
	for i := range x {
		s = s*1664525 + 1013904223
		x[i] = float32(s>>8) / (1 << 24)
	}
	return x
}

var reduceSinkF32 float32

// BenchmarkSumF32_64M is nd.Sum of a contiguous 64M float32 array
// (pairwise summation, split over cores); compare with
// BenchmarkSumF32_64M_GoLoop.
func BenchmarkSumF32_64M(b *testing.B) {
	x := nd.Wrap(reduceInputF32(n64M))
	b.SetBytes(4 * n64M)
	b.ResetTimer()
	for range b.N {
		reduceSinkF32 = float32(nd.Sum(x).Item())
	}
}

// BenchmarkSumF32_64M_GoLoop is the hand-written single-goroutine running
// sum (less accurate: its error grows with n).
func BenchmarkSumF32_64M_GoLoop(b *testing.B) {
	x := reduceInputF32(n64M)
	b.SetBytes(4 * n64M)
	b.ResetTimer()
	for range b.N {
		var s float32
		for _, v := range x {
			s += v
		}
		reduceSinkF32 = s
	}
}

// BenchmarkMeanF32_8192x8192_Axis0 is nd.Mean(x, 0): every row is added
// into a row of column accumulators.
func BenchmarkMeanF32_8192x8192_Axis0(b *testing.B) {
	x := nd.Wrap(reduceInputF32(8192*8192), 8192, 8192)
	b.SetBytes(4 * 8192 * 8192)
	b.ResetTimer()
	for range b.N {
		_ = nd.Mean(x, 0)
	}
}

// BenchmarkMeanF32_8192x8192_Axis1 is nd.Mean(x, 1): every output is the
// pairwise sum of one contiguous row.
func BenchmarkMeanF32_8192x8192_Axis1(b *testing.B) {
	x := nd.Wrap(reduceInputF32(8192*8192), 8192, 8192)
	b.SetBytes(4 * 8192 * 8192)
	b.ResetTimer()
	for range b.N {
		_ = nd.Mean(x, 1)
	}
}

// BenchmarkMeanF32_8192x8192_Axis0_GoLoop is the hand-written
// single-goroutine column mean.
func BenchmarkMeanF32_8192x8192_Axis0_GoLoop(b *testing.B) {
	x := reduceInputF32(8192 * 8192)
	b.SetBytes(4 * 8192 * 8192)
	b.ResetTimer()
	for range b.N {
		out := make([]float32, 8192)
		for i := 0; i < 8192; i++ {
			row := x[i*8192 : (i+1)*8192]
			for j, v := range row {
				out[j] += v
			}
		}
		for j := range out {
			out[j] /= 8192
		}
	}
}

// BenchmarkSoftmaxF32_4096x1024 is nd.Softmax over the last axis.
func BenchmarkSoftmaxF32_4096x1024(b *testing.B) {
	x := nd.Wrap(reduceInputF32(4096*1024), 4096, 1024)
	b.SetBytes(4 * 4096 * 1024)
	b.ResetTimer()
	for range b.N {
		_ = nd.Softmax(x)
	}
}

// BenchmarkMaxF32_8192x8192_Axis0 is nd.Max(x, 0): every row is folded
// into a row of column maxima (NaN-propagating).
func BenchmarkMaxF32_8192x8192_Axis0(b *testing.B) {
	x := nd.Wrap(reduceInputF32(8192*8192), 8192, 8192)
	b.SetBytes(4 * 8192 * 8192)
	b.ResetTimer()
	for range b.N {
		_ = nd.Max(x, 0)
	}
}

// BenchmarkArgMaxF32_8192x8192_Axis1 is nd.ArgMax(x, 1): the position of
// the largest element of every contiguous row.
func BenchmarkArgMaxF32_8192x8192_Axis1(b *testing.B) {
	x := nd.Wrap(reduceInputF32(8192*8192), 8192, 8192)
	b.SetBytes(4 * 8192 * 8192)
	b.ResetTimer()
	for range b.N {
		_ = nd.ArgMax(x, 1)
	}
}

// BenchmarkArgMaxF32_8192x8192_Axis0 is nd.ArgMax(x, 0): the position of
// the largest element of every column, a search down strided columns.
func BenchmarkArgMaxF32_8192x8192_Axis0(b *testing.B) {
	x := nd.Wrap(reduceInputF32(8192*8192), 8192, 8192)
	b.SetBytes(4 * 8192 * 8192)
	b.ResetTimer()
	for range b.N {
		_ = nd.ArgMax(x, 0)
	}
}
