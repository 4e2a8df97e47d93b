// Package opt holds the optimization passes over ir.Programs. Each pass
// does one thing, lives in its own file, and returns a new program that
// shares the old one's variables; Pipeline lists them in the order they run.
// Tests verify the program (ir.Verify) after every pass.
package opt

import "github.com/nd-go/nd/ir"

// Pass is one optimization pass.
type Pass struct {
	Name string
	Run  func(*ir.Program) *ir.Program
}

// Pipeline is the passes the JIT runs, in order.
var Pipeline = []Pass{
	{"fold", Fold},
	{"simplify", Simplify},
	{"broadcast", FoldBroadcasts},
	{"cse", CSE},
	{"dce", DCE},
	{"fuse", Fuse},
}

// Optimize runs every pass of the pipeline over p.
func Optimize(p *ir.Program) *ir.Program {
	for _, pass := range Pipeline {
		p = pass.Run(p)
	}
	return p
}

// substitution maps variables replaced by a pass to their replacements.
type substitution map[*ir.Var]*ir.Var

func (s substitution) of(v *ir.Var) *ir.Var {
	for {
		r, ok := s[v]
		if !ok {
			return v
		}
		v = r
	}
}

func (s substitution) all(vs []*ir.Var) []*ir.Var {
	out := make([]*ir.Var, len(vs))
	for i, v := range vs {
		out[i] = s.of(v)
	}
	return out
}

// rewrite returns a copy of p with eqns as its equations and every use of a
// substituted variable (in equations and outputs) replaced.
func rewrite(p *ir.Program, eqns []*ir.Eqn, s substitution) *ir.Program {
	q := *p
	q.Eqns = make([]*ir.Eqn, len(eqns))
	for i, e := range eqns {
		c := *e
		c.Ins = s.all(e.Ins)
		q.Eqns[i] = &c
	}
	q.Outputs = s.all(p.Outputs)
	return &q
}
