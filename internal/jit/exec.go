package jit

import (
	"fmt"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/ir"
)

// Executable runs a compiled program on concrete arrays.
type Executable struct {
	prog  *ir.Program
	steps []step
	nvars int
}

type step struct {
	prim   *core.Primitive
	params any
	ins    []int
	outs   []int
	avals  []core.Aval
}

// Compile turns a program into an executable: variables become slots of a
// dense table and each equation calls its primitive's kernel directly, with
// its output types known in advance.
func Compile(p *ir.Program) *Executable {
	x := &Executable{prog: p, nvars: p.NumVars()}
	for _, e := range p.Eqns {
		s := step{prim: e.Prim, params: e.Params}
		for _, v := range e.Ins {
			s.ins = append(s.ins, v.ID)
		}
		for _, v := range e.Outs {
			s.outs = append(s.outs, v.ID)
			s.avals = append(s.avals, v.Type)
		}
		x.steps = append(x.steps, s)
	}
	return x
}

// Program returns the program the executable runs.
func (x *Executable) Program() *ir.Program { return x.prog }

// Run executes the program on inputs (concrete arrays of the program's
// input types) and returns its outputs.
func (x *Executable) Run(inputs []*core.Array) []*core.Array {
	p := x.prog
	if len(inputs) != len(p.Inputs) {
		panic(fmt.Sprintf("jit: %d inputs for a program of %d", len(inputs), len(p.Inputs)))
	}
	env := make([]*core.Array, x.nvars)
	for i, v := range p.Inputs {
		env[v.ID] = inputs[i]
	}
	for i, v := range p.Consts {
		env[v.ID] = p.ConstValues[i]
	}
	var argStore [4]*core.Array
	for _, s := range x.steps {
		args := argStore[:0]
		for _, id := range s.ins {
			args = append(args, env[id])
		}
		outs := s.prim.Eager(args, s.avals, s.params)
		for i, id := range s.outs {
			env[id] = outs[i]
		}
	}
	outs := make([]*core.Array, len(p.Outputs))
	for i, v := range p.Outputs {
		outs[i] = env[v.ID]
	}
	return outs
}
