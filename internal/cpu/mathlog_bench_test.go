package cpu

import (
	"math"
	"testing"
)

// The benchmarks of nd's logarithms, exponentials and pow against the
// same loops through package math (float64 math functions, converted for
// float32), on 65536 elements in cache:
//
//	go test ./internal/cpu -run '^$' -bench 'Log|Expm1|ExpF64|Pow'
//
// b.SetBytes counts the source bytes, so MB/s over 4 (float32) or 8
// (float64) is elements per microsecond.

func benchInputs32(lo, hi float32) []float32 {
	s := make([]float32, 1<<16)
	for i := range s {
		s[i] = lo + (hi-lo)*float32(i%1000)/1000
	}
	return s
}

func benchUnary32(b *testing.B, lo, hi float32, f func(d, s []float32)) {
	s := benchInputs32(lo, hi)
	d := make([]float32, len(s))
	b.SetBytes(int64(4 * len(s)))
	for range b.N {
		f(d, s)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(s)), "ns/elem")
}

func benchUnary64(b *testing.B, lo, hi float64, f func(d, s []float64)) {
	s := make([]float64, 1<<16)
	for i := range s {
		s[i] = lo + (hi-lo)*float64(i%1000)/1000
	}
	d := make([]float64, len(s))
	b.SetBytes(int64(8 * len(s)))
	for range b.N {
		f(d, s)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(s)), "ns/elem")
}

// mathLoop32 and mathLoop64 (mathtrig_bench_test.go) are the loops
// through package math.

func BenchmarkLogF32(b *testing.B)         { benchUnary32(b, 0.01, 100, LogLoopF32) }
func BenchmarkLogF32Scalar(b *testing.B)   { benchUnary32(b, 0.01, 100, scalarLoop32(LogF32)) }
func BenchmarkLogF32Math(b *testing.B)     { benchUnary32(b, 0.01, 100, mathLoop32(math.Log)) }
func BenchmarkLog1pF32(b *testing.B)       { benchUnary32(b, -0.9, 10, Log1pLoopF32) }
func BenchmarkLog1pF32Scalar(b *testing.B) { benchUnary32(b, -0.9, 10, scalarLoop32(Log1pF32)) }
func BenchmarkLog1pF32Math(b *testing.B)   { benchUnary32(b, -0.9, 10, mathLoop32(math.Log1p)) }
func BenchmarkExpm1F32(b *testing.B)       { benchUnary32(b, -5, 5, Expm1LoopF32) }
func BenchmarkExpm1F32Math(b *testing.B)   { benchUnary32(b, -5, 5, mathLoop32(math.Expm1)) }
func BenchmarkLogF64(b *testing.B)         { benchUnary64(b, 0.01, 100, LogLoopF64) }
func BenchmarkLogF64Math(b *testing.B)     { benchUnary64(b, 0.01, 100, mathLoop64(math.Log)) }
func BenchmarkLog1pF64(b *testing.B)       { benchUnary64(b, -0.9, 10, Log1pLoopF64) }
func BenchmarkLog1pF64Math(b *testing.B)   { benchUnary64(b, -0.9, 10, mathLoop64(math.Log1p)) }
func BenchmarkExpm1F64(b *testing.B)       { benchUnary64(b, -5, 5, Expm1LoopF64) }
func BenchmarkExpm1F64Math(b *testing.B)   { benchUnary64(b, -5, 5, mathLoop64(math.Expm1)) }
func BenchmarkExpF64(b *testing.B)         { benchUnary64(b, -5, 5, ExpLoopF64) }
func BenchmarkExpF64Math(b *testing.B)     { benchUnary64(b, -5, 5, mathLoop64(math.Exp)) }

func BenchmarkPowF32(b *testing.B) {
	x := benchInputs32(0.01, 100)
	y := benchInputs32(-3, 3)
	d := make([]float32, len(x))
	vv := PowKernelsF32().VV
	b.SetBytes(int64(4 * len(x)))
	for range b.N {
		vv(d, x, y)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(x)), "ns/elem")
}

func BenchmarkPowF64(b *testing.B) {
	x := make([]float64, 1<<16)
	y := make([]float64, 1<<16)
	for i := range x {
		x[i] = 0.01 + 100*float64(i%1000)/1000
		y[i] = -3 + 6*float64(i%997)/997
	}
	d := make([]float64, len(x))
	vv := PowKernelsF64().VV
	b.SetBytes(int64(8 * len(x)))
	for range b.N {
		vv(d, x, y)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(x)), "ns/elem")
}

func BenchmarkPowF64Math(b *testing.B) {
	x := make([]float64, 1<<16)
	y := make([]float64, 1<<16)
	for i := range x {
		x[i] = 0.01 + 100*float64(i%1000)/1000
		y[i] = -3 + 6*float64(i%997)/997
	}
	d := make([]float64, len(x))
	b.SetBytes(int64(8 * len(x)))
	for range b.N {
		for i := range x {
			d[i] = math.Pow(x[i], y[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(x)), "ns/elem")
}
