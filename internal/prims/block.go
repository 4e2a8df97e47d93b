package prims

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// This file adapts the elementwise primitives' typed loops to the bound
// form (core.Primitive.Loop) that the fused executor calls: the kernel and
// its operands are chosen once per call, and the returned loop runs one
// block of elements at a time without a type switch or an allocation.

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

// operand is a bound operand, typed.
type operand[T core.Element] struct {
	s              []T
	tiled, scalarV bool
}

func operandOf[T core.Element](a core.BlockArg) operand[T] {
	return operand[T]{s: a.Data.([]T), tiled: a.Tiled, scalarV: a.Scalar}
}

// at returns the operand's elements [lo, hi) of the loop (not for
// scalars, which are o.s[0]).
func (o operand[T]) at(lo, hi int) []T {
	if o.tiled {
		return o.s[:hi-lo]
	}
	return o.s[lo:hi]
}

// fillFirst copies dst[0] over the rest of dst.
func fillFirst[U core.Element](dst []U) {
	for i := 1; i < len(dst); i++ {
		dst[i] = dst[0]
	}
}

func unaryLoop(l loops) func(core.BlockArg, []core.BlockArg, any) func(int, int) {
	return func(dst core.BlockArg, args []core.BlockArg, _ any) func(int, int) {
		x := args[0]
		switch k := l.of(blockDType(x.Data)).(type) {
		case func([]bool, []bool):
			return bindUnary(dst, x, k)
		case func([]uint8, []uint8):
			return bindUnary(dst, x, k)
		case func([]int32, []int32):
			return bindUnary(dst, x, k)
		case func([]int64, []int64):
			return bindUnary(dst, x, k)
		case func([]float32, []float32):
			return bindUnary(dst, x, k)
		case func([]float64, []float64):
			return bindUnary(dst, x, k)
		case func([]bool, []uint8):
			return bindUnary(dst, x, k)
		case func([]bool, []int32):
			return bindUnary(dst, x, k)
		case func([]bool, []int64):
			return bindUnary(dst, x, k)
		case func([]bool, []float32):
			return bindUnary(dst, x, k)
		case func([]bool, []float64):
			return bindUnary(dst, x, k)
		}
		panic("prims: no unary block loop")
	}
}

// bindUnary binds the loop k of a one-operand op; a scalar operand is
// computed once per block and copied.
func bindUnary[T, U core.Element](dst, x core.BlockArg, k func([]U, []T)) func(int, int) {
	d, xo := operandOf[U](dst), operandOf[T](x)
	if xo.scalarV {
		return func(lo, hi int) {
			out := d.at(lo, hi)
			k(out[:1], xo.s[:1])
			fillFirst(out)
		}
	}
	return func(lo, hi int) { k(d.at(lo, hi), xo.at(lo, hi)) }
}

func binaryLoop(l loops) func(core.BlockArg, []core.BlockArg, any) func(int, int) {
	return func(dst core.BlockArg, args []core.BlockArg, _ any) func(int, int) {
		x, y := args[0], args[1]
		switch k := l.of(blockDType(x.Data)).(type) {
		case cpu.BinaryKernels[bool, bool]:
			return bindBinary(dst, x, y, k)
		case cpu.BinaryKernels[uint8, uint8]:
			return bindBinary(dst, x, y, k)
		case cpu.BinaryKernels[int32, int32]:
			return bindBinary(dst, x, y, k)
		case cpu.BinaryKernels[int64, int64]:
			return bindBinary(dst, x, y, k)
		case cpu.BinaryKernels[float32, float32]:
			return bindBinary(dst, x, y, k)
		case cpu.BinaryKernels[float64, float64]:
			return bindBinary(dst, x, y, k)
		case cpu.BinaryKernels[uint8, bool]:
			return bindBinary(dst, x, y, k)
		case cpu.BinaryKernels[int32, bool]:
			return bindBinary(dst, x, y, k)
		case cpu.BinaryKernels[int64, bool]:
			return bindBinary(dst, x, y, k)
		case cpu.BinaryKernels[float32, bool]:
			return bindBinary(dst, x, y, k)
		case cpu.BinaryKernels[float64, bool]:
			return bindBinary(dst, x, y, k)
		}
		panic("prims: no binary block loop")
	}
}

