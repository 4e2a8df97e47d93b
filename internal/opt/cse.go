package opt

import (
	"fmt"
	"strings"

	"github.com/nd-go/nd/ir"
)

// CSE replaces an equation by an earlier one with the same primitive,
// params and inputs. Constants holding the same array are merged too.
func CSE(p *ir.Program) *ir.Program {
	s := substitution{}
	seen := map[string]*ir.Eqn{}
	var eqns []*ir.Eqn
	for _, e := range p.Eqns {
		k := eqnKey(e, s)
		if prev, ok := seen[k]; ok {
			for i, o := range e.Outs {
				s[o] = prev.Outs[i]
			}
			continue
		}
		seen[k] = e
		eqns = append(eqns, e)
	}
	return rewrite(p, eqns, s)
}

func eqnKey(e *ir.Eqn, s substitution) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%p|%#v|", e.Prim, e.Params)
	for _, v := range e.Ins {
		fmt.Fprintf(&b, "%d,", s.of(v).ID)
	}
	return b.String()
}
