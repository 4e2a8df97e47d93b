//go:build amd64 && !noasm

package cpu

import (
	"math"
	"math/rand"
	"testing"
)

// TestMathlogAVX512Kernels checks every AVX-512 kernel of mathlog_amd64.s
// against its AVX2 twin: the same bits on every lane (the same
// arithmetic; pow lanes outside its domain too), on dense random inputs
// with any-bits ones (NaN, Inf, denormals, ±0) among them, on every length
// from 0 to 40 at unaligned starts, so the masked tails are covered, and
// nothing written outside dst.
func TestMathlogAVX512Kernels(t *testing.T) {
	if !mathlogAVX512 || !mathlogAVX2 {
		t.Skip("no AVX-512 and AVX2 kernels on this machine or build")
	}
	const n = 4096
	r := rand.New(rand.NewSource(1))
	s64, t64 := mathlogInputs64(r, n), mathlogInputs64(r, n)
	for i := range t64 {
		if i%3 == 0 {
			t64[i] = float64(r.Intn(21) - 10) // integer exponents
		}
	}
	s32, t32 := make([]float32, n), make([]float32, n)
	for i := range s32 {
		s32[i], t32[i] = float32(s64[i]), float32(t64[i])
		if i%11 == 1 {
			s32[i] = math.Float32frombits(r.Uint32()) // any float32 bits
		}
	}
	// |x| for half the pow inputs, so most lanes are in its domain.
	p32, p64 := make([]float32, n), make([]float64, n)
	for i := range p32 {
		p32[i], p64[i] = s32[i], s64[i]
		if i%2 == 0 {
			p32[i], p64[i] = float32(math.Abs(float64(s32[i]))), math.Abs(s64[i])
		}
	}
	bits32 := func(x float32) uint64 { return uint64(math.Float32bits(x)) }
	unary32 := []struct {
		name       string
		avx2, f512 func(d, s []float32)
	}{
		{"log", logF32AVX2, logF32AVX512},
		{"log1p", log1pF32AVX2, log1pF32AVX512},
		{"expm1", expm1F32AVX2, expm1F32AVX512},
	}
	for _, k := range unary32 {
		checkAVX512Kernel(t, k.name+"/float32", [][]float32{s32},
			func(d []float32, in [][]float32) { k.avx2(d, in[0]) },
			func(d []float32, in [][]float32) { k.f512(d, in[0]) }, bits32)
	}
	unary64 := []struct {
		name       string
		avx2, f512 func(d, s []float64)
	}{
		{"exp", expF64AVX2, expF64AVX512},
		{"expm1", expm1F64AVX2, expm1F64AVX512},
		{"log", logF64AVX2, logF64AVX512},
		{"log1p", log1pF64AVX2, log1pF64AVX512},
	}
	for _, k := range unary64 {
		checkAVX512Kernel(t, k.name+"/float64", [][]float64{s64},
			func(d []float64, in [][]float64) { k.avx2(d, in[0]) },
			func(d []float64, in [][]float64) { k.f512(d, in[0]) }, math.Float64bits)
	}
	checkAVX512Kernel(t, "pow/float32", [][]float32{p32, t32},
		func(d []float32, in [][]float32) { powF32AVX2(d, in[0], in[1]) },
		func(d []float32, in [][]float32) { powF32AVX512(d, in[0], in[1]) }, bits32)
	checkAVX512Kernel(t, "pow/float64", [][]float64{p64, t64},
		func(d []float64, in [][]float64) { powF64AVX2(d, in[0], in[1]) },
		func(d []float64, in [][]float64) { powF64AVX512(d, in[0], in[1]) }, math.Float64bits)
}

// mathlogInputs64 returns n inputs for the logarithms, exponentials and
// pow: normal values of every scale, values near 0 and -1, denormals, any
// bits, and the special values.
func mathlogInputs64(r *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		switch i % 9 {
		case 0:
			s[i] = r.NormFloat64() * 30
		case 1:
			s[i] = math.Float64frombits(r.Uint64()) // any bits: NaN, Inf, denormals
		case 2:
			s[i] = math.Exp(r.NormFloat64() * 40) // positive, every scale
		case 3:
			s[i] = math.Ldexp(r.Float64(), -1022-r.Intn(60)) // float64 denormals
		case 4:
			s[i] = math.Ldexp(r.Float64(), -126-r.Intn(30)) // float32 denormals
		case 5:
			s[i] = -1 + math.Ldexp(r.Float64(), -r.Intn(60)) // near -1
		case 6:
			s[i] = math.Ldexp(r.NormFloat64(), -r.Intn(70)) // near 0
		case 7:
			s[i] = r.NormFloat64() * 400 // exp's overflow and underflow
		default:
			s[i] = r.NormFloat64() * 2
		}
	}
	specials := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1, -1,
		math.MaxFloat64, math.SmallestNonzeroFloat64, 0x1p-1022, math.MaxFloat32, 0x1p-149, 0x1p-126, 709.8, -745.2, 88.73, -103.9}
	for i, x := range specials {
		s[13*i+5] = x
	}
	return s
}

