package prims

import "github.com/nd-go/nd/internal/core"

// Batch rule (vmap) of dot_general. With both operands batched, the batch
// axes (first in each) become a new leading pair of dot batch dimensions,
// so the result's batch axis comes first as it is. With one operand
// batched, its batch axis is a free dimension of the contraction (the other
// operand is used as is, neither copied nor broadcast) and the result is
// transposed (a view) to bring that axis first.

// dotGeneralBatchRule is the batch rule of dot_general.
func dotGeneralBatchRule(args []*core.Array, dims []int, params any) ([]*core.Array, []int) {
	p := params.(DotParams)
	x, y := args[0], args[1]
	lb, rb := dims[0] == 0, dims[1] == 0
	q := p
	if lb {
		q.ContractLHS, q.BatchLHS = shiftAxes(p.ContractLHS), shiftAxes(p.BatchLHS)
	}
	if rb {
		q.ContractRHS, q.BatchRHS = shiftAxes(p.ContractRHS), shiftAxes(p.BatchRHS)
	}
	if lb && rb {
		q.BatchLHS = append([]int{0}, q.BatchLHS...)
		q.BatchRHS = append([]int{0}, q.BatchRHS...)
		return batched1(DotGeneral(x, y, q))
	}
	out := DotGeneral(x, y, q)
	// The batch axis is axis 0 of its operand, hence that operand's first
	// free axis: it sits past the dot batch axes, and past the lhs's free
	// axes when the rhs carries it.
	pos := len(p.BatchLHS)
	if rb {
		pos += len(dotFreeAxes(x.Ndim(), p.ContractLHS, p.BatchLHS))
	}
	if pos == 0 {
		return batched1(out)
	}
	return batched1(Transpose(out, dotBatchPerm(out.Ndim(), pos)))
}

// dotBatchPerm returns the permutation of n axes that moves axis pos first
// and keeps the others in order.
func dotBatchPerm(n, pos int) []int {
	perm := make([]int, 0, n)
	perm = append(perm, pos)
	for i := range n {
		if i != pos {
			perm = append(perm, i)
		}
	}
	return perm
}

func init() { dotGeneralP.Batch = dotGeneralBatchRule }
