package nd

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

var (
	nan  = math.NaN()
	inf  = math.Inf(1)
	negZ = math.Copysign(0, -1)
)

// mathValues are the float inputs every unary op is checked on: zeros of
// both signs, infinities, NaN, tiny, huge, halves (for rounding) and
// ordinary values of both signs.
var mathValues = []float64{0, negZ, inf, -inf, nan, 1e-30, -1e-7, 0.5, -0.5, 1.5, 2.5, -2.5,
	1, -1, 0.3, -0.7, 3.7, -12.25, 100, -88.5, 1e10, -1e30, 0.9999, 700}

// roundTo rounds a float64 result to dtype d as the kernels do (compute in
// float64, round once).
func roundTo(d DType, v float64) float64 {
	if d == Float32 {
		return float64(float32(v))
	}
	return v
}

// tolFor is the relative tolerance of a float op computed through float64:
// exact but for the final rounding, stated with margin.
func tolFor(d DType) float64 {
	if d == Float32 {
		return 1e-7
	}
	return 1e-15
}

func TestUnaryFloat(t *testing.T) {
	sign := func(x float64) float64 {
		switch {
		case x > 0:
			return 1
		case x < 0:
			return -1
		case x == 0:
			return 0
		}
		return nan
	}
	cases := []struct {
		name string
		f    func(any) *Array
		ref  func(float64) float64
	}{
		{"Neg", Neg, func(x float64) float64 { return -x }},
		{"Abs", Abs, math.Abs},
		{"Sign", Sign, sign},
		{"Exp", Exp, math.Exp},
		{"Expm1", Expm1, math.Expm1},
		{"Log", Log, math.Log},
		{"Log1p", Log1p, math.Log1p},
		{"Sqrt", Sqrt, math.Sqrt},
		{"Rsqrt", Rsqrt, func(x float64) float64 { return 1 / math.Sqrt(x) }},
		{"Square", Square, func(x float64) float64 { return x * x }},
		{"Sin", Sin, math.Sin},
		{"Cos", Cos, math.Cos},
		{"Tan", Tan, math.Tan},
		{"Tanh", Tanh, math.Tanh},
		{"Sigmoid", Sigmoid, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }},
		{"Erf", Erf, math.Erf},
		{"Floor", Floor, math.Floor},
		{"Ceil", Ceil, math.Ceil},
		{"Round", Round, math.RoundToEven},
		{"Reciprocal", Reciprocal, func(x float64) float64 { return 1 / x }},
	}
	for _, c := range cases {
		for _, d := range []DType{Float32, Float64} {
			x := fromFloats(d, mathValues, []int{len(mathValues)})
			got := c.f(x)
			if got.DType() != d {
				t.Errorf("%s(%v): dtype %v", c.name, d, got.DType())
			}
			want := make([]float64, len(mathValues))
			for i, v := range mathValues {
				want[i] = roundTo(d, c.ref(roundTo(d, v)))
			}
			checkClose(t, fmt.Sprintf("%s(%v)", c.name, d), floats(got), want, tolFor(d))
		}
		// Integer operands: float-only functions compute in float64.
		ints := FromSlice([]int32{-3, -1, 0, 2, 7})
		got := c.f(ints)
		wantD := Float64
		switch c.name {
		case "Neg", "Abs", "Sign", "Square", "Round", "Reciprocal":
			wantD = Int32
		}
		if got.DType() != wantD {
			t.Errorf("%s(int32): dtype %v, want %v", c.name, got.DType(), wantD)
		}
		want := []float64{}
		for _, v := range []float64{-3, -1, 0, 2, 7} {
			want = append(want, c.ref(v))
		}
		if c.name == "Reciprocal" { // integer division 1 / x, 0 for 0
			want = []float64{0, -1, 0, 0, 0}
		}
		checkClose(t, c.name+"(int32)", floats(got), want, 1e-15)
	}
}

