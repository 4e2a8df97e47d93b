// Package bench compares nd with hand-written Go (and, through its
// scripts, with NumPy) on the same work.
package bench

import (
	"testing"

	"github.com/nd-go/nd"
)

const n16M = 1 << 24

func f32Input(n int, scale float32) []float32 {
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(i%1000)*scale + 1
	}
	return x
}

// BenchmarkAddF32_16M is nd.Add of two contiguous 16M float32 arrays,
// result allocated; compare with BenchmarkAddF32_16M_GoLoop.
func BenchmarkAddF32_16M(b *testing.B) {
	x, y := nd.Wrap(f32Input(n16M, 0.5)), nd.Wrap(f32Input(n16M, 0.25))
	b.SetBytes(3 * 4 * n16M)
	b.ResetTimer()
	for range b.N {
		_ = nd.Add(x, y)
	}
}

// BenchmarkAddF32_16M_GoLoop is the hand-written single-goroutine loop.
func BenchmarkAddF32_16M_GoLoop(b *testing.B) {
	x, y := f32Input(n16M, 0.5), f32Input(n16M, 0.25)
	b.SetBytes(3 * 4 * n16M)
	b.ResetTimer()
	for range b.N {
		out := make([]float32, len(x))
		for i := range x {
			out[i] = x[i] + y[i]
		}
		sinkF32 = out
	}
}

// BenchmarkMulScalarF32_16M is x * 2 on a contiguous 16M float32 array
// (a weak Go scalar: the result stays float32).
func BenchmarkMulScalarF32_16M(b *testing.B) {
	x := nd.Wrap(f32Input(n16M, 0.5))
	b.SetBytes(2 * 4 * n16M)
	b.ResetTimer()
	for range b.N {
		_ = nd.Mul(x, 2)
	}
}

// BenchmarkMulScalarF32_16M_GoLoop is the hand-written loop for x * 2.
func BenchmarkMulScalarF32_16M_GoLoop(b *testing.B) {
	x := f32Input(n16M, 0.5)
	b.SetBytes(2 * 4 * n16M)
	b.ResetTimer()
	for range b.N {
		out := make([]float32, len(x))
		for i := range x {
			out[i] = x[i] * 2
		}
		sinkF32 = out
	}
}

// BenchmarkAddOneElement measures the fixed cost of an op: nd.Add on
// 1-element arrays (conversion, promotion, broadcasting, Bind, abstract
// eval, allocation, kernel dispatch).
func BenchmarkAddOneElement(b *testing.B) {
	x, y := nd.FromSlice([]float32{1}), nd.FromSlice([]float32{2})
	b.ReportAllocs()
	for range b.N {
		_ = nd.Add(x, y)
	}
}

var sinkF32 []float32
