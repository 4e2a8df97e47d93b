package cpu

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/nd-go/nd/internal/core"
)

// The kernels of kernels.go are checked at every vector level this CPU
// has (levelsForTest: AVX-512, AVX2 and the Go loops alone) against
// reference loops written here from the primitives' definitions, bit for
// bit, over every length up to 40 and a few large odd ones, unaligned
// starts, the VV, VS and SV forms, and NaN, ±Inf, -0, subnormals and
// extreme integers.

// kernValues returns n random values of T, a quarter of them specials; a
// fifth of the rest come from a pool of five so that comparisons see ties.
func kernValues[T core.Element](r *rand.Rand, n int) []T {
	v := make([]T, n)
	switch x := any(v).(type) {
	case []float32:
		copy(x, arithValues(r, n, arithSpecials32))
		for i := range x {
			if r.IntN(5) == 0 {
				x[i] = float32(r.IntN(5) - 2)
			}
		}
	case []float64:
		copy(x, arithValues(r, n, arithSpecials64))
		for i := range x {
			if r.IntN(5) == 0 {
				x[i] = float64(r.IntN(5) - 2)
			}
		}
	case []int32:
		specials := []int32{0, 1, -1, math.MaxInt32, math.MinInt32}
		for i := range x {
			switch r.IntN(4) {
			case 0:
				x[i] = specials[r.IntN(len(specials))]
			case 1:
				x[i] = int32(r.IntN(5) - 2)
			default:
				x[i] = int32(r.Uint32())
			}
		}
	case []int64:
		specials := []int64{0, 1, -1, math.MaxInt64, math.MinInt64, 1 << 53, 1<<53 + 1}
		for i := range x {
			switch r.IntN(4) {
			case 0:
				x[i] = specials[r.IntN(len(specials))]
			case 1:
				x[i] = int64(r.IntN(5) - 2)
			default:
				x[i] = int64(r.Uint64()) >> r.IntN(64)
			}
		}
	case []bool:
		for i := range x {
			x[i] = r.IntN(2) == 0
		}
	}
	return v
}

// kernBits is the bit pattern of an element.
func kernBits[T core.Element](x T) uint64 {
	switch v := any(x).(type) {
	case bool:
		if v {
			return 1
		}
		return 0
	case int32:
		return uint64(uint32(v))
	case int64:
		return uint64(v)
	case float32:
		return uint64(math.Float32bits(v))
	case float64:
		return math.Float64bits(v)
	}
	panic("unreachable")
}

func kernSame[T core.Element](t *testing.T, what string, got, want []T) {
	t.Helper()
	for i := range want {
		if kernBits(got[i]) != kernBits(want[i]) {
			t.Fatalf("%s: element %d = %v (%#x), want %v (%#x)", what, i, got[i], kernBits(got[i]), want[i], kernBits(want[i]))
		}
	}
}

// kernLengths are arithLengths plus large odd lengths.
func kernLengths() []int { return append(arithLengths(), 1025, 8193) }

// refBinary is the Go loop of a scalar function.
func refBinary[T, U core.Element](f func(x, y T) U) BinaryKernels[T, U] {
	return BinaryKernels[T, U]{
		VV: func(d []U, a, b []T) {
			for i := range a {
				d[i] = f(a[i], b[i])
			}
		},
		VS: func(d []U, a []T, y T) {
			for i := range a {
				d[i] = f(a[i], y)
			}
		},
		SV: func(d []U, x T, b []T) {
			for i := range b {
				d[i] = f(x, b[i])
			}
		},
	}
}

// checkBinary runs got and want over the same operands in every form.
func checkBinary[T, U core.Element](t *testing.T, name string, got, want BinaryKernels[T, U]) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, n := range kernLengths() {
		for off := range 4 {
			oa, ob, od := off, (off*3)%4, (off*5)%4
			a := kernValues[T](r, n+oa)[oa:]
			b := kernValues[T](r, n+ob)[ob:]
			s := kernValues[T](r, 1)[0]
			gd, wd := make([]U, n+od+1)[od:], make([]U, n+od+1)[od:]
			what := fmt.Sprintf("%s n=%d off=%d", name, n, off)
			got.VV(gd, a, b)
			want.VV(wd, a, b)
			kernSame(t, what+" VV", gd[:n+1], wd[:n+1])
			got.VS(gd, a, s)
			want.VS(wd, a, s)
			kernSame(t, fmt.Sprintf("%s VS s=%v", what, s), gd[:n+1], wd[:n+1])
			got.SV(gd, s, b)
			want.SV(wd, s, b)
			kernSame(t, fmt.Sprintf("%s SV s=%v", what, s), gd[:n+1], wd[:n+1])
		}
	}
}

