//go:build !amd64 || noasm

package cpu

// Without the amd64 kernels the float32 transcendentals are all scalar.

const mathf32AVX2 = false

func expVec32(d, s []float32) int     { return 0 }
func tanhVec32(d, s []float32) int    { return 0 }
func sigmoidVec32(d, s []float32) int { return 0 }
