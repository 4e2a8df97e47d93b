package prims

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

//go:generate go run gen_elementwise.go

// This file holds the elementwise primitives: unary math, binary
// arithmetic, comparisons, logic and select (convert lives in convert.go).
// Their operands have equal shapes (and, but for select's predicate, equal
// dtypes). The typed loops they run are generated into elementwise_loops.go
// from one line per op in gen_elementwise.go; where package cpu has vector
// kernels that give the same bits (float arithmetic, max/min, comparisons,
// select, integer add/sub/mul), the ops run those, with the generated
// loops as their fallback.
//
// The set follows JAX's lax: ops NumPy has but that can be written from
// these (floor_divide, mod, square, clip, isinf, logical_xor, ...) are
// written from them in package nd, so that they get jit, grad and vmap for
// free. Integer div and rem truncate toward zero and give 0 for a zero
// divisor (NumPy's value, without its warning).

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
		out := allocWritten(outs)
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
		out := allocWritten(outs)
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
	return core.Register(&core.Primitive{Name: name, Abstract: unaryAbstract(name, c, false), Eager: unaryEager(l), Loop: unaryLoop(l), Fusion: core.Elementwise})
}

func defBinary(name string, c dtypeClass, l loops) *core.Primitive {
	return core.Register(&core.Primitive{Name: name, Abstract: binaryAbstract(name, c, false), Eager: binaryEager(l), Loop: binaryLoop(l), Fusion: core.Elementwise})
}

// numUnary instantiates a generic unary loop for every numeric dtype.
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

// elemInt is the set of Go types of the integer dtypes.
type elemInt interface{ uint8 | int32 | int64 }

func defPredicate(name string, c dtypeClass, l loops) *core.Primitive {
	return core.Register(&core.Primitive{Name: name, Abstract: unaryAbstract(name, c, true), Eager: unaryEager(l), Loop: unaryLoop(l), Fusion: core.Elementwise})
}

func defCompare(name string, c dtypeClass, l loops) *core.Primitive {
	return core.Register(&core.Primitive{Name: name, Abstract: binaryAbstract(name, c, true), Eager: binaryEager(l), Loop: binaryLoop(l), Fusion: core.Elementwise})
}

func floatBinary(f32 cpu.BinaryKernels[float32, float32], f64 cpu.BinaryKernels[float64, float64]) loops {
	return loops{f32: f32, f64: f64}
}

// ---- unary arithmetic

var (
	negP   = defUnary("neg", numeric, numUnary(negLoop[uint8], negLoop[int32], negLoop[int64], cpu.VectorUnary("neg", negLoop[float32]), cpu.VectorUnary("neg", negLoop[float64])))
	absP   = defUnary("abs", numeric, numUnary(absIntLoop[uint8], absIntLoop[int32], absIntLoop[int64], cpu.VectorUnary("abs", absF32Loop[float32]), cpu.VectorUnary("abs", absF64Loop[float64])))
	signP  = defUnary("sign", numeric, numUnary(signIntLoop[uint8], signIntLoop[int32], signIntLoop[int64], cpu.VectorUnary("sign", signFloatLoop[float32]), cpu.VectorUnary("sign", signFloatLoop[float64])))
	floorP = defUnary("floor", floating, floatUnary(cpu.VectorUnary("floor", floorLoop[float32]), cpu.VectorUnary("floor", floorLoop[float64])))
	ceilP  = defUnary("ceil", floating, floatUnary(cpu.VectorUnary("ceil", ceilLoop[float32]), cpu.VectorUnary("ceil", ceilLoop[float64])))
	roundP = defUnary("round", floating, floatUnary(cpu.VectorUnary("round", roundLoop[float32]), cpu.VectorUnary("round", roundLoop[float64])))
)

// Neg returns -x (integers wrap around).
func Neg(x *core.Array) *core.Array { return core.Bind1(negP, nil, x) }

// Abs returns |x| (the most negative integer stays itself, as in NumPy).
func Abs(x *core.Array) *core.Array { return core.Bind1(absP, nil, x) }

// Sign returns -1, 0 or 1 by the sign of x (NaN for NaN; 0 for -0).
func Sign(x *core.Array) *core.Array { return core.Bind1(signP, nil, x) }

