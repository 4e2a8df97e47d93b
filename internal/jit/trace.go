// Package jit holds nd's tracing JIT machinery below the user API: the
// trace that records primitives into an ir.Program, the flattening of Go
// values into arrays and static parts (pytrees), the signature cache, and
// the compiled executable. Package nd wraps it as nd.JIT and nd.MakeIR.
package jit

import (
	"fmt"
	"sync/atomic"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/ir"
)

var nextLevel atomic.Uint64

// Trace records the primitives applied to its symbolic arrays into a
// program. It implements core.Trace. A trace is used by one goroutine.
type Trace struct {
	level    uint64
	prog     ir.Program
	nextID   int
	consts   map[*core.Array]*ir.Var
	captured map[*core.Array]*ir.Var
	captures []*core.Array // arrays of outer traces used inside, in order
	dead     bool
}

// symbol is the payload of a symbolic array of a jit trace.
type symbol struct {
	v   *ir.Var
	src ir.Source // where the array was created (for escaped-array errors)
}

// NewTrace starts a trace at a level above every trace made before it.
func NewTrace() *Trace {
	return &Trace{level: nextLevel.Add(1), consts: map[*core.Array]*ir.Var{}, captured: map[*core.Array]*ir.Var{}}
}

// Level returns the trace's level in the transformation stack.
func (t *Trace) Level() uint64 { return t.level }

func (t *Trace) newVar(av core.Aval) *ir.Var {
	v := &ir.Var{ID: t.nextID, Type: av}
	t.nextID++
	return v
}

// Input adds a program input of the given type and returns the symbolic
// array that stands for it.
func (t *Trace) Input(av core.Aval) *core.Array {
	v := t.newVar(av)
	t.prog.Inputs = append(t.prog.Inputs, v)
	file, line := core.CallerOutside()
	return core.NewSymbolic(av, t, symbol{v, ir.Source{File: file, Line: line}})
}

// varOf returns the program variable for an operand: its own symbol, or a
// constant for a concrete array captured from outside.
func (t *Trace) varOf(op string, a *core.Array) *ir.Var {
	if a.Trace() == nil {
		if v, ok := t.consts[a]; ok {
			return v
		}
		v := t.newVar(a.Aval())
		t.consts[a] = v
		t.prog.Consts = append(t.prog.Consts, v)
		t.prog.ConstValues = append(t.prog.ConstValues, a)
		return v
	}
	if a.Trace() != core.Trace(t) {
		if a.Trace().Level() > t.level {
			core.Panicf(op, "an array of an inner trace was used by an outer one; return it from the inner function instead")
		}
		// An array of an enclosing trace (a closure of a Cond branch or a
		// loop body): it becomes an extra input of this program.
		if v, ok := t.captured[a]; ok {
			return v
		}
		v := t.newVar(a.Aval())
		t.captured[a] = v
		t.captures = append(t.captures, a)
		return v
	}
	return a.Payload().(symbol).v
}

// Process records p applied to args as one equation and returns symbolic
// outputs. It is called by core.Bind.
func (t *Trace) Process(p *core.Primitive, args []*core.Array, params any) []*core.Array {
	if t.dead {
		src := ""
		for _, a := range args {
			if a.Trace() == core.Trace(t) {
				s := a.Payload().(symbol).src
				src = fmt.Sprintf("%s:%d", s.File, s.Line)
				break
			}
		}
		core.Panicf(p.Name, "a traced array created at %s escaped the function being traced "+
			"(stored in a variable that outlived the trace?) and was used after tracing finished; "+
			"return it from the function instead", src)
	}
	ins := make([]*ir.Var, len(args))
	avals := make([]core.Aval, len(args))
	for i, a := range args {
		ins[i] = t.varOf(p.Name, a)
		avals[i] = ins[i].Type
	}
	outAvals := p.Abstract(avals, params)
	file, line := core.CallerOutside()
	src := ir.Source{File: file, Line: line}
	eq := &ir.Eqn{Prim: p, Params: params, Ins: ins, Src: src}
	outs := make([]*core.Array, len(outAvals))
	for i, av := range outAvals {
		v := t.newVar(av)
		eq.Outs = append(eq.Outs, v)
		outs[i] = core.NewSymbolic(av, t, symbol{v, src})
	}
	t.prog.Eqns = append(t.prog.Eqns, eq)
	return outs
}

// Finish ends the trace with the given outputs and returns the program.
// The trace is dead afterwards: its arrays can no longer be used. Arrays of
// enclosing traces that the function used are appended to the program's
// inputs; Captures lists them.
func (t *Trace) Finish(outs []*core.Array) *ir.Program {
	for _, a := range outs {
		t.prog.Outputs = append(t.prog.Outputs, t.varOf("jit", a))
	}
	for _, a := range t.captures {
		t.prog.Inputs = append(t.prog.Inputs, t.captured[a])
	}
	t.dead = true
	return &t.prog
}

// Captures returns the arrays of enclosing traces the traced function
// used, in the order of the extra inputs Finish added.
func (t *Trace) Captures() []*core.Array { return t.captures }

// Kill marks the trace dead without a program (tracing failed).
func (t *Trace) Kill() { t.dead = true }
