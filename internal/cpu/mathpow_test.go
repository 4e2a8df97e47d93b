package cpu

import (
	"math"
	"math/big"
	"math/rand"
	"testing"
)

// powBigRef returns |x|**y for x != 0 as e**(y*log|x|).
func powBigRef(x, y float64) *big.Float {
	l := logBigRef(logBig(math.Abs(x)))
	return expBigRef(l.Mul(l, logBig(y)))
}

// powSpecials are the inputs of the special-case table: every pair of
// them is compared with math.Pow bit for bit (NaN for NaN) where the
// result is special, else with big.Float.
var powSpecials = []float64{0, math.Copysign(0, -1), 1, -1, 2, -2, 3, -3, 0.5, -0.5, 1.5, -1.5, 1e-310, -1e-310,
	math.Inf(1), math.Inf(-1), math.NaN(), 1 << 53, -(1 << 53), 1<<53 + 2, 1e300, -1e300, 1 / 3.0, 1024, -1075, 2.5}

func TestPowSpecialsMatchMath(t *testing.T) {
	for _, x := range powSpecials {
		for _, y := range powSpecials {
			want := math.Pow(x, y)
			got := PowF64(x, y)
			special := want != want || want == 0 || math.IsInf(want, 0) || math.IsInf(x, 0) || math.IsInf(y, 0) || x == 0 || y == 0 || y == 1 || x == 1
			if special && !sameFloat(got, want) {
				t.Errorf("PowF64(%g, %g) = %g, math.Pow %g", x, y, got, want)
			}
			if !special { // math.Pow may be off by many ulps (subnormal x)
				ref := powBigRef(x, y)
				if x < 0 && powOddInt(y) {
					ref.Neg(ref)
				}
				if _, n := logUlpErr64(got, ref); n > 1 {
					t.Errorf("PowF64(%g, %g) = %g: %d ulp", x, y, got, n)
				}
			}
			want32 := float32(want)
			got32 := PowF32(float32(x), float32(y))
			if float64(float32(x)) == x && float64(float32(y)) == y && (special && !sameFloat(got32, want32) || !special && ulps(got32, want32) > 2) {
				t.Errorf("PowF32(%g, %g) = %g, math.Pow %g", x, y, got32, want32)
			}
		}
	}
	for _, c := range [][3]float64{{-8, 1.0 / 3, math.NaN()}, {-2, 3, -8}, {-2, -3, -0.125}, {-2, 2, 4}, {2, -1074, 0x1p-1074}, {2, 1023, 0x1p1023}, {2, 1024, math.Inf(1)}, {0.5, 1075, 0}} {
		if got := PowF64(c[0], c[1]); !sameFloat(got, c[2]) {
			t.Errorf("PowF64(%g, %g) = %g, want %g", c[0], c[1], got, c[2])
		}
	}
}

// powPair is a base and an exponent.
type powPair struct{ x, y float64 }

// powPairs64 returns random bases and exponents: results over the whole
// range, x near 1 with large exponents (where log must carry more than
// float64 precision), negative bases with integer exponents, subnormal
// bases.
func powPairs64() []powPair {
	r := rand.New(rand.NewSource(3))
	var ps []powPair
	for range 1500 {
		ps = append(ps, powPair{math.Exp(r.Float64()*40 - 20), r.Float64()*20 - 10})
		x := math.Exp(r.NormFloat64() * 10)
		ps = append(ps, powPair{x, (r.Float64()*1480 - 740) / math.Log(x)})
		x = 1 + (r.Float64()-0.5)*1e-6
		ps = append(ps, powPair{x, (r.Float64()*1400 - 700) / math.Log(x)})
		ps = append(ps, powPair{-math.Exp(r.Float64()*4 - 2), math.Round(r.Float64()*60 - 30)})
		ps = append(ps, powPair{math.Float64frombits(r.Uint64() >> 12), r.Float64()*1.4 - 0.7})
	}
	return ps
}

