package main

import (
	"fmt"
	"io"
	"runtime"
	"sort"
	"time"

	"github.com/nd-go/nd"
)

func demo(w io.Writer, n int, quick bool) error {
	fmt.Fprintln(w, "nd: data-oriented numerical computing for Go")
	fmt.Fprintln(w)

	x := nd.Arange(nd.Float32, 0, 6, 1).Reshape(2, 3)
	fmt.Fprintf(w, "x = nd.Arange(nd.Float32, 0, 6, 1).Reshape(2, 3)\n%v\n\n", x)

	row := nd.FromSlice([]float32{10, 20, 30})
	fmt.Fprintf(w, "broadcasting: x.Add(row).Mul(2), row = %v\n%v\n\n", row, x.Add(row).Mul(2))
	fmt.Fprintf(w, "a view, no copy: x.T()\n%v\n\n", x.T())

	demoOps(w, x)

	fmt.Fprintln(w, "timing: y = a*b + c on float32 arrays")
	if quick {
		n = min(n, 1<<12)
	}
	timingTable(w, n, quick)
	return nil
}

// timingTable times the same elementwise work three ways: boxed values with
// a type switch per element (how a dynamic language sees it), a typed Go
// loop, and nd's whole-array ops.
func timingTable(w io.Writer, n int, quick bool) {
	a, b, c := make([]float32, n), make([]float32, n), make([]float32, n)
	for i := range a {
		a[i], b[i], c[i] = float32(i%7), float32(i%5), float32(i%3)
	}
	boxedA, boxedB, boxedC := box(a), box(b), box(c)
	na, nb, nc := nd.Wrap(a), nd.Wrap(b), nd.Wrap(c)

	reps := 5
	if quick {
		reps = 1
	}
	rows := []struct {
		name string
		run  func()
	}{
		{"boxed []any, type switch per element", func() { boxedMulAdd(boxedA, boxedB, boxedC) }},
		{"hand-written Go loop, one core", func() { loopMulAdd(a, b, c) }},
		{fmt.Sprintf("nd eager, %d cores", runtime.GOMAXPROCS(0)), func() { nd.Mul(na, nb).Add(nc) }},
		{fmt.Sprintf("nd.JIT (fused), %d cores", runtime.GOMAXPROCS(0)), func() { mulAdd(na, nb, nc) }},
	}
	times := make([]time.Duration, len(rows))
	for i, r := range rows {
		times[i] = median(reps, r.run)
	}
	fmt.Fprintf(w, "%-40s %12s %10s\n", fmt.Sprintf("n = %d", n), "time", "vs boxed")
	for i, r := range rows {
		fmt.Fprintf(w, "%-40s %12v %9.1fx\n", r.name, times[i].Round(time.Microsecond), float64(times[0])/float64(times[i]))
	}
}

var mulAdd = nd.JIT(func(a, b, c *nd.Array) *nd.Array { return a.Mul(b).Add(c) })

func box(xs []float32) []any {
	out := make([]any, len(xs))
	for i, v := range xs {
		out[i] = v
	}
	return out
}

// boxedMulAdd computes a*b+c on boxed values, dispatching on each element's
// dynamic type as an interpreter would.
func boxedMulAdd(a, b, c []any) []any {
	out := make([]any, len(a))
	for i := range a {
		out[i] = boxedAdd(boxedMul(a[i], b[i]), c[i])
	}
	return out
}

func boxedMul(x, y any) any {
	switch x := x.(type) {
	case float32:
		return x * y.(float32)
	case float64:
		return x * y.(float64)
	case int:
		return x * y.(int)
	}
	panic(fmt.Sprintf("mul: unsupported %T", x))
}

func boxedAdd(x, y any) any {
	switch x := x.(type) {
	case float32:
		return x + y.(float32)
	case float64:
		return x + y.(float64)
	case int:
		return x + y.(int)
	}
	panic(fmt.Sprintf("add: unsupported %T", x))
}

func loopMulAdd(a, b, c []float32) []float32 {
	out := make([]float32, len(a))
	for i := range out {
		out[i] = a[i]*b[i] + c[i]
	}
	return out
}

func median(reps int, f func()) time.Duration {
	f() // warm up
	ts := make([]time.Duration, reps)
	for i := range ts {
		t0 := time.Now()
		f()
		ts[i] = time.Since(t0)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	return ts[reps/2]
}
