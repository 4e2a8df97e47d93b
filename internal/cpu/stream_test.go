package cpu

import (
	"testing"

	"github.com/nd-go/nd/internal/core"
)

// TestLoadStoreBlocks checks the fused executor's block moves on every
// length up to 300 elements and unaligned starts of both slices: the
// elements move unchanged and nothing past the end is written.
func TestLoadStoreBlocks(t *testing.T) {
	src := make([]float32, 400)
	for i := range src {
		src[i] = float32(i) + 0.5
	}
	for _, move := range []struct {
		name string
		f    func(d, s []float32)
	}{{"load", loadBlock[float32]}, {"store", storeStream[float32]}} {
		for n := 0; n <= 300; n++ {
			for _, so := range []int{0, 1, 5} {
				for _, do := range []int{0, 3, 8} {
					dst := make([]float32, 320)
					move.f(dst[do:do+n], src[so:so+n])
					for i := range dst {
						want := float32(0)
						if i >= do && i < do+n {
							want = src[so+i-do]
						}
						if dst[i] != want {
							t.Fatalf("%s n=%d src+%d dst+%d: dst[%d] = %g, want %g", move.name, n, so, do, i, dst[i], want)
						}
					}
				}
			}
		}
	}
	b := make([]bool, 300)
	b[299] = true
	c := make([]bool, 300)
	storeStream(c, b)
	if !c[299] {
		t.Fatal("store of bools lost the last element")
	}
}

// TestStreamedDrivers checks the eager drivers on an output large enough
// to be streamed (streamMin bytes and an odd tail), with contiguous,
// scalar and strided operands, against the elements computed one by one.
func TestStreamedDrivers(t *testing.T) {
	n := streamMin/4 + 37
	x := core.Empty(core.Float32, []int{n})
	xs := core.Data[float32](x)
	for i := range xs {
		xs[i] = float32(i%1000) * 0.25
	}
	two := core.New(core.Float32, nil, []float32{2})
	rev := core.Empty(core.Float32, []int{2 * n})
	revData := core.Data[float32](rev)
	for i := range revData {
		revData[i] = float32(i % 7)
	}
	strided := core.NewView(core.Float32, []int{n}, []int{2}, 1, revData) // every other element, from 1
	add := BinaryKernels[float32, float32]{
		VV: func(d, a, b []float32) {
			for i := range d {
				d[i] = a[i] + b[i]
			}
		},
		VS: func(d, a []float32, s float32) {
			for i := range d {
				d[i] = a[i] + s
			}
		},
		SV: func(d []float32, s float32, b []float32) {
			for i := range d {
				d[i] = s + b[i]
			}
		},
	}
	cases := []struct {
		name string
		x, y *core.Array
		want func(i int) float32
	}{
		{"vv", x, x, func(i int) float32 { return 2 * xs[i] }},
		{"vs", x, two, func(i int) float32 { return xs[i] + 2 }},
		{"sv", two, x, func(i int) float32 { return 2 + xs[i] }},
		{"strided", x, strided, func(i int) float32 { return xs[i] + revData[2*i+1] }},
	}
	for _, c := range cases {
		dst := make([]float32, n)
		y := c.y
		if y.Ndim() == 0 {
			y = core.NewView(core.Float32, []int{n}, []int{0}, 0, y.Buffer())
		}
		xx := c.x
		if xx.Ndim() == 0 {
			xx = core.NewView(core.Float32, []int{n}, []int{0}, 0, xx.Buffer())
		}
		Binary(dst, xx, y, add)
		for i := range dst {
			if dst[i] != c.want(i) {
				t.Fatalf("%s: dst[%d] = %g, want %g", c.name, i, dst[i], c.want(i))
			}
		}
	}
	dst := make([]float32, n)
	Unary(dst, strided, func(d, s []float32) {
		for i := range d {
			d[i] = -s[i]
		}
	})
	for i := range dst {
		if dst[i] != -revData[2*i+1] {
			t.Fatalf("unary: dst[%d] = %g, want %g", i, dst[i], -revData[2*i+1])
		}
	}
}
