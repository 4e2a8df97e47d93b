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
// movement ops of outside values stay outside as views, read in place by
// the fused loop.
//
// Reductions over trailing axes join too, which makes the group a row
// program: each output element of the reduction reduces one row of the
// group's shape, and the reduced value, reshaped and broadcast back along
// the row (a row scalar), may feed later elementwise members. The loop
// then runs row by row in stages (softmax: max; exp(x - max) and its sum;
// the quotient), so a row is read from memory once.
func Fuse(p *ir.Program) *ir.Program {
	type group struct {
		members []*ir.Eqn
		shape   []int
		rowLen  int // elements per row once a reduction joined, else 0
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
	rowScalar := map[*ir.Var]bool{} // reduction outputs and their aliases
	var order []*group              // groups in order of creation
	placed := map[*ir.Eqn]*group{}
	join := func(g *group, e *ir.Eqn) {
		g.members = append(g.members, e)
		for _, o := range e.Outs {
			groupOf[o] = g
		}
		placed[e] = g
	}
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
		closeAll := func() {
			for _, g := range producers {
				g.open = false
			}
		}
		switch {
		case endsGroup(e) && !rowScalar[e.Ins[0]]:
			// A reduction over trailing axes: it joins (or starts) a group of
			// its operand's shape as a row reduction.
			n := rowLength(e)
			var g *group
			switch {
			case len(producers) == 0:
				g = &group{shape: e.Ins[0].Type.Shape, open: true}
				order = append(order, g)
			case len(producers) == 1 && core.EqualShapes(producers[0].shape, e.Ins[0].Type.Shape) &&
				(producers[0].rowLen == 0 || producers[0].rowLen == n):
				g = producers[0]
			default:
				closeAll()
				continue
			}
			g.rowLen = n
			join(g, e)
			rowScalar[e.Outs[0]] = true
		case len(e.Ins) == 1 && rowScalar[e.Ins[0]] && len(producers) == 1:
			// A reshape or broadcast of a row scalar back along the row.
			g := producers[0]
			if !rowAlias(e, g.shape, g.rowLen) {
				closeAll()
				continue
			}
			join(g, e)
			rowScalar[e.Outs[0]] = true
		case fusible(e):
			var target *group
			rows := 0
			ok := true
			for _, v := range e.Ins {
				if rowScalar[v] && !core.EqualShapes(v.Type.Shape, e.Outs[0].Type.Shape) {
					ok = false // an op on the reduced values themselves
				}
			}
			for _, g := range producers {
				if g.rowLen > 0 {
					rows++
				}
			}
			if !ok || rows > 1 {
				closeAll()
				continue
			}
			for _, g := range producers {
				if !core.EqualShapes(g.shape, e.Outs[0].Type.Shape) {
					g.open = false
					continue
				}
				if target == nil {
					target = g
					continue
				}
				if g.rowLen > 0 { // keep the row group as the target
					target, g = g, target
				}
				target.members = append(target.members, g.members...)
				g.merged, g.members = target, nil
			}
			if target == nil {
				target = &group{shape: e.Outs[0].Type.Shape, open: true}
				order = append(order, target)
			}
			join(target, e)
		default:
			closeAll()
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
	worth := func(g *group) bool {
		elementwise := 0
		for _, e := range g.members {
			if fusible(e) {
				elementwise++
			}
		}
		return elementwise > 0 && len(g.members) > 1
	}
	last := map[*ir.Eqn]*group{}
	for _, g := range order {
		g = find(g)
		if worth(g) {
			last[g.members[len(g.members)-1]] = g
		}
	}
	q := *p
	q.Eqns = nil
	for _, e := range p.Eqns {
		g := find0(placed[e], find)
		if g == nil || !worth(g) {
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

// rowLength returns how many elements each output of a trailing-axes
// reduction reduces.
func rowLength(e *ir.Eqn) int {
	return max(1, e.Ins[0].Type.Size()) / max(1, e.Outs[0].Type.Size())
}

// rowAlias reports whether e turns a row scalar (one value per row of a
// group of shape shape, rows of rowLen elements; element r is row r's)
// into a value that is again one: any reshape to rows elements (it keeps
// the order), or a broadcast_in_dim of shape[:k] + ones to shape, with the
// identity dims, that repeats each row's value along its row.
func rowAlias(e *ir.Eqn, shape []int, rowLen int) bool {
	in, out := e.Ins[0].Type.Shape, e.Outs[0].Type.Shape
	rows := core.ShapeSize(shape) / max(1, rowLen)
	switch e.Prim.Name {
	case "reshape":
		return core.ShapeSize(out) == rows
	case "broadcast_in_dim":
		bp := e.Params.(prims.BroadcastParams)
		if !core.EqualShapes(out, shape) || len(in) != len(out) {
			return false
		}
		for i, d := range bp.Dims {
			if d != i {
				return false
			}
		}
		for k := range shape {
			if core.ShapeSize(shape[k:]) != rowLen || !core.EqualShapes(in[:k], shape[:k]) {
				continue
			}
			if core.ShapeSize(in[k:]) == 1 {
				return true
			}
		}
	}
	return false
}

func fusible(e *ir.Eqn) bool {
	return e.Prim.Fusion == core.Elementwise && e.Prim.Loop != nil && len(e.Outs) == 1
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