// Floor returns the largest integer not above x (float operands).
func Floor(x *core.Array) *core.Array { return core.Bind1(floorP, nil, x) }

// Ceil returns the smallest integer not below x (float operands).
func Ceil(x *core.Array) *core.Array { return core.Bind1(ceilP, nil, x) }

// Round rounds x to the nearest integer, halves to even (float operands).
func Round(x *core.Array) *core.Array { return core.Bind1(roundP, nil, x) }

// ---- transcendental (float operands): nd's own kernels (internal/cpu
// math*.go, within 2 ulp of the correctly rounded result, vectorized where
// the CPU allows), but sqrt and rsqrt (exactly rounded by the hardware)
// and tan, which still goes through package math.

var (
	expP      = defUnary("exp", floating, floatUnary(cpu.ExpLoop32, cpu.ExpLoopF64))
	expm1P    = defUnary("expm1", floating, floatUnary(cpu.Expm1LoopF32, cpu.Expm1LoopF64))
	logP      = defUnary("log", floating, floatUnary(cpu.LogLoopF32, cpu.LogLoopF64))
	log1pP    = defUnary("log1p", floating, floatUnary(cpu.Log1pLoopF32, cpu.Log1pLoopF64))
	sqrtP     = defUnary("sqrt", floating, floatUnary(cpu.VectorUnary("sqrt", sqrtLoop[float32]), cpu.VectorUnary("sqrt", sqrtLoop[float64])))
	rsqrtP    = defUnary("rsqrt", floating, floatUnary(cpu.VectorUnary("rsqrt", rsqrtLoop[float32]), cpu.VectorUnary("rsqrt", rsqrtLoop[float64])))
	sinP      = defUnary("sin", floating, floatUnary(cpu.SinLoopF32, cpu.SinLoopF64))
	cosP      = defUnary("cos", floating, floatUnary(cpu.CosLoopF32, cpu.CosLoopF64))
	tanP      = defUnary("tan", floating, floatUnary(tanLoop[float32], tanLoop[float64]))
	tanhP     = defUnary("tanh", floating, floatUnary(cpu.TanhLoop32, cpu.TanhLoopF64))
	logisticP = defUnary("logistic", floating, floatUnary(cpu.SigmoidLoop32, cpu.SigmoidLoopF64))
	erfP      = defUnary("erf", floating, floatUnary(cpu.ErfLoopF32, cpu.ErfLoopF64))
	isFiniteP = defPredicate("is_finite", floating, loops{f32: isFiniteLoop[float32], f64: isFiniteLoop[float64]})
)

// Exp returns e**x.
func Exp(x *core.Array) *core.Array { return core.Bind1(expP, nil, x) }

// Expm1 returns e**x - 1, accurate near 0.
func Expm1(x *core.Array) *core.Array { return core.Bind1(expm1P, nil, x) }

// Log returns the natural logarithm of x.
func Log(x *core.Array) *core.Array { return core.Bind1(logP, nil, x) }

// Log1p returns log(1 + x), accurate near 0.
func Log1p(x *core.Array) *core.Array { return core.Bind1(log1pP, nil, x) }

// Sqrt returns the square root of x.
func Sqrt(x *core.Array) *core.Array { return core.Bind1(sqrtP, nil, x) }

// Rsqrt returns 1 / sqrt(x).
func Rsqrt(x *core.Array) *core.Array { return core.Bind1(rsqrtP, nil, x) }

// Sin returns the sine of x (radians).
func Sin(x *core.Array) *core.Array { return core.Bind1(sinP, nil, x) }

// Cos returns the cosine of x (radians).
func Cos(x *core.Array) *core.Array { return core.Bind1(cosP, nil, x) }

// Tan returns the tangent of x (radians).
func Tan(x *core.Array) *core.Array { return core.Bind1(tanP, nil, x) }

// Tanh returns the hyperbolic tangent of x.
func Tanh(x *core.Array) *core.Array { return core.Bind1(tanhP, nil, x) }

// Logistic returns 1 / (1 + e**-x), computed without overflow for any x.
func Logistic(x *core.Array) *core.Array { return core.Bind1(logisticP, nil, x) }

// Erf returns the error function of x.
func Erf(x *core.Array) *core.Array { return core.Bind1(erfP, nil, x) }

