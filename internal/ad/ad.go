// Package ad differentiates traced programs. A transformation here is an
// interpreter of an ir.Program that applies each primitive's rule (JVP for
// forward mode, VJP for reverse mode) and binds everything it computes
// through core.Bind, so an enclosing trace (JIT, another Grad) records it:
// derivatives are themselves traceable and transformations compose.
package ad

import (
	"fmt"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
	"github.com/nd-go/nd/ir"
)

// Forward evaluates prog on args through core.Bind and returns the outputs
// and every variable's value (indexed by Var.ID), for Backward.
func Forward(prog *ir.Program, args []*core.Array) (outs []*core.Array, env []*core.Array) {
	env = make([]*core.Array, prog.NumVars())
	for i, v := range prog.Inputs {
		env[v.ID] = args[i]
	}
	for i, v := range prog.Consts {
		env[v.ID] = prog.ConstValues[i]
	}
	for _, e := range prog.Eqns {
		ins := make([]*core.Array, len(e.Ins))
		for i, v := range e.Ins {
			ins[i] = env[v.ID]
		}
		res := core.Bind(e.Prim, ins, e.Params)
		for i, v := range e.Outs {
			env[v.ID] = res[i]
		}
	}
	outs = make([]*core.Array, len(prog.Outputs))
	for i, v := range prog.Outputs {
		outs[i] = env[v.ID]
	}
	return outs, env
}

// Backward propagates output cotangents (nil = zero) back through prog,
// whose values Forward computed, and returns the cotangent of each input
// (nil where nothing flows).
func Backward(prog *ir.Program, env []*core.Array, cts []*core.Array) []*core.Array {
	ct := make([]*core.Array, len(env))
	accumulate := func(v *ir.Var, c *core.Array) {
		if c == nil {
			return
		}
		if !core.EqualShapes(c.Shape(), v.Type.Shape) || c.DType() != v.Type.DType {
			panic(fmt.Sprintf("ad: cotangent %v for a value of type %v", c.Aval(), v.Type))
		}
		if ct[v.ID] == nil {
			ct[v.ID] = c
		} else {
			ct[v.ID] = prims.Add(ct[v.ID], c)
		}
	}
	for i, v := range prog.Outputs {
		accumulate(v, cts[i])
	}
	for k := len(prog.Eqns) - 1; k >= 0; k-- {
		e := prog.Eqns[k]
		outCts := make([]*core.Array, len(e.Outs))
		any := false
		for i, v := range e.Outs {
			outCts[i] = ct[v.ID]
			any = any || outCts[i] != nil
		}
		if !any {
			continue
		}
		if e.Prim.VJP == nil {
			core.Panicf("nd.Grad", "primitive %s (used at %s:%d) has no reverse-mode (VJP) rule", e.Prim.Name, e.Src.File, e.Src.Line)
		}
		ins := make([]*core.Array, len(e.Ins))
		for i, v := range e.Ins {
			ins[i] = env[v.ID]
		}
		outs := make([]*core.Array, len(e.Outs))
		for i, v := range e.Outs {
			outs[i] = env[v.ID]
		}
		inCts := e.Prim.VJP(outCts, ins, outs, e.Params)
		for i, v := range e.Ins {
			if i < len(inCts) && differentiable(v.Type.DType) {
				accumulate(v, inCts[i])
			}
		}
	}
	res := make([]*core.Array, len(prog.Inputs))
	for i, v := range prog.Inputs {
		res[i] = ct[v.ID]
	}
	return res
}

// JVP evaluates prog on args with input tangents (nil = zero) and returns
// the outputs and their tangents (nil where zero).
func JVP(prog *ir.Program, args, tangents []*core.Array) (outs, tanOuts []*core.Array) {
	env := make([]*core.Array, prog.NumVars())
	tan := make([]*core.Array, prog.NumVars())
	for i, v := range prog.Inputs {
		env[v.ID] = args[i]
		if differentiable(v.Type.DType) {
			tan[v.ID] = tangents[i]
		}
	}
	for i, v := range prog.Consts {
		env[v.ID] = prog.ConstValues[i]
	}
	for _, e := range prog.Eqns {
		ins := make([]*core.Array, len(e.Ins))
		tins := make([]*core.Array, len(e.Ins))
		any := false
		for i, v := range e.Ins {
			ins[i] = env[v.ID]
			tins[i] = tan[v.ID]
			any = any || tins[i] != nil
		}
		res := core.Bind(e.Prim, ins, e.Params)
		for i, v := range e.Outs {
			env[v.ID] = res[i]
		}
		if !any || !anyDifferentiable(e.Outs) {
			continue // no tangent flows into integer or bool results
		}
		if e.Prim.JVP == nil {
			core.Panicf("nd.JVP", "primitive %s (used at %s:%d) has no forward-mode (JVP) rule", e.Prim.Name, e.Src.File, e.Src.Line)
		}
		touts := e.Prim.JVP(tins, ins, res, e.Params)
		for i, v := range e.Outs {
			if i < len(touts) && differentiable(v.Type.DType) {
				tan[v.ID] = touts[i]
			}
		}
	}
	outs = make([]*core.Array, len(prog.Outputs))
	tanOuts = make([]*core.Array, len(prog.Outputs))
	for i, v := range prog.Outputs {
		outs[i] = env[v.ID]
		tanOuts[i] = tan[v.ID]
	}
	return outs, tanOuts
}

// anyDifferentiable reports whether one of vs carries derivatives.
func anyDifferentiable(vs []*ir.Var) bool {
	for _, v := range vs {
		if differentiable(v.Type.DType) {
			return true
		}
	}
	return false
}

// differentiable reports whether values of dtype d carry derivatives.
func differentiable(d core.DType) bool { return d.IsFloat() }