func TestSignedZeros(t *testing.T) {
	x := FromSlice([]float64{0, negZ})
	check := func(name string, a *Array, wantNeg ...bool) {
		t.Helper()
		for i, v := range Data[float64](a) {
			if v != 0 || math.Signbit(v) != wantNeg[i] {
				t.Errorf("%s: element %d = %v (signbit %v), want zero with signbit %v", name, i, v, math.Signbit(v), wantNeg[i])
			}
		}
	}
	check("Neg", Neg(x), true, false)
	check("Abs", Abs(x), false, false)
	check("Sign", Sign(x), false, false)
	check("Round(-0.4)", Round(FromSlice([]float64{0.4, -0.4})), false, true)
	// np.maximum/np.minimum of two zeros return the second operand.
	check("Maximum", Maximum(x, Flip(x)), true, false)
	check("Minimum", Minimum(x, Flip(x)), true, false)
	// A zero remainder takes the divisor's sign; a zero quotient that of a/b.
	check("Mod", Mod(FromSlice([]float64{4, -4}), FromSlice([]float64{-2, 2})), true, false)
	check("FloorDiv", FloorDiv(FromSlice([]float64{negZ, 0}), FromSlice([]float64{3, 3})), true, false)
}

// npDivMod is NumPy's npy_divmod written as scalar Go: the reference the
// primitive composition of FloorDiv and Mod is checked against.
func npDivMod(a, b float64) (float64, float64) {
	mod := math.Mod(a, b)
	if b == 0 {
		return a / b, mod
	}
	div := (a - mod) / b
	if mod != 0 {
		if (b < 0) != (mod < 0) {
			mod += b
			div -= 1
		}
	} else {
		mod = math.Copysign(0, b)
	}
	var fl float64
	if div != 0 {
		fl = math.Floor(div)
		if div-fl > 0.5 {
			fl++
		}
	} else {
		fl = math.Copysign(0, a/b)
	}
	return fl, mod
}

var binaryValues = []float64{0, negZ, inf, -inf, nan, 1, -1, 2.5, -2.5, 7, -7, 0.1, 3, -1e-300, 1e300}

func TestBinaryFloat(t *testing.T) {
	maxRef := func(a, b float64) float64 {
		if math.IsNaN(a) || math.IsNaN(b) {
			return nan
		}
		return math.Max(a, b)
	}
	minRef := func(a, b float64) float64 {
		if math.IsNaN(a) || math.IsNaN(b) {
			return nan
		}
		return math.Min(a, b)
	}
	cases := []struct {
		name string
		f    func(x, y any) *Array
		ref  func(a, b float64) float64
		tol  float64 // float64 tolerance, when looser than tolFor
	}{
		{"Add", Add, func(a, b float64) float64 { return a + b }, 0},
		{"Sub", Sub, func(a, b float64) float64 { return a - b }, 0},
		{"Mul", Mul, func(a, b float64) float64 { return a * b }, 0},
		{"Div", Div, func(a, b float64) float64 { return a / b }, 0},
		// package math's Pow, the reference, is off by up to tens of ulp
		// where the result is large (1e300**0.1); nd's pow is checked to 2
		// ulp against math/big in internal/cpu, so it is compared loosely.
		{"Pow", Pow, math.Pow, 5e-14},
		{"Maximum", Maximum, maxRef, 0},
		{"Minimum", Minimum, minRef, 0},
		{"Atan2", Atan2, math.Atan2, 0},
		{"FloorDiv", FloorDiv, func(a, b float64) float64 { q, _ := npDivMod(a, b); return q }, 0},
		{"Mod", Mod, func(a, b float64) float64 { _, m := npDivMod(a, b); return m }, 0},
	}
	n := len(binaryValues)
	var xs, ys []float64
	for _, a := range binaryValues {
		for _, b := range binaryValues {
			xs, ys = append(xs, a), append(ys, b)
		}
	}
	for _, c := range cases {
		for _, d := range []DType{Float32, Float64} {
			tol := tolFor(d)
			if d == Float64 {
				tol = max(tol, c.tol)
			}
			x, y := fromFloats(d, xs, []int{n, n}), fromFloats(d, ys, []int{n, n})
			got := c.f(x, y)
			if got.DType() != d {
				t.Errorf("%s(%v): dtype %v", c.name, d, got.DType())
			}
			want := make([]float64, len(xs))
			for i := range xs {
				want[i] = roundTo(d, c.ref(roundTo(d, xs[i]), roundTo(d, ys[i])))
			}
			checkClose(t, fmt.Sprintf("%s(%v)", c.name, d), floats(got), want, tol)
			// The same through the VS and SV loops: a Go scalar on either side.
			for _, s := range []float64{2.5, -7, 0} {
				gotVS, gotSV := floats(c.f(x, s)), floats(c.f(s, y))
				for i := range xs {
					want[i] = roundTo(d, c.ref(roundTo(d, xs[i]), s))
				}
				checkClose(t, fmt.Sprintf("%s(%v, %v)", c.name, d, s), gotVS, want, tol)
				for i := range xs {
					want[i] = roundTo(d, c.ref(s, roundTo(d, ys[i])))
				}
				checkClose(t, fmt.Sprintf("%s(%v, %v)", c.name, s, d), gotSV, want, tol)
			}
		}
	}
}