// checkAVX512Kernel compares f512 with avx2 on the inputs in (of equal
// lengths, a multiple of 8, which avx2 covers whole): the whole slices,
// and every length from 0 to 40 at starts 0, 1, 3 and 8, with a guard
// element on either side of dst that must stay as it was.
func checkAVX512Kernel[T float32 | float64](t *testing.T, name string, in [][]T, avx2, f512 func(d []T, in [][]T), bits func(T) uint64) {
	t.Helper()
	want := make([]T, len(in[0]))
	avx2(want, in)
	check := func(off, n int) {
		t.Helper()
		buf := make([]T, n+2)
		buf[0], buf[n+1] = 42, 42
		part := make([][]T, len(in))
		for j, s := range in {
			part[j] = s[off : off+n]
		}
		f512(buf[1:n+1], part)
		for i, g := range buf[1 : n+1] {
			if w := want[off+i]; bits(g) != bits(w) {
				args := make([]T, len(in))
				for j, s := range in {
					args[j] = s[off+i]
				}
				t.Fatalf("%s n=%d off=%d: [%d] of %v: AVX-512 %v (%#x), AVX2 %v (%#x)", name, n, off, i, args, g, bits(g), w, bits(w))
			}
		}
		if buf[0] != 42 || buf[n+1] != 42 {
			t.Fatalf("%s n=%d off=%d wrote outside dst", name, n, off)
		}
	}
	for n := 0; n <= 40; n++ {
		for _, off := range []int{0, 1, 3, 8} {
			check(off, n)
		}
	}
	check(0, len(in[0]))
	check(5, len(in[0])-8)
}

// BenchmarkMathlogKernels times the AVX2 and AVX-512 kernels of
// mathlog_amd64.s side by side, on the inputs of the benchmarks above:
//
//	go test ./internal/cpu -run '^$' -bench MathlogKernels -count 5
func BenchmarkMathlogKernels(b *testing.B) {
	if !mathlogAVX512 || !mathlogAVX2 {
		b.Skip("no AVX-512 and AVX2 kernels on this machine or build")
	}
	unary32 := []struct {
		name       string
		lo, hi     float32
		avx2, f512 func(d, s []float32)
	}{
		{"logF32", 0.01, 100, logF32AVX2, logF32AVX512},
		{"log1pF32", -0.9, 10, log1pF32AVX2, log1pF32AVX512},
		{"expm1F32", -5, 5, expm1F32AVX2, expm1F32AVX512},
	}
	for _, k := range unary32 {
		b.Run(k.name+"/avx2", func(b *testing.B) { benchUnary32(b, k.lo, k.hi, k.avx2) })
		b.Run(k.name+"/avx512", func(b *testing.B) { benchUnary32(b, k.lo, k.hi, k.f512) })
	}
	unary64 := []struct {
		name       string
		lo, hi     float64
		avx2, f512 func(d, s []float64)
	}{
		{"expF64", -5, 5, expF64AVX2, expF64AVX512},
		{"expm1F64", -5, 5, expm1F64AVX2, expm1F64AVX512},
		{"logF64", 0.01, 100, logF64AVX2, logF64AVX512},
		{"log1pF64", -0.9, 10, log1pF64AVX2, log1pF64AVX512},
	}
	for _, k := range unary64 {
		b.Run(k.name+"/avx2", func(b *testing.B) { benchUnary64(b, k.lo, k.hi, k.avx2) })
		b.Run(k.name+"/avx512", func(b *testing.B) { benchUnary64(b, k.lo, k.hi, k.f512) })
	}
	y32 := benchInputs32(-3, 3)
	pow32 := func(k func(d, x, y []float32)) func(d, s []float32) {
		return func(d, s []float32) { k(d, s, y32) }
	}
	b.Run("powF32/avx2", func(b *testing.B) { benchUnary32(b, 0.01, 100, pow32(powF32AVX2)) })
	b.Run("powF32/avx512", func(b *testing.B) { benchUnary32(b, 0.01, 100, pow32(powF32AVX512)) })
	y64 := make([]float64, 1<<16)
	for i := range y64 {
		y64[i] = -3 + 6*float64(i%997)/997
	}
	pow64 := func(k func(d, x, y []float64)) func(d, s []float64) {
		return func(d, s []float64) { k(d, s, y64) }
	}
	b.Run("powF64/avx2", func(b *testing.B) { benchUnary64(b, 0.01, 100, pow64(powF64AVX2)) })
	b.Run("powF64/avx512", func(b *testing.B) { benchUnary64(b, 0.01, 100, pow64(powF64AVX512)) })
}
