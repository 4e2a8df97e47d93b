package cpu

import (
	"math"
	"math/big"
	"math/rand"
	"sync"
	"testing"
)

// The references of the trigonometric, erf and hyperbolic tests: pi by
// Machin's formula and the functions by Taylor series, in big.Float with
// enough bits that their error is far below the 2**-60 ulp that matters.

const refPiPrec = 2400

var refPi = sync.OnceValue(func() *big.Float {
	atanInv := func(n int64) *big.Float {
		// atan(1/n) = sum (-1)**k / ((2k+1) n**(2k+1))
		sum := new(big.Float).SetPrec(refPiPrec)
		pw := new(big.Float).SetPrec(refPiPrec).Quo(big.NewFloat(1), big.NewFloat(float64(n)))
		eps := new(big.Float).SetMantExp(big.NewFloat(1), -refPiPrec-16)
		t := new(big.Float).SetPrec(refPiPrec)
		for k := int64(0); pw.Cmp(eps) > 0; k++ {
			t.Quo(pw, big.NewFloat(float64(2*k+1)))
			if k%2 == 0 {
				sum.Add(sum, t)
			} else {
				sum.Sub(sum, t)
			}
			pw.Quo(pw, big.NewFloat(float64(n*n)))
		}
		return sum
	}
	pi := new(big.Float).SetPrec(refPiPrec).Mul(big.NewFloat(16), atanInv(5))
	return pi.Sub(pi, new(big.Float).SetPrec(refPiPrec).Mul(big.NewFloat(4), atanInv(239)))
})

// refSinCos returns sin(x) (or cos(x)) to about 200 bits: x minus the
// nearest multiple k of pi/2 with pi to refPiPrec bits, then the Taylor
// series of sin or cos chosen by k mod 4.
func refSinCos(x float64, cos bool) *big.Float {
	const prec = 256
	X := new(big.Float).SetPrec(refPiPrec).SetFloat64(x)
	pio2 := new(big.Float).SetPrec(refPiPrec).Quo(refPi(), big.NewFloat(2))
	qf := new(big.Float).SetPrec(refPiPrec).Quo(X, pio2)
	qf.Add(qf, big.NewFloat(0.5))
	k, _ := qf.Int(nil)
	if qf.Sign() < 0 && !qf.IsInt() {
		k.Sub(k, big.NewInt(1)) // floor
	}
	r := new(big.Float).SetPrec(refPiPrec).SetInt(k)
	r.Mul(r, pio2)
	r.Sub(X, r)
	q := new(big.Int).And(k, big.NewInt(3)).Int64()
	if cos {
		q = (q + 1) & 3
	}
	r.SetPrec(prec)
	// Taylor: sin r = sum (-1)**n r**(2n+1)/(2n+1)!, cos likewise from 1.
	r2 := new(big.Float).SetPrec(prec).Mul(r, r)
	term := new(big.Float).SetPrec(prec)
	n := int64(0)
	if q&1 == 0 {
		term.Set(r)
		n = 1
	} else {
		term.SetInt64(1)
	}
	sum := new(big.Float).SetPrec(prec).Set(term)
	eps := new(big.Float).SetMantExp(big.NewFloat(1), -prec)
	for term.Sign() != 0 && new(big.Float).Abs(term).Cmp(eps) > 0 {
		term.Mul(term, r2)
		term.Quo(term, big.NewFloat(float64((n+1)*(n+2))))
		term.Neg(term)
		sum.Add(sum, term)
		n += 2
	}
	if q&2 != 0 {
		sum.Neg(sum)
	}
	return sum
}

// ulpErr64 returns |got - ref| in ulps of ref's binade in float64 (ulps
// of the smallest subnormal below 2**-1022), 0 when both are the same
// zero, and +Inf for a NaN or infinity that does not match.
func ulpErr64(got float64, ref *big.Float) float64 {
	if got != got || math.IsInf(got, 0) || ref.IsInf() {
		return math.Inf(1)
	}
	if ref.Sign() == 0 {
		if got == 0 {
			return 0
		}
		return math.Inf(1)
	}
	e := max(ref.MantExp(nil)-1, -1022) // ref in [2**e, 2**(e+1))
	d := new(big.Float).SetPrec(300).SetFloat64(got)
	d.Sub(d, ref)
	d.SetMantExp(d, 52-e)
	u, _ := d.Float64()
	return math.Abs(u)
}

