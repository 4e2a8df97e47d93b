package ad

import (
	"math/rand"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

func init() {
	noDerivative["argmax"] = "integer output"
	noDerivative["argmin"] = "integer output"
	noDerivative["reduce_and"] = "bool output"
	noDerivative["reduce_or"] = "bool output"
	noDerivative["random_bits"] = "integer output"
	noDerivative["unit_float"] = "its operand is integer random bits: nothing to differentiate (zero rules)"

	r := rand.New(rand.NewSource(2))
	x := randArray(r, 0.5, 1.5, 2, 3, 4)
	for _, prim := range []string{"reduce_sum", "reduce_prod", "reduce_max", "reduce_min"} {
		addCase(prim, prims.ReduceParams{Axes: []int{1}}, x)
		addCase(prim, prims.ReduceParams{Axes: []int{0, 2}}, x)
		addCase(prim, prims.ReduceParams{Axes: []int{0, 1, 2}}, x)
		addCase(prim, prims.ReduceParams{Axes: []int{}}, randArray(r, -1, 1, 3))
	}
	// A zero in the product: the gradient is the product of the others.
	xz := randArray(r, 0.5, 1.5, 3, 4)
	core.Data[float64](xz)[5] = 0
	addCase("reduce_prod", prims.ReduceParams{Axes: []int{1}}, xz)
	addCase("reduce_prod", prims.ReduceParams{Axes: []int{0}}, randArray(r, -2, 2, 5, 2))
	addCase("reduce_max", prims.ReduceParams{Axes: []int{1}}, randArray(r, -2, 2, 3, 0, 2))
	for _, prim := range []string{"cumsum", "cumprod", "cummax", "cummin"} {
		for _, rev := range []bool{false, true} {
			addCase(prim, prims.CumulativeParams{Axis: 1, Reverse: rev}, randArray(r, 0.5, 2, 2, 5, 3))
			addCase(prim, prims.CumulativeParams{Axis: 0, Reverse: rev}, randArray(r, -2, 2, 6))
		}
	}
	// cumprod through zeros, and over 1, 2 and 9 elements.
	cz := randArray(r, -2, 2, 3, 9)
	core.Data[float64](cz)[4], core.Data[float64](cz)[12], core.Data[float64](cz)[13] = 0, 0, 0
	addCase("cumprod", prims.CumulativeParams{Axis: 1}, cz)
	addCase("cumprod", prims.CumulativeParams{Axis: 1, Reverse: true}, cz)
	addCase("cumprod", prims.CumulativeParams{Axis: 0}, randArray(r, -2, 2, 1, 2))
	addCase("cumprod", prims.CumulativeParams{Axis: 0, Reverse: true}, randArray(r, -2, 2, 2, 2))
	addCase("cummax", prims.CumulativeParams{Axis: 2}, randArray(r, -2, 2, 2, 3, 7))
	addCase("cummin", prims.CumulativeParams{Axis: 0, Reverse: true}, randArray(r, -2, 2, 7, 2))
}
