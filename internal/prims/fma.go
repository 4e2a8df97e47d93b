package prims

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// fma is the fused multiply-add a*b + c, rounded once (math.FMA; for
// float32 the correctly rounded float32 result), over float operands of
// one shape and dtype. Where an operand is a NaN the result is the first
// NaN of a, b, c, quieted, whatever the CPU's FMA instruction would pick
// (cpu.FMA), so eager, fused and fallback runs agree bit for bit.
var fmaP = core.Register(&core.Primitive{
	Name: "fma",
	Abstract: func(in []core.Aval, _ any) []core.Aval {
		a, b, c := in[0], in[1], in[2]
		if !core.EqualShapes(a.Shape, b.Shape) || !core.EqualShapes(b.Shape, c.Shape) {
			core.Panicf("fma", "operand shapes %v, %v and %v differ",
				core.ShapeString(a.Shape), core.ShapeString(b.Shape), core.ShapeString(c.Shape))
		}
		if a.DType != b.DType || b.DType != c.DType {
			core.Panicf("fma", "operand dtypes %v, %v and %v differ", a.DType, b.DType, c.DType)
		}
		checkDType("fma", floating, a.DType)
		return []core.Aval{a}
	},
	Eager: func(args []*core.Array, outs []core.Aval, _ any) []*core.Array {
		out := alloc(outs)
		a, b, c := args[0], args[1], args[2]
		switch d := out.Buffer().(type) {
		case []float32:
			cpu.Ternary(d, a, b, c, fmaF32.VVV)
		case []float64:
			cpu.Ternary(d, a, b, c, fmaF64.VVV)
		}
		return out1(out)
	},
	Loop:   fmaLoop,
	Fusion: core.Elementwise,
})

// fma's kernels, vectorized where the CPU allows.
var (
	fmaF32 = cpu.FMAKernels[float32]()
	fmaF64 = cpu.FMAKernels[float64]()
)

// FMA returns a*b + c rounded once (float operands of one shape and dtype).
func FMA(a, b, c *core.Array) *core.Array { return core.Bind1(fmaP, nil, a, b, c) }

// fmaLoop is fma's loop: one kernel per pattern of block and scalar
// operands.
func fmaLoop(dst core.BlockArg, args []core.BlockArg, _ any) func(int, int) {
	if _, ok := dst.Data.([]float32); ok {
		return bindFMA(dst, args, fmaF32)
	}
	return bindFMA(dst, args, fmaF64)
}

func bindFMA[T core.Float](dst core.BlockArg, args []core.BlockArg, k cpu.TernaryKernels[T]) func(int, int) {
	d := operandOf[T](dst)
	a, b, c := operandOf[T](args[0]), operandOf[T](args[1]), operandOf[T](args[2])
	switch [3]bool{a.scalarV, b.scalarV, c.scalarV} {
	case [3]bool{false, false, false}:
		return func(lo, hi int) { k.VVV(d.at(lo, hi), a.at(lo, hi), b.at(lo, hi), c.at(lo, hi)) }
	case [3]bool{false, false, true}:
		return func(lo, hi int) { k.VVS(d.at(lo, hi), a.at(lo, hi), b.at(lo, hi), c.s[0]) }
	case [3]bool{false, true, false}:
		return func(lo, hi int) { k.VSV(d.at(lo, hi), a.at(lo, hi), b.s[0], c.at(lo, hi)) }
	case [3]bool{true, false, false}:
		return func(lo, hi int) { k.SVV(d.at(lo, hi), a.s[0], b.at(lo, hi), c.at(lo, hi)) }
	case [3]bool{false, true, true}:
		return func(lo, hi int) { k.VSS(d.at(lo, hi), a.at(lo, hi), b.s[0], c.s[0]) }
	case [3]bool{true, false, true}:
		return func(lo, hi int) { k.SVS(d.at(lo, hi), a.s[0], b.at(lo, hi), c.s[0]) }
	case [3]bool{true, true, false}:
		return func(lo, hi int) { k.SSV(d.at(lo, hi), a.s[0], b.s[0], c.at(lo, hi)) }
	}
	return func(lo, hi int) {
		out := d.at(lo, hi)
		out[0] = cpu.FMA(a.s[0], b.s[0], c.s[0])
		fillFirst(out)
	}
}

func init() {
	// d(a*b + c) = da*b + a*db + dc; the cotangents are ct*b, ct*a, ct.
	fmaP.JVP = func(ts, args, _ []*core.Array, _ any) []*core.Array {
		var t *core.Array
		if ts[0] != nil {
			t = Mul(ts[0], args[1])
		}
		if ts[1] != nil {
			t = addMaybe(t, Mul(args[0], ts[1]))
		}
		return []*core.Array{addMaybe(t, ts[2])}
	}
	fmaP.VJP = func(cts, args, _ []*core.Array, _ any) []*core.Array {
		ct := cts[0]
		if ct == nil {
			return make([]*core.Array, 3)
		}
		return []*core.Array{Mul(ct, args[1]), Mul(args[0], ct), ct}
	}
	fmaP.Batch = elementwiseBatch(fmaP)
}
