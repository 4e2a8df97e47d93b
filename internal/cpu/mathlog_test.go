package cpu

import (
	"math"
	"math/big"
	"math/rand"
	"testing"
)

// The references of the logarithm, exponential and pow tests. float32
// functions are compared with the float64 functions of package math
// rounded to float32: the float64 value is within about 1 ulp of float64,
// so its rounding to float32 is the correctly rounded result except when
// the exact value lies within about 2**-29 ulp of a float32 rounding
// midpoint (double rounding); an error of 2 ulp or more against it is
// checked again against big.Float before it counts. float64 functions are
// compared with big.Float computations at 200 bits, rounded once.

const logRefPrec = 200

func logBig(v float64) *big.Float { return new(big.Float).SetPrec(logRefPrec).SetFloat64(v) }

// logBigLn2 is ln2 to logRefPrec bits: 2*atanh(1/3).
var logBigLn2 = func() *big.Float {
	third := new(big.Float).SetPrec(logRefPrec).Quo(logBig(1), logBig(3))
	return logBigAtanh2(third)
}()

// logBigAtanh2 returns 2*atanh(z) = 2*(z + z**3/3 + ...) for |z| <= 1/3.
func logBigAtanh2(z *big.Float) *big.Float {
	z2 := new(big.Float).SetPrec(logRefPrec).Mul(z, z)
	sum := new(big.Float).SetPrec(logRefPrec)
	pow := new(big.Float).SetPrec(logRefPrec).Set(z)
	term := new(big.Float).SetPrec(logRefPrec)
	for n := int64(1); n < 500; n += 2 {
		term.Quo(pow, logBig(float64(n)))
		sum.Add(sum, term)
		if term.Sign() == 0 || sum.Sign() != 0 && term.MantExp(nil)-sum.MantExp(nil) < -logRefPrec-4 {
			break
		}
		pow.Mul(pow, z2)
	}
	return sum.Mul(sum, logBig(2))
}

// logBigRef returns log(x) for x > 0: x = m * 2**e, m in [sqrt(1/2), sqrt(2)),
// log(m) = 2*atanh((m-1)/(m+1)).
func logBigRef(x *big.Float) *big.Float {
	m := new(big.Float).SetPrec(logRefPrec)
	e := x.MantExp(m) // m in [0.5, 1)
	if m.Cmp(logBig(math.Sqrt2/2)) < 0 {
		m.SetMantExp(m, 1)
		e--
	}
	num := new(big.Float).SetPrec(logRefPrec).Sub(m, logBig(1))
	den := new(big.Float).SetPrec(logRefPrec).Add(m, logBig(1))
	l := logBigAtanh2(num.Quo(num, den))
	k := new(big.Float).SetPrec(logRefPrec).Mul(logBig(float64(e)), logBigLn2)
	return l.Add(l, k)
}

// expBigRef returns e**x for |x| < 2000: x = k*ln2 + r, e**r as
// (e**(r/256))**256, e**(r/256) by its Taylor series.
func expBigRef(x *big.Float) *big.Float {
	xf, _ := x.Float64()
	k := math.Round(xf / math.Ln2)
	r := new(big.Float).SetPrec(logRefPrec).Mul(logBig(k), logBigLn2)
	r.Sub(x, r)
	r.SetMantExp(r, -8)
	sum := logBig(1)
	term := logBig(1)
	for n := 1; n < 100; n++ {
		term.Mul(term, r)
		term.Quo(term, logBig(float64(n)))
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil) < -logRefPrec-8 {
			break
		}
	}
	for range 8 {
		sum.Mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(k))
}

// logUlpErr64 returns |got - want| in ulps of the float64 nearest to want
// (fractional), and the distance in representable float64 values between
// got and that correctly rounded value.
func logUlpErr64(got float64, want *big.Float) (float64, int64) {
	w, _ := want.Float64()
	if got != got && w != w || got == w && (w == 0 || math.IsInf(w, 0)) {
		return 0, 0
	}
	if got != got || w != w || math.IsInf(got, 0) || math.IsInf(w, 0) {
		return math.Inf(1), math.MaxInt64
	}
	a := math.Abs(w)
	ulp := math.Nextafter(a, math.Inf(1)) - a
	if a == math.MaxFloat64 {
		ulp = a - math.Nextafter(a, 0)
	}
	d := new(big.Float).SetPrec(logRefPrec).Sub(logBig(got), want)
	df, _ := d.Float64()
	return math.Abs(df) / ulp, ulpDist64(got, w)
}

// ulpDist64 returns the distance between a and b in representable float64
// values.
func ulpDist64(a, b float64) int64 {
	ord := func(f float64) int64 {
		i := int64(math.Float64bits(f))
		if i < 0 {
			i = -(i & math.MaxInt64)
		}
		return i
	}
	d := ord(a) - ord(b)
	if d < 0 {
		d = -d
	}
	return d
}

