package cpu

import (
	"math"
	"testing"
)

// The loops over 1<<16 elements in [-5, 5] (benchLoop); ns/op divided
// by 65536 is ns per element. The F64 loops and the package math loops
// use the same values.

func benchLoop64(b *testing.B, f func(d, s []float64)) {
	s := make([]float64, 1<<16)
	for i := range s {
		s[i] = float64(i%200)/20 - 5
	}
	d := make([]float64, len(s))
	b.SetBytes(int64(8 * len(s)))
	for range b.N {
		f(d, s)
	}
}

// mathLoop32 runs a package math function in float64 over float32 data.
func mathLoop32(f func(float64) float64) func(d, s []float32) {
	return func(d, s []float32) {
		d = d[:len(s)]
		for i, x := range s {
			d[i] = float32(f(float64(x)))
		}
	}
}

// mathLoop64 runs a package math function over float64 data.
func mathLoop64(f func(float64) float64) func(d, s []float64) {
	return func(d, s []float64) {
		d = d[:len(s)]
		for i, x := range s {
			d[i] = f(x)
		}
	}
}

func BenchmarkSinF32(b *testing.B)       { benchLoop(b, SinLoopF32) }
func BenchmarkCosF32(b *testing.B)       { benchLoop(b, CosLoopF32) }
func BenchmarkErfF32(b *testing.B)       { benchLoop(b, ErfLoopF32) }
func BenchmarkSinF32Scalar(b *testing.B) { benchLoop(b, scalarLoop32(SinF32)) }
func BenchmarkSinF32Math(b *testing.B)   { benchLoop(b, mathLoop32(math.Sin)) }
func BenchmarkCosF32Math(b *testing.B)   { benchLoop(b, mathLoop32(math.Cos)) }
func BenchmarkErfF32Math(b *testing.B)   { benchLoop(b, mathLoop32(math.Erf)) }
func BenchmarkSinF64(b *testing.B)       { benchLoop64(b, SinLoopF64) }
func BenchmarkCosF64(b *testing.B)       { benchLoop64(b, CosLoopF64) }
func BenchmarkErfF64(b *testing.B)       { benchLoop64(b, ErfLoopF64) }
func BenchmarkTanhF64(b *testing.B)      { benchLoop64(b, TanhLoopF64) }
func BenchmarkSigmoidF64(b *testing.B)   { benchLoop64(b, SigmoidLoopF64) }
func BenchmarkSinF64Math(b *testing.B)   { benchLoop64(b, mathLoop64(math.Sin)) }
func BenchmarkCosF64Math(b *testing.B)   { benchLoop64(b, mathLoop64(math.Cos)) }
func BenchmarkErfF64Math(b *testing.B)   { benchLoop64(b, mathLoop64(math.Erf)) }
func BenchmarkTanhF64Math(b *testing.B)  { benchLoop64(b, mathLoop64(math.Tanh)) }
func BenchmarkSigmoidF64Math(b *testing.B) {
	benchLoop64(b, mathLoop64(func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }))
}
