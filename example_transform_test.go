package nd_test

import (
	"fmt"

	"github.com/nd-go/nd"
)

func ExampleJIT() {
	f := nd.JIT(func(a, b *nd.Array) *nd.Array { return a.Mul(b).Add(1) })
	x := nd.FromSlice([]float32{1, 2, 3})
	fmt.Println(f(x, x)) // traced and compiled on the first call
	fmt.Println(f(x, x)) // runs the compiled program
	// Output:
	// array([ 2.,  5., 10.], dtype=float32)
	// array([ 2.,  5., 10.], dtype=float32)
}

func ExampleMakeIR() {
	p, _ := nd.MakeIR(func(a *nd.Array) *nd.Array { return nd.Exp(a).Mul(a) }, nd.Zeros(nd.Float32, 3))
	fmt.Println(p)
	// Output:
	// { lambda ; a:f32[3] . let
	//     b:f32[3] = exp a
	//     c:f32[3] = mul b a
	//   in (c) }
}

func ExampleGrad() {
	f := func(x *nd.Array) *nd.Array { return nd.Sum(x.Mul(x).Mul(x)) } // sum(x^3)
	fmt.Println(nd.Grad(f)(nd.FromSlice([]float64{1, 2, 3})))           // 3x^2
	// Output:
	// array([ 3., 12., 27.])
}

type params struct{ W, B *nd.Array }

func ExampleValueAndGrad() {
	x := nd.FromSlice([]float64{1, 2, 3})
	loss := func(p params) *nd.Array { return nd.Sum(x.Mul(p.W).Add(p.B)) }
	value, g := nd.ValueAndGrad(loss)(params{W: nd.Scalar(2.0), B: nd.Scalar(0.5)})
	fmt.Println(value, g.W, g.B)
	// Output:
	// array(13.5) array(6.) array(3.)
}

func ExampleVmap() {
	w := nd.FromSlice([]float64{1, 0, 0, 1, 1, 1}, 2, 3)
	perExample := func(x *nd.Array) *nd.Array { return nd.MatMul(x, w) } // x: (2,)
	batch := nd.FromSlice([]float64{1, 2, 3, 4}, 2, 2)                   // two examples
	fmt.Println(nd.Vmap(perExample, nil, nil)(batch))
	// Output:
	// array([[3., 2., 2.],
	//        [7., 4., 4.]])
}

func ExampleCond() {
	f := nd.JIT(func(x *nd.Array) *nd.Array {
		return nd.Cond(nd.Greater(nd.Sum(x), 0),
			func(x *nd.Array) *nd.Array { return x.Mul(10) },
			func(x *nd.Array) *nd.Array { return x.Neg() }, x)
	})
	fmt.Println(f(nd.FromSlice([]float64{1, 2})), f(nd.FromSlice([]float64{-1, -2})))
	// Output:
	// array([10., 20.]) array([1., 2.])
}

func ExampleScan() {
	xs := nd.FromSlice([]float64{1, 2, 3, 4})
	total, running := nd.Scan(func(c, x *nd.Array) (*nd.Array, *nd.Array) {
		c = c.Add(x)
		return c, c
	}, nd.Scalar(0.0), xs)
	fmt.Println(total, running)
	// Output:
	// array(10.) array([ 1.,  3.,  6., 10.])
}
