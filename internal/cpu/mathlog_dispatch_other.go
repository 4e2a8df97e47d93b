//go:build !amd64 || noasm

package cpu

// Without the amd64 kernels log, log1p and expm1 are all scalar.

const mathlogAVX2 = false

func logVecF32(d, s []float32) int   { return 0 }
func log1pVecF32(d, s []float32) int { return 0 }
func expm1VecF32(d, s []float32) int { return 0 }
