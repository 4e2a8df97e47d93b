package opt

import (
	"slices"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
	"github.com/nd-go/nd/ir"
)

// FoldBroadcasts moves elementwise work below broadcasts and merges chains
// of movement ops, so that work is done on the small operand and a
// broadcast is only ever read through strides by its consumer:
//
//	op(broadcast(x))                 → broadcast(op(x))
//	op(broadcast(x), broadcast(y))   → broadcast(op(x, y))   (same dims, same operand shapes)
//	broadcast(broadcast(x))          → broadcast(x)
//	reshape(reshape(x))              → reshape(x)
func FoldBroadcasts(p *ir.Program) *ir.Program {
	next := p.NumVars()
	newVar := func(t ir.Type) *ir.Var {
		v := &ir.Var{ID: next, Type: t}
		next++
		return v
	}
	def := map[*ir.Var]*ir.Eqn{}
	s := substitution{}
	var eqns []*ir.Eqn
	emit := func(e *ir.Eqn) {
		for _, o := range e.Outs {
			def[o] = e
		}
		eqns = append(eqns, e)
	}
	broadcastOf := func(v *ir.Var) (*ir.Eqn, prims.BroadcastParams, bool) {
		d := def[v]
		if d == nil || d.Prim.Name != "broadcast_in_dim" {
			return nil, prims.BroadcastParams{}, false
		}
		return d, d.Params.(prims.BroadcastParams), true
	}
	for _, e := range p.Eqns {
		ins := s.all(e.Ins)
		c := *e
		c.Ins = ins
		switch {
		case e.Prim.Fusion == core.Elementwise && len(e.Outs) == 1 && len(ins) >= 1:
			// All operands broadcasts with the same params from equal shapes?
			var first prims.BroadcastParams
			var inner []*ir.Var
			ok := true
			for i, v := range ins {
				d, bp, isB := broadcastOf(v)
				if !isB || (i > 0 && (!slices.Equal(bp.Dims, first.Dims) || !core.EqualShapes(d.Ins[0].Type.Shape, inner[0].Type.Shape))) {
					ok = false
					break
				}
				if i == 0 {
					first = bp
				}
				inner = append(inner, d.Ins[0])
			}
			if !ok {
				emit(&c)
				continue
			}
			small := newVar(ir.Type{DType: e.Outs[0].Type.DType, Shape: inner[0].Type.Shape})
			emit(&ir.Eqn{Prim: e.Prim, Params: e.Params, Ins: inner, Outs: []*ir.Var{small}, Src: e.Src})
			emit(&ir.Eqn{Prim: def[ins[0]].Prim, Params: first, Ins: []*ir.Var{small}, Outs: e.Outs, Src: e.Src})
		case e.Prim.Name == "broadcast_in_dim":
			if d, bp, isB := broadcastOf(ins[0]); isB {
				outer := e.Params.(prims.BroadcastParams)
				dims := make([]int, len(bp.Dims))
				for i, dd := range bp.Dims {
					dims[i] = outer.Dims[dd]
				}
				c.Ins = []*ir.Var{d.Ins[0]}
				c.Params = prims.BroadcastParams{Shape: outer.Shape, Dims: dims}
			}
			emit(&c)
		case e.Prim.Name == "reshape":
			if d := def[ins[0]]; d != nil && d.Prim == e.Prim {
				c.Ins = []*ir.Var{d.Ins[0]}
			}
			emit(&c)
		default:
			emit(&c)
		}
	}
	q := *p
	q.Eqns = eqns
	q.Outputs = s.all(p.Outputs)
	return &q
}
