package prims

import (
	"math"
	"testing"

	"github.com/nd-go/nd/internal/core"
)

// runBound binds loop to dst and args and runs it over blocks of 10
// elements, as the fused executor does: operands marked tiled get their
// block copied into a block buffer first, and a tiled dst is copied out.
func runBound[U core.Element](t *testing.T, loop func(core.BlockArg, []core.BlockArg, any) func(int, int), dst []U, tiledDst bool, args []core.BlockArg) {
	t.Helper()
	const block = 10
	bound := make([]core.BlockArg, len(args))
	fills := []func(lo, hi int){}
	for i, a := range args {
		bound[i] = a
		if a.Tiled {
			bound[i].Data, fills = tileOf(a.Data, block, fills)
		}
	}
	d := core.BlockArg{Data: dst}
	tile := make([]U, block)
	if tiledDst {
		d = core.BlockArg{Data: tile, Tiled: true}
	}
	f := loop(d, bound, nil)
	for lo := 0; lo < len(dst); lo += block {
		hi := min(lo+block, len(dst))
		for _, fill := range fills {
			fill(lo, hi)
		}
		f(lo, hi)
		if tiledDst {
			copy(dst[lo:hi], tile)
		}
	}
}

// tileOf returns a block buffer for the typed slice data and adds the
// copy of a block into it to fills.
func tileOf(data any, n int, fills []func(lo, hi int)) (any, []func(lo, hi int)) {
	switch s := data.(type) {
	case []bool:
		b := make([]bool, n)
		return b, append(fills, func(lo, hi int) { copy(b, s[lo:hi]) })
	case []float32:
		b := make([]float32, n)
		return b, append(fills, func(lo, hi int) { copy(b, s[lo:hi]) })
	}
	panic("tileOf: unexpected type")
}

// TestSelectConvertFMALoops runs the bound loops of select, convert and
// fma with every pattern of block and scalar operands, whole-loop and
// tiled (as the fused executor passes them), against the elementwise
// definition.
func TestSelectConvertFMALoops(t *testing.T) {
	const n = 37
	c := make([]bool, n)
	x, y, z := make([]float32, n), make([]float32, n), make([]float32, n)
	for i := range c {
		c[i] = i%3 != 1
		x[i], y[i], z[i] = float32(i)+0.5, -float32(i)*1e9, float32(i%5)-2
	}
	x[4] = float32(math.NaN())
	arg := func(d any, scalar, tiled bool) core.BlockArg {
		return core.BlockArg{Data: d, Scalar: scalar, Tiled: tiled && !scalar}
	}
	for pat := range 16 {
		sc, sx, sy, tiled := pat&1 != 0, pat&2 != 0, pat&4 != 0, pat&8 != 0
		at := func(s bool, i int) int {
			if s {
				return 0
			}
			return i
		}
		d := make([]float32, n)
		runBound(t, selectLoop, d, tiled, []core.BlockArg{arg(c, sc, tiled), arg(x, sx, tiled), arg(y, sy, false)})
		for i := range d {
			want := y[at(sy, i)]
			if c[at(sc, i)] {
				want = x[at(sx, i)]
			}
			if math.Float32bits(d[i]) != math.Float32bits(want) {
				t.Fatalf("select pattern %04b element %d = %v, want %v", pat, i, d[i], want)
			}
		}
		f := make([]float32, n)
		runBound(t, fmaLoop, f, !tiled, []core.BlockArg{arg(x, sc, false), arg(y, sx, tiled), arg(z, sy, tiled)})
		for i := range f {
			want := float32(math.FMA(float64(x[at(sc, i)]), float64(y[at(sx, i)]), float64(z[at(sy, i)])))
			if math.Float32bits(f[i]) != math.Float32bits(want) && !(f[i] != f[i] && want != want) {
				t.Fatalf("fma pattern %04b element %d = %v, want %v", pat, i, f[i], want)
			}
		}
	}
	for pat := range 4 {
		scalar, tiled := pat&1 != 0, pat&2 != 0
		di := make([]int32, n)
		runBound(t, convertBound, di, tiled, []core.BlockArg{arg(y, scalar, tiled)})
		db := make([]bool, n)
		runBound(t, convertBound, db, !tiled, []core.BlockArg{arg(z, scalar, !tiled)})
		for i := range di {
			j := i
			if scalar {
				j = 0
			}
			if di[i] != int32(y[j]) || db[i] != (z[j] != 0) {
				t.Fatalf("convert (scalar %v, tiled %v) element %d = %v, %v; want %v, %v", scalar, tiled, i, di[i], db[i], int32(y[j]), z[j] != 0)
			}
		}
	}
}
