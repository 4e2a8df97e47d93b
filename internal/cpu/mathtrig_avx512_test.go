//go:build amd64 && !noasm

package cpu

import (
	"math"
	"math/rand"
	"os"
	"testing"
)

// TestTrigAVX512Kernels checks each AVX-512 kernel of mathtrig_amd64.s
// against its AVX2 twin: the same bits on dense random inputs (any bits:
// NaN, Inf, subnormals, ±0, huge arguments), on every length from 0 to 40
// at unaligned starts, so the masked tails are covered; the same count as
// the AVX2 kernel's blocks, stopping at the first block with a lane out
// of range; and nothing written past that count.
func TestTrigAVX512Kernels(t *testing.T) {
	if !mathtrigAVX512 || !mathtrigAVX2 {
		t.Skip("no AVX-512 and AVX2 kernels on this machine or build")
	}
	r := rand.New(rand.NewSource(1))
	special64 := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 5e-324, -1e-310,
		0x1p30, -0x1p30, math.Nextafter(0x1p30, 0), 0.5, math.Nextafter(0.5, 0), 4.5, 3.92, 22, 22.5, 708, -708,
		708.1, -745, 1e300, math.Pi / 4, 1e-8}
	draw := func(i int) float64 {
		switch i {
		case 0:
			return r.NormFloat64() * 30
		case 1: // any bits of the type: set by the caller
			return 0
		case 2:
			return math.Ldexp(r.Float64(), r.Intn(140)-70)
		case 3, 8: // huge, out of the sine's range
			return math.Copysign(math.Ldexp(1+r.Float64(), 30+r.Intn(97)), r.NormFloat64())
		case 4:
			return (r.Float64()*2 - 1) * 1e6
		case 5:
			return special64[r.Intn(len(special64))]
		default:
			return r.NormFloat64() * 2
		}
	}
	src32 := make([]float32, 4096+64)
	src64 := make([]float64, len(src32))
	for i := range src32 {
		c := r.Intn(24)
		src32[i], src64[i] = float32(draw(c)), draw(c)
		if c == 1 {
			src32[i], src64[i] = math.Float32frombits(r.Uint32()), math.Float64frombits(r.Uint64())
		}
	}

	trigOut32 := func(x float32) bool { return !(math.Abs(float64(x)) < 0x1p30) }
	erf2 := func(d, s []float32) int { n := len(s) &^ 7; erfF32AVX2(d[:n], s[:n]); return n }
	erf512 := func(d, s []float32) int { erfF32AVX512(d, s); return len(s) }
	for _, k := range []struct {
		name       string
		avx2, f512 func(d, s []float32) int
		out        func(float32) bool
	}{
		{"sinF32", sinF32AVX2, sinF32AVX512, trigOut32},
		{"cosF32", cosF32AVX2, cosF32AVX512, trigOut32},
		{"erfF32", erf2, erf512, func(float32) bool { return false }},
	} {
		checkTrigAVX512Kernel(t, k.name, src32, 8, k.out, k.avx2, k.f512, func(x float32) uint64 { return uint64(math.Float32bits(x)) })
	}

	trigOut64 := func(x float64) bool { return !(math.Abs(x) < 0x1p30) }
	for _, k := range []struct {
		name       string
		avx2, f512 func(d, s []float64) int
		out        func(float64) bool
	}{
		{"sinF64", sinF64AVX2, sinF64AVX512, trigOut64},
		{"cosF64", cosF64AVX2, cosF64AVX512, trigOut64},
		{"tanhF64", tanhF64AVX2, tanhF64AVX512, func(x float64) bool { return x != x }},
		{"sigmoidF64", sigmoidF64AVX2, sigmoidF64AVX512, func(x float64) bool { return !(math.Abs(x) <= 708) }},
	} {
		checkTrigAVX512Kernel(t, k.name, src64, 4, k.out, k.avx2, k.f512, math.Float64bits)
	}
}

// checkTrigAVX512Kernel checks the AVX-512 kernel k512 against the AVX2 kernel
// k2, which work in blocks of block elements and stop before the first
// block holding an element out (k2 also before the last len%block).
func checkTrigAVX512Kernel[T float32 | float64](t *testing.T, name string, src []T, block int, out func(T) bool,
	k2, k512 func(d, s []T) int, bits func(T) uint64) {
	t.Helper()
	// want: the AVX2 kernel's results where src is in range (out of range
	// lanes replaced by zeros, the length padded to whole blocks).
	clean := make([]T, (len(src)+block-1)&^(block-1))
	for i, x := range src {
		if !out(x) {
			clean[i] = x
		}
	}
	want := make([]T, len(clean))
	if n := k2(want, clean); n != len(clean) {
		t.Fatalf("%s AVX2 kernel did %d of %d in-range elements", name, n, len(clean))
	}
	const fill = 42 // what the kernel must not overwrite
	// count returns how many elements the AVX-512 kernel must do on s:
	// the blocks before the first element out, or all of s.
	count := func(s []T) int {
		for i, x := range s {
			if out(x) {
				return i &^ (block - 1)
			}
		}
		return len(s)
	}
	check := func(off, n int, s []T) {
		got := make([]T, n+1)
		for i := range got {
			got[i] = fill
		}
		c := k512(got[:n], s)
		if wc := count(s); c != wc {
			t.Fatalf("%s n=%d off=%d: AVX-512 kernel did %d elements, want %d", name, n, off, c, wc)
		}
		if c2 := k2(make([]T, n), s); c2 != c&^(block-1) {
			t.Fatalf("%s n=%d off=%d: AVX2 kernel did %d elements, AVX-512 %d", name, n, off, c2, c)
		}
		for i := range c {
			if g, w := got[i], want[off+i]; bits(g) != bits(w) {
				t.Fatalf("%s n=%d off=%d: [%d] %v: AVX-512 %v, AVX2 %v", name, n, off, i, s[i], g, w)
			}
		}
		for i := c; i <= n; i++ {
			if got[i] != fill {
				t.Fatalf("%s n=%d off=%d: AVX-512 kernel wrote element %d, past the %d it did", name, n, off, i, c)
			}
		}
	}
	var bad []T // elements out, to put in clean slices one at a time
	for _, x := range src {
		if out(x) {
			bad = append(bad, x)
		}
	}
	for n := 0; n <= 40; n++ {
		for _, off := range []int{0, 1, 3, 8} {
			check(off, n, src[off:off+n])
			check(off, n, clean[off:off+n])
			for p := 0; p < n && len(bad) > 0; p++ {
				s := append([]T(nil), clean[off:off+n]...)
				s[p] = bad[(n+p)%len(bad)]
				check(off, n, s)
			}
		}
	}
	check(0, len(src), clean[:len(src)])
	// The whole of src as the loops walk it: the kernel, then a block for
	// the scalar function, and so on.
	got := make([]T, len(src))
	for i := 0; i < len(src); i += block {
		c := k512(got[i:], src[i:])
		for j := i; j < i+c; j++ {
			if bits(got[j]) != bits(want[j]) {
				t.Fatalf("%s: [%d] %v: AVX-512 %v, AVX2 %v", name, j, src[j], got[j], want[j])
			}
		}
		i += c
	}
}

