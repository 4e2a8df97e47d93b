package opt

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
	"github.com/nd-go/nd/ir"
)

// MemoryPlan says how an executor can reuse buffers. InPlace[i] is the
// input index of equation i (a fused equation with one output) whose buffer
// the output may overwrite, or -1; Release[i] lists the values whose
// buffers are dead after equation i and may be reused, within the run or by
// later runs.
type MemoryPlan struct {
	InPlace []int
	Release [][]*ir.Var
}

// PlanMemory turns lone elementwise equations into fused ones where that
// lets them write in place, and plans buffer reuse. A buffer is reusable
// only when it is owned by the program (made fresh by an elementwise,
// reduction or fused equation), is not an output or a view of one, and
// every reader of it is an equation that never returns its inputs.
func PlanMemory(p *ir.Program) (*ir.Program, *MemoryPlan) {
	fresh := func(e *ir.Eqn) bool {
		return e.Prim == cpu.Fused || e.Prim.Fusion == core.Elementwise || e.Prim.Fusion == core.Reduction
	}
	owned := map[*ir.Var]bool{}
	root := map[*ir.Var]*ir.Var{} // view -> buffer owner
	rootOf := func(v *ir.Var) *ir.Var {
		if r, ok := root[v]; ok {
			return r
		}
		return v
	}
	escaped := map[*ir.Var]bool{}
	lastUse := map[*ir.Var]int{}
	lastViewUse := map[*ir.Var]int{} // last equation reading a view of the buffer
	for i, e := range p.Eqns {
		for _, v := range e.Ins {
			r := rootOf(v)
			lastUse[r] = i
			if r != v {
				lastViewUse[r] = i
			}
			if !fresh(e) && e.Prim.Fusion != core.Movement {
				escaped[r] = true
			}
		}
		switch {
		case e.Prim.Fusion == core.Movement:
			root[e.Outs[0]] = rootOf(e.Ins[0])
		case fresh(e):
			for _, o := range e.Outs {
				owned[o] = true
			}
		}
	}
	for _, v := range p.Outputs {
		escaped[rootOf(v)] = true
	}
	q := *p
	q.Eqns = make([]*ir.Eqn, len(p.Eqns))
	plan := &MemoryPlan{InPlace: make([]int, len(p.Eqns)), Release: make([][]*ir.Var, len(p.Eqns))}
	for i, e := range p.Eqns {
		q.Eqns[i] = e
		plan.InPlace[i] = -1
		if len(e.Outs) != 1 || !(e.Prim == cpu.Fused || (e.Prim.Fusion == core.Elementwise && e.Prim.Loop != nil)) {
			continue
		}
		out := e.Outs[0]
		for j, v := range e.Ins {
			_, viewed := lastViewUse[v]
			if owned[v] && rootOf(v) == v && !escaped[v] && lastUse[v] == i && (!viewed || lastViewUse[v] < i) && sameType(v.Type, out.Type) {
				if e.Prim != cpu.Fused {
					q.Eqns[i] = fusedEqn([]*ir.Eqn{e}, map[*ir.Var]bool{out: true})
				}
				plan.InPlace[i] = j
				escaped[v] = true // its buffer lives on as the output
				break
			}
		}
	}
	for v, i := range lastUse {
		if owned[v] && !escaped[v] {
			plan.Release[i] = append(plan.Release[i], v)
		}
	}
	return &q, plan
}

func sameType(a, b ir.Type) bool {
	return a.DType == b.DType && core.EqualShapes(a.Shape, b.Shape)
}