// TestFloorDivModNumPy checks against values printed by NumPy 1.24:
// a // b and a % b for float64 and int64.
func TestFloorDivModNumPy(t *testing.T) {
	fa := []float64{7, -7, 7, -7, 0, negZ, 5, -5, 0, 1, -1, 1, -1, inf, nan, 1, 4, 4, -4}
	fb := []float64{2, 2, -2, -2, 3, 3, 0, 0, 0, inf, inf, -inf, -inf, 2, 2, 0.1, -2, 2, 2}
	fd := []float64{3, -4, -4, 3, 0, negZ, inf, -inf, nan, 0, -1, -1, 0, nan, nan, 9, -2, 2, -2}
	fm := []float64{1, 1, -1, -1, 0, 0, nan, nan, nan, 1, inf, -inf, -1, nan, nan, 0.09999999999999995, negZ, 0, 0}
	checkClose(t, "FloorDiv float64", floats(FloorDiv(FromSlice(fa), FromSlice(fb))), fd, 0)
	checkClose(t, "Mod float64", floats(Mod(FromSlice(fa), FromSlice(fb))), fm, 0)
	// np.float32(1) // np.float32(0.1) is 9.0, % is 0.09999999.
	if q, m := FloorDiv(Scalar(float32(1)), Scalar(float32(0.1))), Mod(Scalar(float32(1)), Scalar(float32(0.1))); q.Item() != 9 || float32(m.Item()) != float32(0.09999999) {
		t.Errorf("float32 1 // 0.1 = %v, %% = %v; NumPy: 9, 0.09999999", q.Item(), m.Item())
	}

	ia := []int64{7, -7, 7, -7, 0, 5, -5, 3}
	ib := []int64{2, 2, -2, -2, 3, 0, 0, -1}
	id := []int64{3, -4, -4, 3, 0, 0, 0, -3}
	im := []int64{1, 1, -1, -1, 0, 0, 0, 0}
	for _, d := range []DType{Int32, Int64} {
		a, b := FromSlice(ia).AsType(d), FromSlice(ib).AsType(d)
		q, m := FloorDiv(a, b), Mod(a, b)
		if q.DType() != d || m.DType() != d {
			t.Errorf("%v // %v: dtypes %v, %v", d, d, q.DType(), m.DType())
		}
		if got := Data[int64](q.AsType(Int64)); !slices.Equal(got, id) {
			t.Errorf("%v FloorDiv = %v, NumPy %v", d, got, id)
		}
		if got := Data[int64](m.AsType(Int64)); !slices.Equal(got, im) {
			t.Errorf("%v Mod = %v, NumPy %v", d, got, im)
		}
	}
	// Scalar divisors go through the same composition.
	if got := Data[int64](FloorDiv(FromSlice(ia), -3)); !slices.Equal(got, []int64{-3, 2, -3, 2, 0, -2, 1, -1}) {
		t.Errorf("FloorDiv(x, -3) = %v", got)
	}
	if got := Data[int64](Mod(-7, FromSlice([]int64{3, -3, 0}))); !slices.Equal(got, []int64{2, -1, 0}) {
		t.Errorf("Mod(-7, x) = %v", got)
	}
	if got := Data[uint8](FloorDiv(FromSlice([]uint8{200, 7, 9}), FromSlice([]uint8{7, 0, 3}))); !slices.Equal(got, []uint8{28, 0, 3}) {
		t.Errorf("uint8 FloorDiv = %v", got)
	}
}

