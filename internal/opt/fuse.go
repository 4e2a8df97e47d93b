package opt

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
	"github.com/nd-go/nd/internal/prims"
	"github.com/nd-go/nd/ir"
)

// Fuse groups elementwise equations of one output shape into fused
// equations, run by cpu.Fused block by block with no full-size
// temporaries. Groups are grown greedily in program order: an elementwise
// equation joins (and merges) the open groups that produce its inputs; a
// group closes as soon as an equation outside it reads one of its values,
// so every reader of a group comes after the group's last member and the
// fused equation can take the last member's place. Broadcasts and other
// movement ops stay outside as views, read in place by the fused loop.
func Fuse(p *ir.Program) *ir.Program {
	type group struct {
		members []*ir.Eqn
		shape   []int
		open    bool
		merged  *group // set when merged into another group
	}
	find := func(g *group) *group {
		for g.merged != nil {
			g = g.merged
		}
		return g
	}
	groupOf := map[*ir.Var]*group{} // output var -> group of its equation
	var order []*group              // groups in order of creation
	placed := map[*ir.Eqn]*group{}
	for _, e := range p.Eqns {
		var producers []*group
		for _, v := range e.Ins {
			if g, ok := groupOf[v]; ok {
				g = find(g)
				if g.open && !containsGroup(producers, g) {
					producers = append(producers, g)
				}
			}
		}
		if len(producers) == 1 && endsGroup(e) && core.EqualShapes(producers[0].shape, e.Ins[0].Type.Shape) {
			// A reduction over trailing axes ends its producer's group.
			g := producers[0]
			g.members = append(g.members, e)
			g.open = false
			groupOf[e.Outs[0]] = g
			placed[e] = g
			continue
		}
		if fusible(e) {
			var target *group
			for _, g := range producers {
				if !core.EqualShapes(g.shape, e.Outs[0].Type.Shape) {
					g.open = false
					continue
				}
				if target == nil {
					target = g
					continue
				}
				target.members = append(target.members, g.members...)
				g.merged, g.members = target, nil
			}
			if target == nil {
				target = &group{shape: e.Outs[0].Type.Shape, open: true}
				order = append(order, target)
			}
			target.members = append(target.members, e)
			groupOf[e.Outs[0]] = target
			placed[e] = target
			continue
		}
		for _, g := range producers {
			g.open = false
		}
	}
	// Which values leave their group.
	used := map[*ir.Var]bool{}
	for _, v := range p.Outputs {
		used[v] = true
	}
	for _, e := range p.Eqns {
		g := find0(placed[e], find)
		for _, v := range e.Ins {
			if pg, ok := groupOf[v]; ok && find(pg) != g {
				used[v] = true
			}
		}
	}
	// Emit: a group of two or more members becomes one fused equation at the
	// place of its last member.
	last := map[*ir.Eqn]*group{}
	for _, g := range order {
		g = find(g)
		if len(g.members) > 1 {
			last[g.members[len(g.members)-1]] = g
		}
	}
	q := *p
	q.Eqns = nil
	for _, e := range p.Eqns {
		g := find0(placed[e], find)
		if g == nil || len(g.members) < 2 {
			q.Eqns = append(q.Eqns, e)
			continue
		}
		if last[e] == g {
			q.Eqns = append(q.Eqns, fusedEqn(g.members, used))
		}
	}
	return &q
}

func find0[G any](g *G, find func(*G) *G) *G {
	if g == nil {
		return nil
	}
	return find(g)
}

func containsGroup[G comparable](gs []G, g G) bool {
	for _, x := range gs {
		if x == g {
			return true
		}
	}
	return false
}

// endsGroup reports whether e is a reduction that can end a fused group:
// it reduces trailing axes, so each output element reduces one contiguous
// run of the group's values.
func endsGroup(e *ir.Eqn) bool {
	if e.Prim.Fusion != core.Reduction || e.Prim.ReduceRows == nil || len(e.Ins) != 1 {
		return false
	}
	p, ok := e.Params.(prims.ReduceParams)
	n := len(e.Ins[0].Type.Shape)
	if !ok || len(p.Axes) == 0 {
		return false
	}
	for i, a := range p.Axes {
		if a != n-len(p.Axes)+i {
			return false
		}
	}
	return true
}

func fusible(e *ir.Eqn) bool {
	return e.Prim.Fusion == core.Elementwise && e.Prim.Block != nil && len(e.Outs) == 1
}

// fusedEqn builds the fused equation of members: its inputs are the values
// members read from outside, its outputs the members' values used outside.
func fusedEqn(members []*ir.Eqn, used map[*ir.Var]bool) *ir.Eqn {
	inside := map[*ir.Var]bool{}
	for _, e := range members {
		inside[e.Outs[0]] = true
	}
	body := &ir.Program{Eqns: members}
	seen := map[*ir.Var]bool{}
	for _, e := range members {
		for _, v := range e.Ins {
			if !inside[v] && !seen[v] {
				seen[v] = true
				body.Inputs = append(body.Inputs, v)
			}
		}
	}
	for _, e := range members {
		if used[e.Outs[0]] {
			body.Outputs = append(body.Outputs, e.Outs[0])
		}
	}
	last := members[len(members)-1]
	return &ir.Eqn{
		Prim:   cpu.Fused,
		Params: cpu.NewFusedParams(body),
		Ins:    body.Inputs,
		Outs:   body.Outputs,
		Src:    last.Src,
	}
}
