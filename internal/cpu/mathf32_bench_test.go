package cpu

import (
	"math"
	"math/rand"
	"testing"
)

func benchLoop(b *testing.B, f func(d, s []float32)) {
	s := make([]float32, 1<<16)
	for i := range s {
		s[i] = float32(i%200)/20 - 5
	}
	d := make([]float32, len(s))
	b.SetBytes(int64(4 * len(s)))
	for range b.N {
		f(d, s)
	}
}

func BenchmarkExp32(b *testing.B)     { benchLoop(b, ExpLoop32) }
func BenchmarkTanh32(b *testing.B)    { benchLoop(b, TanhLoop32) }
func BenchmarkSigmoid32(b *testing.B) { benchLoop(b, SigmoidLoop32) }

// BenchmarkTanhMath is the same loop through package math, for comparison.
func BenchmarkTanhMath(b *testing.B) {
	benchLoop(b, func(d, s []float32) {
		for i, x := range s {
			d[i] = float32(math.Tanh(float64(x)))
		}
	})
}

func BenchmarkTanh32Normal(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	s := make([]float32, 1<<16)
	for i := range s {
		s[i] = float32(r.NormFloat64())
	}
	d := make([]float32, len(s))
	b.SetBytes(int64(4 * len(s)))
	for range b.N {
		TanhLoop32(d, s)
	}
}

// scalarLoop32 is the loop over the scalar function alone, without the
// vector kernels, to compare with ExpLoop32 and the others.
func scalarLoop32(f func(float32) float32) func(d, s []float32) {
	return func(d, s []float32) {
		d = d[:len(s)]
		for i, x := range s {
			d[i] = f(x)
		}
	}
}

func BenchmarkExp32Scalar(b *testing.B)     { benchLoop(b, scalarLoop32(Exp32)) }
func BenchmarkTanh32Scalar(b *testing.B)    { benchLoop(b, scalarLoop32(Tanh32)) }
func BenchmarkSigmoid32Scalar(b *testing.B) { benchLoop(b, scalarLoop32(Sigmoid32)) }