func maxRef[T core.Number](x, y T) T {
	if x > y || x != x {
		return x
	}
	return y
}

func minRef[T core.Number](x, y T) T {
	if x < y || x != x {
		return x
	}
	return y
}

// compareRefs are the comparisons in the order of setCompares.
func compareRefs[T core.Number]() map[string]BinaryKernels[T, bool] {
	return map[string]BinaryKernels[T, bool]{
		"eq": refBinary(func(x, y T) bool { return x == y }),
		"ne": refBinary(func(x, y T) bool { return x != y }),
		"lt": refBinary(func(x, y T) bool { return x < y }),
		"le": refBinary(func(x, y T) bool { return x <= y }),
		"gt": refBinary(func(x, y T) bool { return x > y }),
		"ge": refBinary(func(x, y T) bool { return x >= y }),
	}
}

func checkNumberKernels[T core.Number](t *testing.T, ops []string) {
	d := core.DTypeOf[T]().String()
	refs := compareRefs[T]()
	refs2 := map[string]BinaryKernels[T, T]{
		"max": refBinary(maxRef[T]), "min": refBinary(minRef[T]),
		"add": refBinary(func(x, y T) T { return x + y }),
		"sub": refBinary(func(x, y T) T { return x - y }),
		"mul": refBinary(func(x, y T) T { return x * y }),
	}
	for _, op := range ops {
		if ref, ok := refs[op]; ok {
			checkBinary(t, op+"/"+d, VectorBinary(op, ref), ref)
			continue
		}
		ref := refs2[op]
		k := VectorBinary(op, ref)
		checkBinary(t, op+"/"+d, k, ref)
		if k.Stream != nil {
			checkBinary(t, op+"/"+d+" streaming", *k.Stream, ref)
			StoreFence()
		}
	}
}

func checkSelect[T core.Element](t *testing.T) {
	ref := SelectKernels[T]{
		VV: func(d []T, c []bool, a, b []T) {
			for i := range c {
				if c[i] {
					d[i] = a[i]
				} else {
					d[i] = b[i]
				}
			}
		},
		VS: func(d []T, c []bool, a []T, b T) {
			for i := range c {
				if c[i] {
					d[i] = a[i]
				} else {
					d[i] = b
				}
			}
		},
		SV: func(d []T, c []bool, a T, b []T) {
			for i := range c {
				if c[i] {
					d[i] = a
				} else {
					d[i] = b[i]
				}
			}
		},
	}
	got := VectorSelect(ref)
	r := rand.New(rand.NewPCG(9, 10))
	for _, n := range kernLengths() {
		for off := range 4 {
			c := kernValues[bool](r, n+off)[off:]
			a, b := kernValues[T](r, n+3)[3:], kernValues[T](r, n+1)[1:]
			s := kernValues[T](r, 1)[0]
			gd, wd := make([]T, n+1), make([]T, n+1)
			what := fmt.Sprintf("select/%v n=%d off=%d", core.DTypeOf[T](), n, off)
			got.VV(gd, c, a, b)
			ref.VV(wd, c, a, b)
			kernSame(t, what+" VV", gd, wd)
			got.VS(gd, c, a, s)
			ref.VS(wd, c, a, s)
			kernSame(t, what+" VS", gd, wd)
			got.SV(gd, c, s, b)
			ref.SV(wd, c, s, b)
			kernSame(t, what+" SV", gd, wd)
		}
	}
}

// convertValues adds to kernValues the values a conversion to an integer
// finds out of range.
func convertValues[T core.Element](r *rand.Rand, n int) []T {
	v := kernValues[T](r, n)
	switch x := any(v).(type) {
	case []float32:
		big := []float32{1e10, -1e10, 1 << 31, -(1 << 31), 1 << 63, -(1 << 63), 2.5, -2.5, 0x1p62}
		for i := range x {
			if r.IntN(4) == 0 {
				x[i] = big[r.IntN(len(big))]
			}
		}
	case []float64:
		big := []float64{1e10, -1e10, 1 << 31, -(1 << 31), 1<<31 - 1, -(1 << 31) - 1, 1 << 63, -(1 << 63), 2.5, -2.5, 1e300}
		for i := range x {
			if r.IntN(4) == 0 {
				x[i] = big[r.IntN(len(big))]
			}
		}
	}
	return v
}

func checkConvert[T, U core.Number](t *testing.T) {
	ref := func(d []U, x []T) {
		for i, v := range x {
			d[i] = U(v)
		}
	}
	got := VectorConvert(ref)
	r := rand.New(rand.NewPCG(11, 12))
	for _, n := range kernLengths() {
		for off := range 4 {
			x := convertValues[T](r, n+off)[off:]
			gd, wd := make([]U, n+1), make([]U, n+1)
			got(gd, x)
			ref(wd, x)
			kernSame(t, fmt.Sprintf("convert %v to %v n=%d off=%d", core.DTypeOf[T](), core.DTypeOf[U](), n, off), gd, wd)
		}
	}
}

