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

// extremeLanes sets the first w lanes of acc from x[:w] (len(x) >= w) and
// folds the first n elements of x, a multiple of four vectors of w lanes,
// into them with the max (or min) leaf of the widest vectors the CPU has;
// it reports w, n and whether one of those elements was a NaN. Without
// AVX2 it takes none (n = 0).
func extremeLanes[T float32 | float64](acc *[16]T, x []T, isMax bool) (w, n int, nan bool) {
	switch a := any(acc).(type) {
	case *[16]float32:
		y := any(x).([]float32)
		switch {
		case reduceAVX512:
			w = 16
			copy(a[:], y)
			nan = pick(isMax, maxLanesF32AVX512, minLanesF32AVX512)(a, y)
		case arithAVX2:
			w = 8
			copy(a[:w], y)
			nan = pick(isMax, maxLanesF32AVX2, minLanesF32AVX2)((*[8]float32)(a[:8]), y)
		}
	case *[16]float64:
		y := any(x).([]float64)
		switch {
		case reduceAVX512:
			w = 8
			copy(a[:w], y)
			nan = pick(isMax, maxLanesF64AVX512, minLanesF64AVX512)((*[8]float64)(a[:8]), y)
		case arithAVX2:
			w = 4
			copy(a[:w], y)
			nan = pick(isMax, maxLanesF64AVX2, minLanesF64AVX2)((*[4]float64)(a[:4]), y)
		}
	}
	if w == 0 {
		return 0, 0, false
	}
	return w, len(x) &^ (4*w - 1), nan
}
