package nd_test

import (
	"fmt"

	"github.com/nd-go/nd"
)

// MatMul is NumPy's @: matrices multiply, and stacks of matrices broadcast
// their leading axes.
func ExampleMatMul() {
	a := nd.FromSlice([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	b := nd.FromSlice([]float32{1, 0, 0, 1, 1, 1}, 3, 2)
	fmt.Println(nd.MatMul(a, b))

	// A 1-d operand is a vector: the result drops its axis.
	v := nd.FromSlice([]float32{1, 1, 1})
	fmt.Println(nd.MatMul(a, v))

	// (2,1,3,4) @ (5,4,6) broadcasts the batch axes to (2,5).
	x := nd.Ones(nd.Float64, 2, 1, 3, 4)
	y := nd.Ones(nd.Float64, 5, 4, 6)
	fmt.Println(nd.MatMul(x, y).Shape())
	// Output:
	// array([[ 4.,  5.],
	//        [10., 11.]], dtype=float32)
	// array([ 6., 15.], dtype=float32)
	// [2 5 3 6]
}

// Dot follows np.dot: the inner product of vectors, the matrix product of
// matrices, and a sum over the last axis of a and the second-to-last of b
// otherwise.
func ExampleDot() {
	u := nd.FromSlice([]int64{1, 2, 3})
	w := nd.FromSlice([]int64{4, 5, 6})
	fmt.Println(nd.Dot(u, w))
	fmt.Println(nd.Outer(u, w))
	// Output:
	// array(32)
	// array([[ 4,  5,  6],
	//        [ 8, 10, 12],
	//        [12, 15, 18]])
}

// Einsum names axes with letters: repeated letters are multiplied, letters
// left out of the output are summed.
func ExampleEinsum() {
	a := nd.FromSlice([]float64{1, 2, 3, 4}, 2, 2)
	b := nd.FromSlice([]float64{5, 6, 7, 8}, 2, 2)
	fmt.Println(nd.Einsum("ij,jk->ik", a, b)) // matrix product
	fmt.Println(nd.Einsum("ii", a))           // trace
	fmt.Println(nd.Einsum("ij->j", a))        // column sums
	fmt.Println(nd.Einsum("ij,ij->i", a, b))  // row-wise dot products
	// Output:
	// array([[19., 22.],
	//        [43., 50.]])
	// array(5.)
	// array([4., 6.])
	// array([17., 53.])
}
