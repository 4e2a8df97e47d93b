package cpu

import (
	"math"
	"math/rand"
	"testing"
)

// The lane-parallel max and min (Go and AVX2) give runMax's and runMin's
// bits: the same value, the first NaN's payload, the first zero's sign.
func TestExtremesMatchScalarLoops(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	negZero := float32(math.Copysign(0, -1))
	for _, n := range []int{1, 7, 63, 64, 65, 100, 127, 128, 129, 1000, 4099} {
		for trial := range 12 {
			x := make([]float32, n)
			for i := range x {
				x[i] = float32(r.NormFloat64())
			}
			switch trial {
			case 1:
				x[r.Intn(n)] = float32(math.NaN())
			case 2:
				x[r.Intn(n)] = math.Float32frombits(0x7fc00001)
				x[r.Intn(n)] = math.Float32frombits(0xffc00002)
			case 3:
				for i := range x {
					x[i] = -float32(math.Abs(float64(x[i])))
				}
				x[r.Intn(n)] = negZero
				x[r.Intn(n)] = 0
			case 4:
				x[r.Intn(n)] = float32(math.Inf(1))
				x[r.Intn(n)] = float32(math.Inf(-1))
			case 5:
				for i := range x {
					x[i] = float32(math.Abs(float64(x[i])))
				}
				x[r.Intn(n)] = 0
				x[r.Intn(n)] = negZero
			}
			for _, isMax := range []bool{true, false} {
				want := runMin(x)
				lanes := runMin8(x)
				if isMax {
					want, lanes = runMax(x), runMax8(x)
				}
				got := runExtremeF32(x, isMax)
				if math.Float32bits(got) != math.Float32bits(want) || math.Float32bits(lanes) != math.Float32bits(want) {
					t.Fatalf("n=%d trial %d max=%v: got %v (%#x), lanes %v, want %v (%#x)", n, trial, isMax, got, math.Float32bits(got), lanes, want, math.Float32bits(want))
				}
			}
		}
	}
}