// bindBinary binds the kernels k of a two-operand op, the one for the
// operands' pattern of blocks and scalars. Scalars are read on every call.
func bindBinary[T, U core.Element](dst, x, y core.BlockArg, k cpu.BinaryKernels[T, U]) func(int, int) {
	d, xo, yo := operandOf[U](dst), operandOf[T](x), operandOf[T](y)
	if dst.Stream && k.Stream != nil {
		k = *k.Stream
	}
	switch {
	case xo.scalarV && yo.scalarV:
		return func(lo, hi int) {
			out := d.at(lo, hi)
			k.VS(out[:1], xo.s[:1], yo.s[0])
			fillFirst(out)
		}
	case yo.scalarV:
		return func(lo, hi int) { k.VS(d.at(lo, hi), xo.at(lo, hi), yo.s[0]) }
	case xo.scalarV:
		return func(lo, hi int) { k.SV(d.at(lo, hi), xo.s[0], yo.at(lo, hi)) }
	}
	return func(lo, hi int) { k.VV(d.at(lo, hi), xo.at(lo, hi), yo.at(lo, hi)) }
}

// selectLoop is select's loop: the vector kernels where the cases are
// blocks or one of them a scalar; a scalar predicate picks one case for
// the whole block.
func selectLoop(dst core.BlockArg, args []core.BlockArg, _ any) func(int, int) {
	switch dst.Data.(type) {
	case []bool:
		return bindSelect(dst, args, selectBool)
	case []uint8:
		return bindSelect(dst, args, selectU8)
	case []int32:
		return bindSelect(dst, args, selectI32)
	case []int64:
		return bindSelect(dst, args, selectI64)
	case []float32:
		return bindSelect(dst, args, selectF32)
	case []float64:
		return bindSelect(dst, args, selectF64)
	}
	panic("prims: no select block loop")
}

func bindSelect[T core.Element](dst core.BlockArg, args []core.BlockArg, k cpu.SelectKernels[T]) func(int, int) {
	d, c := operandOf[T](dst), operandOf[bool](args[0])
	x, y := operandOf[T](args[1]), operandOf[T](args[2])
	return func(lo, hi int) {
		out := d.at(lo, hi)
		if c.scalarV {
			pick := y
			if c.s[0] {
				pick = x
			}
			if pick.scalarV {
				out[0] = pick.s[0]
				fillFirst(out)
			} else {
				copy(out, pick.at(lo, hi))
			}
			return
		}
		cd := c.at(lo, hi)
		switch {
		case x.scalarV && y.scalarV:
			for i, p := range cd {
				if p {
					out[i] = x.s[0]
				} else {
					out[i] = y.s[0]
				}
			}
		case y.scalarV:
			k.VS(out, cd, x.at(lo, hi), y.s[0])
		case x.scalarV:
			k.SV(out, cd, x.s[0], y.at(lo, hi))
		default:
			k.VV(out, cd, x.at(lo, hi), y.at(lo, hi))
		}
	}
}

// convertBound is convert's bound loop (Primitive.Loop).
func convertBound(dst core.BlockArg, args []core.BlockArg, _ any) func(int, int) {
	switch dst.Data.(type) {
	case []bool:
		return convertLoopTo[bool](dst, args[0])
	case []uint8:
		return convertLoopTo[uint8](dst, args[0])
	case []int32:
		return convertLoopTo[int32](dst, args[0])
	case []int64:
		return convertLoopTo[int64](dst, args[0])
	case []float32:
		return convertLoopTo[float32](dst, args[0])
	case []float64:
		return convertLoopTo[float64](dst, args[0])
	}
	panic("prims: no convert block loop")
}

func convertLoopTo[U core.Element](dst, x core.BlockArg) func(int, int) {
	switch x.Data.(type) {
	case []bool:
		return bindUnary(dst, x, fromBool[U])
	case []uint8:
		return bindUnary(dst, x, convertLoopOf[uint8, U]())
	case []int32:
		return bindUnary(dst, x, convertLoopOf[int32, U]())
	case []int64:
		return bindUnary(dst, x, convertLoopOf[int64, U]())
	case []float32:
		return bindUnary(dst, x, convertLoopOf[float32, U]())
	case []float64:
		return bindUnary(dst, x, convertLoopOf[float64, U]())
	}
	panic("prims: no convert block loop")
}
