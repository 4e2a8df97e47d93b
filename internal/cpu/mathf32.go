package cpu

import "math"

// nd's own float32 transcendentals: the exponential and the functions
// built on it, evaluated in float64 arithmetic with a fixed polynomial (no
// libm, no assembly), so every platform computes the same bits. The
// polynomial's error (about 2e-10 relative) is far below half a float32
// ulp, so results are within 1 ulp of the correctly rounded value, and
// usually equal to it.

// expTable[j] is 2**(j/32).
var expTable = func() (t [32]float64) {
	for j := range t {
		t[j] = math.Exp2(float64(j) / 32)
	}
	return t
}()

const (
	log2eBy32 = 32 * 1.4426950408889634 // 32/ln2
	ln2By32   = 0.6931471805599453 / 32
)

// expPoly returns e**v for v in [-745, 709.7] with relative error below
// 1e-11: v = (32m + j)*ln2/32 + r with |r| <= ln2/64, so e**v is
// 2**m * 2**(j/32) * e**r, e**r by its Taylor polynomial of degree 4
// (evaluated in two independent halves to shorten the dependency chain).
func expPoly(v float64) float64 {
	t := v * log2eBy32
	ki := int64(t + math.Copysign(0.5, t)) // round half away from zero
	r := v - float64(ki)*ln2By32
	r2 := r * r
	p := (1 + r) + r2*((1.0/2+r*(1.0/6))+r2*(1.0/24))
	j, m := ki&31, ki>>5
	p *= expTable[j]
	if m < -1022 { // scale in two steps to reach float64 subnormals
		return p * math.Float64frombits(uint64(m+1022+1023)<<52) * 0x1p-1022
	}
	return p * math.Float64frombits(uint64(m+1023)<<52)
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
	return float32(expOf32(x))
}

// expOf32 returns e**x in float64 for a float32 x. Kernels convert their
// float32 operand here, inside a call, rather than in their own loop: a
// float32-to-float64 conversion in the loop body leaves a false dependency
// between iterations (cvtss2sd merges into the old register) that made
// tanh four times slower.
func expOf32(x float32) float64 { return expPoly(float64(x)) }

// Tanh32 returns the hyperbolic tangent of x. The sign is handled with bit
// operations, not branches: random signs would mispredict half the time.
func Tanh32(x float32) float32 {
	bits := math.Float32bits(x)
	sign := bits & (1 << 31)
	a := math.Float32frombits(bits &^ (1 << 31))
	var t float32
	switch {
	case x != x:
		return x
	case a > 9.1: // tanh rounds to 1 in float32
		t = 1
	case a < 0.0625:
		// Odd Taylor polynomial: the next term is below 4e-9 relative.
		v := float64(a)
		s := v * v
		t = float32(v * (1 + s*(-1.0/3+s*(2.0/15+s*(-17.0/315)))))
	default:
		t = float32(1 - 2/(expOf32(2*a)+1)) // 2*a is exact
	}
	return math.Float32frombits(math.Float32bits(t) | sign)
}

// Sigmoid32 returns the logistic function 1/(1+e**-x).
func Sigmoid32(x float32) float32 {
	switch {
	case x != x:
		return x
	case x > 40:
		return 1
	case x < -104:
		return 0
	}
	return float32(1 / (1 + expOf32(-x)))
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
