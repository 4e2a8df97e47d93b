package jit

import (
	"github.com/nd-go/nd/internal/ad"
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
	"github.com/nd-go/nd/ir"
)

// Batch rules (vmap) of the control-flow primitives. As for the derivative
// rules, each traces the batched form of the nested programs (ad.Vmap over
// the original branch or body) and binds the same primitive on them, so a
// batched loop is one loop over the whole batch, never a loop over its
// members. The batch axis of a batched value is first (dim 0); -1 marks an
// unbatched one.
//
// A batched predicate cannot choose one branch or stop one loop for the
// whole batch. As in JAX, a cond with a batched predicate computes both
// branches for the whole batch and selects each member's result; a while
// with a batched condition runs while any member's condition holds, and a
// member whose condition fails keeps its carry from then on (its body is
// still evaluated, and its result discarded).

// cfBatchSize returns the batch size of the batched operands.
func cfBatchSize(args []*core.Array, dims []int) int {
	for i, d := range dims {
		if d == 0 {
			return args[i].Shape()[0]
		}
	}
	return -1
}

// cfWithBatch gives x the batch axis (a broadcast view) unless it has it.
func cfWithBatch(x *core.Array, dim, b int) *core.Array {
	if dim == 0 {
		return x
	}
	inner := make([]int, x.Ndim())
	for i := range inner {
		inner[i] = i + 1
	}
	return prims.BroadcastInDim(x, append([]int{b}, x.Shape()...), inner)
}

// cfBatchAvals returns the input types of the batched form of prog: input
// i gains a leading axis of size b where dims[i] == 0.
func cfBatchAvals(prog *ir.Program, b int, dims []int) []core.Aval {
	in := make([]core.Aval, len(prog.Inputs))
	for i, v := range prog.Inputs {
		in[i] = v.Type
		if dims[i] == 0 {
			in[i] = core.Aval{DType: v.Type.DType, Shape: append([]int{b}, v.Type.Shape...)}
		}
	}
	return in
}

// cfBatchTrace traces the batched form of prog for inputs with batch dims
// dims; output i is made batched where force[i] is set (force may be nil).
// It returns the program and its outputs' batch dims.
func cfBatchTrace(prog *ir.Program, b int, dims []int, force []bool) (*ir.Program, []int) {
	var od []int
	p := TraceProgram(cfBatchAvals(prog, b, dims), func(in []*core.Array) []*core.Array {
		outs, d := ad.Vmap(prog, in, dims)
		for i := range outs {
			if force != nil && force[i] && d[i] < 0 {
				outs[i], d[i] = cfWithBatch(outs[i], d[i], b), 0
			}
		}
		od = d
		return outs
	})
	return p, od
}

// cfCarryDims returns dims with the first n (the loop carry) made batched
// wherever the batched body, run from those dims, returns a batched value:
// the least fixed point, so that a carry's batchedness is the same on entry
// and exit of every iteration.
func cfCarryDims(body *ir.Program, b int, dims []int, n int) []int {
	cd := append([]int(nil), dims...)
	for {
		_, od := cfBatchTrace(body, b, cd, nil)
		changed := false
		for i := range n {
			if od[i] == 0 && cd[i] < 0 {
				cd[i], changed = 0, true
			}
		}
		if !changed {
			return cd
		}
	}
}

// cfMemberPred reshapes a batched one-element-per-member predicate to (b,).
func cfMemberPred(pred *core.Array, dim, b int) *core.Array {
	return prims.Reshape(cfWithBatch(pred, dim, b), []int{b})
}

// cfSelectMembers picks, member by member, x where pred (shape (b,)) holds
// and y elsewhere; x and y are batched.
func cfSelectMembers(pred, x, y *core.Array) *core.Array {
	return prims.Select(prims.BroadcastInDim(pred, x.Shape(), []int{0}), x, y)
}

func cfForce(dims []int) []bool {
	f := make([]bool, len(dims))
	for i, d := range dims {
		f[i] = d == 0
	}
	return f
}