func TestIntArithmetic(t *testing.T) {
	a := []int64{-9, -4, -1, 0, 1, 3, 10, 1000}
	b := []int64{2, -3, 5, 7, -1, 3, 0, 2}
	type op struct {
		name string
		f    func(x, y any) *Array
		ref  func(a, b int64) int64
	}
	ops := []op{
		{"Add", Add, func(a, b int64) int64 { return a + b }},
		{"Sub", Sub, func(a, b int64) int64 { return a - b }},
		{"Mul", Mul, func(a, b int64) int64 { return a * b }},
		{"Maximum", Maximum, func(a, b int64) int64 { return max(a, b) }},
		{"Minimum", Minimum, func(a, b int64) int64 { return min(a, b) }},
		{"BitwiseAnd", BitwiseAnd, func(a, b int64) int64 { return a & b }},
		{"BitwiseOr", BitwiseOr, func(a, b int64) int64 { return a | b }},
		{"BitwiseXor", BitwiseXor, func(a, b int64) int64 { return a ^ b }},
	}
	for _, o := range ops {
		for _, d := range []DType{Int32, Int64} {
			got := o.f(FromSlice(a).AsType(d), FromSlice(b).AsType(d))
			if got.DType() != d {
				t.Errorf("%s(%v): dtype %v", o.name, d, got.DType())
			}
			want := make([]int64, len(a))
			for i := range a {
				want[i] = o.ref(a[i], b[i])
			}
			if g := Data[int64](got.AsType(Int64)); !slices.Equal(g, want) {
				t.Errorf("%s(%v) = %v, want %v", o.name, d, g, want)
			}
		}
	}
	// Wrap-around, as NumPy's fixed-width integers.
	if got := Data[uint8](Add(FromSlice([]uint8{200, 255}), FromSlice([]uint8{100, 1}))); !slices.Equal(got, []uint8{44, 0}) {
		t.Errorf("uint8 200+100, 255+1 = %v", got)
	}
	if got := Data[int32](Abs(FromSlice([]int32{math.MinInt32, -5}))); !slices.Equal(got, []int32{math.MinInt32, 5}) {
		t.Errorf("int32 Abs = %v", got)
	}
	if got := Data[uint8](Sign(FromSlice([]uint8{0, 3, 250}))); !slices.Equal(got, []uint8{0, 1, 1}) {
		t.Errorf("uint8 Sign = %v", got)
	}
	// np.array([2, 3]) ** [10, 3], uint8 2**9 wraps to 0, int32 -2**31.
	if got := Data[int64](Pow(FromSlice([]int64{2, 3, -2, 0, 5}), FromSlice([]int64{10, 3, 3, 0, 0}))); !slices.Equal(got, []int64{1024, 27, -8, 1, 1}) {
		t.Errorf("int64 Pow = %v", got)
	}
	if got := Data[uint8](Pow(FromSlice([]uint8{2}), 9)); !slices.Equal(got, []uint8{0}) {
		t.Errorf("uint8 2**9 = %v", got)
	}
	if got := Data[int32](Pow(FromSlice([]int32{-2}), 31)); !slices.Equal(got, []int32{math.MinInt32}) {
		t.Errorf("int32 -2**31 = %v", got)
	}
	// True division of integers gives float64.
	q := Div(FromSlice([]int32{7, -7, 1, 0}), FromSlice([]int32{2, 2, 0, 0}))
	if q.DType() != Float64 {
		t.Errorf("int32 / int32: dtype %v", q.DType())
	}
	checkClose(t, "int32 / int32", floats(q), []float64{3.5, -3.5, inf, nan}, 0)
	if got := Data[int64](Invert(FromSlice([]int64{0, 5, -1}))); !slices.Equal(got, []int64{-1, -6, 0}) {
		t.Errorf("Invert = %v", got)
	}
}

