package jit

import (
	"fmt"
	"sync"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/opt"
	"github.com/nd-go/nd/ir"
)

// This file holds the structured control-flow primitives: cond, while and
// scan. Each carries its branches or body as nested programs; eagerly it
// runs them with the executor, so the same primitive serves eager code and
// jitted code, where it is one equation of the enclosing program.

// Body is a nested program of a control-flow primitive, compiled on first
// use.
type Body struct {
	Prog *ir.Program
	once sync.Once
	exe  *Executable
}

// NewBody wraps a traced program as a body.
func NewBody(p *ir.Program) *Body { return &Body{Prog: p} }

// String prints the program.
func (b *Body) String() string { return b.Prog.String() }

// Run optimizes and compiles the body once, then runs it.
func (b *Body) Run(args []*core.Array) []*core.Array {
	b.once.Do(func() { b.exe = Compile(opt.Optimize(b.Prog)) })
	return b.exe.Run(args)
}

func outTypes(p *ir.Program) []core.Aval {
	out := make([]core.Aval, len(p.Outputs))
	for i, v := range p.Outputs {
		out[i] = v.Type
	}
	return out
}

// CondParams are the params of cond: two programs of the same inputs and
// output types. Its operands are the predicate, then the programs' inputs.
type CondParams struct{ True, False *Body }

// CondP runs True when the bool scalar predicate holds and False otherwise.
var CondP = core.Register(&core.Primitive{
	Name: "cond",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		if in[0].DType != core.Bool || in[0].Size() != 1 {
			core.Panicf("nd.Cond", "predicate %v: want a bool scalar", in[0])
		}
		return outTypes(params.(CondParams).True.Prog)
	},
	Eager: func(args []*core.Array, _ []core.Aval, params any) []*core.Array {
		p := params.(CondParams)
		if core.Data[bool](args[0])[0] {
			return p.True.Run(args[1:])
		}
		return p.False.Run(args[1:])
	},
	Fusion: core.Opaque,
})

// WhileParams are the params of while: Cond maps the inputs to a bool
// scalar, Body maps them to new values of the first NumCarry inputs (the
// carry); the remaining inputs are constants of the loop.
type WhileParams struct {
	Cond, Body *Body
	NumCarry   int
}

// WhileP runs Body while Cond holds, starting from the carry operands.
var WhileP = core.Register(&core.Primitive{
	Name: "while",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		return append([]core.Aval(nil), in[:params.(WhileParams).NumCarry]...)
	},
	Eager: func(args []*core.Array, _ []core.Aval, params any) []*core.Array {
		p := params.(WhileParams)
		state := append([]*core.Array(nil), args...)
		for core.Data[bool](p.Cond.Run(state)[0])[0] {
			copy(state, p.Body.Run(state))
		}
		return state[:p.NumCarry]
	},
	Fusion: core.Opaque,
})

// ScanParams are the params of scan. Operands: NumCarry carries, NumXs
// arrays scanned along their leading axis of size Length, then constants.
// Body maps (carry, x slices, constants) to (new carry, y); the outputs are
// the final carry and the ys stacked along a new leading axis.
type ScanParams struct {
	Body                    *Body
	Length, NumCarry, NumXs int
}

// ScanP loops Body over the leading axis of the xs operands.
var ScanP = core.Register(&core.Primitive{
	Name: "scan",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		p := params.(ScanParams)
		for _, x := range in[p.NumCarry : p.NumCarry+p.NumXs] {
			if len(x.Shape) == 0 || x.Shape[0] != p.Length {
				core.Panicf("nd.Scan", "scanned operand %v: want leading axis of length %d", x, p.Length)
			}
		}
		outs := outTypes(p.Body.Prog)
		for i := p.NumCarry; i < len(outs); i++ {
			outs[i] = core.Aval{DType: outs[i].DType, Shape: append([]int{p.Length}, outs[i].Shape...)}
		}
		return outs
	},
	Eager: func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		p := params.(ScanParams)
		carry := append([]*core.Array(nil), args[:p.NumCarry]...)
		xs := args[p.NumCarry : p.NumCarry+p.NumXs]
		consts := args[p.NumCarry+p.NumXs:]
		ys := make([]*core.Array, len(outs)-p.NumCarry)
		for i := range ys {
			ys[i] = core.Empty(outs[p.NumCarry+i].DType, outs[p.NumCarry+i].Shape)
		}
		in := make([]*core.Array, 0, len(args))
		for step := 0; step < p.Length; step++ {
			in = append(in[:0], carry...)
			for _, x := range xs {
				in = append(in, indexLeading(x, step))
			}
			in = append(in, consts...)
			res := p.Body.Run(in)
			copy(carry, res[:p.NumCarry])
			for i, y := range res[p.NumCarry:] {
				core.CopyInto(indexLeading(ys[i], step), y)
			}
		}
		return append(carry, ys...)
	},
	Fusion: core.Opaque,
})

// indexLeading returns the view x[i] (dropping the leading axis).
func indexLeading(x *core.Array, i int) *core.Array {
	off := x.Offset()
	if x.Size() > 0 {
		off += i * x.Strides()[0]
	}
	return core.NewView(x.DType(), x.Shape()[1:], x.Strides()[1:], off, x.Buffer())
}

// CheckSameTypes reports the first difference between two lists of output
// types, naming what.
func CheckSameTypes(what string, a, b []core.Aval) error {
	if len(a) != len(b) {
		return fmt.Errorf("%s: %d arrays and %d arrays", what, len(a), len(b))
	}
	for i := range a {
		if a[i].DType != b[i].DType || !core.EqualShapes(a[i].Shape, b[i].Shape) {
			return fmt.Errorf("%s: array %d is %v in one and %v in the other", what, i, a[i], b[i])
		}
	}
	return nil
}
