package cpu

import (
	"math"
	"math/big"
	"math/rand"
	"testing"
)

// refErf returns erf(x) for finite x to about 200 bits: its Taylor series
// (with guard bits for the cancellation, e**(x*x) at most) below 7, and 1
// minus the first terms of the asymptotic series of erfc above, where
// erfc is below 2**-70.
func refErf(x float64) *big.Float {
	const prec = 320
	a := math.Abs(x)
	if a > 7 {
		return big.NewFloat(math.Copysign(1, x))
	}
	X := new(big.Float).SetPrec(prec).SetFloat64(x)
	x2 := new(big.Float).SetPrec(prec).Mul(X, X)
	term := new(big.Float).SetPrec(prec).Set(X)
	sum := new(big.Float).SetPrec(prec).Set(X)
	t := new(big.Float).SetPrec(prec)
	for n := int64(1); ; n++ {
		term.Mul(term, x2)
		term.Quo(term, big.NewFloat(float64(-n)))
		t.Quo(term, big.NewFloat(float64(2*n+1)))
		sum.Add(sum, t)
		if t.Sign() == 0 || t.MantExp(nil) < sum.MantExp(nil)-230 && n > int64(x*x)+2 {
			break
		}
	}
	sq := new(big.Float).SetPrec(prec).Sqrt(new(big.Float).SetPrec(prec).Set(refPi()))
	return sum.Quo(sum.Mul(sum, big.NewFloat(2)), sq)
}

func TestErfF64(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	xs := randDoubles(r, 6000, -1074, 3)
	for range 6000 {
		xs = append(xs, (r.Float64()*2-1)*6.5)
	}
	for i := range 24 * 4 { // the interval edges and their neighbours
		e := float64(i) / 16
		xs = append(xs, e, -e, math.Nextafter(e, 0), math.Nextafter(e, 7))
	}
	xs = append(xs, 0, math.Copysign(0, -1), 5e-324, -5e-324, 1e-300, 5.9, 5.95, 6, 6.01, 7, 8, 27, 1e10, 1e300, -1e300)
	worst, at := 0.0, 0.0
	for _, x := range xs {
		if e := ulpErr64(ErfF64(x), refErf(x)); e > worst {
			worst, at = e, x
		}
	}
	t.Logf("ErfF64: worst %.3f ulp at %g over %d inputs", worst, at, len(xs))
	if worst > 2 {
		t.Errorf("ErfF64(%v) = %v: %.3f ulp", at, ErfF64(at), worst)
	}
	for _, c := range []struct{ x, want float64 }{{math.Inf(1), 1}, {math.Inf(-1), -1}, {0, 0}, {math.Copysign(0, -1), math.Copysign(0, -1)}, {math.NaN(), math.NaN()}} {
		got := ErfF64(c.x)
		if math.Float64bits(got) != math.Float64bits(c.want) && !(got != got && c.want != c.want) {
			t.Errorf("ErfF64(%v) = %v, want %v", c.x, got, c.want)
		}
	}
}

func TestErfF32(t *testing.T) {
	xs := samples(-7, 7)
	worst, at := 0.0, float32(0)
	for _, x := range xs {
		if e := ulpErr32(ErfF32(x), math.Erf(float64(x))); e > worst {
			worst, at = e, x
		}
	}
	t.Logf("ErfF32: worst %.4f ulp at %g over %d inputs", worst, at, len(xs))
	if worst > 2 {
		t.Errorf("ErfF32(%v) = %v: %.3f ulp", at, ErfF32(at), worst)
	}
	if z := ErfF32(float32(math.Copysign(0, -1))); z != 0 || !math.Signbit(float64(z)) {
		t.Errorf("ErfF32(-0) = %v, want -0", z)
	}
	s := []float32{0, 1, -1, float32(math.Inf(-1)), float32(math.NaN()), 3, 0.1}
	d := make([]float32, len(s))
	ErfLoopF32(d, s)
	for i, x := range s {
		if math.Float32bits(d[i]) != math.Float32bits(ErfF32(x)) {
			t.Errorf("ErfLoopF32: %v for %v", d[i], x)
		}
	}
	s64 := []float64{0, 1, -1, math.Inf(-1), math.NaN(), 3, 0.1}
	d64 := make([]float64, len(s64))
	ErfLoopF64(d64, s64)
	for i, x := range s64 {
		if math.Float64bits(d64[i]) != math.Float64bits(ErfF64(x)) {
			t.Errorf("ErfLoopF64: %v for %v", d64[i], x)
		}
	}
}
