package cpu

import "testing"

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
