package cpu

import "testing"

// The two-lane kernel computes what the one-lane function does, and the
// array kernels put each pair's words where JAX's layout says, for every
// size (odd and even, around the two-at-a-time loop's edges).
func TestRandomBitsLayout(t *testing.T) {
	for _, c := range [][4]uint32{{0, 0, 0, 0}, {1, 2, 3, 4}, {0xffffffff, 7, 0x80000000, 9}} {
		a0, a1, b0, b1 := threefry2x32Pair(c[0], c[1], c[2], c[3], c[3], c[2])
		x0, x1 := Threefry2x32(c[0], c[1], c[2], c[3])
		z0, z1 := Threefry2x32(c[0], c[1], c[3], c[2])
		if a0 != x0 || a1 != x1 || b0 != z0 || b1 != z1 {
			t.Fatalf("pair kernel differs for %v", c)
		}
	}
	for n := 0; n < 40; n++ {
		d32 := make([]int64, n)
		RandomBits32(d32, 5, 6)
		h := (n + 1) / 2
		for j := 0; j < h; j++ {
			c1 := uint32(j + h)
			if j+h >= n {
				c1 = 0
			}
			y0, y1 := Threefry2x32(5, 6, uint32(j), c1)
			if d32[j] != int64(y0) || (j+h < n && d32[j+h] != int64(y1)) {
				t.Fatalf("RandomBits32 n=%d: pair %d misplaced", n, j)
			}
		}
		d64 := make([]int64, n)
		RandomBits64(d64, 5, 6)
		for j := range d64 {
			y0, y1 := Threefry2x32(5, 6, uint32(j), uint32(j+n))
			if d64[j] != int64(uint64(y0)<<32|uint64(y1)) {
				t.Fatalf("RandomBits64 n=%d: word %d wrong", n, j)
			}
		}
	}
}

func BenchmarkRandomBits32(b *testing.B) {
	dst := make([]int32, 1<<20)
	b.SetBytes(4 << 20)
	for b.Loop() {
		RandomBits32(dst, 1, 2)
	}
}
