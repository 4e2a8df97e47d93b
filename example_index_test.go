package nd_test

import (
	"fmt"

	"github.com/nd-go/nd"
)

func ExampleIndex() {
	x := nd.Arange(nd.Int64, 0, 12, 1).Reshape(3, 4)
	fmt.Println(x.Index(1))                                  // x[1]
	fmt.Println(x.Index(nd.S(), nd.S(nd.None, nd.None, -2))) // x[:, ::-2]
	fmt.Println(x.Index([]int{2, 0}, []int{1, -1}))          // x[[2, 0], [1, -1]]
	fmt.Println(x.Index(nd.Greater(x, 8)))                   // x[x > 8]
	fmt.Println(x.Index(nd.Ellipsis, nd.NewAxis).Shape())    // x[..., None].shape
	// Output:
	// array([4, 5, 6, 7])
	// array([[ 3,  1],
	//        [ 7,  5],
	//        [11,  9]])
	// array([9, 3])
	// array([ 9, 10, 11])
	// [3 4 1]
}

func ExampleTake() {
	x := nd.FromSlice([]float32{10, 20, 30, 40, 50, 60}, 2, 3)
	fmt.Println(nd.Take(x, []int{2, 0, -1}, 1))
	// Output:
	// array([[30., 10., 30.],
	//        [60., 40., 60.]], dtype=float32)
}

func ExampleArray_At() {
	x := nd.Zeros(nd.Float64, 5)
	fmt.Println(x.At(nd.S(1, 4)).Set(7))
	// Repeated indices accumulate with Add, like np.add.at.
	fmt.Println(x.At([]int{0, 0, 3}).Add(1))
	fmt.Println(x) // x itself is unchanged
	// Output:
	// array([0., 7., 7., 7., 0.])
	// array([2., 0., 0., 1., 0.])
	// array([0., 0., 0., 0., 0.])
}
