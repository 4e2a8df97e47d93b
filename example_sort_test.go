package nd_test

import (
	"fmt"
	"math"

	"github.com/nd-go/nd"
)

func ExampleSort() {
	x := nd.FromSlice([]float64{3, math.NaN(), -1, 2})
	fmt.Println(nd.Sort(x, 0)) // NaN last, as NumPy
	fmt.Println(nd.ArgSort(x, 0))
	// Output:
	// array([-1.,  2.,  3., nan])
	// array([2, 3, 0, 1])
}

func ExampleTopK() {
	x := nd.FromSlice([]int32{5, 1, 7, 5, 3})
	v, i := nd.TopK(x, 3)
	fmt.Println(v)
	fmt.Println(i) // ties go to the lower index first
	// Output:
	// array([7, 5, 5], dtype=int32)
	// array([2, 0, 3])
}
