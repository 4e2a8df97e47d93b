package cpu

import (
	"math"
	"os"
	"sync"
	"testing"
)

// TestFloat32VectorExhaustive checks the AVX2 kernels on all 2**32
// float32 inputs against the float64 functions rounded to float32 (about a
// minute on two cores, so it runs only with ND_EXHAUSTIVE=1; ND_FN=exp,
// tanh or sigmoid picks one):
//
//	ND_EXHAUSTIVE=1 go test ./internal/cpu -run VectorExhaustive -v
//
// Measured: exp and tanh within 1 ulp, sigmoid within 1 ulp but for two
// inputs at 2 ulp; NaN and infinities everywhere as expected.
func TestFloat32VectorExhaustive(t *testing.T) {
	if os.Getenv("ND_EXHAUSTIVE") == "" {
		t.Skip("set ND_EXHAUSTIVE=1 to check all float32 inputs")
	}
	if !mathf32AVX2 {
		t.Skip("no AVX2+FMA kernels on this machine or build")
	}
	cases := []struct {
		name string
		vec  func(d, s []float32) int
		ref  func(float64) float64
	}{
		{"exp", expVec32, math.Exp},
		{"tanh", tanhVec32, math.Tanh},
		{"sigmoid", sigmoidVec32, func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }},
	}
	for _, c := range cases {
		if f := os.Getenv("ND_FN"); f != "" && f != c.name {
			continue
		}
		const chunk = 1 << 16
		var mu sync.Mutex
		hist := map[int64]int64{}
		worst, at := int64(0), float32(0)
		var wg sync.WaitGroup
		for w := 0; w < 2; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				s := make([]float32, chunk)
				d := make([]float32, chunk)
				h := map[int64]int64{}
				lw, la := int64(0), float32(0)
				for base := uint64(w) * chunk; base < 1<<32; base += 2 * chunk {
					for i := range s {
						s[i] = math.Float32frombits(uint32(base) + uint32(i))
					}
					c.vec(d, s)
					for i, x := range s {
						u := ulps(d[i], float32(c.ref(float64(x))))
						if u > 0 {
							h[min(u, 99)]++
						}
						if u > lw {
							lw, la = u, x
						}
					}
				}
				mu.Lock()
				for k, v := range h {
					hist[k] += v
				}
				if lw > worst {
					worst, at = lw, la
				}
				mu.Unlock()
			}(w)
		}
		wg.Wait()
		t.Logf("%s: worst %d ulp at %g (bits %#x); inputs by ulp error: %v", c.name, worst, at, math.Float32bits(at), hist)
		if worst > 2 {
			t.Errorf("%s: %d ulp at %g", c.name, worst, at)
		}
	}
}
