package ad

import (
	"math/rand"

	"github.com/nd-go/nd/internal/prims"
)

func init() {
	r := rand.New(rand.NewSource(3))
	dot := func(p prims.DotParams, xs, ys []int) {
		addCase("dot_general", p, randArray(r, -1, 1, xs...), randArray(r, -1, 1, ys...))
	}
	// matmul, matrix-vector, inner and outer products.
	dot(prims.DotParams{ContractLHS: []int{1}, ContractRHS: []int{0}}, []int{3, 4}, []int{4, 5})
	dot(prims.DotParams{ContractLHS: []int{1}, ContractRHS: []int{0}}, []int{3, 4}, []int{4})
	dot(prims.DotParams{ContractLHS: []int{0}, ContractRHS: []int{0}}, []int{4}, []int{4})
	dot(prims.DotParams{}, []int{3}, []int{2, 2})
	// transposed operands: x^T y^T.
	dot(prims.DotParams{ContractLHS: []int{0}, ContractRHS: []int{1}}, []int{4, 3}, []int{5, 4})
	// batched matmul.
	dot(prims.DotParams{ContractLHS: []int{2}, ContractRHS: []int{1}, BatchLHS: []int{0}, BatchRHS: []int{0}}, []int{2, 3, 4}, []int{2, 4, 5})
	// batch axes in the middle and out of order, several contracting axes
	// listed out of order.
	dot(prims.DotParams{ContractLHS: []int{3, 1}, ContractRHS: []int{0, 2}, BatchLHS: []int{2, 0}, BatchRHS: []int{4, 1}},
		[]int{2, 3, 5, 4, 2}, []int{4, 2, 3, 6, 5})
	dot(prims.DotParams{ContractLHS: []int{0, 2}, ContractRHS: []int{2, 1}, BatchLHS: []int{1}, BatchRHS: []int{3}},
		[]int{3, 2, 4}, []int{5, 4, 3, 2})
}