func checkFMA[T core.Float](t *testing.T) {
	got, want := FMAKernels[T](), fmaGo[T]()
	r := rand.New(rand.NewPCG(13, 14))
	for _, n := range kernLengths() {
		for off := range 3 {
			a, b, c := kernValues[T](r, n+off)[off:], kernValues[T](r, n+1)[1:], kernValues[T](r, n+2)[2:]
			x, y, z := kernValues[T](r, 3)[0], kernValues[T](r, 3)[1], kernValues[T](r, 3)[2]
			gd, wd := make([]T, n+1), make([]T, n+1)
			what := fmt.Sprintf("fma/%v n=%d off=%d", core.DTypeOf[T](), n, off)
			check := func(form string, g, w func()) {
				g()
				w()
				kernSame(t, what+" "+form, gd, wd)
			}
			check("VVV", func() { got.VVV(gd, a, b, c) }, func() { want.VVV(wd, a, b, c) })
			check("VVS", func() { got.VVS(gd, a, b, z) }, func() { want.VVS(wd, a, b, z) })
			check("VSV", func() { got.VSV(gd, a, y, c) }, func() { want.VSV(wd, a, y, c) })
			check("SVV", func() { got.SVV(gd, x, b, c) }, func() { want.SVV(wd, x, b, c) })
			check("VSS", func() { got.VSS(gd, a, y, z) }, func() { want.VSS(wd, a, y, z) })
			check("SVS", func() { got.SVS(gd, x, b, z) }, func() { want.SVS(wd, x, b, z) })
			check("SSV", func() { got.SSV(gd, x, y, c) }, func() { want.SSV(wd, x, y, c) })
		}
	}
}

// refUnary returns the Go loop of the float unary op, as package prims
// generates it.
func refUnary[T core.Float](op string) func(d, x []T) {
	f := map[string]func(x T) T{
		"neg": func(x T) T { return -x },
		"abs": func(x T) T {
			if y, ok := any(x).(float32); ok {
				return T(math.Float32frombits(math.Float32bits(y) &^ (1 << 31)))
			}
			return T(math.Abs(float64(x)))
		},
		"sqrt":  func(x T) T { return T(math.Sqrt(float64(x))) },
		"floor": func(x T) T { return T(math.Floor(float64(x))) },
		"ceil":  func(x T) T { return T(math.Ceil(float64(x))) },
		"round": func(x T) T { return T(math.RoundToEven(float64(x))) },
		"rsqrt": func(x T) T { return T(1 / math.Sqrt(float64(x))) },
		"sign": func(x T) T {
			switch {
			case x > 0:
				return 1
			case x < 0:
				return -1
			case x == 0:
				return 0
			}
			return x
		},
	}[op]
	return func(d, x []T) {
		for i, v := range x {
			d[i] = f(v)
		}
	}
}

// checkUnary compares the float unary kernels with their Go loops on the
// special values, halves (ties of round), values past 2**23 and 2**52, and
// every length around the vector widths at unaligned starts.
func checkUnary[T core.Float](t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	for _, op := range []string{"neg", "abs", "sqrt", "floor", "ceil", "round", "sign", "rsqrt"} {
		ref := refUnary[T](op)
		got := VectorUnary(op, ref)
		for _, n := range kernLengths() {
			for off := range 3 {
				x := kernValues[T](r, n+off)[off:]
				for i := range x {
					switch r.IntN(6) {
					case 0:
						x[i] = T(r.IntN(41)-20) / 2 // ties
					case 1:
						x[i] = T(r.NormFloat64() * 1e17)
					case 2:
						x[i] = T(r.NormFloat64() * 3)
					}
				}
				gd, wd := make([]T, n+1), make([]T, n+1)
				gd[n], wd[n] = 7, 7 // must stay
				got(gd[:n], x)
				ref(wd[:n], x)
				kernSame(t, fmt.Sprintf("%s/%v n=%d off=%d", op, core.DTypeOf[T](), n, off), gd, wd)
			}
		}
	}
}

