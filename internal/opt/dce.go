package opt

import "github.com/nd-go/nd/ir"

// DCE removes equations none of whose outputs are used, and constants no
// equation or output uses. Inputs stay: they are the program's signature.
func DCE(p *ir.Program) *ir.Program {
	live := map[*ir.Var]bool{}
	for _, v := range p.Outputs {
		live[v] = true
	}
	keep := make([]bool, len(p.Eqns))
	for i := len(p.Eqns) - 1; i >= 0; i-- {
		e := p.Eqns[i]
		for _, o := range e.Outs {
			if live[o] {
				keep[i] = true
			}
		}
		if keep[i] {
			for _, v := range e.Ins {
				live[v] = true
			}
		}
	}
	q := *p
	q.Eqns = nil
	for i, e := range p.Eqns {
		if keep[i] {
			q.Eqns = append(q.Eqns, e)
		}
	}
	q.Consts, q.ConstValues = nil, nil
	for i, c := range p.Consts {
		if live[c] {
			q.Consts = append(q.Consts, c)
			q.ConstValues = append(q.ConstValues, p.ConstValues[i])
		}
	}
	return &q
}
