package jit

import (
	"github.com/nd-go/nd/internal/ad"
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
	"github.com/nd-go/nd/ir"
)

// The primitives behind nd.Checkpoint and nd.CustomVJP: a nested program
// that runs as one equation, with derivative rules of its own.

// CheckpointParams are the params of checkpoint: the function's program.
type CheckpointParams struct{ Body *Body }

// CheckpointP runs Body; its reverse-mode rule recomputes Body's
// intermediates instead of keeping them from the forward pass.
var CheckpointP = core.Register(&core.Primitive{
	Name: "checkpoint",
	Abstract: func(_ []core.Aval, params any) []core.Aval {
		return outTypes(params.(CheckpointParams).Body.Prog)
	},
	Eager: func(args []*core.Array, _ []core.Aval, params any) []*core.Array {
		return params.(CheckpointParams).Body.Run(args)
	},
	Fusion: core.Opaque,
	JVP: func(ts, args, outs []*core.Array, params any) []*core.Array {
		_, touts := ad.JVP(params.(CheckpointParams).Body.Prog, args, ts)
		return touts
	},
	VJP: func(cts, args, outs []*core.Array, params any) []*core.Array {
		prog := params.(CheckpointParams).Body.Prog
		_, env := ad.Forward(prog, args) // the recomputation
		return ad.Backward(prog, env, cts)
	},
	Batch: func(args []*core.Array, dims []int, params any) ([]*core.Array, []int) {
		prog := params.(CheckpointParams).Body.Prog
		b := batchedProgram(prog, args, dims)
		return core.Bind(checkpointPrim, args, CheckpointParams{Body: NewBody(b)}), zeros(len(prog.Outputs))
	},
})

// checkpointPrim is CheckpointP for its own batch rule (a variable cannot
// refer to itself in its initializer).
var checkpointPrim *core.Primitive

func init() { checkpointPrim = CheckpointP }

// CustomVJPParams are the params of custom_vjp: the function, its forward
// pass returning the outputs and residuals, and its backward pass mapping
// (residuals, output cotangents) to input cotangents.
type CustomVJPParams struct {
	Fn, Fwd, Bwd *Body
	NumOut       int
}

// CustomVJPP runs Fn; reverse mode uses Fwd and Bwd instead of
// differentiating Fn; forward mode and batching go through Fn.
var CustomVJPP = core.Register(&core.Primitive{
	Name: "custom_vjp",
	Abstract: func(_ []core.Aval, params any) []core.Aval {
		return outTypes(params.(CustomVJPParams).Fn.Prog)
	},
	Eager: func(args []*core.Array, _ []core.Aval, params any) []*core.Array {
		return params.(CustomVJPParams).Fn.Run(args)
	},
	Fusion: core.Opaque,
	JVP: func(ts, args, outs []*core.Array, params any) []*core.Array {
		_, touts := ad.JVP(params.(CustomVJPParams).Fn.Prog, args, ts)
		return touts
	},
	VJP: func(cts, args, outs []*core.Array, params any) []*core.Array {
		p := params.(CustomVJPParams)
		res, _ := ad.Forward(p.Fwd.Prog, args)
		cts = filled(cts, avalsOf(outs))
		in, _ := ad.Forward(p.Bwd.Prog, append(append([]*core.Array(nil), res[p.NumOut:]...), cts...))
		return in
	},
	Batch: func(args []*core.Array, dims []int, params any) ([]*core.Array, []int) {
		p := params.(CustomVJPParams)
		b := batchedProgram(p.Fn.Prog, args, dims)
		return core.Bind(checkpointPrim, args, CheckpointParams{Body: NewBody(b)}), zeros(len(p.Fn.Prog.Outputs))
	},
})

func zeros(n int) []int { return make([]int, n) }

// batchedProgram traces the batched form of prog for operands args with
// batch dims dims (0 or -1); every output of the result is batched (axis 0).
func batchedProgram(p *ir.Program, args []*core.Array, dims []int) *ir.Program {
	return TraceProgram(avalsOf(args), func(in []*core.Array) []*core.Array {
		outs, od := ad.Vmap(p, in, dims)
		b := -1
		for i, d := range dims {
			if d == 0 {
				b = args[i].Shape()[0]
			}
		}
		for i, o := range outs {
			if od[i] < 0 {
				outs[i] = prims.BroadcastLeading(o, b)
			}
		}
		return outs
	})
}
