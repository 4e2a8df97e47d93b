package nd_test

import (
	"fmt"

	"github.com/nd-go/nd"
)

// Arithmetic broadcasts like NumPy, and Go numbers are weakly typed: the
// float32 array stays float32.
func ExampleAdd() {
	x := nd.FromSlice([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	row := nd.FromSlice([]float32{10, 20, 30})
	y := nd.Add(x, row).Mul(0.5)
	fmt.Println(y.DType(), y.Shape(), nd.Data[float32](y))
	// Output: float32 [2 3] [5.5 11 16.5 7 12.5 18]
}

// Div is true division: integers give float64, as in NumPy.
func ExampleDiv() {
	q := nd.Div(nd.FromSlice([]int32{7, -7}), 2)
	fmt.Println(q.DType(), nd.Data[float64](q))
	// Output: float64 [3.5 -3.5]
}

// FloorDiv and Mod are Python's // and %: the remainder takes the sign of
// the divisor.
func ExampleFloorDiv() {
	a := nd.FromSlice([]int64{7, -7, 7, -7})
	b := nd.FromSlice([]int64{2, 2, -2, -2})
	fmt.Println(nd.Data[int64](nd.FloorDiv(a, b)), nd.Data[int64](nd.Mod(a, b)))
	// Output: [3 -4 -4 3] [1 1 -1 -1]
}

// Float-only functions convert integers to float64.
func ExampleSqrt() {
	fmt.Println(nd.Data[float64](nd.Sqrt(nd.FromSlice([]int32{1, 4, 9}))))
	// Output: [1 2 3]
}

// Round rounds halves to even, like np.round.
func ExampleRound() {
	fmt.Println(nd.Data[float64](nd.Round(nd.FromSlice([]float64{0.5, 1.5, 2.5, -0.5}))))
	// Output: [0 2 2 -0]
}

// Comparisons give bool arrays; 0/0 is NaN, which IsNaN finds.
func ExampleLess() {
	x := nd.FromSlice([]float64{1, 2, 3})
	fmt.Println(nd.Data[bool](nd.Less(x, 2.5)), nd.Data[bool](nd.IsNaN(nd.Div(0, x.Sub(2)))))
	// Output: [true true false] [false true false]
}

// Where picks from two operands by a condition, broadcasting all three.
func ExampleWhere() {
	x := nd.FromSlice([]float64{-2, -1, 0, 1, 2})
	fmt.Println(nd.Data[float64](nd.Where(nd.Greater(x, 0), x, 0)))
	// Output: [0 0 0 1 2]
}

// Clip limits values to a range, propagating NaN; a nil bound is left out.
func ExampleClip() {
	x := nd.FromSlice([]float64{-5, 0.5, 7})
	fmt.Println(nd.Data[float64](nd.Clip(x, 0, 1)), nd.Data[float64](x.Clip(nil, 1)))
	// Output: [0 0.5 1] [-5 0.5 1]
}

// Logical ops treat nonzero as true.
func ExampleLogicalAnd() {
	fmt.Println(nd.Data[bool](nd.LogicalAnd(nd.FromSlice([]int32{0, 1, 2}), nd.FromSlice([]float64{1, 0, 0.5}))))
	// Output: [false false true]
}

// Methods chain the common arithmetic.
func ExampleArray_Mul() {
	x := nd.FromSlice([]float64{1, 2, 3})
	fmt.Println(nd.Data[float64](x.Mul(x).Add(1).Sqrt()))
	// Output: [1.4142135623730951 2.23606797749979 3.1622776601683795]
}
