package cpu

import (
	"math"

	"github.com/nd-go/nd/internal/core"
)

// nd's own pow for float32 and float64, without libm: x**y = e**(y*log x)
// with log x as a double-double (logDD, about 2**-68 relative), y*log x as
// a double-double (FMA), and the exponential of that double-double
// (exp64DD), so the error of y*log x, even near |y*log x| = 745, stays
// far below an ulp of the result and results are within 1 ulp of the
// correctly rounded value (measured: see mathpow_test.go). PowF32 needs
// less and computes in plain float64 (within 1 ulp of float32 as well).
//
// The loops of PowKernelsF32 and PowKernelsF64 run AVX2+FMA kernels on
// amd64 (see mathlog.go) for positive finite bases and finite exponents:
// powPositive's algorithm lane by lane, float32 in float64 lanes; the
// other lanes take the scalar functions.
//
// Special cases are C99's (F.9.4.4) and Go's math.Pow: pow(x, ±0) = 1 and
// pow(1, y) = 1 even for NaN, pow(x, 1) = x, pow(±0, y<0 odd) = ±Inf,
// pow(±0, y<0 otherwise) = +Inf, pow(±0, y>0 odd) = ±0, pow(-1, ±Inf) = 1,
// pow(x<0 finite, y finite non-integer) = NaN, pow(-Inf, y) = pow(-0, -y),
// and so on.

// logDD returns log(v) as a double-double for a positive finite v,
// subnormals included.
func logDD(v float64) (hi, lo float64) {
	if v >= 0x1p-1022 {
		return logDDNormal(v)
	}
	h, l := logDDNormal(v * 0x1p54)
	s, e := logTwoSum(h, -54*logLn2Hi)
	return s, e + (l - 54*logLn2Lo)
}

// powPositive returns x**y for a positive finite x and a finite y.
func powPositive(x, y float64) float64 {
	lh, ll := logDD(x)
	zh := y * lh
	if !(zh >= -746 && zh <= 710) {
		if zh > 0 {
			return math.Inf(1)
		}
		return 0
	}
	zl := math.FMA(y, lh, -zh) + y*ll
	return exp64DD(zh, zl)
}

// powOddInt reports whether y is an odd integer (every float64 from 2**53
// on is even).
func powOddInt(y float64) bool {
	return math.Abs(y) < 1<<53 && y == math.Trunc(y) && int64(y)&1 == 1
}

// PowF64 returns x**y.
func PowF64(x, y float64) float64 {
	if x > 0 && x <= math.MaxFloat64 && math.Abs(y) <= math.MaxFloat64 && y != 1 {
		return powPositive(x, y)
	}
	return powSpecial(x, y)
}

// powSpecial returns x**y where x is not positive and finite, or y is not
// finite, or y = 1: the cases of Go's math.Pow in its order, then
// negative finite x.
func powSpecial(x, y float64) float64 {
	switch {
	case y == 0 || x == 1:
		return 1
	case y == 1:
		return x
	case x != x || y != y:
		return math.NaN()
	case x == 0:
		odd := math.Signbit(x) && powOddInt(y)
		switch {
		case y < 0 && odd:
			return math.Inf(-1)
		case y < 0:
			return math.Inf(1)
		case odd:
			return x
		}
		return 0
	case math.IsInf(y, 0):
		switch {
		case x == -1:
			return 1
		case (math.Abs(x) < 1) == (y > 0):
			return 0
		}
		return math.Inf(1)
	case math.IsInf(x, 0):
		if x < 0 {
			return powSpecial(math.Copysign(0, -1), -y)
		}
		if y < 0 {
			return 0
		}
		return math.Inf(1)
	}
	// Finite negative x, finite y.
	if y != math.Trunc(y) {
		return math.NaN()
	}
	r := powPositive(-x, y)
	if powOddInt(y) {
		return -r
	}
	return r
}

// PowF32 returns x**y. For positive x it computes e**(y*log x) in float64
// with the float32 functions' log and exp polynomials (log32Core, 1e-10
// relative; expPoly, 1e-11): |y*log x| stays below 110 where the result is
// a float32 other than 0 or +Inf, so the error is below 1e-8 relative, a
// fifth of a float32 ulp. Other bases take the float64 computation.
func PowF32(x, y float32) float32 {
	if x > 0 && x <= math.MaxFloat32 && y >= -math.MaxFloat32 && y <= math.MaxFloat32 && y != 1 {
		z := float64(y) * log32Core(float64(x))
		if !(z >= -110 && z <= 100) {
			if z > 0 {
				return float32(math.Inf(1))
			}
			return 0
		}
		return float32(expPoly(z))
	}
	return float32(powSpecial(float64(x), float64(y)))
}

// powBlock is the block of the broadcast operand in the VS and SV loops,
// which run the VV kernels on a copy of it.
const powBlock = 256

// powLoopF32 sets d[i] = a[i]**b[i]; d and b have len(a). The vector
// kernel computes the first len(a)&^7 lanes for positive finite bases and
// finite exponents; the other lanes take PowF32.
func powLoopF32(d, a, b []float32) {
	d, b = d[:len(a)], b[:len(a)]
	n := powVecF32(d, a, b)
	for i, x := range a[:n] {
		y := b[i]
		if !(x > 0 && x <= math.MaxFloat32 && y >= -math.MaxFloat32 && y <= math.MaxFloat32 && y != 1) {
			d[i] = PowF32(x, y)
		}
	}
	for i := n; i < len(a); i++ {
		d[i] = PowF32(a[i], b[i])
	}
}

// powLoopF64 is powLoopF32 for float64.
func powLoopF64(d, a, b []float64) {
	d, b = d[:len(a)], b[:len(a)]
	n := powVecF64(d, a, b)
	for i, x := range a[:n] {
		y := b[i]
		if !(x > 0 && x <= math.MaxFloat64 && math.Abs(y) <= math.MaxFloat64 && y != 1) {
			d[i] = PowF64(x, y)
		}
	}
	for i := n; i < len(a); i++ {
		d[i] = PowF64(a[i], b[i])
	}
}

// PowKernelsF32 returns the float32 pow loops for Binary.
func PowKernelsF32() BinaryKernels[float32, float32] { return kernelsOfVV(powLoopF32) }

// PowKernelsF64 returns the float64 pow loops for Binary.
func PowKernelsF64() BinaryKernels[float64, float64] { return kernelsOfVV(powLoopF64) }

// kernelsOfVV returns the kernels of a binary loop that has only the VV
// form: VS and SV run it on blocks of powBlock copies of the scalar.
func kernelsOfVV[T core.Float](vv func(d, a, b []T)) BinaryKernels[T, T] {
	return BinaryKernels[T, T]{
		VV: vv,
		VS: func(d, a []T, y T) {
			var yb [powBlock]T
			for i := range yb {
				yb[i] = y
			}
			for lo := 0; lo < len(a); lo += powBlock {
				hi := min(lo+powBlock, len(a))
				vv(d[lo:hi], a[lo:hi], yb[:hi-lo])
			}
		},
		SV: func(d []T, x T, b []T) {
			var xb [powBlock]T
			for i := range xb {
				xb[i] = x
			}
			for lo := 0; lo < len(b); lo += powBlock {
				hi := min(lo+powBlock, len(b))
				vv(d[lo:hi], xb[:hi-lo], b[lo:hi])
			}
		},
	}
}
