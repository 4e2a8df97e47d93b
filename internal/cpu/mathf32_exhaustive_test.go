package cpu

import (
	"math"
	"os"
	"sync"
	"testing"
)

// TestFloat32VectorExhaustive checks the vector kernels (AVX-512 where
// the CPU has it, else AVX2) on all 2**32 float32 inputs against the
// float64 functions rounded to float32 (under a minute on two cores, so it
// runs only with ND_EXHAUSTIVE=1; ND_FN=exp, tanh or sigmoid picks one):
//
//	ND_EXHAUSTIVE=1 go test ./internal/cpu -run VectorExhaustive -v
//
// Measured: exp and tanh within 1 ulp (AVX2 and AVX-512 give the same
// bits); sigmoid within 1 ulp but for two inputs at 2 ulp, with either;
// NaN and infinities everywhere as expected.
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
		worst, at, above := sweepFloat32(func(d, s []float32) { c.vec(d, s) }, func(x, got float32) float64 {
			return float64(ulps(got, float32(c.ref(float64(x)))))
		}, 0)
		t.Logf("%s: worst %g ulp at %g (bits %#x); %d inputs off by 1 ulp or more", c.name, worst, at, math.Float32bits(at), above)
		if worst > 2 {
			t.Errorf("%s: %g ulp at %g", c.name, worst, at)
		}
	}
}

// sweepFloat32 runs eval over all 2**32 float32 inputs, in chunks on two
// goroutines, and returns the largest err(x, eval(x)), the input where it
// was, and how many inputs have an error above the threshold over: the
// harness of the exhaustive tests.
func sweepFloat32(eval func(d, s []float32), err func(x, got float32) float64, over float64) (worst float64, at float32, above int64) {
	const chunk = 1 << 16
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			s := make([]float32, chunk)
			d := make([]float32, chunk)
			lw, la, lo := 0.0, float32(0), int64(0)
			for base := uint64(w) * chunk; base < 1<<32; base += 2 * chunk {
				for i := range s {
					s[i] = math.Float32frombits(uint32(base) + uint32(i))
				}
				eval(d, s)
				for i, x := range s {
					e := err(x, d[i])
					if e > over {
						lo++
					}
					if e > lw {
						lw, la = e, x
					}
				}
			}
			mu.Lock()
			above += lo
			if lw > worst {
				worst, at = lw, la
			}
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	return worst, at, above
}