// sameFloat reports whether got and want are the same value, NaN for
// NaN and zeros with their signs.
func sameFloat[T float32 | float64](got, want T) bool {
	if got != got || want != want {
		return got != got && want != want
	}
	return got == want && math.Signbit(float64(got)) == math.Signbit(float64(want))
}

// logPatterns32 returns float32 inputs from every part of the range: bit
// patterns of both signs at a fixed stride (about a million), every power
// of two with its neighbours, and the special values.
func logPatterns32() []float32 {
	var xs []float32
	for b := uint64(0); b < 1<<32; b += 4093 {
		xs = append(xs, math.Float32frombits(uint32(b)))
	}
	for e := -149; e <= 127; e++ {
		p := float32(math.Ldexp(1, e))
		for _, v := range []float32{p, math.Nextafter32(p, 0), math.Nextafter32(p, 2*p)} {
			xs = append(xs, v, -v)
		}
	}
	inf := float32(math.Inf(1))
	return append(xs, 0, float32(math.Copysign(0, -1)), inf, -inf, float32(math.NaN()), math.MaxFloat32, -math.MaxFloat32, 1, -1)
}

// mathUnary32Case is a float32 function with its float64 reference.
type mathUnary32Case struct {
	name   string
	f      func(float32) float32
	ref    func(float64) float64
	bigRef func(*big.Float) *big.Float // for the double-rounding recheck
	lo, hi float32                     // a region sampled densely
}

var mathUnary32Cases = []mathUnary32Case{
	{"log", LogF32, math.Log, logBigRef, 0.5, 2},
	{"log1p", Log1pF32, math.Log1p, func(x *big.Float) *big.Float {
		return logBigRef(new(big.Float).SetPrec(logRefPrec+200).Add(x, logBig(1)))
	}, -0.5, 0.5},
	{"expm1", Expm1F32, math.Expm1, func(x *big.Float) *big.Float {
		e := expBigRef(x)
		return e.Sub(e, logBig(1))
	}, -1, 1},
}

// mathErr32 returns the error of got for x in float32 ulps against the float64
// reference, rechecked against big.Float when it reaches 2 ulp.
func mathErr32(c mathUnary32Case, x, got float32) int64 {
	want := float32(c.ref(float64(x)))
	u := ulps(got, want)
	if u >= 2 && u < math.MaxInt64 {
		w, _ := c.bigRef(logBig(float64(x))).Float32()
		u = ulps(got, w)
	}
	return u
}

// TestUnaryFloat32WithinTwoULP checks LogF32, Log1pF32 and Expm1F32 on about
// 1.5 million inputs per function within 2 ulp of the correctly rounded
// value (measured: 1 ulp for each), and equal to package math, signs of
// zero included, on the special values.
func TestUnaryFloat32WithinTwoULP(t *testing.T) {
	xs := logPatterns32()
	for _, c := range mathUnary32Cases {
		worst, at := int64(0), float32(0)
		for _, x := range append(samples(c.lo, c.hi), xs...) {
			got := c.f(x)
			want := float32(c.ref(float64(x)))
			if math.IsInf(float64(want), 0) || want != want || want == 0 {
				if !sameFloat(got, want) {
					t.Errorf("%s(%g) = %g, want %g", c.name, x, got, want)
				}
				continue
			}
			if u := mathErr32(c, x, got); u > worst {
				worst, at = u, x
			}
		}
		t.Logf("%s: worst error %d ulp at %g", c.name, worst, at)
		if worst > 2 {
			t.Errorf("%s(%g) = %g, want %g: %d ulp", c.name, at, c.f(at), float32(c.ref(float64(at))), worst)
		}
	}
}

// mathUnary64Case is a float64 function with its big.Float reference.
type mathUnary64Case struct {
	name   string
	f      func(float64) float64
	ref    func(*big.Float) *big.Float
	std    func(float64) float64 // package math, for the special values
	lo, hi float64               // a region sampled densely
}

// checkMathUnary64 compares c.f with its reference on xs: within 2 ulp of the
// correctly rounded value; special results (NaN, infinities, zeros) as
// package math gives them. It returns the largest error in fractional ulps.
func checkMathUnary64(t *testing.T, c mathUnary64Case, xs []float64) float64 {
	t.Helper()
	worst, at := 0.0, 0.0
	for _, x := range xs {
		got := c.f(x)
		want := c.std(x)
		if want != want || x == 0 || math.IsInf(x, 0) || want == math.Inf(-1) {
			if !sameFloat(got, want) {
				t.Errorf("%s(%g) = %g, want %g", c.name, x, got, want)
			}
			continue
		}
		e, n := logUlpErr64(got, c.ref(logBig(x)))
		if n > 2 {
			t.Errorf("%s(%g) = %g: %d ulp (%.3g)", c.name, x, got, n, e)
		}
		if e > worst {
			worst, at = e, x
		}
	}
	t.Logf("%s: worst error %.3f ulp at %g", c.name, worst, at)
	return worst
}

