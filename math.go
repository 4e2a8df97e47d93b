package nd

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// binary applies a strict binary primitive after NumPy's promotion and
// broadcasting of x and y.
func binary(op string, f func(x, y *core.Array) *core.Array, x, y any) *Array {
	a, b := binaryOperands(op, x, y)
	return wrap(keepWeak(f(a, b), x, y))
}

// unary applies a strict unary primitive to x.
func unary(op string, f func(x *core.Array) *core.Array, x any) *Array {
	return wrap(f(operand(op, x)))
}

// Add returns x + y elementwise, with broadcasting.
func Add(x, y any) *Array { return binary("nd.Add", prims.Add, x, y) }

// Mul returns x * y elementwise, with broadcasting.
func Mul(x, y any) *Array { return binary("nd.Mul", prims.Mul, x, y) }

// Neg returns -x elementwise.
func Neg(x any) *Array { return unary("nd.Neg", prims.Neg, x) }

// Exp returns e**x elementwise. Integer inputs are converted to float64
// first, as NumPy does.
func Exp(x any) *Array { return unary("nd.Exp", prims.Exp, toFloat("nd.Exp", x)) }

// toFloat converts integer and bool operands of a float-only op to float64
// (NumPy's rule for ufuncs like exp), leaving float arrays as they are.
func toFloat(op string, x any) *Array {
	a := operand(op, x)
	if a.DType().IsFloat() {
		return wrap(a)
	}
	return wrap(castTo(op, a, core.Float64))
}

// AsType returns a converted to dtype d (a itself if it already has it).
func (a *Array) AsType(d DType) *Array {
	checkDTypeValid("Array.AsType", d)
	return wrap(prims.Convert(a.c(), d))
}

// Add returns a + y (see nd.Add).
func (a *Array) Add(y any) *Array { return Add(a, y) }

// Mul returns a * y (see nd.Mul).
func (a *Array) Mul(y any) *Array { return Mul(a, y) }

// Neg returns -a.
func (a *Array) Neg() *Array { return Neg(a) }
