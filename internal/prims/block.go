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

// selectBlock is select's block kernel: the vector kernels where the
// cases are blocks or one of them a scalar; a scalar predicate picks one
// case for the whole block.
func selectBlock(dst any, args []core.BlockArg, _ any) {
	switch d := dst.(type) {
	case []bool:
		runSelectBlock(d, args, selectBool)
	case []uint8:
		runSelectBlock(d, args, selectU8)
	case []int32:
		runSelectBlock(d, args, selectI32)
	case []int64:
		runSelectBlock(d, args, selectI64)
	case []float32:
		runSelectBlock(d, args, selectF32)
	case []float64:
		runSelectBlock(d, args, selectF64)
	}
}

func runSelectBlock[T core.Element](d []T, args []core.BlockArg, k cpu.SelectKernels[T]) {
	c, x, y := args[0], args[1], args[2]
	xd, yd := x.Data.([]T), y.Data.([]T)
	if c.Scalar {
		pick, src := y, yd
		if c.Data.([]bool)[0] {
			pick, src = x, xd
		}
		if pick.Scalar {
			d[0] = src[0]
			fillFirst(d)
		} else {
			copy(d, src[:len(d)])
		}
		return
	}
	cd := c.Data.([]bool)[:len(d)]
	switch {
	case x.Scalar && y.Scalar:
		for i, p := range cd {
			if p {
				d[i] = xd[0]
			} else {
				d[i] = yd[0]
			}
		}
	case y.Scalar:
		k.VS(d, cd, xd, yd[0])
	case x.Scalar:
		k.SV(d, cd, xd[0], yd)
	default:
		k.VV(d, cd, xd, yd)
	}
}

// convertBlock is convert's block kernel.
func convertBlock(dst any, args []core.BlockArg, _ any) {
	switch d := dst.(type) {
	case []bool:
		convertBlockTo(d, args[0])
	case []uint8:
		convertBlockTo(d, args[0])
	case []int32:
		convertBlockTo(d, args[0])
	case []int64:
		convertBlockTo(d, args[0])
	case []float32:
		convertBlockTo(d, args[0])
	case []float64:
		convertBlockTo(d, args[0])
	}
}

// convertBlockTo converts x's block into d; a scalar once, then copied.
func convertBlockTo[U core.Element](d []U, x core.BlockArg) {
	n := len(d)
	if x.Scalar {
		n = 1
	}
	switch s := x.Data.(type) {
	case []bool:
		fromBool(d[:n], s[:n])
	case []uint8:
		convertLoopOf[uint8, U]()(d[:n], s[:n])
	case []int32:
		convertLoopOf[int32, U]()(d[:n], s[:n])
	case []int64:
		convertLoopOf[int64, U]()(d[:n], s[:n])
	case []float32:
		convertLoopOf[float32, U]()(d[:n], s[:n])
	case []float64:
		convertLoopOf[float64, U]()(d[:n], s[:n])
	}
	if x.Scalar {
		fillFirst(d)
	}
}