// IsFinite reports, as a bool array, which elements are neither infinite
// nor NaN (float operands).
func IsFinite(x *core.Array) *core.Array { return core.Bind1(isFiniteP, nil, x) }

// ---- binary arithmetic

var (
	addP   = defBinary("add", numeric, numBinary(addKernels[uint8](), cpu.VectorBinary("add", addKernels[int32]()), cpu.VectorBinary("add", addKernels[int64]()), cpu.AddKernelsF32(), cpu.AddKernelsF64()))
	subP   = defBinary("sub", numeric, numBinary(subKernels[uint8](), cpu.VectorBinary("sub", subKernels[int32]()), cpu.VectorBinary("sub", subKernels[int64]()), cpu.SubKernelsF32(), cpu.SubKernelsF64()))
	mulP   = defBinary("mul", numeric, numBinary(mulKernels[uint8](), cpu.VectorBinary("mul", mulKernels[int32]()), cpu.VectorBinary("mul", mulKernels[int64]()), cpu.MulKernelsF32(), cpu.MulKernelsF64()))
	divP   = defBinary("div", numeric, numBinary(divIntKernels[uint8](), divIntKernels[int32](), divIntKernels[int64](), cpu.DivKernelsF32(), cpu.DivKernelsF64()))
	remP   = defBinary("rem", numeric, numBinary(remIntKernels[uint8](), remIntKernels[int32](), remIntKernels[int64](), remFloatKernels[float32](), remFloatKernels[float64]()))
	powP   = defBinary("pow", numeric, numBinary(powIntKernels[uint8](), powIntKernels[int32](), powIntKernels[int64](), cpu.PowKernelsF32(), cpu.PowKernelsF64()))
	atan2P = defBinary("atan2", floating, floatBinary(atan2Kernels[float32](), atan2Kernels[float64]()))
	maxP   = defBinary("max", anyDType, loops{b: maxBoolKernels(), u8: maxNumKernels[uint8](), i32: maxNumKernels[int32](), i64: maxNumKernels[int64](), f32: cpu.VectorBinary("max", maxNumKernels[float32]()), f64: cpu.VectorBinary("max", maxNumKernels[float64]())})
	minP   = defBinary("min", anyDType, loops{b: minBoolKernels(), u8: minNumKernels[uint8](), i32: minNumKernels[int32](), i64: minNumKernels[int64](), f32: cpu.VectorBinary("min", minNumKernels[float32]()), f64: cpu.VectorBinary("min", minNumKernels[float64]())})
)

// Add returns x + y (integers wrap around).
func Add(x, y *core.Array) *core.Array { return core.Bind1(addP, nil, x, y) }

// Sub returns x - y (integers wrap around).
func Sub(x, y *core.Array) *core.Array { return core.Bind1(subP, nil, x, y) }

// Mul returns x * y (integers wrap around).
func Mul(x, y *core.Array) *core.Array { return core.Bind1(mulP, nil, x, y) }

// Div returns x / y; integer division truncates toward zero and gives 0
// for a zero divisor.
func Div(x, y *core.Array) *core.Array { return core.Bind1(divP, nil, x, y) }

// Rem returns the remainder of the truncating division x / y, with the sign
// of x (C's fmod for floats; 0 for a zero integer divisor).
func Rem(x, y *core.Array) *core.Array { return core.Bind1(remP, nil, x, y) }

// Pow returns x ** y. For integers a negative exponent gives the truncated
// value of 1/x**-y (1 for x = 1, ±1 for x = -1, else 0); package nd rejects
// it where it can see it, as NumPy does.
func Pow(x, y *core.Array) *core.Array { return core.Bind1(powP, nil, x, y) }

// Atan2 returns the arc tangent of x/y in the quadrant the signs of both
// give, as math.Atan2(x, y) and np.arctan2(x, y) do (float operands).
func Atan2(x, y *core.Array) *core.Array { return core.Bind1(atan2P, nil, x, y) }

// Max returns the elementwise maximum, propagating NaN (np.maximum); for
// bools it is logical or.
func Max(x, y *core.Array) *core.Array { return core.Bind1(maxP, nil, x, y) }

