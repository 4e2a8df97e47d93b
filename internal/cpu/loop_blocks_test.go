package cpu

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLoopsIndependentOfBlocks checks that every math loop gives each
// element the same bits whatever block it is computed in: whole, one
// element at a time (the scalar tail) and in blocks of odd lengths, as the
// fused executor and the eager kernels cut them. Eager and JIT agree bit
// for bit only if this holds.
func TestLoopsIndependentOfBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	const n = 517
	s64 := make([]float64, n)
	for i := range s64 {
		switch i % 5 {
		case 0:
			s64[i] = r.NormFloat64()
		case 1:
			s64[i] = r.NormFloat64() * 30
		case 2:
			s64[i] = r.Float64() * 2
		case 3:
			s64[i] = math.Ldexp(r.Float64(), r.IntN(200)-100)
		default:
			s64[i] = -r.Float64()
		}
	}
	s64[7], s64[100], s64[301] = math.NaN(), math.Inf(1), 1e300
	s32 := make([]float32, n)
	for i, x := range s64 {
		s32[i] = float32(x)
	}
	loops32 := map[string]func(d, s []float32){
		"exp": ExpLoop32, "tanh": TanhLoop32, "sigmoid": SigmoidLoop32, "expm1": Expm1LoopF32,
		"log": LogLoopF32, "log1p": Log1pLoopF32, "sin": SinLoopF32, "cos": CosLoopF32, "erf": ErfLoopF32,
	}
	loops64 := map[string]func(d, s []float64){
		"exp": ExpLoopF64, "tanh": TanhLoopF64, "sigmoid": SigmoidLoopF64, "expm1": Expm1LoopF64,
		"log": LogLoopF64, "log1p": Log1pLoopF64, "sin": SinLoopF64, "cos": CosLoopF64, "erf": ErfLoopF64,
	}
	bits32 := func(x float32) uint64 { return uint64(math.Float32bits(x)) }
	for name, f := range loops32 {
		checkBlocks(t, name+"/float32", func(d []float32, lo, hi int) { f(d, s32[lo:hi]) }, n, bits32)
	}
	for name, f := range loops64 {
		checkBlocks(t, name+"/float64", func(d []float64, lo, hi int) { f(d, s64[lo:hi]) }, n, math.Float64bits)
	}
	pa, pb := make([]float32, n), make([]float32, n)
	qa, qb := make([]float64, n), make([]float64, n)
	for i := range pa {
		qa[i], qb[i] = math.Abs(s64[i]), s64[(i*7)%n]/8
		pa[i], pb[i] = float32(qa[i]), float32(qb[i])
	}
	p32, p64 := PowKernelsF32(), PowKernelsF64()
	checkBlocks(t, "pow/float64", func(d []float64, lo, hi int) { p64.VV(d, qa[lo:hi], qb[lo:hi]) }, n, math.Float64bits)
	checkBlocks(t, "pow/float32", func(d []float32, lo, hi int) { p32.VV(d, pa[lo:hi], pb[lo:hi]) }, n, bits32)
}

// checkBlocks runs f, which computes elements [lo, hi) of n into d, over
// all n at once and in blocks of several lengths, and reports the first
// element whose bits differ.
func checkBlocks[T float32 | float64](t *testing.T, name string, f func(d []T, lo, hi int), n int, bits func(T) uint64) {
	t.Helper()
	whole := make([]T, n)
	f(whole, 0, n)
	for _, b := range []int{1, 2, 3, 5, 7, 8, 9, 13, 15, 16, 17, 19, 31, 33, 100} {
		got := make([]T, n)
		for lo := 0; lo < n; lo += b {
			hi := min(lo+b, n)
			f(got[lo:hi], lo, hi)
		}
		for i := range got {
			if bits(got[i]) != bits(whole[i]) && !(got[i] != got[i] && whole[i] != whole[i]) {
				t.Errorf("%s: element %d in blocks of %d = %v, whole = %v", name, i, b, got[i], whole[i])
				break
			}
		}
	}
}
