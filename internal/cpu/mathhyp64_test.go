package cpu

import (
	"math"
	"math/big"
	"math/rand"
	"sync"
	"testing"
)

const refHypPrec = 240

// refLn2 is ln 2 = sum 1/(k 2**k) to refHypPrec bits.
var refLn2 = sync.OnceValue(func() *big.Float {
	sum := new(big.Float).SetPrec(refHypPrec)
	t := new(big.Float).SetPrec(refHypPrec)
	for k := 1; k < refHypPrec+20; k++ {
		t.SetMantExp(big.NewFloat(1), -k).SetPrec(refHypPrec) // SetMantExp takes mant's precision
		sum.Add(sum, t.Quo(t, big.NewFloat(float64(k))))
	}
	return sum
})

// refExpm1 returns e**y - 1: the Taylor series of e**r - 1 after y = k*ln2
// + r, |r| <= ln2/2, and 2**k*(e**r - 1) + (2**k - 1), both exact in
// big.Float, so small y lose nothing to cancellation.
func refExpm1(y *big.Float) *big.Float {
	q := new(big.Float).SetPrec(refHypPrec).Quo(y, refLn2())
	kf, _ := q.Float64()
	k := math.Round(kf)
	r := new(big.Float).SetPrec(refHypPrec).Mul(big.NewFloat(k), refLn2())
	r.Sub(y, r)
	sum := new(big.Float).SetPrec(refHypPrec)
	term := new(big.Float).SetPrec(refHypPrec).SetInt64(1)
	for n := 1; term.Sign() != 0 && (n < 3 || term.MantExp(nil) > sum.MantExp(nil)-refHypPrec); n++ {
		term.Mul(term, r)
		term.Quo(term, big.NewFloat(float64(n)))
		sum.Add(sum, term)
	}
	ki := int(k)
	sum.SetMantExp(sum, ki)
	p := new(big.Float).SetMantExp(big.NewFloat(1), ki).SetPrec(refHypPrec)
	return sum.Add(sum, p.Sub(p, big.NewFloat(1)))
}

func refTanh(x float64) *big.Float {
	y := new(big.Float).SetPrec(refHypPrec).SetFloat64(2 * math.Abs(x))
	if math.Abs(x) > 40 {
		return big.NewFloat(math.Copysign(1, x))
	}
	e := refExpm1(y)
	d := new(big.Float).SetPrec(refHypPrec).Add(e, big.NewFloat(2))
	e.Quo(e, d)
	if x < 0 {
		e.Neg(e)
	}
	return e
}

func refSigmoid(x float64) *big.Float {
	if math.Abs(x) > 800 { // beyond float64's reach: rounds to 0 or 1
		return big.NewFloat(math.Max(0, math.Copysign(1, x)))
	}
	y := new(big.Float).SetPrec(refHypPrec).SetFloat64(-x)
	e := refExpm1(y)
	e.Add(e, big.NewFloat(2)) // 1 + e**-x
	return e.Quo(big.NewFloat(1).SetPrec(refHypPrec), e)
}

func TestHyp64Constants(t *testing.T) {
	lo := new(big.Float).SetPrec(refHypPrec).Sub(refLn2(), big.NewFloat(hyp64Ln2Hi))
	if h, _ := refLn2().Float64(); h != hyp64Ln2Hi {
		t.Errorf("hyp64Ln2Hi = %v, want %v", hyp64Ln2Hi, h)
	}
	if l, _ := lo.Float64(); l != hyp64Ln2Lo {
		t.Errorf("hyp64Ln2Lo = %v, want %v", hyp64Ln2Lo, l)
	}
}