// ulpErr32 returns |got - ref| in ulps of float32 in ref's binade (a
// float64 reference is accurate to about 2**-29 of those, so this counts
// no double-rounding artefacts), 0 for matching NaNs, infinities and
// zeros, and +Inf for a mismatch among those.
func ulpErr32(got float32, ref float64) float64 {
	g := float64(got)
	switch {
	case g == ref && (g != 0 || math.Signbit(g) == math.Signbit(ref)):
		return 0
	case g != g && ref != ref:
		return 0
	case g != g || ref != ref || math.IsInf(g, 0) || math.IsInf(ref, 0) || g == 0 && ref == 0:
		return math.Inf(1)
	}
	_, e := math.Frexp(ref) // ref in [2**(e-1), 2**e)
	e = max(e-1, -126)
	return math.Abs(g-ref) / math.Ldexp(1, e-23)
}

// randDoubles returns n doubles of random sign, random exponent in [lo,
// hi] and random mantissa: every binade of the range equally often.
func randDoubles(r *rand.Rand, n, lo, hi int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		m := 1 + r.Float64()
		xs[i] = math.Ldexp(m, lo+r.Intn(hi-lo+1))
		if r.Intn(2) == 0 {
			xs[i] = -xs[i]
		}
	}
	return xs
}

func TestTwoByPiBits(t *testing.T) {
	f := new(big.Float).SetPrec(refPiPrec).Quo(big.NewFloat(2), refPi())
	for i, w := range twoByPiBits[1:] {
		f.SetMantExp(f, 64)
		want, _ := f.Uint64()
		if w != want {
			t.Fatalf("twoByPiBits word %d = %#x, want %#x", i+1, w, want)
		}
		f.Sub(f, new(big.Float).SetUint64(want))
	}
	pio2 := new(big.Float).SetPrec(refPiPrec).Quo(refPi(), big.NewFloat(2))
	for _, c := range []float64{pio2A, pio2B, pio2C} {
		if got, _ := pio2.Float64(); got != c {
			t.Fatalf("pi/2 split: %g, want %g", c, got)
		}
		pio2.Sub(pio2, big.NewFloat(c))
	}
}

// trigHardCases are doubles close to multiples of pi/2 (the closest of
// all, 6381956970095103*2**797, leaves |r| about 2**-61) and the huge
// arguments the brief names.
var trigHardCases = []float64{
	6381956970095103 * 0x1p797, 1e22, 1e30, 3.4e38, 1e300, math.MaxFloat64, -math.MaxFloat64,
	0x1p30, math.Nextafter(0x1p30, 0), 0x1p53, 0x1p1023, 355, 103993, 104348, 833719, 1146408, 4272943, 5419351,
	math.Pi, math.Pi / 2, math.Pi / 4, 3 * math.Pi / 2, 1e6 * math.Pi, 1e15, 1e16,
	float64(float32(1e30)), float64(float32(3.4e38)), float64(math.MaxFloat32), 16367173 * 0x1p72, 13176794 * 0x1p-24,
}

func trigSpecials64() []float64 {
	return []float64{0, math.Copysign(0, -1), 5e-324, -5e-324, 0x1p-1022, 1e-300, 1e-20, 0x1p-27, 0x1p-26, 0.1, 0.5,
		0.7853981633974483, 0.7853981633974484, 1, 2, 3, 10, 100}
}

func TestSinCosF64(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	xs := append(randDoubles(r, 8000, -30, 30), randDoubles(r, 4000, -1074, 1023)...)
	for range 3000 {
		xs = append(xs, (r.Float64()*2-1)*20)
	}
	xs = append(xs, trigSpecials64()...)
	xs = append(xs, trigHardCases...)
	for _, x := range trigHardCases {
		xs = append(xs, -x, math.Nextafter(x, 0), math.Nextafter(x, math.Inf(1)))
	}
	for _, fn := range []struct {
		name string
		f    func(float64) float64
		cos  bool
	}{{"sin", SinF64, false}, {"cos", CosF64, true}} {
		worst, at := 0.0, 0.0
		for _, x := range xs {
			if math.IsInf(x, 0) {
				continue
			}
			got := fn.f(x)
			if e := ulpErr64(got, refSinCos(x, fn.cos)); e > worst {
				worst, at = e, x
			}
		}
		t.Logf("%sF64: worst %.3f ulp at %g over %d inputs", fn.name, worst, at, len(xs))
		if worst > 2 {
			t.Errorf("%sF64(%v) = %v: %.3f ulp", fn.name, at, fn.f(at), worst)
		}
		for _, x := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
			if y := fn.f(x); y == y {
				t.Errorf("%sF64(%v) = %v, want NaN", fn.name, x, y)
			}
		}
	}
	if z := SinF64(math.Copysign(0, -1)); z != 0 || !math.Signbit(z) {
		t.Errorf("SinF64(-0) = %v, want -0", z)
	}
	if c := CosF64(math.Copysign(0, -1)); c != 1 {
		t.Errorf("CosF64(-0) = %v, want 1", c)
	}
}

