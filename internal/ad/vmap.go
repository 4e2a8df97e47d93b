package ad

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/ir"
)

// Vmap evaluates prog on inputs that carry a batch axis first (dims[i] ==
// 0) or none (-1), applying each primitive's batch rule where an operand is
// batched, and returns the outputs with their batch dims (0 or -1). Like
// the derivative interpreters, it binds everything it computes, so it
// composes with the other transformations.
func Vmap(prog *ir.Program, args []*core.Array, dims []int) ([]*core.Array, []int) {
	n := prog.NumVars()
	env := make([]*core.Array, n)
	bd := make([]int, n)
	for i := range bd {
		bd[i] = -1
	}
	for i, v := range prog.Inputs {
		env[v.ID], bd[v.ID] = args[i], dims[i]
	}
	for i, v := range prog.Consts {
		env[v.ID] = prog.ConstValues[i]
	}
	for _, e := range prog.Eqns {
		ins := make([]*core.Array, len(e.Ins))
		idims := make([]int, len(e.Ins))
		batched := false
		for i, v := range e.Ins {
			ins[i], idims[i] = env[v.ID], bd[v.ID]
			batched = batched || idims[i] >= 0
		}
		var outs []*core.Array
		odims := make([]int, len(e.Outs))
		if !batched {
			outs = core.Bind(e.Prim, ins, e.Params)
			for i := range odims {
				odims[i] = -1
			}
		} else {
			if e.Prim.Batch == nil {
				core.Panicf("nd.Vmap", "primitive %s (used at %s:%d) has no batch rule", e.Prim.Name, e.Src.File, e.Src.Line)
			}
			outs, odims = e.Prim.Batch(ins, idims, e.Params)
		}
		for i, v := range e.Outs {
			env[v.ID], bd[v.ID] = outs[i], odims[i]
		}
	}
	outs := make([]*core.Array, len(prog.Outputs))
	odims := make([]int, len(prog.Outputs))
	for i, v := range prog.Outputs {
		outs[i], odims[i] = env[v.ID], bd[v.ID]
	}
	return outs, odims
}
