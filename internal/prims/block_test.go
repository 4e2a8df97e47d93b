package prims

import (
	"math"
	"testing"

	"github.com/nd-go/nd/internal/core"
)

// TestSelectAndConvertBlocks runs the block kernels of select, convert and
// fma with every pattern of block and scalar operands (as the fused
// executor passes them) against the elementwise definition.
func TestSelectAndConvertBlocks(t *testing.T) {
	const n = 37
	c := make([]bool, n)
	x, y, z := make([]float32, n), make([]float32, n), make([]float32, n)
	for i := range c {
		c[i] = i%3 != 1
		x[i], y[i], z[i] = float32(i)+0.5, -float32(i)*1e9, float32(i%5)-2
	}
	x[4] = float32(math.NaN())
	arg := func(d any, scalar bool) core.BlockArg { return core.BlockArg{Data: d, Scalar: scalar} }
	for pat := range 8 {
		sc, sx, sy := pat&1 != 0, pat&2 != 0, pat&4 != 0
		at := func(s bool, i int) int {
			if s {
				return 0
			}
			return i
		}
		d := make([]float32, n)
		selectBlock(d, []core.BlockArg{arg(c, sc), arg(x, sx), arg(y, sy)}, nil)
		for i := range d {
			want := y[at(sy, i)]
			if c[at(sc, i)] {
				want = x[at(sx, i)]
			}
			if math.Float32bits(d[i]) != math.Float32bits(want) {
				t.Fatalf("select pattern %03b element %d = %v, want %v", pat, i, d[i], want)
			}
		}
		f := make([]float32, n)
		fmaBlock(f, []core.BlockArg{arg(x, sc), arg(y, sx), arg(z, sy)}, nil)
		for i := range f {
			want := float32(math.FMA(float64(x[at(sc, i)]), float64(y[at(sx, i)]), float64(z[at(sy, i)])))
			if math.Float32bits(f[i]) != math.Float32bits(want) && !(f[i] != f[i] && want != want) {
				t.Fatalf("fma pattern %03b element %d = %v, want %v", pat, i, f[i], want)
			}
		}
	}
	for _, scalar := range []bool{false, true} {
		di := make([]int32, n)
		convertBlock(di, []core.BlockArg{arg(y, scalar)}, nil)
		db := make([]bool, n)
		convertBlock(db, []core.BlockArg{arg(z, scalar)}, nil)
		for i := range di {
			j := i
			if scalar {
				j = 0
			}
			if di[i] != int32(y[j]) || db[i] != (z[j] != 0) {
				t.Fatalf("convert (scalar %v) element %d = %v, %v; want %v, %v", scalar, i, di[i], db[i], int32(y[j]), z[j] != 0)
			}
		}
	}
}
