package prims

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// This file holds the cumulative primitives cumsum, cumprod, cummax and
// cummin: inclusive scans along one axis, in the operand's dtype and shape
// (fusion class Opaque).

// CumulativeParams are the params of the cumulative primitives: the axis
// to scan and whether to scan from its end (Reverse, as lax's reverse).
type CumulativeParams struct {
	Axis    int
	Reverse bool
}

type scanners struct {
	u8  cpu.Scanner[uint8]
	i32 cpu.Scanner[int32]
	i64 cpu.Scanner[int64]
	f32 cpu.Scanner[float32]
	f64 cpu.Scanner[float64]
}

func defCumulative(name string, s scanners) *core.Primitive {
	return core.Register(&core.Primitive{
		Name: name,
		Abstract: func(in []core.Aval, params any) []core.Aval {
			checkDType(name, numeric, in[0].DType)
			reducedShape(name, in[0].Shape, []int{params.(CumulativeParams).Axis})
			return []core.Aval{in[0]}
		},
		Eager: func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
			p := params.(CumulativeParams)
			out := allocWritten(outs)
			x := args[0]
			switch d := out.Buffer().(type) {
			case []uint8:
				cpu.Scan(d, x, p.Axis, p.Reverse, s.u8)
			case []int32:
				cpu.Scan(d, x, p.Axis, p.Reverse, s.i32)
			case []int64:
				cpu.Scan(d, x, p.Axis, p.Reverse, s.i64)
			case []float32:
				cpu.Scan(d, x, p.Axis, p.Reverse, s.f32)
			case []float64:
				cpu.Scan(d, x, p.Axis, p.Reverse, s.f64)
			}
			return out1(out)
		},
		Fusion: core.Opaque,
	})
}

var (
	cumsumP = defCumulative("cumsum", scanners{
		cpu.SumScanner[uint8](), cpu.SumScanner[int32](), cpu.SumScanner[int64](), cpu.SumScanner[float32](), cpu.SumScanner[float64]()})
	cumprodP = defCumulative("cumprod", scanners{
		cpu.ProdScanner[uint8](), cpu.ProdScanner[int32](), cpu.ProdScanner[int64](), cpu.ProdScanner[float32](), cpu.ProdScanner[float64]()})
	cummaxP = defCumulative("cummax", scanners{
		cpu.MaxScanner[uint8](), cpu.MaxScanner[int32](), cpu.MaxScanner[int64](), cpu.MaxScanner[float32](), cpu.MaxScanner[float64]()})
	cumminP = defCumulative("cummin", scanners{
		cpu.MinScanner[uint8](), cpu.MinScanner[int32](), cpu.MinScanner[int64](), cpu.MinScanner[float32](), cpu.MinScanner[float64]()})
)

func bindCumulative(p *core.Primitive, x *core.Array, axis int, reverse bool) *core.Array {
	return core.Bind1(p, CumulativeParams{Axis: axis, Reverse: reverse}, x)
}

// CumSum returns the running sums of x along axis (from its end if
// reverse), in x's dtype: out[..., i, ...] = x[..., 0, ...] + ... + x[..., i, ...].
func CumSum(x *core.Array, axis int, reverse bool) *core.Array {
	return bindCumulative(cumsumP, x, axis, reverse)
}

// CumProd returns the running products of x along axis, in x's dtype.
func CumProd(x *core.Array, axis int, reverse bool) *core.Array {
	return bindCumulative(cumprodP, x, axis, reverse)
}

// CumMax returns the running maxima of x along axis (NaN propagates).
func CumMax(x *core.Array, axis int, reverse bool) *core.Array {
	return bindCumulative(cummaxP, x, axis, reverse)
}

// CumMin returns the running minima of x along axis (NaN propagates).
func CumMin(x *core.Array, axis int, reverse bool) *core.Array {
	return bindCumulative(cumminP, x, axis, reverse)
}
