package nd

import (
	"math"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// This file holds the elementwise ops: NumPy's ufuncs for arithmetic,
// math functions, comparisons and logic, plus Where and Clip. Each takes
// *Array operands or Go numbers (weakly typed, as in JAX), broadcasts them
// and promotes their dtypes by NumPy's rules, then binds primitives. Ops
// NumPy has but lax lacks (FloorDiv, Mod, Square, IsInf, ...) are written
// from primitives here, so they trace, differentiate and batch like any op.
//
// Bool operands follow NumPy where nd can: Add and Maximum are logical or,
// Mul and Minimum logical and, Sub, Neg and Sign reject them. Where NumPy
// answers in int8 or float16, dtypes nd lacks, nd answers in the nearest
// dtype it has that holds the values: uint8 for bool operands of FloorDiv,
// Mod, Pow and Square, float64 for the float-only functions.

// elementwiseOperands is binaryOperands with a fast path for the common
// case of two arrays of one dtype and shape, which need neither promotion
// nor broadcasting: an op on small arrays is all fixed cost.
func elementwiseOperands(op string, x, y any) (*core.Array, *core.Array) {
	if xa, ok := x.(*Array); ok && xa != nil {
		if ya, ok := y.(*Array); ok && ya != nil {
			a, b := xa.c(), ya.c()
			if a.DType() == b.DType() && core.EqualShapes(a.Shape(), b.Shape()) {
				return a, b
			}
		}
	}
	return binaryOperands(op, x, y)
}

// binary applies a strict binary primitive after NumPy's promotion and
// broadcasting of x and y.
func binary(op string, f func(x, y *core.Array) *core.Array, x, y any) *Array {
	a, b := elementwiseOperands(op, x, y)
	return wrap(keepWeak(f(a, b), x, y))
}

// unary applies a strict unary primitive to x. The result of a Go number is
// weak, like the number.
func unary(op string, f func(x *core.Array) *core.Array, x any) *Array {
	return wrap(keepWeak(f(operand(op, x)), x, x))
}

// toFloat converts integer and bool operands of a float-only op to float64
// (NumPy's rule for ufuncs like exp), leaving float arrays as they are.
func toFloat(op string, x any) *Array {
	a := operand(op, x)
	if a.DType().IsFloat() {
		return wrap(a)
	}
	return wrap(castTo(op, a, core.Float64))
}

// floatUnary applies a float-only primitive, converting other dtypes first.
func floatUnary(op string, f func(x *core.Array) *core.Array, x any) *Array {
	return wrap(keepWeak(f(toFloat(op, x).c()), x, x))
}

// floatOperands is binaryOperands for float-only ops: integer and bool
// operands that promote to a non-float dtype become float64.
func floatOperands(op string, x, y any) (*core.Array, *core.Array) {
	a, b := elementwiseOperands(op, x, y)
	if !a.DType().IsFloat() {
		a, b = castTo(op, a, core.Float64), castTo(op, b, core.Float64)
	}
	return a, b
}

// mathConst returns v in the dtype and shape of like: a 0-d array broadcast
// without copying, which the kernels read as a scalar.
func mathConst(like *core.Array, v float64) *core.Array {
	c := castTo("nd.const", core.New(core.Float64, nil, []float64{v}), like.DType())
	return broadcastTo(c, like.Shape())
}

// rejectBool panics when an op NumPy refuses for bools gets a bool operand.
func rejectBool(op string, a *core.Array, hint string) {
	if a.DType() == core.Bool {
		core.Panicf(op, "operand dtype bool is not supported%s", hint)
	}
}

// boolToUint8 converts bool operands of ops for which NumPy answers in int8.
func boolToUint8(op string, a, b *core.Array) (*core.Array, *core.Array) {
	if a.DType() == core.Bool {
		return castTo(op, a, core.Uint8), castTo(op, b, core.Uint8)
	}
	return a, b
}

// ---- arithmetic

// Add returns x + y elementwise with broadcasting (np.add). For bools it is
// logical or; integers wrap around.
func Add(x, y any) *Array {
	const op = "nd.Add"
	a, b := elementwiseOperands(op, x, y)
	if a.DType() == core.Bool {
		return wrap(keepWeak(prims.Or(a, b), x, y))
	}
	return wrap(keepWeak(prims.Add(a, b), x, y))
}

// Sub returns x - y elementwise with broadcasting (np.subtract). Bools are
// rejected, as in NumPy.
func Sub(x, y any) *Array {
	const op = "nd.Sub"
	a, b := elementwiseOperands(op, x, y)
	rejectBool(op, a, "; use LogicalXor")
	return wrap(keepWeak(prims.Sub(a, b), x, y))
}

// Mul returns x * y elementwise with broadcasting (np.multiply). For bools
// it is logical and.
func Mul(x, y any) *Array {
	const op = "nd.Mul"
	a, b := elementwiseOperands(op, x, y)
	if a.DType() == core.Bool {
		return wrap(keepWeak(prims.And(a, b), x, y))
	}
	return wrap(keepWeak(prims.Mul(a, b), x, y))
}

// Div returns the true quotient x / y elementwise with broadcasting
// (np.true_divide): integer and bool operands give float64, as in NumPy.
func Div(x, y any) *Array {
	a, b := floatOperands("nd.Div", x, y)
	return wrap(keepWeak(prims.Div(a, b), x, y))
}

// FloorDiv returns floor(x / y) elementwise with broadcasting
// (np.floor_divide, Python's //). For integers a zero divisor gives 0, as
// in NumPy; for floats the result is NumPy's: exact for the remainder Mod
// gives (1 // 0.1 is 9), ±Inf or NaN for a zero divisor.
func FloorDiv(x, y any) *Array {
	const op = "nd.FloorDiv"
	a, b := elementwiseOperands(op, x, y)
	a, b = boolToUint8(op, a, b)
	if a.DType().IsFloat() {
		return wrap(keepWeak(floatFloorDiv(a, b), x, y))
	}
	q, r := prims.Div(a, b), prims.Rem(a, b)
	return wrap(keepWeak(prims.Select(intModAdjust(r, b), prims.Sub(q, mathConst(q, 1)), q), x, y))
}

// Mod returns the remainder of floor division elementwise with broadcasting
// (np.mod, Python's %): its sign follows the divisor. For integers a zero
// divisor gives 0; for floats NaN.
func Mod(x, y any) *Array {
	const op = "nd.Mod"
	a, b := elementwiseOperands(op, x, y)
	a, b = boolToUint8(op, a, b)
	if a.DType().IsFloat() {
		return wrap(keepWeak(floatMod(a, b), x, y))
	}
	r := prims.Rem(a, b)
	return wrap(keepWeak(prims.Select(intModAdjust(r, b), prims.Add(r, b), r), x, y))
}

// intModAdjust says where a truncated remainder r of a division by b has
// the wrong sign for floor division: r != 0 and sign(r) != sign(b). It
// serves integers and floats alike.
func intModAdjust(r, b *core.Array) *core.Array {
	zero := mathConst(r, 0)
	return prims.And(prims.Ne(r, zero), prims.Ne(prims.Lt(r, zero), prims.Lt(b, zero)))
}

// floatFloorDiv is the quotient of NumPy's npy_divmod for floats, written
// with primitives: (a - fmod(a, b)) / b, less one where the remainder has
// the wrong sign, rounded to the integer it is meant to be; a zero quotient
// takes the sign of a / b, and a zero divisor gives a / b.
func floatFloorDiv(a, b *core.Array) *core.Array {
	zero, one := mathConst(a, 0), mathConst(a, 1)
	r := prims.Rem(a, b)
	div := prims.Div(prims.Sub(a, r), b)
	div = prims.Select(intModAdjust(r, b), prims.Sub(div, one), div)
	fl := prims.Floor(div)
	fl = prims.Select(prims.Gt(prims.Sub(div, fl), mathConst(a, 0.5)), prims.Add(fl, one), fl)
	q := prims.Div(a, b)
	fl = prims.Select(prims.Eq(div, zero), prims.Mul(q, zero), fl)
	return prims.Select(prims.Eq(b, zero), q, fl)
}

// floatMod is the remainder of NumPy's npy_divmod for floats: fmod(a, b)
// moved to the divisor's sign; a zero remainder takes the divisor's sign.
func floatMod(a, b *core.Array) *core.Array {
	zero := mathConst(a, 0)
	r := prims.Rem(a, b)
	r = prims.Select(intModAdjust(r, b), prims.Add(r, b), r)
	signedZero := prims.Select(prims.Lt(b, zero), mathConst(a, math.Copysign(0, -1)), zero)
	return prims.Select(prims.Eq(r, zero), signedZero, r)
}

// Pow returns x ** y elementwise with broadcasting (np.power). Integers to
// a negative integer power panic, as in NumPy, when the exponent is known
// (not traced); a traced one gives the truncated value of 1/x**-y.
func Pow(x, y any) *Array {
	const op = "nd.Pow"
	a, b := elementwiseOperands(op, x, y)
	a, b = boolToUint8(op, a, b)
	// Look at the exponent before broadcasting: a broadcast copy could be huge.
	if e := operand(op, y); b.DType().IsInt() && !e.IsSymbolic() && hasNegative(e) {
		core.Panicf(op, "integers to negative integer powers are not allowed")
	}
	return wrap(keepWeak(prims.Pow(a, b), x, y))
}

// hasNegative reports whether a concrete integer array has a negative element.
func hasNegative(a *core.Array) bool {
	switch a.DType() {
	case core.Int32:
		for _, v := range core.Data[int32](a) {
			if v < 0 {
				return true
			}
		}
	case core.Int64:
		for _, v := range core.Data[int64](a) {
			if v < 0 {
				return true
			}
		}
	}
	return false
}

// Maximum returns the elementwise maximum of x and y with broadcasting
// (np.maximum): NaN in either propagates.
func Maximum(x, y any) *Array { return binary("nd.Maximum", prims.Max, x, y) }

// Minimum returns the elementwise minimum of x and y with broadcasting
// (np.minimum): NaN in either propagates.
func Minimum(x, y any) *Array { return binary("nd.Minimum", prims.Min, x, y) }

// Clip limits x to [lo, hi] elementwise (np.clip): Minimum(Maximum(x, lo),
// hi). A nil bound is left out. Where lo > hi the result is hi, as in NumPy;
// the dtype is the promotion of all three.
func Clip(x, lo, hi any) *Array {
	r := operand("nd.Clip", x)
	out := wrap(r)
	if lo != nil {
		out = binary("nd.Clip", prims.Max, out, lo)
	}
	if hi != nil {
		out = binary("nd.Clip", prims.Min, out, hi)
	}
	if _, isArr := x.(*Array); !isArr && !out.c().IsSymbolic() {
		out.c().SetWeak(keepsWeak(lo) && keepsWeak(hi))
	}
	return out
}

// keepsWeak reports whether a Clip bound leaves a Go-number x weak.
func keepsWeak(v any) bool {
	_, isArr := v.(*Array)
	return !isArr
}

// Atan2 returns the arc tangent of x/y elementwise in the quadrant of the
// point (y, x) (np.arctan2(x, y)), with broadcasting. Integer and bool
// operands give float64.
func Atan2(x, y any) *Array {
	a, b := floatOperands("nd.Atan2", x, y)
	return wrap(keepWeak(prims.Atan2(a, b), x, y))
}

// Neg returns -x elementwise (np.negative). Bools are rejected, as in
// NumPy; integers wrap around.
func Neg(x any) *Array {
	const op = "nd.Neg"
	a := operand(op, x)
	rejectBool(op, a, "; use LogicalNot")
	return wrap(keepWeak(prims.Neg(a), x, x))
}

// Abs returns |x| elementwise (np.absolute); bools are returned as they
// are, and the most negative integer stays itself, as in NumPy.
func Abs(x any) *Array {
	a := operand("nd.Abs", x)
	if a.DType() == core.Bool {
		return wrap(a)
	}
	return wrap(keepWeak(prims.Abs(a), x, x))
}

// Sign returns -1, 0 or 1 elementwise by the sign of x (np.sign): NaN for
// NaN, in x's dtype. Bools are rejected, as in NumPy.
func Sign(x any) *Array {
	const op = "nd.Sign"
	a := operand(op, x)
	rejectBool(op, a, "")
	return wrap(keepWeak(prims.Sign(a), x, x))
}

// Square returns x * x elementwise (np.square). Bools give uint8.
func Square(x any) *Array {
	a := operand("nd.Square", x)
	a, _ = boolToUint8("nd.Square", a, a)
	return wrap(keepWeak(prims.Mul(a, a), x, x))
}

// Reciprocal returns 1 / x elementwise (np.reciprocal), in x's dtype: for
// integers the truncated quotient (1 for 1, -1 for -1, else 0; 0 for 0,
// where NumPy's value is undefined); bools give uint8.
func Reciprocal(x any) *Array {
	a := operand("nd.Reciprocal", x)
	a, _ = boolToUint8("nd.Reciprocal", a, a)
	return wrap(keepWeak(prims.Div(mathConst(a, 1), a), x, x))
}

// ---- rounding

// Floor returns the largest integer not above x, elementwise (np.floor).
// Integer and bool operands give float64, as in NumPy.
func Floor(x any) *Array { return floatUnary("nd.Floor", prims.Floor, x) }

// Ceil returns the smallest integer not below x, elementwise (np.ceil).
// Integer and bool operands give float64, as in NumPy.
func Ceil(x any) *Array { return floatUnary("nd.Ceil", prims.Ceil, x) }

// Round rounds x elementwise to the nearest integer, halves to even
// (np.round with decimals=0). Integer arrays are returned as they are, as
// in NumPy; bools give float64.
func Round(x any) *Array {
	a := operand("nd.Round", x)
	if a.DType().IsInt() {
		return wrap(a)
	}
	return floatUnary("nd.Round", prims.Round, x)
}

// ---- exponentials, logarithms, powers, trigonometry (float-only: integer
// and bool operands are converted to float64 first, as NumPy does)

// Exp returns e**x elementwise (np.exp).
func Exp(x any) *Array { return floatUnary("nd.Exp", prims.Exp, x) }

// Expm1 returns e**x - 1 elementwise, accurate near 0 (np.expm1).
func Expm1(x any) *Array { return floatUnary("nd.Expm1", prims.Expm1, x) }

// Log returns the natural logarithm elementwise (np.log): -Inf at 0, NaN
// below.
func Log(x any) *Array { return floatUnary("nd.Log", prims.Log, x) }

// Log1p returns log(1 + x) elementwise, accurate near 0 (np.log1p).
func Log1p(x any) *Array { return floatUnary("nd.Log1p", prims.Log1p, x) }

// Sqrt returns the square root elementwise (np.sqrt): NaN below 0.
func Sqrt(x any) *Array { return floatUnary("nd.Sqrt", prims.Sqrt, x) }

// Rsqrt returns 1 / sqrt(x) elementwise.
func Rsqrt(x any) *Array { return floatUnary("nd.Rsqrt", prims.Rsqrt, x) }

// Sin returns the sine elementwise (np.sin), x in radians.
func Sin(x any) *Array { return floatUnary("nd.Sin", prims.Sin, x) }

// Cos returns the cosine elementwise (np.cos), x in radians.
func Cos(x any) *Array { return floatUnary("nd.Cos", prims.Cos, x) }

// Tan returns the tangent elementwise (np.tan), x in radians.
func Tan(x any) *Array { return floatUnary("nd.Tan", prims.Tan, x) }

// Tanh returns the hyperbolic tangent elementwise (np.tanh).
func Tanh(x any) *Array { return floatUnary("nd.Tanh", prims.Tanh, x) }

// Sigmoid returns the logistic function 1 / (1 + e**-x) elementwise
// (scipy.special.expit), without overflow for any x.
func Sigmoid(x any) *Array { return floatUnary("nd.Sigmoid", prims.Logistic, x) }

// Erf returns the error function elementwise (scipy.special.erf).
func Erf(x any) *Array { return floatUnary("nd.Erf", prims.Erf, x) }

// ---- classification

// IsNaN reports elementwise whether x is NaN (np.isnan), as a bool array:
// x != x. Integer and bool elements are never NaN.
func IsNaN(x any) *Array {
	a := operand("nd.IsNaN", x)
	return wrap(keepWeak(prims.Ne(a, a), x, x))
}

// IsFinite reports elementwise whether x is neither infinite nor NaN
// (np.isfinite), as a bool array. Integer and bool elements are finite.
func IsFinite(x any) *Array {
	a := operand("nd.IsFinite", x)
	if !a.DType().IsFloat() {
		return wrap(keepWeak(prims.Eq(a, a), x, x))
	}
	return wrap(keepWeak(prims.IsFinite(a), x, x))
}

// IsInf reports elementwise whether x is +Inf or -Inf (np.isinf), as a bool
// array. Integer and bool elements are never infinite.
func IsInf(x any) *Array {
	a := operand("nd.IsInf", x)
	if !a.DType().IsFloat() {
		return wrap(keepWeak(prims.Ne(a, a), x, x))
	}
	inf := mathConst(a, math.Inf(1))
	return wrap(keepWeak(prims.Eq(prims.Abs(a), inf), x, x))
}

// ---- comparisons (bool results with broadcasting; operands are promoted
// first, so int32 against float32 compares in float64; NaN compares false
// but for NotEqual)

// Equal returns x == y elementwise (np.equal).
func Equal(x, y any) *Array { return binary("nd.Equal", prims.Eq, x, y) }

// NotEqual returns x != y elementwise (np.not_equal); true where either is NaN.
func NotEqual(x, y any) *Array { return binary("nd.NotEqual", prims.Ne, x, y) }

// Less returns x < y elementwise (np.less).
func Less(x, y any) *Array { return binary("nd.Less", prims.Lt, x, y) }

// LessEqual returns x <= y elementwise (np.less_equal).
func LessEqual(x, y any) *Array { return binary("nd.LessEqual", prims.Le, x, y) }

// Greater returns x > y elementwise (np.greater).
func Greater(x, y any) *Array { return binary("nd.Greater", prims.Gt, x, y) }

// GreaterEqual returns x >= y elementwise (np.greater_equal).
func GreaterEqual(x, y any) *Array { return binary("nd.GreaterEqual", prims.Ge, x, y) }

// ---- logic

// logical converts both operands to bool (nonzero is true, NaN too, as in
// NumPy), broadcasts them and applies a bool primitive.
func logical(op string, f func(x, y *core.Array) *core.Array, x, y any) *Array {
	a, b := castTo(op, operand(op, x), core.Bool), castTo(op, operand(op, y), core.Bool)
	shape, err := BroadcastShapes(a.Shape(), b.Shape())
	if err != nil {
		core.Panicf(op, "%v", err)
	}
	return wrap(keepWeak(f(broadcastTo(a, shape), broadcastTo(b, shape)), x, y))
}

// LogicalAnd returns x && y elementwise as bools (np.logical_and); nonzero
// operands are true.
func LogicalAnd(x, y any) *Array { return logical("nd.LogicalAnd", prims.And, x, y) }

// LogicalOr returns x || y elementwise as bools (np.logical_or); nonzero
// operands are true.
func LogicalOr(x, y any) *Array { return logical("nd.LogicalOr", prims.Or, x, y) }

// LogicalXor returns x != y elementwise as bools (np.logical_xor); nonzero
// operands are true.
func LogicalXor(x, y any) *Array { return logical("nd.LogicalXor", prims.Xor, x, y) }

// LogicalNot returns !x elementwise as bools (np.logical_not); nonzero
// operands are true.
func LogicalNot(x any) *Array {
	const op = "nd.LogicalNot"
	return wrap(keepWeak(prims.Not(castTo(op, operand(op, x), core.Bool)), x, x))
}

// bitwise applies a bitwise primitive to bool or integer operands.
func bitwise(op string, f func(x, y *core.Array) *core.Array, x, y any) *Array {
	a, b := elementwiseOperands(op, x, y)
	checkBitwise(op, a)
	return wrap(keepWeak(f(a, b), x, y))
}

func checkBitwise(op string, a *core.Array) {
	if a.DType().IsFloat() {
		core.Panicf(op, "operand dtype %v: want bool or an integer dtype", a.DType())
	}
}

// BitwiseAnd returns x & y elementwise (np.bitwise_and): bool or integer
// operands, logical and for bools.
func BitwiseAnd(x, y any) *Array { return bitwise("nd.BitwiseAnd", prims.And, x, y) }

// BitwiseOr returns x | y elementwise (np.bitwise_or): bool or integer
// operands, logical or for bools.
func BitwiseOr(x, y any) *Array { return bitwise("nd.BitwiseOr", prims.Or, x, y) }

// BitwiseXor returns x ^ y elementwise (np.bitwise_xor): bool or integer
// operands, logical xor for bools.
func BitwiseXor(x, y any) *Array { return bitwise("nd.BitwiseXor", prims.Xor, x, y) }

// Invert returns ^x elementwise (np.invert, Python's ~): bool or integer
// operands, logical not for bools.
func Invert(x any) *Array {
	a := operand("nd.Invert", x)
	checkBitwise("nd.Invert", a)
	return wrap(keepWeak(prims.Not(a), x, x))
}

// ---- selection

// Where returns x where cond is true and y elsewhere, elementwise with
// broadcasting of all three (np.where(cond, x, y)). cond is converted to
// bool (nonzero is true); x and y are promoted to a common dtype.
func Where(cond, x, y any) *Array {
	const op = "nd.Where"
	c := castTo(op, operand(op, cond), core.Bool)
	a, b := operand(op, x), operand(op, y)
	d := resultType(a, b)
	shape, err := BroadcastShapes(c.Shape(), a.Shape(), b.Shape())
	if err != nil {
		core.Panicf(op, "%v", err)
	}
	a, b = broadcastTo(castTo(op, a, d), shape), broadcastTo(castTo(op, b, d), shape)
	return wrap(keepWeak(prims.Select(broadcastTo(c, shape), a, b), x, y))
}

// AsType returns a converted to dtype d (a itself if it already has it).
func (a *Array) AsType(d DType) *Array {
	checkDTypeValid("Array.AsType", d)
	return wrap(prims.Convert(a.c(), d))
}

// ---- methods, for chains like a.Mul(b).Add(c)

// Add returns a + y (see nd.Add).
func (a *Array) Add(y any) *Array { return Add(a, y) }

// Sub returns a - y (see nd.Sub).
func (a *Array) Sub(y any) *Array { return Sub(a, y) }

// Mul returns a * y (see nd.Mul).
func (a *Array) Mul(y any) *Array { return Mul(a, y) }

// Div returns a / y, true division (see nd.Div).
func (a *Array) Div(y any) *Array { return Div(a, y) }

// FloorDiv returns a // y (see nd.FloorDiv).
func (a *Array) FloorDiv(y any) *Array { return FloorDiv(a, y) }

// Mod returns a % y with the sign of y (see nd.Mod).
func (a *Array) Mod(y any) *Array { return Mod(a, y) }

// Pow returns a ** y (see nd.Pow).
func (a *Array) Pow(y any) *Array { return Pow(a, y) }

// Neg returns -a (see nd.Neg).
func (a *Array) Neg() *Array { return Neg(a) }

// Abs returns |a| (see nd.Abs).
func (a *Array) Abs() *Array { return Abs(a) }

// Square returns a * a (see nd.Square).
func (a *Array) Square() *Array { return Square(a) }

// Sqrt returns the square root of a (see nd.Sqrt).
func (a *Array) Sqrt() *Array { return Sqrt(a) }

// Exp returns e**a (see nd.Exp).
func (a *Array) Exp() *Array { return Exp(a) }

// Log returns the natural logarithm of a (see nd.Log).
func (a *Array) Log() *Array { return Log(a) }

// Clip limits a to [lo, hi]; a nil bound is left out (see nd.Clip).
func (a *Array) Clip(lo, hi any) *Array { return Clip(a, lo, hi) }