func TestBoolOperands(t *testing.T) {
	x, y := FromSlice([]bool{false, false, true, true}), FromSlice([]bool{false, true, false, true})
	for _, c := range []struct {
		name string
		got  *Array
		want []bool
	}{
		{"Add", Add(x, y), []bool{false, true, true, true}},
		{"Mul", Mul(x, y), []bool{false, false, false, true}},
		{"Maximum", Maximum(x, y), []bool{false, true, true, true}},
		{"Minimum", Minimum(x, y), []bool{false, false, false, true}},
		{"Less", Less(x, y), []bool{false, true, false, false}},
		{"LessEqual", LessEqual(x, y), []bool{true, true, false, true}},
		{"Greater", Greater(x, y), []bool{false, false, true, false}},
		{"GreaterEqual", GreaterEqual(x, y), []bool{true, false, true, true}},
		{"Equal", Equal(x, y), []bool{true, false, false, true}},
		{"BitwiseXor", BitwiseXor(x, y), []bool{false, true, true, false}},
		{"Invert", Invert(x), []bool{true, true, false, false}},
		{"Abs", Abs(x), []bool{false, false, true, true}},
	} {
		if c.got.DType() != Bool || !slices.Equal(Data[bool](c.got), c.want) {
			t.Errorf("%s(bool) = %v %v, want %v", c.name, c.got.DType(), Data[bool](c.got), c.want)
		}
	}
	// NumPy answers these in int8; nd in uint8.
	for name, got := range map[string]*Array{"FloorDiv": FloorDiv(x, true), "Mod": Mod(x, true), "Pow": Pow(x, y), "Square": Square(x)} {
		if got.DType() != Uint8 {
			t.Errorf("%s(bool): dtype %v, want uint8", name, got.DType())
		}
	}
	if d := Div(x, y).DType(); d != Float64 {
		t.Errorf("bool / bool: dtype %v, want float64", d)
	}
	if d := Sqrt(x).DType(); d != Float64 {
		t.Errorf("Sqrt(bool): dtype %v, want float64", d)
	}
}

func TestComparisons(t *testing.T) {
	a := FromSlice([]float64{1, 2, nan, inf, -inf, 3}).AsType(Float32)
	b := FromSlice([]float64{1, 3, nan, inf, 0, nan}).AsType(Float32)
	want := map[string][]bool{
		"Equal":        {true, false, false, true, false, false},
		"NotEqual":     {false, true, true, false, true, true},
		"Less":         {false, true, false, false, true, false},
		"LessEqual":    {true, true, false, true, true, false},
		"Greater":      {false, false, false, false, false, false},
		"GreaterEqual": {true, false, false, true, false, false},
	}
	fs := map[string]func(x, y any) *Array{"Equal": Equal, "NotEqual": NotEqual, "Less": Less,
		"LessEqual": LessEqual, "Greater": Greater, "GreaterEqual": GreaterEqual}
	for name, f := range fs {
		got := f(a, b)
		if got.DType() != Bool || !slices.Equal(Data[bool](got), want[name]) {
			t.Errorf("%s = %v %v, want %v", name, got.DType(), Data[bool](got), want[name])
		}
	}
	// Mixed dtypes compare after promotion: int32 16777217 vs float32
	// 16777216 differ in float64, as in NumPy.
	if got := Data[bool](Equal(FromSlice([]int32{16777217}), FromSlice([]float32{16777216}))); got[0] {
		t.Errorf("int32 16777217 == float32 16777216 is true; NumPy compares in float64")
	}
	if got := Data[bool](Less(FromSlice([]int64{1, 2, 3}), 2.5)); !slices.Equal(got, []bool{true, true, false}) {
		t.Errorf("int64 < 2.5 = %v", got)
	}
}

func TestClassify(t *testing.T) {
	x := FromSlice([]float64{0, negZ, 1, inf, -inf, nan, 3e38}).AsType(Float32)
	for name, c := range map[string]struct {
		got  *Array
		want []bool
	}{
		"IsNaN":         {IsNaN(x), []bool{false, false, false, false, false, true, false}},
		"IsInf":         {IsInf(x), []bool{false, false, false, true, true, false, false}},
		"IsFinite":      {IsFinite(x), []bool{true, true, true, false, false, false, true}},
		"IsNaN(int)":    {IsNaN(FromSlice([]int32{1, -1})), []bool{false, false}},
		"IsInf(int)":    {IsInf(FromSlice([]int64{1, math.MaxInt64})), []bool{false, false}},
		"IsFinite(int)": {IsFinite(FromSlice([]uint8{0, 255})), []bool{true, true}},
		"IsNaN(bool)":   {IsNaN(FromSlice([]bool{true})), []bool{false}},
	} {
		if c.got.DType() != Bool || !slices.Equal(Data[bool](c.got), c.want) {
			t.Errorf("%s = %v %v, want %v", name, c.got.DType(), Data[bool](c.got), c.want)
		}
	}
}