// checkPow64 checks got[i] = ps[i].x**ps[i].y within 1 ulp of big.Float
// (where math.Pow gives 0 or Inf, within 2 ulp of it: at the edges it may
// be off too).
func checkPow64(t *testing.T, name string, ps []powPair, got []float64) {
	t.Helper()
	worst, at := 0.0, powPair{}
	for i, p := range ps {
		want := math.Pow(p.x, p.y)
		if want == 0 || math.IsInf(want, 0) {
			if ulpDist64(got[i], want) > 2 {
				t.Errorf("%s(%g, %g) = %g, math.Pow %g", name, p.x, p.y, got[i], want)
			}
			continue
		}
		ref := powBigRef(p.x, p.y)
		if p.x < 0 && powOddInt(p.y) {
			ref.Neg(ref)
		}
		e, n := logUlpErr64(got[i], ref)
		if n > 1 {
			t.Errorf("%s(%g, %g) = %g: %d ulp (%.3g)", name, p.x, p.y, got[i], n, e)
		}
		if e > worst {
			worst, at = e, p
		}
	}
	t.Logf("%s: worst error %.3f ulp at %g**%g", name, worst, at.x, at.y)
}

// TestPowFloat64 checks PowF64 and the VV kernel within 1 ulp of big.Float.
func TestPowFloat64(t *testing.T) {
	ps := powPairs64()
	got := make([]float64, len(ps))
	xs, ys := make([]float64, len(ps)), make([]float64, len(ps))
	for i, p := range ps {
		got[i] = PowF64(p.x, p.y)
		xs[i], ys[i] = p.x, p.y
	}
	checkPow64(t, "PowF64", ps, got)
	PowKernelsF64().VV(got, xs, ys)
	checkPow64(t, "pow VV", ps, got)
}

// TestPowFloat32 checks PowF32 and the VV kernel within 2 ulp of the float64 reference
// rounded to float32 (rechecked against big.Float at 2 ulp or more) on a
// grid of bases and exponents over the float32 range.
func TestPowFloat32(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	worst := int64(0)
	var wx, wy float32
	check := func(x, y, got float32) {
		want := float32(math.Pow(float64(x), float64(y)))
		if want != want || want == 0 || math.IsInf(float64(want), 0) {
			if !sameFloat(got, want) {
				t.Errorf("pow(%g, %g) = %g, want %g", x, y, got, want)
			}
			return
		}
		u := ulps(got, want)
		if u >= 2 {
			ref := powBigRef(float64(x), float64(y))
			if x < 0 && powOddInt(float64(y)) {
				ref.Neg(ref)
			}
			w, _ := ref.Float32()
			u = ulps(got, w)
		}
		if u > worst {
			worst, wx, wy = u, x, y
		}
	}
	var xs, ys []float32
	for range 100000 {
		x := float32(math.Exp(r.Float64()*40 - 20))
		xs = append(xs, x, x, -x)
		ys = append(ys, float32(r.Float64()*60-30), float32((r.Float64()*200-100)/math.Log(float64(x))), float32(math.Round(r.Float64()*40-20)))
	}
	for i := range xs {
		check(xs[i], ys[i], PowF32(xs[i], ys[i]))
	}
	t.Logf("PowF32: worst error %d ulp at %g**%g", worst, wx, wy)
	if worst > 2 {
		t.Errorf("PowF32(%g, %g): %d ulp", wx, wy, worst)
	}
	got := make([]float32, len(xs))
	PowKernelsF32().VV(got, xs, ys)
	worst, wx, wy = 0, 0, 0
	for i := range xs {
		check(xs[i], ys[i], got[i])
	}
	t.Logf("pow VV float32: worst error %d ulp at %g**%g", worst, wx, wy)
	if worst > 2 {
		t.Errorf("pow VV float32 (%g, %g): %d ulp", wx, wy, worst)
	}
}

