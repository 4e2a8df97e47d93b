//go:build amd64 && !noasm

package cpu

import (
	"math"
	"math/rand"
	"testing"
)

// TestFloat32AVX512Kernels checks the AVX-512 kernels against the AVX2
// ones: the same bits for exp and tanh (the same arithmetic), within 1 ulp
// for sigmoid (VRCP14PS is a closer reciprocal than VRCPPS), on every
// length from 0 to 40 and at unaligned starts, so the masked tails are
// covered.
func TestFloat32AVX512Kernels(t *testing.T) {
	if !mathf32AVX512 || !mathf32AVX2 {
		t.Skip("no AVX-512 and AVX2 kernels on this machine or build")
	}
	r := rand.New(rand.NewSource(1))
	src := make([]float32, 4096+64)
	for i := range src {
		switch i % 7 {
		case 0:
			src[i] = float32(r.NormFloat64() * 30)
		case 1:
			src[i] = math.Float32frombits(r.Uint32()) // any bits: NaN, Inf, denormals
		default:
			src[i] = float32(r.NormFloat64() * 2)
		}
	}
	kernels := []struct {
		name       string
		avx2, f512 func(d, s []float32)
		maxULP     int64
	}{
		{"exp", expF32AVX2, expF32AVX512, 0},
		{"tanh", tanhF32AVX2, tanhF32AVX512, 0},
		{"sigmoid", sigmoidF32AVX2, sigmoidF32AVX512, 1},
	}
	for _, k := range kernels {
		want := make([]float32, len(src))
		k.avx2(want, src)
		check := func(off, n int) {
			got := make([]float32, n+1)
			got[n] = 42 // the kernel must not write past its length
			k.f512(got[:n], src[off:off+n])
			for i := 0; i < n; i++ {
				g, w := got[i], want[off+i]
				same := math.Float32bits(g) == math.Float32bits(w) || g != g && w != w
				if !same && (ulps(g, w) > k.maxULP || g != g || w != w) {
					t.Fatalf("%s n=%d off=%d: [%d] %g: AVX-512 %g, AVX2 %g", k.name, n, off, i, src[off+i], g, w)
				}
			}
			if got[n] != 42 {
				t.Fatalf("%s n=%d off=%d wrote past the end", k.name, n, off)
			}
		}
		for n := 0; n <= 40; n++ {
			for _, off := range []int{0, 1, 3, 8} {
				check(off, n)
			}
		}
		check(0, 4096-8) // the AVX2 reference covers whole vectors only
	}
}

// BenchmarkFloat32Kernels times the AVX2 and AVX-512 kernels on 64K
// elements in cache.
func BenchmarkFloat32Kernels(b *testing.B) {
	if !mathf32AVX512 || !mathf32AVX2 {
		b.Skip("no AVX-512 and AVX2 kernels on this machine or build")
	}
	s := make([]float32, 1<<16)
	for i := range s {
		s[i] = float32(i%200)/20 - 5
	}
	d := make([]float32, len(s))
	for _, k := range []struct {
		name string
		f    func(d, s []float32)
	}{
		{"exp/avx2", expF32AVX2}, {"exp/avx512", expF32AVX512},
		{"tanh/avx2", tanhF32AVX2}, {"tanh/avx512", tanhF32AVX512},
		{"sigmoid/avx2", sigmoidF32AVX2}, {"sigmoid/avx512", sigmoidF32AVX512},
	} {
		b.Run(k.name, func(b *testing.B) {
			b.SetBytes(int64(4 * len(s)))
			for range b.N {
				k.f(d, s)
			}
		})
	}
}