func TestLogical(t *testing.T) {
	// Nonzero is true, NaN too (np.logical_xor([2, 0], [nan, 0]) is [F, F]).
	a := FromSlice([]int32{2, 0, 0, -1})
	b := FromSlice([]float64{nan, 0, 0.5, 0})
	for name, c := range map[string]struct {
		got  *Array
		want []bool
	}{
		"LogicalAnd": {LogicalAnd(a, b), []bool{true, false, false, false}},
		"LogicalOr":  {LogicalOr(a, b), []bool{true, false, true, true}},
		"LogicalXor": {LogicalXor(a, b), []bool{false, false, true, true}},
		"LogicalNot": {LogicalNot(b), []bool{false, true, false, true}},
		"Scalar":     {LogicalAnd(a, true), []bool{true, false, false, true}},
	} {
		if c.got.DType() != Bool || !slices.Equal(Data[bool](c.got), c.want) {
			t.Errorf("%s = %v %v, want %v", name, c.got.DType(), Data[bool](c.got), c.want)
		}
	}
}

func TestWhereClip(t *testing.T) {
	cond := FromSlice([]int64{1, 0, 3}) // nonzero is true
	x := FromSlice([]float32{10, 20, 30, 40, 50, 60}, 2, 3)
	got := Where(cond, x, -1)
	if got.DType() != Float32 || !slices.Equal(Data[float32](got), []float32{10, -1, 30, 40, -1, 60}) {
		t.Errorf("Where = %v %v", got.DType(), Data[float32](got))
	}
	// x and y promote: int32 with float32 gives float64.
	w := Where(FromSlice([]bool{true, false}), FromSlice([]int32{1, 2}), FromSlice([]float32{0.5, 0.25}))
	if w.DType() != Float64 || !slices.Equal(Data[float64](w), []float64{1, 0.25}) {
		t.Errorf("Where(int32, float32) = %v %v", w.DType(), Data[float64](w))
	}
	if w := Where(true, 1, 2.5); w.Ndim() != 0 || w.Item() != 1 || w.DType() != Float64 {
		t.Errorf("Where(true, 1, 2.5) = %v %v", w.DType(), w.Item())
	}
	// np.clip([1, nan, 5], 2, 4) is [2, nan, 4]; lo > hi gives hi.
	checkClose(t, "Clip", floats(Clip(FromSlice([]float64{1, nan, 5}), 2, 4)), []float64{2, nan, 4}, 0)
	if got := Data[int64](Clip(FromSlice([]int64{1, 5}), 4, 2)); !slices.Equal(got, []int64{2, 2}) {
		t.Errorf("Clip(lo > hi) = %v", got)
	}
	if got := Data[float32](x.Clip(nil, 35)); !slices.Equal(got, []float32{10, 20, 30, 35, 35, 35}) {
		t.Errorf("Clip(nil, 35) = %v", got)
	}
	if d := Clip(FromSlice([]int32{1}), 0.5, 2).DType(); d != Float64 {
		t.Errorf("Clip(int32, 0.5, 2): dtype %v, want float64", d)
	}
}

