package cpu

import "math"

// nd's own float32 transcendentals: the exponential and the functions
// built on it, evaluated in float64 arithmetic with a fixed polynomial (no
// libm, no assembly), so every platform computes the same bits. The
// polynomial's error (about 2e-10 relative) is far below half a float32
// ulp, so results are within 1 ulp of the correctly rounded value, and
// usually equal to it.

const (
	log2e = 1.4426950408889634
	ln2   = 0.6931471805599453
)

// expPoly returns e**v for v in [-745, 709.7] with relative error below
// 3e-10: v = k*ln2 + r with |r| <= ln2/2, e**r by its Taylor polynomial of
// degree 8, scaled by 2**k through the exponent bits.
func expPoly(v float64) float64 {
	k := math.Floor(v*log2e + 0.5)
	r := v - k*ln2
	p := 1 + r*(1+r*(1.0/2+r*(1.0/6+r*(1.0/24+r*(1.0/120+r*(1.0/720+r*(1.0/5040+r*(1.0/40320))))))))
	ki := int64(k)
	if ki < -1022 { // scale in two steps to reach float64 subnormals
		return p * math.Float64frombits(uint64(ki+1022+1023)<<52) * 0x1p-1022
	}
	return p * math.Float64frombits(uint64(ki+1023)<<52)
}

// Exp32 returns e**x.
func Exp32(x float32) float32 {
	switch {
	case x != x:
		return x
	case x > 88.72284:
		return float32(math.Inf(1))
	case x < -104:
		return 0
	}
	return float32(expPoly(float64(x)))
}

// Tanh32 returns the hyperbolic tangent of x.
func Tanh32(x float32) float32 {
	v := float64(x)
	a := math.Abs(v)
	var t float64
	switch {
	case x != x:
		return x
	case a < 0.0625:
		// Odd Taylor polynomial: the next term is below 4e-9 relative.
		s := v * v
		return float32(v * (1 + s*(-1.0/3+s*(2.0/15+s*(-17.0/315)))))
	case a > 10:
		t = 1
	default:
		t = 1 - 2/(expPoly(2*a)+1)
	}
	return float32(math.Copysign(t, v))
}

// Sigmoid32 returns the logistic function 1/(1+e**-x).
func Sigmoid32(x float32) float32 {
	v := float64(x)
	switch {
	case x != x:
		return x
	case v > 40:
		return 1
	case v < -104:
		return 0
	}
	return float32(1 / (1 + expPoly(-v)))
}

// ExpLoop32 sets d[i] = e**s[i].
func ExpLoop32(d, s []float32) {
	d = d[:len(s)]
	for i, x := range s {
		d[i] = Exp32(x)
	}
}

// TanhLoop32 sets d[i] = tanh(s[i]).
func TanhLoop32(d, s []float32) {
	d = d[:len(s)]
	for i, x := range s {
		d[i] = Tanh32(x)
	}
}

// SigmoidLoop32 sets d[i] = 1/(1+e**-s[i]).
func SigmoidLoop32(d, s []float32) {
	d = d[:len(s)]
	for i, x := range s {
		d[i] = Sigmoid32(x)
	}
}
