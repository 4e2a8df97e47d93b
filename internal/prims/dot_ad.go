package prims

import (
	"sort"

	"github.com/nd-go/nd/internal/core"
)

// JVP and VJP rules of dot_general (as JAX's): the JVP is bilinear,
// dot(tx, y) + dot(x, ty); each operand's cotangent is a dot_general of the
// output cotangent with the other operand, transposed into the operand's
// axis order.

// dotADRange returns [start, start+n).
func dotADRange(start, n int) []int {
	r := make([]int, n)
	for i := range r {
		r[i] = start + i
	}
	return r
}

// dotADTransposeLHS returns the cotangent of the lhs x (shape xShape) of
// dot_general(x, y, p) given the output cotangent g.
func dotADTransposeLHS(g, y *core.Array, xShape []int, p DotParams) *core.Array {
	xNd, yNd := len(xShape), y.Ndim()
	xKept := dotFreeAxes(xNd, p.ContractLHS, p.BatchLHS)
	yKept := dotFreeAxes(yNd, p.ContractRHS, p.BatchRHS)
	nb := len(p.BatchLHS)
	ansBatch := dotADRange(0, nb)
	ansY := dotADRange(nb+len(xKept), len(yKept)) // g's axes of y's free axes
	dims := DotParams{ContractLHS: ansY, ContractRHS: yKept, BatchLHS: ansBatch, BatchRHS: p.BatchRHS}
	// The product's axes: batch, g's remaining axes (x's kept axes, in
	// order), then y's remaining axes: its contracted axes in increasing
	// order, which pair with x's contracted axes sorted by y's.
	order := make([]int, len(p.ContractRHS))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return p.ContractRHS[order[a]] < p.ContractRHS[order[b]] })
	src := append(append([]int(nil), p.BatchLHS...), xKept...)
	for _, i := range order {
		src = append(src, p.ContractLHS[i])
	}
	// src[k] is the x axis of the product's axis k; x axis a comes from
	// the product's axis inv[a].
	perm := make([]int, xNd)
	for k, a := range src {
		perm[a] = k
	}
	return Transpose(DotGeneral(g, y, dims), perm)
}

// dotADRHS returns the cotangent of the rhs y of dot_general(x, y, p)
// given the output cotangent g, as dot_general(x, g): x's free axes
// contract with g's, leaving batch, x's contracted axes and y's free axes,
// which is y's own axis order for a matmul (y = (K, N)), so no transpose
// is left to copy.
func dotADRHS(g, x *core.Array, yNd int, p DotParams) *core.Array {
	xKept := dotFreeAxes(x.Ndim(), p.ContractLHS, p.BatchLHS)
	yKept := dotFreeAxes(yNd, p.ContractRHS, p.BatchRHS)
	nb := len(p.BatchLHS)
	dims := DotParams{ContractLHS: xKept, ContractRHS: dotADRange(nb, len(xKept)), BatchLHS: p.BatchLHS, BatchRHS: dotADRange(0, nb)}
	// The product's axes: batch (y's batch axes), x's contracted axes in
	// increasing order (each pairs with a y axis), then y's free axes.
	src := append([]int(nil), p.BatchRHS...)
	order := make([]int, len(p.ContractLHS))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return p.ContractLHS[order[a]] < p.ContractLHS[order[b]] })
	for _, i := range order {
		src = append(src, p.ContractRHS[i])
	}
	src = append(src, yKept...)
	perm := make([]int, yNd)
	for k, a := range src {
		perm[a] = k
	}
	return Transpose(DotGeneral(x, g, dims), perm)
}

func init() {
	dotGeneralP.JVP = func(ts, args, _ []*core.Array, params any) []*core.Array {
		p := params.(DotParams)
		var t *core.Array
		if ts[0] != nil {
			t = DotGeneral(ts[0], args[1], p)
		}
		if ts[1] != nil {
			t = addMaybe(t, DotGeneral(args[0], ts[1], p))
		}
		return []*core.Array{t}
	}
	dotGeneralP.VJP = func(cts, args, _ []*core.Array, params any) []*core.Array {
		if cts[0] == nil {
			return []*core.Array{nil, nil}
		}
		p := params.(DotParams)
		g := cts[0]
		x, y := args[0], args[1]
		var cx, cy *core.Array
		if x.DType().IsFloat() {
			cx = dotADTransposeLHS(g, y, x.Shape(), p)
			cy = dotADRHS(g, x, y.Ndim(), p)
		}
		return []*core.Array{cx, cy}
	}
}
