package opt

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
	"github.com/nd-go/nd/ir"
)

// Simplify applies algebraic identities that hold bit for bit:
// x*1 → x, x-0 → x, x/1 → x, x+0 → x for integers (not floats: -0+0 is +0),
// neg(neg(x)) → x, and reshape/convert/transpose that change nothing.
func Simplify(p *ir.Program) *ir.Program {
	consts := map[*ir.Var]*core.Array{}
	for i, c := range p.Consts {
		consts[c] = p.ConstValues[i]
	}
	def := map[*ir.Var]*ir.Eqn{}
	s := substitution{}
	var eqns []*ir.Eqn
	for _, e := range p.Eqns {
		ins := s.all(e.Ins)
		if r := simplifyEqn(e, ins, consts, def); r != nil {
			s[e.Outs[0]] = r
			continue
		}
		for _, o := range e.Outs {
			def[o] = e
		}
		eqns = append(eqns, e)
	}
	return rewrite(p, eqns, s)
}

// simplifyEqn returns the variable e's single output equals, or nil.
func simplifyEqn(e *ir.Eqn, ins []*ir.Var, consts map[*ir.Var]*core.Array, def map[*ir.Var]*ir.Eqn) *ir.Var {
	out := e.Outs[0]
	same := func(v *ir.Var) *ir.Var {
		if v.Type.DType == out.Type.DType && core.EqualShapes(v.Type.Shape, out.Type.Shape) {
			return v
		}
		return nil
	}
	switch e.Prim.Name {
	case "mul":
		if isConstAll(consts[ins[1]], 1) {
			return same(ins[0])
		}
		if isConstAll(consts[ins[0]], 1) {
			return same(ins[1])
		}
	case "div":
		if isConstAll(consts[ins[1]], 1) {
			return same(ins[0])
		}
	case "sub":
		if isConstAll(consts[ins[1]], 0) {
			return same(ins[0])
		}
	case "add":
		if !out.Type.DType.IsFloat() {
			if isConstAll(consts[ins[1]], 0) {
				return same(ins[0])
			}
			if isConstAll(consts[ins[0]], 0) {
				return same(ins[1])
			}
		}
	case "neg":
		if d := def[ins[0]]; d != nil && d.Prim == e.Prim {
			return same(d.Ins[0])
		}
	case "reshape", "convert", "broadcast_in_dim", "stop_gradient":
		return same(ins[0])
	case "transpose":
		for i, a := range e.Params.(prims.TransposeParams).Perm {
			if i != a {
				return nil
			}
		}
		return same(ins[0])
	}
	return nil
}

// isConstAll reports whether a is a concrete array whose every element is v.
// Only scalars and broadcasts of one element are checked (cheap).
func isConstAll(a *core.Array, v float64) bool {
	if a == nil {
		return false
	}
	for i, s := range a.Strides() {
		if s != 0 && a.Shape()[i] != 1 {
			return false
		}
	}
	if a.Size() == 0 {
		return false
	}
	i := a.Offset()
	switch b := a.Buffer().(type) {
	case []bool:
		return b[i] == (v != 0)
	case []uint8:
		return float64(b[i]) == v
	case []int32:
		return float64(b[i]) == v
	case []int64:
		return float64(b[i]) == v
	case []float32:
		return float64(b[i]) == v
	case []float64:
		return b[i] == v
	}
	return false
}
