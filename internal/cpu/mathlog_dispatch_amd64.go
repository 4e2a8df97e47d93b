//go:build amd64 && !noasm

package cpu

// The vector logarithms are not there yet: the loops are scalar.

const mathlogAVX2 = false

func logVecF32(d, s []float32) int   { return 0 }
func log1pVecF32(d, s []float32) int { return 0 }