// mathSamples64 returns random float64 inputs: uniform over [lo, hi], random
// bit patterns of both signs, and every power of two with its neighbours.
func mathSamples64(lo, hi float64, n int) []float64 {
	r := rand.New(rand.NewSource(2))
	var xs []float64
	for range n {
		xs = append(xs, lo+(hi-lo)*r.Float64())
	}
	for range n {
		xs = append(xs, math.Float64frombits(r.Uint64()))
	}
	for e := -1074; e <= 1023; e += 7 {
		p := math.Ldexp(1, e)
		xs = append(xs, p, -p, math.Nextafter(p, 0), math.Nextafter(p, 2*p))
	}
	inf := math.Inf(1)
	return append(xs, 0, math.Copysign(0, -1), inf, -inf, math.NaN(), math.MaxFloat64, -math.MaxFloat64, 1, -1,
		math.SmallestNonzeroFloat64, 0x1p-1022, math.Nextafter(1, 0), math.Nextafter(1, 2), math.Nextafter(-1, 0), math.Nextafter(-1, -2))
}

// log1pBigRef returns log(1+x), 1+x exact: enough bits for any float64.
func log1pBigRef(x *big.Float) *big.Float {
	return logBigRef(new(big.Float).SetPrec(2200).Add(x, logBig(1)))
}

func TestLogFloat64(t *testing.T) {
	cases := []mathUnary64Case{
		{"log", LogF64, logBigRef, math.Log, 0.5, 2},
		{"log1p", Log1pF64, log1pBigRef, math.Log1p, -0.5, 0.5},
	}
	for _, c := range cases {
		xs := mathSamples64(c.lo, c.hi, 3000)
		if c.name == "log1p" {
			for e := -60; e < 0; e++ { // log1p near 0 and near -1
				xs = append(xs, math.Ldexp(1.1, e), -math.Ldexp(1.1, e), -1+math.Ldexp(1.3, e))
			}
		}
		if checkMathUnary64(t, c, xs) > 1 {
			t.Errorf("%s: above 1 ulp", c.name)
		}
	}
}

// TestLogTable checks the generated table against big.Float.
func TestLogTable(t *testing.T) {
	for i, e := range logTable {
		want := logBigRef(logBig(e.c))
		got := new(big.Float).SetPrec(logRefPrec).Add(logBig(e.hi), logBig(e.lo))
		d := new(big.Float).Sub(got, want)
		if e.c != 1/(1+float64(i-37)/128) || d.Sign() != 0 && d.MantExp(nil) > -107 {
			t.Errorf("logTable[%d] = %v: off by %g", i, e, d)
		}
	}
}

func TestLogLoops(t *testing.T) {
	for n := range 34 {
		for _, off := range []int{0, 1, 3} {
			s32 := make([]float32, n+off)
			s64 := make([]float64, n+off)
			for i := range s32 {
				s32[i] = float32(i)*0.37 - 0.9
				s64[i] = float64(i)*0.37 - 0.9
			}
			if n > 0 {
				s32[len(s32)-1] = float32(math.NaN())
				s64[len(s64)-1] = math.NaN()
			}
			d32 := make([]float32, n+off)
			d64 := make([]float64, n+off)
			loops32 := []struct {
				loop func(d, s []float32)
				f    func(float32) float32
			}{{LogLoopF32, LogF32}, {Log1pLoopF32, Log1pF32}, {Expm1LoopF32, Expm1F32}}
			for _, l := range loops32 {
				l.loop(d32[off:], s32[off:])
				for i := off; i < len(s32); i++ {
					if want := l.f(s32[i]); !sameFloat(d32[i], want) && ulps(d32[i], want) > 2 {
						t.Errorf("n=%d off=%d: loop gives %g at %g, scalar %g", n, off, d32[i], s32[i], want)
					}
				}
			}
			loops64 := []struct {
				loop func(d, s []float64)
				f    func(float64) float64
			}{{LogLoopF64, LogF64}, {Log1pLoopF64, Log1pF64}, {Expm1LoopF64, Expm1F64}, {ExpLoopF64, ExpF64}}
			for _, l := range loops64 {
				l.loop(d64[off:], s64[off:])
				for i := off; i < len(s64); i++ {
					// The float64 exp kernels may differ from the scalar
					// functions by an ulp (both within 1 ulp of e**x).
					if want := l.f(s64[i]); !sameFloat(d64[i], want) && (want != want || ulpDist64(d64[i], want) > 1) {
						t.Errorf("n=%d off=%d: loop gives %g at %g, scalar %g", n, off, d64[i], s64[i], want)
					}
				}
			}
		}
	}
}
