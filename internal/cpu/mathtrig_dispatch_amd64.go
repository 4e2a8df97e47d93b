//go:build amd64 && !noasm

package cpu

const mathtrigAVX2 = false

func sinVec32(d, s []float32) int { return 0 }
func cosVec32(d, s []float32) int { return 0 }