func TestVectorKernels(t *testing.T) {
	for _, l := range levelsForTest() {
		t.Run(l.name, func(t *testing.T) {
			l.use()
			defer levelsRestore()
			checkNumberKernels[float32](t, []string{"max", "min", "eq", "ne", "lt", "le", "gt", "ge"})
			checkNumberKernels[float64](t, []string{"max", "min", "eq", "ne", "lt", "le", "gt", "ge"})
			checkNumberKernels[int32](t, []string{"add", "sub", "mul", "eq", "ne", "lt", "le", "gt", "ge"})
			checkNumberKernels[int64](t, []string{"add", "sub", "mul", "eq", "ne", "lt", "le", "gt", "ge"})
			checkSelect[float32](t)
			checkSelect[float64](t)
			checkSelect[int32](t)
			checkSelect[int64](t)
			checkConvert[float32, float64](t)
			checkConvert[float64, float32](t)
			checkConvert[int32, float32](t)
			checkConvert[int64, float64](t)
			checkConvert[int32, float64](t)
			checkConvert[int64, float32](t)
			checkConvert[float32, int32](t)
			checkConvert[float64, int64](t)
			checkConvert[float32, int64](t)
			checkConvert[float64, int32](t)
			checkConvert[int32, int64](t)
			checkConvert[int64, int32](t)
			checkFMA[float32](t)
			checkFMA[float64](t)
			checkUnary[float32](t)
			checkUnary[float64](t)
			TestArithKernels(t)
		})
	}
}

// TestFMAF32 checks the float32 fma against a*b + c computed exactly
// with math/big and rounded once to float32, on random operands whose
// product and addend nearly cancel or sit on float32 halfway points (where
// rounding twice, through float64, would go wrong).
func TestFMAF32(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	for i := range 200000 {
		a := float32((r.Float64()*2 - 1) * math.Pow(2, float64(r.IntN(60)-30)))
		b := float32((r.Float64()*2 - 1) * math.Pow(2, float64(r.IntN(60)-30)))
		var c float32
		switch i % 4 {
		case 0: // near cancellation
			c = -a * b * float32(1+(r.Float64()-0.5)*1e-6)
		case 1: // c a float32 halfway point apart from a*b's low bits
			c = float32(float64(a) * float64(b))
			c = math.Float32frombits(math.Float32bits(c) ^ 1)
		case 2: // tiny results
			a *= 1e-20
			b *= 1e-20
			c = float32(r.NormFloat64()) * 1e-38
		default:
			c = float32(r.NormFloat64() * math.Pow(2, float64(r.IntN(60)-30)))
		}
		got := fmaF32(a, b, c)
		exact := new(big.Float).SetPrec(400).SetFloat64(float64(a))
		exact.Mul(exact, new(big.Float).SetFloat64(float64(b)))
		exact.Add(exact, new(big.Float).SetFloat64(float64(c)))
		want, _ := exact.Float32()
		if want == 0 && exact.Sign() == 0 {
			want = a*b + c // the sign of an exact zero is IEEE's
		}
		if math.Float32bits(got) != math.Float32bits(want) {
			t.Fatalf("fmaF32(%g, %g, %g) = %g, want %g", a, b, c, got, want)
		}
	}
	// c has an odd last bit and a*b is just under half its ulp: a*b + c
	// rounded to float64 is the float32 halfway point, which ties to even
	// (up), where the exact sum rounds down.
	doubleRounded := 0
	var as, bs, cs, wants []float32
	for k := 15; k <= 23; k++ {
		for _, c := range []float32{1 + 0x1p-23, -(3 + 0x1p-22), 0x1.000002p-100, 0x1.fffffep100} {
			half := (math.Nextafter32(c, float32(math.Inf(1))) - c) / 2
			if c < 0 {
				half = (c - math.Nextafter32(c, float32(math.Inf(-1)))) / -2
			}
			a, b := 1+float32(math.Ldexp(1, -k)), half*(1-float32(math.Ldexp(1, -k)))
			exact := new(big.Float).SetPrec(400).SetFloat64(float64(a))
			exact.Mul(exact, new(big.Float).SetFloat64(float64(b)))
			exact.Add(exact, new(big.Float).SetFloat64(float64(c)))
			want, _ := exact.Float32()
			if got := fmaF32(a, b, c); got != want {
				t.Errorf("fmaF32(%g, %g, %g) = %g, want %g", a, b, c, got, want)
			}
			as, bs, cs, wants = append(as, a), append(bs, b), append(cs, c), append(wants, want)
			if float32(math.FMA(float64(a), float64(b), float64(c))) != want {
				doubleRounded++
			}
		}
	}
	got := make([]float32, len(as))
	FMAKernels[float32]().VVV(got, as, bs, cs) // the vector kernel where the CPU has one
	kernSame(t, "fma kernel on double-rounding cases", got, wants)
	if doubleRounded == 0 {
		t.Errorf("no case where rounding through float64 goes wrong: the test lost its point")
	}
	if got := fmaF64(0x1p-600, 0x1p-600, 1); got != 1 {
		t.Errorf("fmaF64 = %g", got)
	}
}