// samples32Trig returns float32 inputs for sin and cos: a dense grid over
// [-100, 100], random values of every binade, and the edges.
func samples32Trig() []float32 {
	xs := samples(-100, 100)
	r := rand.New(rand.NewSource(2))
	for range 1 << 16 {
		xs = append(xs, math.Float32frombits(r.Uint32()))
	}
	for _, x := range trigHardCases {
		if f := float32(x); !math.IsInf(float64(f), 0) {
			xs = append(xs, f, -f, math.Nextafter32(f, 0))
		}
	}
	return append(xs, math.MaxFloat32, -math.MaxFloat32, 1e30, 3.4e38, -3.4e38, 131071.99, 1<<20, 1<<20-0.0625)
}

func TestSinCosF32(t *testing.T) {
	xs := samples32Trig()
	for _, fn := range []struct {
		name string
		f    func(float32) float32
		ref  func(float64) float64
	}{{"sin", SinF32, math.Sin}, {"cos", CosF32, math.Cos}} {
		worst, at := 0.0, float32(0)
		for _, x := range xs {
			if e := ulpErr32(fn.f(x), fn.ref(float64(x))); e > worst {
				worst, at = e, x
			}
		}
		t.Logf("%sF32: worst %.4f ulp at %g over %d inputs", fn.name, worst, at, len(xs))
		if worst > 2 {
			t.Errorf("%sF32(%v) = %v: %.3f ulp", fn.name, at, fn.f(at), worst)
		}
	}
	// The huge float32 arguments against the big.Float reduction.
	for _, x := range []float32{1e30, -1e30, 3.4e38, math.MaxFloat32, 16367173 * 0x1p72, 1e20} {
		for _, c := range []bool{false, true} {
			ref, _ := refSinCos(float64(x), c).Float64()
			got := SinF32(x)
			if c {
				got = CosF32(x)
			}
			if e := ulpErr32(got, ref); e > 1 {
				t.Errorf("sin/cos(%g) (cos %v) = %g, want %g: %.3f ulp", x, c, got, ref, e)
			}
		}
	}
	if z := SinF32(float32(math.Copysign(0, -1))); z != 0 || !math.Signbit(float64(z)) {
		t.Errorf("SinF32(-0) = %v, want -0", z)
	}
}

// TestTrigLoops checks the loops against the scalar functions over
// lengths 0..33, unaligned starts, and blocks mixing in-range and
// out-of-range lanes (the vector kernel leaves those to the scalar code).
func TestTrigLoops(t *testing.T) {
	special := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.Copysign(0, -1)),
		1e-45, -1e-40, 3.4e38, 1e30, 1 << 20, -(1 << 20), 1<<20 - 0.0625}
	loops := []struct {
		name   string
		loop   func(d, s []float32)
		scalar func(float32) float32
	}{{"sin", SinLoopF32, SinF32}, {"cos", CosLoopF32, CosF32}}
	r := rand.New(rand.NewSource(3))
	for _, l := range loops {
		for n := 0; n <= 33; n++ {
			for _, off := range []int{0, 1, 3} {
				s := make([]float32, n+off)
				for i := range s {
					s[i] = float32(r.NormFloat64() * 10)
					if r.Intn(9) == 0 {
						s[i] = special[r.Intn(len(special))]
					}
				}
				d := make([]float32, n+off)
				l.loop(d[off:], s[off:])
				for i := off; i < len(s); i++ {
					want := l.scalar(s[i])
					if e := ulpErr32(d[i], float64(want)); e > 2 || (want == 0 || want != want) && math.Float32bits(d[i]) != math.Float32bits(want) && !(want != want && d[i] != d[i]) {
						t.Fatalf("%s loop n=%d off=%d: d[%d] = %v for %v, scalar %v", l.name, n, off, i, d[i], s[i], want)
					}
				}
			}
		}
	}
	s := []float64{0, math.Copysign(0, -1), 1, -1e300, math.NaN(), math.Inf(1)}
	d := make([]float64, len(s))
	SinLoopF64(d, s)
	for i, x := range s {
		if math.Float64bits(d[i]) != math.Float64bits(SinF64(x)) && !(d[i] != d[i]) {
			t.Errorf("SinLoopF64: %v for %v", d[i], x)
		}
	}
	CosLoopF64(d, s)
	for i, x := range s {
		if math.Float64bits(d[i]) != math.Float64bits(CosF64(x)) && !(d[i] != d[i]) {
			t.Errorf("CosLoopF64: %v for %v", d[i], x)
		}
	}
}
