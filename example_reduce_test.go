package nd_test

import (
	"fmt"

	"github.com/nd-go/nd"
)

func ExampleSum() {
	x := nd.FromSlice([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	fmt.Println(nd.Sum(x).Item())
	fmt.Println(nd.Data[float32](nd.Sum(x, 0)))
	fmt.Println(nd.Data[float32](nd.Sum(x, -1)))
	// Integer sums widen to int64, as in NumPy.
	i := nd.FromSlice([]int32{1, 2, 3})
	fmt.Println(nd.Sum(i).DType())
	// Output:
	// 21
	// [5 7 9]
	// [6 15]
	// int64
}

func ExampleKeepDims() {
	x := nd.FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	m := nd.KeepDims(nd.Mean, x, 1) // shape (2, 1): broadcasts against x
	fmt.Println(m.Shape(), nd.Data[float64](m))
	fmt.Println(nd.Data[float64](nd.Add(x, nd.Neg(m))))
	// Output:
	// [2 1] [2 5]
	// [-1 0 1 -1 0 1]
}

func ExampleMean() {
	x := nd.FromSlice([]int32{1, 2, 3, 4, 5, 6}, 2, 3)
	fmt.Println(nd.Mean(x).Item(), nd.Mean(x).DType())
	fmt.Println(nd.Data[float64](nd.Mean(x, 0)))
	// Output:
	// 3.5 float64
	// [2.5 3.5 4.5]
}

func ExampleVar() {
	x := nd.FromSlice([]float64{1, 2, 3, 4})
	fmt.Println(nd.Var(x).Item(), nd.VarDdof(x, 1).Item())
	fmt.Printf("%.4f\n", nd.Std(x).Item())
	// Output:
	// 1.25 1.6666666666666667
	// 1.1180
}

func ExampleMax() {
	x := nd.FromSlice([]float64{3, 1, 4, 1, 5, 9}, 2, 3)
	fmt.Println(nd.Max(x).Item(), nd.Data[float64](nd.Min(x, 1)))
	// Output:
	// 9 [1 1]
}

func ExampleArgMax() {
	x := nd.FromSlice([]float64{3, 1, 4, 1, 5, 9}, 2, 3)
	fmt.Println(nd.ArgMax(x).Item())
	fmt.Println(nd.Data[int64](nd.ArgMax(x, 1)), nd.Data[int64](nd.ArgMin(x, 0)))
	// Output:
	// 5
	// [2 2] [1 0 0]
}

func ExampleAll() {
	x := nd.FromSlice([]bool{true, false, true, true}, 2, 2)
	fmt.Println(nd.Data[bool](nd.All(x, 1)), nd.Any(x).Item())
	// Output:
	// [false true] 1
}

func ExampleCumSum() {
	x := nd.FromSlice([]int64{1, 2, 3, 4, 5, 6}, 2, 3)
	fmt.Println(nd.Data[int64](nd.CumSum(x)))
	fmt.Println(nd.Data[int64](nd.CumSum(x, 0)))
	fmt.Println(nd.Data[int64](nd.CumProd(x, 1)))
	// Output:
	// [1 3 6 10 15 21]
	// [1 2 3 5 7 9]
	// [1 2 6 4 20 120]
}

func ExampleLogSumExp() {
	x := nd.FromSlice([]float64{1000, 1000})
	fmt.Printf("%.6f\n", nd.LogSumExp(x).Item()) // 1000 + log 2, without overflow
	// Output:
	// 1000.693147
}

func ExampleSoftmax() {
	x := nd.FromSlice([]float64{1, 2, 3, 1000, 1000, 1000}, 2, 3)
	fmt.Printf("%.4f\n", nd.Data[float64](nd.Softmax(x)))
	fmt.Printf("%.4f\n", nd.Data[float64](nd.LogSoftmax(x))[:3])
	// Output:
	// [0.0900 0.2447 0.6652 0.3333 0.3333 0.3333]
	// [-2.4076 -1.4076 -0.4076]
}
