package nd_test

import (
	"fmt"

	"github.com/nd-go/nd"
)

// FMA rounds a*b + c once: FMA(a, a, -a*a) is the rounding error of the
// square, which a*a - a*a loses.
func ExampleFMA() {
	a := nd.FromSlice([]float32{1 + 0x1p-12, 3})
	sq := nd.Mul(a, a)
	fmt.Println(nd.Data[float32](nd.FMA(a, a, nd.Neg(sq))))
	fmt.Println(nd.Data[float32](nd.FMA(a, 2, 1)))
	// Output:
	// [5.9604645e-08 0]
	// [3.0004883 7]
}
