package opt

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/ir"
)

// foldLimit is the largest result (in elements) constant folding computes
// ahead of time; movement ops are folded at any size since they are views.
const foldLimit = 1 << 12

// Fold evaluates equations whose inputs are all constants and turns their
// outputs into constants.
func Fold(p *ir.Program) *ir.Program {
	values := map[*ir.Var]*core.Array{}
	for i, c := range p.Consts {
		values[c] = p.ConstValues[i]
	}
	q := *p
	q.Consts = append([]*ir.Var(nil), p.Consts...)
	q.ConstValues = append([]*core.Array(nil), p.ConstValues...)
	q.Eqns = nil
	for _, e := range p.Eqns {
		if !foldable(e, values) {
			q.Eqns = append(q.Eqns, e)
			continue
		}
		args := make([]*core.Array, len(e.Ins))
		for i, v := range e.Ins {
			args[i] = values[v]
		}
		outs := core.Eval(e.Prim, args, e.Params)
		for i, o := range e.Outs {
			values[o] = outs[i]
			q.Consts = append(q.Consts, o)
			q.ConstValues = append(q.ConstValues, outs[i])
		}
	}
	return &q
}

func foldable(e *ir.Eqn, values map[*ir.Var]*core.Array) bool {
	if e.Prim.Eager == nil || len(e.Ins) == 0 {
		return false
	}
	for _, v := range e.Ins {
		if values[v] == nil {
			return false
		}
	}
	if e.Prim.Fusion == core.Movement {
		return true
	}
	for _, o := range e.Outs {
		if o.Type.Size() > foldLimit {
			return false
		}
	}
	return true
}