func TestPromotion(t *testing.T) {
	arr := func(d DType) *Array { return Ones(d, 2) }
	cases := []struct {
		name string
		got  *Array
		want DType
	}{
		{"int32+float32", Add(arr(Int32), arr(Float32)), Float64},
		{"uint8+int32", Add(arr(Uint8), arr(Int32)), Int32},
		{"uint8*float32", Mul(arr(Uint8), arr(Float32)), Float32},
		{"int64-float32", Sub(arr(Int64), arr(Float32)), Float64},
		{"bool+uint8", Add(arr(Bool), arr(Uint8)), Uint8},
		{"float32/float64", Div(arr(Float32), arr(Float64)), Float64},
		{"uint8/uint8", Div(arr(Uint8), arr(Uint8)), Float64},
		{"float32/2", Div(arr(Float32), 2), Float32},
		{"int32/2", Div(arr(Int32), 2), Float64},
		{"int32//2", FloorDiv(arr(Int32), 2), Int32},
		{"int32%2.5", Mod(arr(Int32), 2.5), Float64},
		{"float32**2", Pow(arr(Float32), 2), Float32},
		{"int32**0.5", Pow(arr(Int32), 0.5), Float64},
		{"uint8 max int64", Maximum(arr(Uint8), arr(Int64)), Int64},
		{"atan2(int32,int32)", Atan2(arr(Int32), arr(Int32)), Float64},
		{"atan2(float32,1)", Atan2(arr(Float32), 1), Float32},
		{"float32==int32", Equal(arr(Float32), arr(Int32)), Bool},
		{"exp(uint8)", Exp(arr(Uint8)), Float64},
		{"floor(int64)", Floor(arr(Int64)), Float64},
		{"round(uint8)", Round(arr(Uint8)), Uint8},
		{"bool+1", Add(arr(Bool), 1), Int64},
		{"Go 1 + Go 2.5", Add(1, 2.5), Float64},
	}
	for _, c := range cases {
		if c.got.DType() != c.want {
			t.Errorf("%s: dtype %v, want %v", c.name, c.got.DType(), c.want)
		}
	}
	// Results of Go numbers alone stay weak: float32 array + (1 + 2.5) is float32.
	if d := Add(arr(Float32), Add(1, 2.5)).DType(); d != Float32 {
		t.Errorf("float32 + weak(1+2.5): dtype %v", d)
	}
	if d := Mul(arr(Float32), Sqrt(2)).DType(); d != Float32 {
		t.Errorf("float32 * weak sqrt(2): dtype %v", d)
	}
}

// TestLayouts runs ops on transposed, strided, flipped and broadcast
// operands big enough to cross gather blocks and the parallel split, and
// compares with the same op on contiguous copies.
func TestLayouts(t *testing.T) {
	const r, c = 300, 501
	base := Arange(Float64, -75000, 75300, 1).Reshape(r, c) // 150300 elements
	views := map[string]*Array{
		"transposed": Transpose(Transpose(base.Mul(0.001).Reshape(c, r))),
		"strided":    SliceAxes(Arange(Float64, 0, 2*r*c, 1).Reshape(r, 2*c), S(), S(None, None, 2)).Reshape(r, c).Sub(1000),
		"flipped":    Flip(base.Mul(0.5), 1),
		"broadcast":  BroadcastTo(Arange(Float64, 0, c, 1).Sub(250), r, c),
	}
	// A genuinely non-contiguous transposed view.
	views["transposed"] = Transpose(Arange(Float64, 0, r*c, 1).Reshape(c, r).Mul(-0.01))
	other := Arange(Float64, 1, r*c+1, 1).Reshape(r, c).Mul(0.37)
	for name, v := range views {
		if v.IsContiguous() && name != "strided" {
			t.Fatalf("%s view is contiguous", name)
		}
		cont := FromSlice(Data[float64](v), r, c)
		for opName, f := range map[string]func(x, y *Array) *Array{
			"Add":      func(x, y *Array) *Array { return Add(x, y) },
			"Mod":      func(x, y *Array) *Array { return Mod(x, y) },
			"Less":     func(x, y *Array) *Array { return Less(x, y) },
			"Where":    func(x, y *Array) *Array { return Where(Greater(x, 0), x, y) },
			"Exp(x)-y": func(x, y *Array) *Array { return Tanh(x).Sub(y) },
			"Scalar":   func(x, y *Array) *Array { return x.Mul(3) },
		} {
			want := floats(f(cont, other))
			checkClose(t, name+" "+opName, floats(f(v, other)), want, 0)
			checkClose(t, name+" "+opName+" swapped", floats(f(other, v)), floats(f(other, cont)), 0)
		}
	}
}

func TestBroadcastShapesAndEdges(t *testing.T) {
	col := FromSlice([]int32{1, 2, 3}, 3, 1)
	row := FromSlice([]int32{10, 20}, 1, 2)
	got := Add(col, row)
	if !slices.Equal(got.Shape(), []int{3, 2}) || !slices.Equal(Data[int32](got), []int32{11, 21, 12, 22, 13, 23}) {
		t.Errorf("(3,1)+(1,2) = %v %v", got.Shape(), Data[int32](got))
	}
	// 0-d arrays.
	s := Sub(Scalar(float32(5)), Scalar(float32(1.5)))
	if s.Ndim() != 0 || s.DType() != Float32 || s.Item() != 3.5 {
		t.Errorf("0-d Sub = %v %v %v", s.Shape(), s.DType(), s.Item())
	}
	// Zero-size arrays keep their shape.
	for name, z := range map[string]*Array{
		"Add":   Add(Zeros(Float32, 2, 0), Zeros(Float32, 0)),
		"Exp":   Exp(Zeros(Float64, 0, 3)),
		"Where": Where(Zeros(Bool, 0), 1, 2),
		"Mod":   Mod(Zeros(Int32, 4, 0), 3),
		"Less":  Less(Zeros(Int64, 0), Zeros(Int64, 1)),
	} {
		if z.Size() != 0 {
			t.Errorf("%s of zero-size: shape %v", name, z.Shape())
		}
	}
}

