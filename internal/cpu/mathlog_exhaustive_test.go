package cpu

import (
	"math"
	"os"
	"testing"
)

// TestLogExhaustiveF32 checks the float32 log, log1p and expm1 (scalar,
// and the vector kernels where there are some) on all 2**32 float32 inputs
// against the float64 functions rounded to float32, rechecked against
// big.Float at 2 ulp or more (a minute or two per function on two cores,
// so it runs only with ND_EXHAUSTIVE=1; ND_FN=log, log1p, expm1,
// log/vec, log1p/vec or expm1/vec picks one):
//
//	ND_EXHAUSTIVE=1 go test ./internal/cpu -run LogExhaustiveF32 -v
//
// Measured: within 1 ulp everywhere; inputs at 1 ulp: log 2408, log1p
// 3106, expm1 22, log/vec 13633433, log1p/vec 99502847 (float32
// arithmetic), expm1/vec 1674; NaN, infinities and zeros as package math.
// About 13 minutes for all six on two busy cores.
func TestLogExhaustiveF32(t *testing.T) {
	if os.Getenv("ND_EXHAUSTIVE") == "" {
		t.Skip("set ND_EXHAUSTIVE=1 to check all float32 inputs")
	}
	scalar := func(f func(float32) float32) func(d, s []float32) int {
		return func(d, s []float32) int {
			for i, x := range s {
				d[i] = f(x)
			}
			return len(s)
		}
	}
	type run struct {
		name string
		c    mathUnary32Case
		eval func(d, s []float32) int
	}
	var runs []run
	for _, c := range mathUnary32Cases {
		runs = append(runs, run{c.name, c, scalar(c.f)})
	}
	if mathlogAVX2 {
		runs = append(runs, run{"log/vec", mathUnary32Cases[0], logVecF32}, run{"log1p/vec", mathUnary32Cases[1], log1pVecF32},
			run{"expm1/vec", mathUnary32Cases[2], expm1VecF32})
	}
	for _, r := range runs {
		if f := os.Getenv("ND_FN"); f != "" && f != r.name {
			continue
		}
		worst, at, above := sweepFloat32(func(d, s []float32) { r.eval(d, s) }, func(x, got float32) float64 {
			want := float32(r.c.ref(float64(x)))
			if want != want || want == 0 || math.IsInf(float64(want), 0) {
				if !sameFloat(got, want) {
					return math.Inf(1)
				}
				return 0
			}
			return float64(mathErr32(r.c, x, got))
		}, 0)
		t.Logf("%s: worst %g ulp at %g (bits %#x); %d inputs off by 1 ulp or more", r.name, worst, at, math.Float32bits(at), above)
		if worst > 2 {
			t.Errorf("%s: %g ulp at %g", r.name, worst, at)
		}
	}
}
