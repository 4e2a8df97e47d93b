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

// TestPowFloat64 checks PowF64 within 1 ulp of big.Float on random bases
// and exponents, near 1 with large exponents (where log must carry more
// than float64 precision), and with results near overflow and underflow.
func TestPowFloat64(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	type pair struct{ x, y float64 }
	var ps []pair
	for range 1500 {
		ps = append(ps, pair{math.Exp(r.Float64()*40 - 20), r.Float64()*20 - 10})
		// |y*log x| up to 740: results over the whole range.
		x := math.Exp(r.NormFloat64() * 10)
		ps = append(ps, pair{x, (r.Float64()*1480 - 740) / math.Log(x)})
		// x near 1, huge y.
		x = 1 + (r.Float64()-0.5)*1e-6
		ps = append(ps, pair{x, (r.Float64()*1400 - 700) / math.Log(x)})
		// Negative bases with integer exponents.
		ps = append(ps, pair{-math.Exp(r.Float64()*4 - 2), math.Round(r.Float64()*60 - 30)})
		// Subnormal bases.
		ps = append(ps, pair{math.Float64frombits(r.Uint64() >> 12), r.Float64()*1.4 - 0.7})
	}
	worst, at := 0.0, pair{}
	for _, p := range ps {
		got := PowF64(p.x, p.y)
		want := math.Pow(p.x, p.y)
		if want == 0 || math.IsInf(want, 0) {
			if ulpDist64(got, want) > 2 { // at the edges math.Pow may be off too
				t.Errorf("PowF64(%g, %g) = %g, math.Pow %g", p.x, p.y, got, want)
			}
			continue
		}
		ref := powBigRef(p.x, p.y)
		if p.x < 0 && powOddInt(p.y) {
			ref.Neg(ref)
		}
		e, n := logUlpErr64(got, ref)
		if n > 2 {
			t.Errorf("PowF64(%g, %g) = %g: %d ulp (%.3g)", p.x, p.y, got, n, e)
		}
		if e > worst {
			worst, at = e, p
		}
	}
	t.Logf("pow: worst error %.3f ulp at %g**%g", worst, at.x, at.y)
}

// TestPowFloat32 checks PowF32 within 2 ulp of the float64 reference
// rounded to float32 (rechecked against big.Float at 2 ulp or more) on a
// grid of bases and exponents over the float32 range.
func TestPowFloat32(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	worst := int64(0)
	var wx, wy float32
	check := func(x, y float32) {
		got := PowF32(x, y)
		want := float32(math.Pow(float64(x), float64(y)))
		if want != want || want == 0 || math.IsInf(float64(want), 0) {
			if !sameFloat(got, want) {
				t.Errorf("PowF32(%g, %g) = %g, want %g", x, y, got, want)
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
	for range 200000 {
		x := float32(math.Exp(r.Float64()*40 - 20))
		check(x, float32(r.Float64()*60-30))
		check(x, float32((r.Float64()*200-100)/math.Log(float64(x))))
		check(-x, float32(math.Round(r.Float64()*40-20)))
	}
	t.Logf("pow float32: worst error %d ulp at %g**%g", worst, wx, wy)
	if worst > 2 {
		t.Errorf("PowF32(%g, %g): %d ulp", wx, wy, worst)
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