// TestPowKernelsSpecials runs every pair of powSpecials through the
// kernels (VV, and VS and SV with each value as the scalar) and compares
// them with the scalar functions: equal on special results, within 1 ulp
// elsewhere.
func TestPowKernelsSpecials(t *testing.T) {
	var xs, ys []float64
	for _, x := range powSpecials {
		for _, y := range powSpecials {
			xs, ys = append(xs, x), append(ys, y)
		}
	}
	agree64 := func(name string, x, y, got float64) {
		want := PowF64(x, y)
		if !sameFloat(got, want) && (want != want || want == 0 || math.IsInf(want, 0) || ulpDist64(got, want) > 1) {
			t.Errorf("%s(%g, %g) = %g, PowF64 %g", name, x, y, got, want)
		}
	}
	agree32 := func(name string, x, y, got float32) {
		want := PowF32(x, y)
		if !sameFloat(got, want) && (want != want || want == 0 || math.IsInf(float64(want), 0) || ulps(got, want) > 1) {
			t.Errorf("%s(%g, %g) = %g, PowF32 %g", name, x, y, got, want)
		}
	}
	k64, k32 := PowKernelsF64(), PowKernelsF32()
	d := make([]float64, len(xs))
	k64.VV(d, xs, ys)
	for i := range xs {
		agree64("VV", xs[i], ys[i], d[i])
	}
	x32, y32 := make([]float32, len(xs)), make([]float32, len(xs))
	for i := range xs {
		x32[i], y32[i] = float32(xs[i]), float32(ys[i])
	}
	d32 := make([]float32, len(xs))
	k32.VV(d32, x32, y32)
	for i := range xs {
		agree32("VV", x32[i], y32[i], d32[i])
	}
	for _, v := range powSpecials {
		k64.VS(d, xs, v)
		for i := range xs {
			agree64("VS", xs[i], v, d[i])
		}
		k64.SV(d, v, ys)
		for i := range xs {
			agree64("SV", v, ys[i], d[i])
		}
		k32.VS(d32, x32, float32(v))
		for i := range xs {
			agree32("VS", x32[i], float32(v), d32[i])
		}
		k32.SV(d32, float32(v), y32)
		for i := range xs {
			agree32("SV", float32(v), y32[i], d32[i])
		}
	}
	// Every length and offset, blocks longer than powBlock included.
	for _, n := range []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, powBlock - 1, powBlock + 3, 3*powBlock + 5} {
		for _, off := range []int{0, 1, 3} {
			a := make([]float64, n+off)
			a32 := make([]float32, n+off)
			for i := range a {
				a[i] = float64(i%37)*0.3 + 0.1
				a32[i] = float32(a[i])
			}
			d := make([]float64, n+off)
			d32 := make([]float32, n+off)
			k64.VS(d[off:], a[off:], 1.7)
			k32.VS(d32[off:], a32[off:], 1.7)
			for i := off; i < len(a); i++ {
				agree64("VS", a[i], 1.7, d[i])
				agree32("VS", a32[i], 1.7, d32[i])
			}
			k64.SV(d[off:], 1.7, a[off:])
			k32.SV(d32[off:], 1.7, a32[off:])
			for i := off; i < len(a); i++ {
				agree64("SV", 1.7, a[i], d[i])
				agree32("SV", 1.7, a32[i], d32[i])
			}
		}
	}
}

func TestPowKernels(t *testing.T) {
	a := []float32{2, -2, 0, 3, 1.5, float32(math.NaN()), 4}
	b := []float32{3, 3, -1, 0.5, 2, 0, -0.5}
	d := make([]float32, len(a))
	k := PowKernelsF32()
	k.VV(d, a, b)
	for i := range a {
		if !sameFloat(d[i], PowF32(a[i], b[i])) {
			t.Errorf("VV: %g**%g = %g", a[i], b[i], d[i])
		}
	}
	k.VS(d, a, 2)
	k.SV(d[:3], 2, b[:3])
	if d[0] != 8 || d[1] != 8 || d[2] != 0.5 || d[3] != 9 {
		t.Errorf("VS/SV: %v", d)
	}
	a64 := []float64{2, -2, 0}
	d64 := make([]float64, 3)
	k64 := PowKernelsF64()
	k64.VV(d64, a64, []float64{3, 3, -1})
	if d64[0] != 8 || d64[1] != -8 || !math.IsInf(d64[2], 1) {
		t.Errorf("VV float64: %v", d64)
	}
	k64.VS(d64, a64, 2)
	k64.SV(d64[:2], 3, []float64{2, 0})
	if d64[0] != 9 || d64[1] != 1 || d64[2] != 0 {
		t.Errorf("VS/SV float64: %v", d64)
	}
}