func init() {
	CondP.Batch = func(args []*core.Array, dims []int, params any) ([]*core.Array, []int) {
		p := params.(CondParams)
		b := cfBatchSize(args, dims)
		ops, od := args[1:], dims[1:]
		if dims[0] < 0 {
			// One branch for the whole batch: a cond of the batched
			// branches, whose outputs are batched where either branch's is.
			_, dt := cfBatchTrace(p.True.Prog, b, od, nil)
			_, df := cfBatchTrace(p.False.Prog, b, od, nil)
			force := make([]bool, len(dt))
			for i := range force {
				force[i] = dt[i] == 0 || df[i] == 0
			}
			pt, outDims := cfBatchTrace(p.True.Prog, b, od, force)
			pf, _ := cfBatchTrace(p.False.Prog, b, od, force)
			return core.Bind(CondP, args, CondParams{True: NewBody(pt), False: NewBody(pf)}), outDims
		}
		pred := cfMemberPred(args[0], dims[0], b)
		to, td := ad.Vmap(p.True.Prog, ops, od)
		fo, fd := ad.Vmap(p.False.Prog, ops, od)
		outs := make([]*core.Array, len(to))
		for i := range outs {
			outs[i] = cfSelectMembers(pred, cfWithBatch(to[i], td[i], b), cfWithBatch(fo[i], fd[i], b))
		}
		return outs, make([]int, len(outs))
	}

	WhileP.Batch = func(args []*core.Array, dims []int, params any) ([]*core.Array, []int) {
		p := params.(WhileParams)
		n := p.NumCarry
		b := cfBatchSize(args, dims)
		cd := cfCarryDims(p.Body.Prog, b, dims, n)
		cond, pd := cfBatchTrace(p.Cond.Prog, b, cd, nil)
		if pd[0] == 0 {
			// Per-member conditions: every carry is batched; the loop runs
			// while any member's holds, and a member whose condition fails
			// keeps its carry.
			for i := range n {
				cd[i] = 0
			}
			in := cfBatchAvals(p.Body.Prog, b, cd)
			cond = TraceProgram(in, func(x []*core.Array) []*core.Array {
				o, d := ad.Vmap(p.Cond.Prog, x, cd)
				return []*core.Array{prims.ReduceOr(cfMemberPred(o[0], d[0], b), []int{0})}
			})
		}
		body := TraceProgram(cfBatchAvals(p.Body.Prog, b, cd), func(x []*core.Array) []*core.Array {
			o, d := ad.Vmap(p.Body.Prog, x, cd)
			for i := range n {
				if cd[i] < 0 && d[i] == 0 {
					panic("jit: while batch rule: carry batchedness is not a fixed point")
				}
				if cd[i] == 0 {
					o[i] = cfWithBatch(o[i], d[i], b)
				}
			}
			if pd[0] == 0 {
				c, cdim := ad.Vmap(p.Cond.Prog, x, cd)
				pred := cfMemberPred(c[0], cdim[0], b)
				for i := range n {
					o[i] = cfSelectMembers(pred, o[i], x[i])
				}
			}
			return o[:n]
		})
		init := make([]*core.Array, len(args))
		for i, a := range args {
			init[i] = a
			if i < n && cd[i] == 0 {
				init[i] = cfWithBatch(a, dims[i], b)
			}
		}
		outs := core.Bind(WhileP, init, WhileParams{Cond: NewBody(cond), Body: NewBody(body), NumCarry: n})
		return outs, append([]int(nil), cd[:n]...)
	}

	// scan: a batched scanned operand (B, L, ...) is scanned as (L, B, ...)
	// so that each step's slice is batched first; batched ys come back as
	// (L, B, ...) and move to (B, L, ...).
	ScanP.Batch = func(args []*core.Array, dims []int, params any) ([]*core.Array, []int) {
		p := params.(ScanParams)
		nc, nx := p.NumCarry, p.NumXs
		b := cfBatchSize(args, dims)
		cd := cfCarryDims(p.Body.Prog, b, dims, nc)
		force := make([]bool, len(p.Body.Prog.Outputs))
		copy(force, cfForce(cd[:nc]))
		body, od := cfBatchTrace(p.Body.Prog, b, cd, force)
		ops := make([]*core.Array, len(args))
		for i, a := range args {
			switch {
			case i < nc && cd[i] == 0:
				a = cfWithBatch(a, dims[i], b)
			case i >= nc && i < nc+nx && dims[i] == 0:
				a = prims.Transpose(a, cfSwap01(a.Ndim()))
			}
			ops[i] = a
		}
		outs := core.Bind(ScanP, ops, ScanParams{Body: NewBody(body), Length: p.Length, NumCarry: nc, NumXs: nx})
		outDims := append([]int(nil), od...)
		for i := nc; i < len(outs); i++ {
			if od[i] == 0 {
				outs[i] = prims.Transpose(outs[i], cfSwap01(outs[i].Ndim()))
			}
		}
		return outs, outDims
	}
}

// cfSwap01 returns the permutation swapping the first two of ndim axes.
func cfSwap01(ndim int) []int {
	perm := make([]int, ndim)
	for i := range perm {
		perm[i] = i
	}
	perm[0], perm[1] = 1, 0
	return perm
}
