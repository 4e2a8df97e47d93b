//go:build !amd64 || noasm

package cpu

// Without the amd64 kernels sine, cosine and erf are all scalar.

const mathtrigAVX2 = false

func sinVec32(d, s []float32) int     { return 0 }
func cosVec32(d, s []float32) int     { return 0 }
func erfVec32(d, s []float32) int     { return 0 }
func sinVec64(d, s []float64) int     { return 0 }
func cosVec64(d, s []float64) int     { return 0 }
func tanhVec64(d, s []float64) int    { return 0 }
func sigmoidVec64(d, s []float64) int { return 0 }
