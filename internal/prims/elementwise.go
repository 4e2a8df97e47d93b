package prims

import (
	"math"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// This file holds the elementwise primitives: unary math, binary
// arithmetic, comparisons, logic, select and convert. Their operands have
// equal shapes (and, but for select's predicate, equal dtypes).

// loops holds the typed block loops of an elementwise op, one per input
// dtype. A unary loop is func(dst []U, x []T); a binary loop is a
// cpu.BinaryKernels[T, U]. Missing entries mean the dtype is not admitted.
type loops struct {
	b, u8, i32, i64, f32, f64 any
}

func (l *loops) of(d core.DType) any {
	switch d {
	case core.Bool:
		return l.b
	case core.Uint8:
		return l.u8
	case core.Int32:
		return l.i32
	case core.Int64:
		return l.i64
	case core.Float32:
		return l.f32
	case core.Float64:
		return l.f64
	}
	return nil
}

// unaryAbstract returns the shape rule of a unary op over class c whose
// output dtype is the input's (toBool false) or bool.
func unaryAbstract(name string, c dtypeClass, toBool bool) func([]core.Aval, any) []core.Aval {
	return func(in []core.Aval, _ any) []core.Aval {
		checkDType(name, c, in[0].DType)
		d := in[0].DType
		if toBool {
			d = core.Bool
		}
		return []core.Aval{{DType: d, Shape: in[0].Shape}}
	}
}

// binaryAbstract is the shape rule of a binary op: equal shapes and dtypes.
func binaryAbstract(name string, c dtypeClass, toBool bool) func([]core.Aval, any) []core.Aval {
	return func(in []core.Aval, _ any) []core.Aval {
		x, y := in[0], in[1]
		if !core.EqualShapes(x.Shape, y.Shape) {
			core.Panicf(name, "operand shapes %v and %v differ", core.ShapeString(x.Shape), core.ShapeString(y.Shape))
		}
		if x.DType != y.DType {
			core.Panicf(name, "operand dtypes %v and %v differ", x.DType, y.DType)
		}
		checkDType(name, c, x.DType)
		d := x.DType
		if toBool {
			d = core.Bool
		}
		return []core.Aval{{DType: d, Shape: x.Shape}}
	}
}

func unaryEager(l loops) func([]*core.Array, []core.Aval, any) []*core.Array {
	return func(args []*core.Array, outs []core.Aval, _ any) []*core.Array {
		out := alloc(outs)
		x := args[0]
		switch k := l.of(x.DType()).(type) {
		case func([]bool, []bool):
			cpu.Unary(out.Buffer().([]bool), x, k)
		case func([]uint8, []uint8):
			cpu.Unary(out.Buffer().([]uint8), x, k)
		case func([]int32, []int32):
			cpu.Unary(out.Buffer().([]int32), x, k)
		case func([]int64, []int64):
			cpu.Unary(out.Buffer().([]int64), x, k)
		case func([]float32, []float32):
			cpu.Unary(out.Buffer().([]float32), x, k)
		case func([]float64, []float64):
			cpu.Unary(out.Buffer().([]float64), x, k)
		case func([]bool, []uint8):
			cpu.Unary(out.Buffer().([]bool), x, k)
		case func([]bool, []int32):
			cpu.Unary(out.Buffer().([]bool), x, k)
		case func([]bool, []int64):
			cpu.Unary(out.Buffer().([]bool), x, k)
		case func([]bool, []float32):
			cpu.Unary(out.Buffer().([]bool), x, k)
		case func([]bool, []float64):
			cpu.Unary(out.Buffer().([]bool), x, k)
		default:
			panic("prims: no unary loop for " + x.DType().String())
		}
		return out1(out)
	}
}

func binaryEager(l loops) func([]*core.Array, []core.Aval, any) []*core.Array {
	return func(args []*core.Array, outs []core.Aval, _ any) []*core.Array {
		out := alloc(outs)
		x, y := args[0], args[1]
		switch k := l.of(x.DType()).(type) {
		case cpu.BinaryKernels[bool, bool]:
			cpu.Binary(out.Buffer().([]bool), x, y, k)
		case cpu.BinaryKernels[uint8, uint8]:
			cpu.Binary(out.Buffer().([]uint8), x, y, k)
		case cpu.BinaryKernels[int32, int32]:
			cpu.Binary(out.Buffer().([]int32), x, y, k)
		case cpu.BinaryKernels[int64, int64]:
			cpu.Binary(out.Buffer().([]int64), x, y, k)
		case cpu.BinaryKernels[float32, float32]:
			cpu.Binary(out.Buffer().([]float32), x, y, k)
		case cpu.BinaryKernels[float64, float64]:
			cpu.Binary(out.Buffer().([]float64), x, y, k)
		case cpu.BinaryKernels[uint8, bool]:
			cpu.Binary(out.Buffer().([]bool), x, y, k)
		case cpu.BinaryKernels[int32, bool]:
			cpu.Binary(out.Buffer().([]bool), x, y, k)
		case cpu.BinaryKernels[int64, bool]:
			cpu.Binary(out.Buffer().([]bool), x, y, k)
		case cpu.BinaryKernels[float32, bool]:
			cpu.Binary(out.Buffer().([]bool), x, y, k)
		case cpu.BinaryKernels[float64, bool]:
			cpu.Binary(out.Buffer().([]bool), x, y, k)
		default:
			panic("prims: no binary loop for " + x.DType().String())
		}
		return out1(out)
	}
}

func defUnary(name string, c dtypeClass, l loops) *core.Primitive {
	return core.Register(&core.Primitive{Name: name, Abstract: unaryAbstract(name, c, false), Eager: unaryEager(l), Fusion: core.Elementwise})
}

func defBinary(name string, c dtypeClass, l loops) *core.Primitive {
	return core.Register(&core.Primitive{Name: name, Abstract: binaryAbstract(name, c, false), Eager: binaryEager(l), Fusion: core.Elementwise})
}

// numLoops instantiates a generic unary loop for every numeric dtype.
// (Go cannot pass an uninstantiated generic function, so each op lists its
// instantiations through one of these.)
func numUnary(u8 func([]uint8, []uint8), i32 func([]int32, []int32), i64 func([]int64, []int64), f32 func([]float32, []float32), f64 func([]float64, []float64)) loops {
	return loops{u8: u8, i32: i32, i64: i64, f32: f32, f64: f64}
}

func floatUnary(f32 func([]float32, []float32), f64 func([]float64, []float64)) loops {
	return loops{f32: f32, f64: f64}
}

func numBinary(u8 cpu.BinaryKernels[uint8, uint8], i32 cpu.BinaryKernels[int32, int32], i64 cpu.BinaryKernels[int64, int64], f32 cpu.BinaryKernels[float32, float32], f64 cpu.BinaryKernels[float64, float64]) loops {
	return loops{u8: u8, i32: i32, i64: i64, f32: f32, f64: f64}
}

// ---- neg

var negP = defUnary("neg", numeric, numUnary(negLoop[uint8], negLoop[int32], negLoop[int64], negLoop[float32], negLoop[float64]))

func negLoop[T core.Number](d, x []T) {
	d = d[:len(x)]
	for i, v := range x {
		d[i] = -v
	}
}

// Neg returns -x.
func Neg(x *core.Array) *core.Array { return core.Bind1(negP, nil, x) }

// ---- exp

var expP = defUnary("exp", floating, floatUnary(expLoop[float32], expLoop[float64]))

func expLoop[T core.Float](d, x []T) {
	d = d[:len(x)]
	for i, v := range x {
		d[i] = T(math.Exp(float64(v)))
	}
}

// Exp returns e**x.
func Exp(x *core.Array) *core.Array { return core.Bind1(expP, nil, x) }

// ---- add

var addP = defBinary("add", numeric, numBinary(addKernels[uint8](), addKernels[int32](), addKernels[int64](), addKernels[float32](), addKernels[float64]()))

func addKernels[T core.Number]() cpu.BinaryKernels[T, T] {
	return cpu.BinaryKernels[T, T]{
		VV: func(d, a, b []T) {
			d, b = d[:len(a)], b[:len(a)]
			for i, v := range a {
				d[i] = v + b[i]
			}
		},
		VS: func(d, a []T, b T) {
			d = d[:len(a)]
			for i, v := range a {
				d[i] = v + b
			}
		},
		SV: func(d []T, a T, b []T) {
			d = d[:len(b)]
			for i, v := range b {
				d[i] = a + v
			}
		},
	}
}

// Add returns x + y.
func Add(x, y *core.Array) *core.Array { return core.Bind1(addP, nil, x, y) }

// ---- mul

var mulP = defBinary("mul", numeric, numBinary(mulKernels[uint8](), mulKernels[int32](), mulKernels[int64](), mulKernels[float32](), mulKernels[float64]()))

func mulKernels[T core.Number]() cpu.BinaryKernels[T, T] {
	return cpu.BinaryKernels[T, T]{
		VV: func(d, a, b []T) {
			d, b = d[:len(a)], b[:len(a)]
			for i, v := range a {
				d[i] = v * b[i]
			}
		},
		VS: func(d, a []T, b T) {
			d = d[:len(a)]
			for i, v := range a {
				d[i] = v * b
			}
		},
		SV: func(d []T, a T, b []T) {
			d = d[:len(b)]
			for i, v := range b {
				d[i] = a * v
			}
		},
	}
}

// Mul returns x * y.
func Mul(x, y *core.Array) *core.Array { return core.Bind1(mulP, nil, x, y) }
