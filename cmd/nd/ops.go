package main

import (
	"fmt"
	"io"

	"github.com/nd-go/nd"
)

// demoOps shows reductions, a matmul, a jitted function and its program.
func demoOps(w io.Writer, x *nd.Array) {
	fmt.Fprintf(w, "reductions: nd.Sum(x) = %v, nd.Mean(x, 0) = %v\n\n", nd.Sum(x), nd.Mean(x, 0))
	fmt.Fprintf(w, "matmul: nd.MatMul(x, x.T())\n%v\n\n", nd.MatMul(x, x.T()))

	f := func(a, b, c *nd.Array) *nd.Array { return a.Mul(b).Add(c).Mul(0.5).Add(nd.Tanh(a)) }
	var optimized string
	jf := nd.JIT(f, nd.OnCompile(func(ci nd.CompileInfo) { optimized = ci.Optimized.String() }))
	y := jf(x, x, x)
	fmt.Fprintf(w, "jit: y = nd.JIT(f)(x, x, x) with f = (a*b + c)*0.5 + tanh(a)\n%v\n", y)
	fmt.Fprintf(w, "its compiled program: one fused loop, no temporaries\n%s\n\n", optimized)
}
