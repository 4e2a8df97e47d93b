// Package ir is nd's intermediate representation: an SSA program like a
// jaxpr, with typed inputs, a list of equations out = prim[params](ins),
// typed outputs, and nested programs for control flow. nd.MakeIR returns
// one; the JIT optimizes and runs them. The package holds the program
// types, the stable text form (String) and the verifier (Verify); passes
// live in internal/opt and executors in internal/cpu.
package ir

import "github.com/nd-go/nd/internal/core"

// Type is the type of a value in a program: a dtype and a shape.
type Type = core.Aval

// Var is a value of a program, defined once: by the program's inputs, its
// constants, or one equation.
type Var struct {
	ID   int
	Type Type
}

// Source is the Go source location of the user's call that created an
// equation.
type Source struct {
	File string
	Line int
}

// Eqn is one equation: Outs = Prim[Params](Ins).
type Eqn struct {
	Prim   *core.Primitive
	Params any
	Ins    []*Var
	Outs   []*Var
	Src    Source
}

// Program is a traced function: inputs, constants captured from the
// environment (with their concrete values), equations in order, outputs.
type Program struct {
	Inputs      []*Var
	Consts      []*Var
	ConstValues []*core.Array
	Eqns        []*Eqn
	Outputs     []*Var
}

// NumVars returns one more than the largest Var ID used in p, so callers
// can index dense tables by ID.
func (p *Program) NumVars() int {
	n := 0
	see := func(vs []*Var) {
		for _, v := range vs {
			n = max(n, v.ID+1)
		}
	}
	see(p.Inputs)
	see(p.Consts)
	for _, e := range p.Eqns {
		see(e.Ins)
		see(e.Outs)
	}
	see(p.Outputs)
	return n
}