func TestTanhSigmoidF64(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	xs := randDoubles(r, 3000, -1074, 5)
	for range 3000 {
		xs = append(xs, (r.Float64()*2-1)*25)
	}
	for range 1000 {
		xs = append(xs, (r.Float64()*2-1)*800)
	}
	xs = append(xs, 0, math.Copysign(0, -1), 5e-324, -5e-324, 1e-300, 0x1p-28, 0.17328679513998632, 0.3465735902799726,
		0.5, 1, 19, 19.1, 22, 22.5, 36, 37, 37.5, 40, -40, -700, -708, -708.5, -709, -709.8, -744, -745, -745.2, -746, -800,
		700, 710, 1e10, -1e10, 1e300, -1e300, math.MaxFloat64, -math.MaxFloat64)
	for _, fn := range []struct {
		name string
		f    func(float64) float64
		ref  func(float64) *big.Float
	}{{"tanh", TanhF64, refTanh}, {"sigmoid", SigmoidF64, refSigmoid}} {
		worst, at := 0.0, 0.0
		for _, x := range xs {
			if e := ulpErr64(fn.f(x), fn.ref(x)); e > worst {
				worst, at = e, x
			}
		}
		t.Logf("%sF64: worst %.3f ulp at %g over %d inputs", fn.name, worst, at, len(xs))
		if worst > 2 {
			t.Errorf("%sF64(%v) = %v: %.3f ulp", fn.name, at, fn.f(at), worst)
		}
	}
	inf := math.Inf(1)
	for _, c := range []struct {
		f       func(float64) float64
		x, want float64
	}{
		{TanhF64, inf, 1}, {TanhF64, -inf, -1}, {TanhF64, math.Copysign(0, -1), math.Copysign(0, -1)}, {TanhF64, 0, 0},
		{TanhF64, math.NaN(), math.NaN()}, {TanhF64, 5e-324, 5e-324},
		{SigmoidF64, inf, 1}, {SigmoidF64, -inf, 0}, {SigmoidF64, 0, 0.5}, {SigmoidF64, math.Copysign(0, -1), 0.5},
		{SigmoidF64, math.NaN(), math.NaN()}, {SigmoidF64, -1e300, 0}, {SigmoidF64, 1e300, 1},
	} {
		got := c.f(c.x)
		if math.Float64bits(got) != math.Float64bits(c.want) && !(got != got && c.want != c.want) {
			t.Errorf("f(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	s := []float64{0, 1, -1, inf, math.NaN(), -3, 0.1, -800}
	d := make([]float64, len(s))
	TanhLoopF64(d, s)
	for i, x := range s {
		if math.Float64bits(d[i]) != math.Float64bits(TanhF64(x)) {
			t.Errorf("TanhLoopF64: %v for %v", d[i], x)
		}
	}
	SigmoidLoopF64(d, s)
	for i, x := range s {
		if math.Float64bits(d[i]) != math.Float64bits(SigmoidF64(x)) {
			t.Errorf("SigmoidLoopF64: %v for %v", d[i], x)
		}
	}
}

// TestTanhSigmoidLoopsF64 checks that the loops, vector kernels included,
// give TanhF64's and SigmoidF64's bits, over lengths 0..33, unaligned
// starts and blocks mixing in-range and out-of-range lanes.
func TestTanhSigmoidLoopsF64(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0, 5e-324, -1e-310, 1e300, -1e300,
		22, 22.5, -21.9, 708, -708, 708.1, -708.1, -745, 37.5, 0x1p-28}
	xs := append(randDoubles(r, 20000, -1074, 10), special...)
	for range 20000 {
		xs = append(xs, (r.Float64()*2-1)*50)
	}
	if mathtrigAVX2 {
		for _, vec := range []func(d, s []float64) int{tanhVec64, sigmoidVec64} {
			if n := vec(make([]float64, 9), []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}); n != 8 {
				t.Fatalf("vector kernel did %d of 8 elements", n)
			}
		}
	}
	checkLoopsMatchScalar64(t, r, xs, special, []loopCase64{{"tanh", TanhLoopF64, TanhF64}, {"sigmoid", SigmoidLoopF64, SigmoidF64}})
}