// TestTrigAVX512Exhaustive compares the float32 AVX-512 kernels with the
// AVX2 ones on all 2**32 inputs (out-of-range lanes of sine and cosine
// replaced by zeros), a minute or so, so it runs only with ND_EXHAUSTIVE=1:
//
//	ND_EXHAUSTIVE=1 go test ./internal/cpu -run TrigAVX512Exhaustive -v
func TestTrigAVX512Exhaustive(t *testing.T) {
	if os.Getenv("ND_EXHAUSTIVE") == "" {
		t.Skip("set ND_EXHAUSTIVE=1 to check all float32 inputs")
	}
	if !mathtrigAVX512 || !mathtrigAVX2 {
		t.Skip("no AVX-512 and AVX2 kernels on this machine or build")
	}
	const chunk = 1 << 16
	s, want, got := make([]float32, chunk), make([]float32, chunk), make([]float32, chunk)
	for _, k := range []struct {
		name       string
		avx2, f512 func(d, s []float32) int
	}{
		{"sin", sinF32AVX2, sinF32AVX512},
		{"cos", cosF32AVX2, cosF32AVX512},
		{"erf", func(d, s []float32) int { erfF32AVX2(d, s); return len(s) }, func(d, s []float32) int { erfF32AVX512(d, s); return len(s) }},
	} {
		for hi := uint64(0); hi < 1<<32; hi += chunk {
			for i := range s {
				s[i] = math.Float32frombits(uint32(hi) + uint32(i))
				if k.name != "erf" && !(math.Abs(float64(s[i])) < 0x1p30) {
					s[i] = 0
				}
			}
			if n2, n512 := k.avx2(want, s), k.f512(got, s); n2 != chunk || n512 != chunk {
				t.Fatalf("%s: the kernels did %d (AVX2) and %d (AVX-512) of %d elements", k.name, n2, n512, chunk)
			}
			for i := range s {
				if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
					t.Fatalf("%s(%g): AVX-512 %g, AVX2 %g", k.name, s[i], got[i], want[i])
				}
			}
		}
	}
}

// BenchmarkTrigKernels times the AVX2 and AVX-512 kernels on 64K
// elements in [-5, 5], in cache.
func BenchmarkTrigKernels(b *testing.B) {
	if !mathtrigAVX512 || !mathtrigAVX2 {
		b.Skip("no AVX-512 and AVX2 kernels on this machine or build")
	}
	s32 := make([]float32, 1<<16)
	s64 := make([]float64, 1<<16)
	for i := range s32 {
		s32[i] = float32(i%200)/20 - 5
		s64[i] = float64(i%200)/20 - 5
	}
	d32, d64 := make([]float32, len(s32)), make([]float64, len(s64))
	erf2 := func(d, s []float32) int { erfF32AVX2(d, s); return len(s) }
	erf512 := func(d, s []float32) int { erfF32AVX512(d, s); return len(s) }
	for _, k := range []struct {
		name string
		f    func(d, s []float32) int
	}{
		{"sinF32/avx2", sinF32AVX2}, {"sinF32/avx512", sinF32AVX512},
		{"cosF32/avx2", cosF32AVX2}, {"cosF32/avx512", cosF32AVX512},
		{"erfF32/avx2", erf2}, {"erfF32/avx512", erf512},
	} {
		b.Run(k.name, func(b *testing.B) {
			b.SetBytes(int64(4 * len(s32)))
			for range b.N {
				k.f(d32, s32)
			}
		})
	}
	for _, k := range []struct {
		name string
		f    func(d, s []float64) int
	}{
		{"sinF64/avx2", sinF64AVX2}, {"sinF64/avx512", sinF64AVX512},
		{"cosF64/avx2", cosF64AVX2}, {"cosF64/avx512", cosF64AVX512},
		{"tanhF64/avx2", tanhF64AVX2}, {"tanhF64/avx512", tanhF64AVX512},
		{"sigmoidF64/avx2", sigmoidF64AVX2}, {"sigmoidF64/avx512", sigmoidF64AVX512},
	} {
		b.Run(k.name, func(b *testing.B) {
			b.SetBytes(int64(8 * len(s64)))
			for range b.N {
				k.f(d64, s64)
			}
		})
	}
}
