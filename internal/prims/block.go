package prims

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// This file adapts the elementwise primitives' typed loops to the
// block-kernel form (core.Primitive.Block) that the fused executor calls:
// one block of each operand, a broadcast scalar marked as such.

func blockDType(data any) core.DType {
	switch data.(type) {
	case []bool:
		return core.Bool
	case []uint8:
		return core.Uint8
	case []int32:
		return core.Int32
	case []int64:
		return core.Int64
	case []float32:
		return core.Float32
	case []float64:
		return core.Float64
	}
	return core.Invalid
}

func unaryBlock(l loops) func(any, []core.BlockArg, any) {
	return func(dst any, args []core.BlockArg, _ any) {
		x := args[0]
		switch k := l.of(blockDType(x.Data)).(type) {
		case func([]bool, []bool):
			runUnaryBlock(dst.([]bool), x, k)
		case func([]uint8, []uint8):
			runUnaryBlock(dst.([]uint8), x, k)
		case func([]int32, []int32):
			runUnaryBlock(dst.([]int32), x, k)
		case func([]int64, []int64):
			runUnaryBlock(dst.([]int64), x, k)
		case func([]float32, []float32):
			runUnaryBlock(dst.([]float32), x, k)
		case func([]float64, []float64):
			runUnaryBlock(dst.([]float64), x, k)
		case func([]bool, []uint8):
			runUnaryBlock(dst.([]bool), x, k)
		case func([]bool, []int32):
			runUnaryBlock(dst.([]bool), x, k)
		case func([]bool, []int64):
			runUnaryBlock(dst.([]bool), x, k)
		case func([]bool, []float32):
			runUnaryBlock(dst.([]bool), x, k)
		case func([]bool, []float64):
			runUnaryBlock(dst.([]bool), x, k)
		default:
			panic("prims: no unary block loop")
		}
	}
}

func runUnaryBlock[T, U core.Element](dst []U, x core.BlockArg, k func([]U, []T)) {
	if x.Scalar {
		k(dst[:1], x.Data.([]T))
		fillFirst(dst)
		return
	}
	k(dst, x.Data.([]T))
}

// fillFirst copies dst[0] over the rest of dst.
func fillFirst[U core.Element](dst []U) {
	for i := 1; i < len(dst); i++ {
		dst[i] = dst[0]
	}
}

func binaryBlock(l loops) func(any, []core.BlockArg, any) {
	return func(dst any, args []core.BlockArg, _ any) {
		x, y := args[0], args[1]
		switch k := l.of(blockDType(x.Data)).(type) {
		case cpu.BinaryKernels[bool, bool]:
			runBinaryBlock(dst.([]bool), x, y, k)
		case cpu.BinaryKernels[uint8, uint8]:
			runBinaryBlock(dst.([]uint8), x, y, k)
		case cpu.BinaryKernels[int32, int32]:
			runBinaryBlock(dst.([]int32), x, y, k)
		case cpu.BinaryKernels[int64, int64]:
			runBinaryBlock(dst.([]int64), x, y, k)
		case cpu.BinaryKernels[float32, float32]:
			runBinaryBlock(dst.([]float32), x, y, k)
		case cpu.BinaryKernels[float64, float64]:
			runBinaryBlock(dst.([]float64), x, y, k)
		case cpu.BinaryKernels[uint8, bool]:
			runBinaryBlock(dst.([]bool), x, y, k)
		case cpu.BinaryKernels[int32, bool]:
			runBinaryBlock(dst.([]bool), x, y, k)
		case cpu.BinaryKernels[int64, bool]:
			runBinaryBlock(dst.([]bool), x, y, k)
		case cpu.BinaryKernels[float32, bool]:
			runBinaryBlock(dst.([]bool), x, y, k)
		case cpu.BinaryKernels[float64, bool]:
			runBinaryBlock(dst.([]bool), x, y, k)
		default:
			panic("prims: no binary block loop")
		}
	}
}

func runBinaryBlock[T, U core.Element](dst []U, x, y core.BlockArg, k cpu.BinaryKernels[T, U]) {
	xd, yd := x.Data.([]T), y.Data.([]T)
	switch {
	case x.Scalar && y.Scalar:
		k.VS(dst[:1], xd, yd[0])
		fillFirst(dst)
	case y.Scalar:
		k.VS(dst, xd, yd[0])
	case x.Scalar:
		k.SV(dst, xd[0], yd)
	default:
		k.VV(dst, xd, yd)
	}
}

// selectBlock is select's block kernel; scalar operands are expanded.
func selectBlock(dst any, args []core.BlockArg, _ any) {
	switch d := dst.(type) {
	case []bool:
		runSelectBlock(d, args)
	case []uint8:
		runSelectBlock(d, args)
	case []int32:
		runSelectBlock(d, args)
	case []int64:
		runSelectBlock(d, args)
	case []float32:
		runSelectBlock(d, args)
	case []float64:
		runSelectBlock(d, args)
	}
}

func runSelectBlock[T core.Element](d []T, args []core.BlockArg) {
	c, x, y := expandBlock[bool](args[0], len(d)), expandBlock[T](args[1], len(d)), expandBlock[T](args[2], len(d))
	selectLoop(d, c, x, y)
}

// expandBlock returns a's block as n elements, repeating a scalar.
func expandBlock[T core.Element](a core.BlockArg, n int) []T {
	d := a.Data.([]T)
	if !a.Scalar {
		return d
	}
	out := make([]T, n)
	for i := range out {
		out[i] = d[0]
	}
	return out
}

// convertBlock is convert's block kernel.
func convertBlock(dst any, args []core.BlockArg, _ any) {
	x := args[0]
	src := x.Data
	n := 1
	switch d := dst.(type) {
	case []bool:
		n = len(d)
	case []uint8:
		n = len(d)
	case []int32:
		n = len(d)
	case []int64:
		n = len(d)
	case []float32:
		n = len(d)
	case []float64:
		n = len(d)
	}
	if x.Scalar {
		src = expandAny(src, n)
	}
	a := core.New(blockDType(src), []int{n}, src)
	switch d := dst.(type) {
	case []bool:
		convertTo(d, a)
	case []uint8:
		convertTo(d, a)
	case []int32:
		convertTo(d, a)
	case []int64:
		convertTo(d, a)
	case []float32:
		convertTo(d, a)
	case []float64:
		convertTo(d, a)
	}
}

func expandAny(src any, n int) any {
	switch s := src.(type) {
	case []bool:
		return expandBlock[bool](core.BlockArg{Data: s, Scalar: true}, n)
	case []uint8:
		return expandBlock[uint8](core.BlockArg{Data: s, Scalar: true}, n)
	case []int32:
		return expandBlock[int32](core.BlockArg{Data: s, Scalar: true}, n)
	case []int64:
		return expandBlock[int64](core.BlockArg{Data: s, Scalar: true}, n)
	case []float32:
		return expandBlock[float32](core.BlockArg{Data: s, Scalar: true}, n)
	case []float64:
		return expandBlock[float64](core.BlockArg{Data: s, Scalar: true}, n)
	}
	return src
}

func init() {
	selectP.Block = selectBlock
	convertP.Block = convertBlock
}
