//go:build amd64 && !noasm

package cpu

import (
	"math"
	"math/rand/v2"
	"testing"

	"golang.org/x/sys/cpu"
)

// TestArithAVX2 runs the assembly kernels themselves (whatever the
// dispatch chose) against the Go loops, bit for bit.
func TestArithAVX2(t *testing.T) {
	if !cpu.X86.HasAVX2 {
		t.Skip("no AVX2")
	}
	asm32 := map[string]BinaryKernels[float32, float32]{
		"add": checkedF32(addF32VVAVX2, addF32VSAVX2, addF32SVAVX2),
		"sub": checkedF32(subF32VVAVX2, subF32VSAVX2, subF32SVAVX2),
		"mul": checkedF32(mulF32VVAVX2, mulF32VSAVX2, mulF32SVAVX2),
		"div": checkedF32(divF32VVAVX2, divF32VSAVX2, divF32SVAVX2),
	}
	asm64 := map[string]BinaryKernels[float64, float64]{
		"add": checkedF64(addF64VVAVX2, addF64VSAVX2, addF64SVAVX2),
		"sub": checkedF64(subF64VVAVX2, subF64VSAVX2, subF64SVAVX2),
		"mul": checkedF64(mulF64VVAVX2, mulF64VSAVX2, mulF64SVAVX2),
		"div": checkedF64(divF64VVAVX2, divF64VSAVX2, divF64SVAVX2),
	}
	for name, k := range asm32 {
		checkArithKernels(t, name+"F32 asm", k, arithGo32[name], arithSpecials32)
	}
	for name, k := range asm64 {
		checkArithKernels(t, name+"F64 asm", k, arithGo64[name], arithSpecials64)
	}
}

// TestSumLanesAVX2 runs the assembly sum leaf against the Go one.
func TestSumLanesAVX2(t *testing.T) {
	if !cpu.X86.HasAVX2 {
		t.Skip("no AVX2")
	}
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n <= 300; n++ {
		x := arithValues(r, n+3, arithSpecials32)[3:]
		if n%3 == 0 {
			for i := range x {
				x[i] = float32(r.NormFloat64() * math.Pow(2, float64(r.IntN(40)-20)))
			}
		}
		var got, want [8]float32
		for i := range got {
			got[i] = float32(i) / 3
		}
		want = got
		sumLanesF32AVX2(&got, x)
		sumLanesF32Go(&want, x)
		arithSameBits(t, "sumLanes", got[:], want[:])
	}
}
