//go:build !amd64 || noasm

package cpu

// Without the vector kernels the arithmetic tables keep the Go loops and
// the sum leaves run in Go.

func sumLanesF32(acc *[8]float32, x []float32) { sumLanesF32Go(acc, x) }

func extremeLanes[T float32 | float64](acc *[16]T, x []T, isMax bool) (w, n int, nan bool) {
	return 0, 0, false
}

func storeFence() {}
