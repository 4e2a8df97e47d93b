package nd_test

import (
	"fmt"

	"github.com/nd-go/nd"
)

func ExampleConcatenate() {
	a := nd.FromSlice([]int32{1, 2, 3, 4}, 2, 2)
	b := nd.FromSlice([]float32{5, 6}, 1, 2)
	fmt.Println(nd.Concatenate([]*nd.Array{a, b}, 0)) // int32 with float32 gives float64
	// Output:
	// array([[1., 2.],
	//        [3., 4.],
	//        [5., 6.]])
}

func ExampleStack() {
	a, b := nd.FromSlice([]int64{1, 2, 3}), nd.FromSlice([]int64{4, 5, 6})
	fmt.Println(nd.Stack([]*nd.Array{a, b}, 1))
	// Output:
	// array([[1, 4],
	//        [2, 5],
	//        [3, 6]])
}

func ExampleSplitAt() {
	x := nd.Arange(nd.Int64, 0, 6, 1)
	for _, p := range nd.SplitAt(x, []int{2, 5}, 0) {
		fmt.Println(p)
	}
	// Output:
	// array([0, 1])
	// array([2, 3, 4])
	// array([5])
}

func ExamplePad() {
	x := nd.FromSlice([]int64{1, 2, 3, 4}, 2, 2)
	fmt.Println(nd.Pad(x, [][2]int{{1, 0}, {0, 2}}, 9))
	// Output:
	// array([[9, 9, 9, 9],
	//        [1, 2, 9, 9],
	//        [3, 4, 9, 9]])
}

func ExampleTile() {
	fmt.Println(nd.Tile(nd.FromSlice([]int64{1, 2}), 2, 2))
	// Output:
	// array([[1, 2, 1, 2],
	//        [1, 2, 1, 2]])
}

func ExampleRepeat() {
	x := nd.FromSlice([]int64{1, 2, 3, 4}, 2, 2)
	fmt.Println(nd.Repeat(x, 2, 1))
	fmt.Println(nd.Repeat(x, 2, nd.None))
	// Output:
	// array([[1, 1, 2, 2],
	//        [3, 3, 4, 4]])
	// array([1, 1, 2, 2, 3, 3, 4, 4])
}
