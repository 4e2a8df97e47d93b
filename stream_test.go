package nd_test

import (
	"math"
	"testing"

	"github.com/nd-go/nd"
)

// Outputs of at least cpu.StreamMin bytes are written with streaming
// stores, eagerly and in fused loops; their bits are those of plain Go
// arithmetic, at every element (an odd length, so the unaligned head and
// the masked tail are covered too).
func TestLargeOutputsStream(t *testing.T) {
	const n = 4<<20 + 37 // float32: just over 16 MiB
	k := nd.NewKey(5).Split(2)
	x, y := nd.Normal(k[0], nd.Float32, n), nd.Normal(k[1], nd.Float32, n)
	xs, ys := nd.Data[float32](x), nd.Data[float32](y)
	check := func(what string, got *nd.Array, want func(i int) float32) {
		t.Helper()
		g := nd.Data[float32](got)
		for i := range g {
			if w := want(i); math.Float32bits(g[i]) != math.Float32bits(w) {
				t.Fatalf("%s: [%d] = %v, want %v", what, i, g[i], w)
			}
		}
	}
	check("x*2", x.Mul(2), func(i int) float32 { return xs[i] * 2 })
	check("x-y", x.Sub(y), func(i int) float32 { return xs[i] - ys[i] })
	check("x/y", x.Div(y), func(i int) float32 { return xs[i] / ys[i] })
	f := nd.JIT(func(a, b *nd.Array) *nd.Array { return a.Mul(b).Add(a).Mul(0.5).Add(b) })
	check("JIT (x*y+x)*0.5+y", f(x, y), func(i int) float32 {
		p := xs[i] * ys[i]
		q := p + xs[i]
		r := q * 0.5
		return r + ys[i]
	})
	// Sliced from an offset, so that the output's first element is not
	// where a fresh allocation starts.
	xo := x.Index(nd.S(3, n))
	check("x[3:]+1", xo.Add(1), func(i int) float32 { return xs[i+3] + 1 })
}

// A row program (a reduction, then elementwise ops that read its row
// values) streams its large output too, with the bits of eager ops.
func TestLargeRowOutputStreams(t *testing.T) {
	x := nd.Normal(nd.NewKey(6), nd.Float32, 2048, 2049) // just over 16 MiB
	f := nd.JIT(func(x *nd.Array) *nd.Array { return nd.Softmax(x, -1) })
	got, want := nd.Data[float32](f(x)), nd.Data[float32](nd.Softmax(x, -1))
	for i := range want {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			t.Fatalf("softmax [%d]: JIT %v, eager %v", i, got[i], want[i])
		}
	}
}
