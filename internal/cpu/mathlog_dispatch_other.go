//go:build !amd64 || noasm

package cpu

// Without the amd64 kernels the logarithms, exponentials and pow of
// mathlog.go, mathexp64.go and mathpow.go are all scalar.

const mathlogAVX2 = false

func logVecF32(d, s []float32) int    { return 0 }
func log1pVecF32(d, s []float32) int  { return 0 }
func expm1VecF32(d, s []float32) int  { return 0 }
func expVecF64(d, s []float64) int    { return 0 }
func logVecF64(d, s []float64) int    { return 0 }
func log1pVecF64(d, s []float64) int  { return 0 }
func powVecF32(d, a, b []float32) int { return 0 }
func powVecF64(d, a, b []float64) int { return 0 }
func expm1VecF64(d, s []float64) int  { return 0 }
