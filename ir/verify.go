package ir

import (
	"fmt"

	"github.com/nd-go/nd/internal/core"
)

// Verify checks that p is well formed: every variable is defined exactly
// once before use, and every equation's output types are what its
// primitive's abstract rule gives for its input types and params.
func Verify(p *Program) (err error) {
	defined := map[*Var]bool{}
	define := func(where string, v *Var) error {
		if v == nil {
			return fmt.Errorf("ir: %s: nil variable", where)
		}
		if defined[v] {
			return fmt.Errorf("ir: %s: variable %d defined twice", where, v.ID)
		}
		defined[v] = true
		return nil
	}
	if len(p.Consts) != len(p.ConstValues) {
		return fmt.Errorf("ir: %d constants but %d constant values", len(p.Consts), len(p.ConstValues))
	}
	for i, v := range p.Inputs {
		if err := define(fmt.Sprintf("input %d", i), v); err != nil {
			return err
		}
	}
	for i, v := range p.Consts {
		if err := define(fmt.Sprintf("constant %d", i), v); err != nil {
			return err
		}
		if c := p.ConstValues[i]; !sameType(c.Aval(), v.Type) {
			return fmt.Errorf("ir: constant %d has type %v but value %v", i, v.Type, c.Aval())
		}
	}
	for i, e := range p.Eqns {
		where := fmt.Sprintf("equation %d (%s)", i, e.Prim.Name)
		ins := make([]core.Aval, len(e.Ins))
		for j, v := range e.Ins {
			if !defined[v] {
				return fmt.Errorf("ir: %s: input %d (variable %d) used before definition", where, j, v.ID)
			}
			ins[j] = v.Type
		}
		outs, err := abstractEval(e.Prim, ins, e.Params)
		if err != nil {
			return fmt.Errorf("ir: %s: %v", where, err)
		}
		if len(outs) != len(e.Outs) {
			return fmt.Errorf("ir: %s: %d outputs, primitive gives %d", where, len(e.Outs), len(outs))
		}
		for j, v := range e.Outs {
			if !sameType(outs[j], v.Type) {
				return fmt.Errorf("ir: %s: output %d has type %v, primitive gives %v", where, j, v.Type, outs[j])
			}
			if err := define(where, v); err != nil {
				return err
			}
		}
	}
	for i, v := range p.Outputs {
		if !defined[v] {
			return fmt.Errorf("ir: output %d (variable %d) is not defined", i, v.ID)
		}
	}
	return nil
}

func abstractEval(p *core.Primitive, ins []core.Aval, params any) (outs []core.Aval, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("abstract eval: %v", r)
		}
	}()
	return p.Abstract(ins, params), nil
}

func sameType(a, b Type) bool { return a.DType == b.DType && core.EqualShapes(a.Shape, b.Shape) }
