//go:build !amd64 || noasm

package cpu

// Without the vector kernels the arithmetic tables keep the Go loops and
// the sum leaves run in Go.

func sumLanesF32(acc *[8]float32, x []float32) { sumLanesF32Go(acc, x) }

func sumLanes4F32(acc *[4][8]float32, x0, x1, x2, x3 []float32) {
	sumLanes4F32Go(acc, x0, x1, x2, x3)
}

func extremeLanesF32(acc *[8]float32, x []float32, isMax bool) (int, bool) { return 0, false }