// Min returns the elementwise minimum, propagating NaN (np.minimum); for
// bools it is logical and.
func Min(x, y *core.Array) *core.Array { return core.Bind1(minP, nil, x, y) }

// intPow returns x**y by repeated squaring (wrapping around on overflow).
func intPow[T elemInt](x, y T) T {
	if y < 0 {
		switch {
		case x == 1:
			return 1
		case x+1 == 0: // -1
			if y&1 == 0 {
				return 1
			}
			return x
		}
		return 0
	}
	var r T = 1
	for y > 0 {
		if y&1 != 0 {
			r *= x
		}
		x *= x
		y >>= 1
	}
	return r
}

// ---- comparisons (bool results; NaN compares unequal to everything)

// compareLoops gathers a comparison's loops, those of int32, int64, float32
// and float64 vectorized where the CPU allows (op names the kernels).
func compareLoops(op string, b cpu.BinaryKernels[bool, bool], u8 cpu.BinaryKernels[uint8, bool], i32 cpu.BinaryKernels[int32, bool], i64 cpu.BinaryKernels[int64, bool], f32 cpu.BinaryKernels[float32, bool], f64 cpu.BinaryKernels[float64, bool]) loops {
	return loops{b: b, u8: u8, i32: cpu.VectorBinary(op, i32), i64: cpu.VectorBinary(op, i64), f32: cpu.VectorBinary(op, f32), f64: cpu.VectorBinary(op, f64)}
}

var (
	eqP = defCompare("eq", anyDType, compareLoops("eq", eqKernels[bool](), eqKernels[uint8](), eqKernels[int32](), eqKernels[int64](), eqKernels[float32](), eqKernels[float64]()))
	neP = defCompare("ne", anyDType, compareLoops("ne", neKernels[bool](), neKernels[uint8](), neKernels[int32](), neKernels[int64](), neKernels[float32](), neKernels[float64]()))
	ltP = defCompare("lt", anyDType, compareLoops("lt", ltBoolKernels(), ltNumKernels[uint8](), ltNumKernels[int32](), ltNumKernels[int64](), ltNumKernels[float32](), ltNumKernels[float64]()))
	leP = defCompare("le", anyDType, compareLoops("le", leBoolKernels(), leNumKernels[uint8](), leNumKernels[int32](), leNumKernels[int64](), leNumKernels[float32](), leNumKernels[float64]()))
	gtP = defCompare("gt", anyDType, compareLoops("gt", gtBoolKernels(), gtNumKernels[uint8](), gtNumKernels[int32](), gtNumKernels[int64](), gtNumKernels[float32](), gtNumKernels[float64]()))
	geP = defCompare("ge", anyDType, compareLoops("ge", geBoolKernels(), geNumKernels[uint8](), geNumKernels[int32](), geNumKernels[int64](), geNumKernels[float32](), geNumKernels[float64]()))
)

// Eq returns x == y as a bool array.
func Eq(x, y *core.Array) *core.Array { return core.Bind1(eqP, nil, x, y) }

// Ne returns x != y as a bool array.
func Ne(x, y *core.Array) *core.Array { return core.Bind1(neP, nil, x, y) }

// Lt returns x < y as a bool array (false < true).
func Lt(x, y *core.Array) *core.Array { return core.Bind1(ltP, nil, x, y) }

// Le returns x <= y as a bool array.
func Le(x, y *core.Array) *core.Array { return core.Bind1(leP, nil, x, y) }

// Gt returns x > y as a bool array.
func Gt(x, y *core.Array) *core.Array { return core.Bind1(gtP, nil, x, y) }

// Ge returns x >= y as a bool array.
func Ge(x, y *core.Array) *core.Array { return core.Bind1(geP, nil, x, y) }

// ---- logic: logical on bools, bitwise on integers

var (
	notP = defUnary("not", integral, loops{b: notBoolLoop, u8: notIntLoop[uint8], i32: notIntLoop[int32], i64: notIntLoop[int64]})
	andP = defBinary("and", integral, loops{b: andBoolKernels(), u8: andIntKernels[uint8](), i32: andIntKernels[int32](), i64: andIntKernels[int64]()})
	orP  = defBinary("or", integral, loops{b: orBoolKernels(), u8: orIntKernels[uint8](), i32: orIntKernels[int32](), i64: orIntKernels[int64]()})
	xorP = defBinary("xor", integral, loops{b: xorBoolKernels(), u8: xorIntKernels[uint8](), i32: xorIntKernels[int32](), i64: xorIntKernels[int64]()})
)

