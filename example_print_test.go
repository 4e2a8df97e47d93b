package nd_test

import (
	"fmt"
	"math"

	"github.com/nd-go/nd"
)

// Arrays print as NumPy's repr: one width for every element, the dtype
// when NumPy would show it.
func ExampleArray_String() {
	fmt.Println(nd.FromSlice([]float32{1, 2, 3, 4}, 2, 2))
	fmt.Println(nd.FromSlice([]float64{1, 2.5, -0.125}))
	fmt.Println(nd.FromSlice([]int32{-1, 100, 7}))
	fmt.Println(nd.FromSlice([]bool{true, false}))
	fmt.Println(nd.Scalar(float32(3.5)))
	fmt.Println(nd.Zeros(nd.Float32, 0, 3))
	// Output:
	// array([[1., 2.],
	//        [3., 4.]], dtype=float32)
	// array([ 1.   ,  2.5  , -0.125])
	// array([ -1, 100,   7], dtype=int32)
	// array([ True, False])
	// array(3.5, dtype=float32)
	// array([], shape=(0, 3), dtype=float32)
}

// Wide ranges of magnitudes switch to scientific notation; NaN and Inf
// keep the column width.
func ExampleArray_String_floats() {
	fmt.Println(nd.FromSlice([]float64{1e-5, 1, 1000}))
	fmt.Println(nd.FromSlice([]float64{math.NaN(), 1.5, math.Inf(-1)}))
	fmt.Println(nd.FromSlice([]float64{1.0 / 3, 2.0 / 3}))
	// Output:
	// array([1.e-05, 1.e+00, 1.e+03])
	// array([ nan,  1.5, -inf])
	// array([0.33333333, 0.66666667])
}

// Arrays of more than 1000 elements print their edges only, and long rows
// wrap at 75 characters.
func ExampleArray_String_summarized() {
	fmt.Println(nd.Arange(nd.Int64, 0, 2000, 1).Reshape(2, 1000))
	fmt.Println(nd.Arange(nd.Int64, 0, 30, 1))
	// Output:
	// array([[   0,    1,    2, ...,  997,  998,  999],
	//        [1000, 1001, 1002, ..., 1997, 1998, 1999]])
	// array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,
	//        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29])
}