func TestElementwiseErrors(t *testing.T) {
	f32 := Zeros(Float32, 2, 3)
	b := Zeros(Bool, 3)
	mustPanicWith(t, func() { Sub(f32, Zeros(Float32, 4)) }, "nd.Sub", "(2, 3) and (4,)", "math_test.go")
	mustPanicWith(t, func() { Where(Zeros(Bool, 2), f32, 1) }, "nd.Where", "(2,), (2, 3) and ()")
	mustPanicWith(t, func() { Sub(b, b) }, "nd.Sub", "bool", "LogicalXor")
	mustPanicWith(t, func() { Neg(b) }, "nd.Neg", "bool")
	mustPanicWith(t, func() { Sign(b) }, "nd.Sign", "bool")
	mustPanicWith(t, func() { BitwiseAnd(f32, 1) }, "nd.BitwiseAnd", "float32")
	mustPanicWith(t, func() { Invert(Zeros(Float64, 1)) }, "nd.Invert", "float64")
	mustPanicWith(t, func() { Pow(FromSlice([]int64{2}), -1) }, "nd.Pow", "negative integer powers")
	mustPanicWith(t, func() { Pow(FromSlice([]int32{2, 3}), FromSlice([]int32{1, -2})) }, "nd.Pow", "negative")
	mustPanicWith(t, func() { Add(FromSlice([]uint8{1}), 300) }, "nd.Add", "300", "uint8")
	mustPanicWith(t, func() { Mul(f32, "2") }, "nd.Mul", "string")
	mustPanicWith(t, func() { Exp(nil) }, "nd.Exp")
	// Floats to negative powers are fine.
	checkClose(t, "2.0**-1", floats(Pow(FromSlice([]float64{2}), -1)), []float64{0.5}, 0)
}

func TestMethodChains(t *testing.T) {
	a := FromSlice([]float64{1, 2, 3})
	got := a.Mul(2).Add(1).Sub(a).Div(2).Pow(2).Sqrt().Exp().Log().Square().Abs().Neg().Clip(-4, nil)
	// ((2a+1-a)/2)^2 = ((a+1)/2)^2; sqrt → (a+1)/2; square → ((a+1)/2)^2; neg.
	checkClose(t, "chain", floats(got), []float64{-1, -2.25, -4}, 1e-15)
	checkClose(t, "FloorDiv/Mod methods", floats(a.FloorDiv(2).Add(a.Mod(2))), []float64{1, 1, 2}, 0)
}

// TestElementwiseUnderJIT checks that the ops written from primitives
// (FloorDiv, Mod, Clip, IsInf, Where, Pow with a weak exponent) trace and
// give the eager answers when jitted.
func TestElementwiseUnderJIT(t *testing.T) {
	f := func(x, y *Array) *Array {
		return Where(Greater(x, 0), FloorDiv(x, y).Add(Mod(x, 3)), Clip(Sigmoid(x), 0.1, nil)).
			Add(IsInf(x)).Add(Pow(x, 2)).Add(LogicalXor(x, y))
	}
	x := FromSlice([]float64{-3, 0.5, 7, 10, -1, inf})
	y := FromSlice([]float64{2, 0.1, -2, 3, 0, 1})
	checkClose(t, "jit float", floats(JIT(f)(x, y)), floats(f(x, y)), 0)
	g := func(x *Array) *Array { return FloorDiv(x, 2).Add(Mod(-7, x)).Add(Round(x)).Add(Pow(x, 3)) }
	xi := FromSlice([]int32{-3, 5, 7, 0})
	checkClose(t, "jit int", floats(JIT(g)(xi)), floats(g(xi)), 0)
}
