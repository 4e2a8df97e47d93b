//go:build amd64 && !noasm

package cpu

import "golang.org/x/sys/cpu"

//go:generate sh -c "cd asm/gen && go run . -out ../../kernels_amd64.s -stubs ../../kernels_amd64_stub.go -pkg cpu"

// arithAVX2 reports whether the AVX2 kernels of kernels_amd64.s (generated
// by asm/gen) can run here.
var arithAVX2 = cpu.X86.HasAVX2

// checkedF32 and checkedF64 wrap the assembly kernels, which trust their
// lengths, with the bounds checks of the Go loops.
func checkedF32(vv func(d, a, b []float32), vs func(d, a []float32, s float32), sv func(d []float32, s float32, b []float32)) BinaryKernels[float32, float32] {
	return BinaryKernels[float32, float32]{
		VV: func(d, a, b []float32) { vv(d[:len(a)], a, b[:len(a)]) },
		VS: func(d, a []float32, s float32) { vs(d[:len(a)], a, s) },
		SV: func(d []float32, s float32, b []float32) { sv(d[:len(b)], s, b) },
	}
}

func checkedF64(vv func(d, a, b []float64), vs func(d, a []float64, s float64), sv func(d []float64, s float64, b []float64)) BinaryKernels[float64, float64] {
	return BinaryKernels[float64, float64]{
		VV: func(d, a, b []float64) { vv(d[:len(a)], a, b[:len(a)]) },
		VS: func(d, a []float64, s float64) { vs(d[:len(a)], a, s) },
		SV: func(d []float64, s float64, b []float64) { sv(d[:len(b)], s, b) },
	}
}

func sumLanesF32(acc *[8]float32, x []float32) {
	if arithAVX2 {
		sumLanesF32AVX2(acc, x)
		return
	}
	sumLanesF32Go(acc, x)
}

// extremeLanesF32 folds the first len(x)&^31 elements of x into acc with
// the AVX2 max (or min) leaf and returns how many it took and whether one
// was a NaN; without AVX2 it takes none.
func extremeLanesF32(acc *[8]float32, x []float32, isMax bool) (int, bool) {
	if !arithAVX2 {
		return 0, false
	}
	if isMax {
		return len(x) &^ 31, maxLanesF32AVX2(acc, x)
	}
	return len(x) &^ 31, minLanesF32AVX2(acc, x)
}
