package ad

import (
	"math/rand"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

func init() {
	r := rand.New(rand.NewSource(1))
	x := randArray(r, -2, 2, 2, 3, 4)
	addCase("reshape", prims.ReshapeParams{Shape: []int{6, 4}}, x)
	addCase("transpose", prims.TransposeParams{Perm: []int{2, 0, 1}}, x)
	addCase("broadcast_in_dim", prims.BroadcastParams{Shape: []int{5, 2, 3, 4}, Dims: []int{1, 2, 3}}, x)
	addCase("broadcast_in_dim", prims.BroadcastParams{Shape: []int{2, 3, 4}, Dims: []int{0, 2}}, randArray(r, -1, 1, 2, 4))
	addCase("broadcast_in_dim", prims.BroadcastParams{Shape: []int{2, 3, 4}, Dims: []int{0, 1, 2}}, randArray(r, -1, 1, 1, 3, 1))
	addCase("slice", prims.SliceParams{Start: []int{0, 1, 0}, Stop: []int{2, 3, 4}, Step: []int{1, 1, 3}}, x)
	addCase("slice", prims.SliceParams{Start: []int{1, 0, 1}, Stop: []int{1, 3, 3}, Step: []int{1, 2, 1}}, x)
	addCase("rev", prims.RevParams{Axes: []int{0, 2}}, x)
	addCase("convert", prims.ConvertParams{DType: core.Float64}, randArray(r, -1, 1, 3))
	noDerivative["stop_gradient"] = "its derivative is zero by definition (tested in package nd)"
}