// Not returns !x for bools and ^x for integers.
func Not(x *core.Array) *core.Array { return core.Bind1(notP, nil, x) }

// And returns x && y for bools and x & y for integers.
func And(x, y *core.Array) *core.Array { return core.Bind1(andP, nil, x, y) }

// Or returns x || y for bools and x | y for integers.
func Or(x, y *core.Array) *core.Array { return core.Bind1(orP, nil, x, y) }

// Xor returns x != y for bools and x ^ y for integers.
func Xor(x, y *core.Array) *core.Array { return core.Bind1(xorP, nil, x, y) }

// ---- select

// select picks, element by element, x where the bool predicate is true and
// y where it is false: select(pred, x, y), np.where's primitive. (JAX's
// select_n takes its cases in the other order; one predicate and two cases
// is all nd needs.)
var selectP = core.Register(&core.Primitive{
	Name: "select",
	Abstract: func(in []core.Aval, _ any) []core.Aval {
		c, x, y := in[0], in[1], in[2]
		if c.DType != core.Bool {
			core.Panicf("select", "predicate dtype %v: want bool", c.DType)
		}
		if !core.EqualShapes(c.Shape, x.Shape) || !core.EqualShapes(x.Shape, y.Shape) {
			core.Panicf("select", "operand shapes %v, %v and %v differ",
				core.ShapeString(c.Shape), core.ShapeString(x.Shape), core.ShapeString(y.Shape))
		}
		if x.DType != y.DType {
			core.Panicf("select", "operand dtypes %v and %v differ", x.DType, y.DType)
		}
		return []core.Aval{x}
	},
	Eager: func(args []*core.Array, outs []core.Aval, _ any) []*core.Array {
		out := allocWritten(outs)
		c, x, y := args[0], args[1], args[2]
		switch d := out.Buffer().(type) {
		case []bool:
			cpu.Ternary(d, c, x, y, selectBool.VV)
		case []uint8:
			cpu.Ternary(d, c, x, y, selectU8.VV)
		case []int32:
			cpu.Ternary(d, c, x, y, selectI32.VV)
		case []int64:
			cpu.Ternary(d, c, x, y, selectI64.VV)
		case []float32:
			cpu.Ternary(d, c, x, y, selectF32.VV)
		case []float64:
			cpu.Ternary(d, c, x, y, selectF64.VV)
		}
		return out1(out)
	},
	Loop:   selectLoop,
	Fusion: core.Elementwise,
})

// select's loops per dtype, vectorized where the CPU allows.
var (
	selectBool = selectKernels[bool]()
	selectU8   = selectKernels[uint8]()
	selectI32  = cpu.VectorSelect(selectKernels[int32]())
	selectI64  = cpu.VectorSelect(selectKernels[int64]())
	selectF32  = cpu.VectorSelect(selectKernels[float32]())
	selectF64  = cpu.VectorSelect(selectKernels[float64]())
)

// selectKernels returns select's Go loops; each writes len(c) elements.
func selectKernels[T core.Element]() cpu.SelectKernels[T] {
	return cpu.SelectKernels[T]{
		VV: func(d []T, c []bool, a, b []T) {
			d, a, b = d[:len(c)], a[:len(c)], b[:len(c)]
			for i, p := range c {
				v := b[i]
				if p {
					v = a[i]
				}
				d[i] = v
			}
		},
		VS: func(d []T, c []bool, a []T, b T) {
			d, a = d[:len(c)], a[:len(c)]
			for i, p := range c {
				v := b
				if p {
					v = a[i]
				}
				d[i] = v
			}
		},
		SV: func(d []T, c []bool, a T, b []T) {
			d, b = d[:len(c)], b[:len(c)]
			for i, p := range c {
				v := b[i]
				if p {
					v = a
				}
				d[i] = v
			}
		},
	}
}

// Select returns x where pred is true and y elsewhere; pred is bool, x and
// y share a dtype, and all three share a shape.
func Select(pred, x, y *core.Array) *core.Array { return core.Bind1(selectP, nil, pred, x, y) }
