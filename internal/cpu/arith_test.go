package cpu

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nd-go/nd/internal/core"
)

// arithSpecials32 and arithSpecials64 are the values every kernel test
// mixes in: NaNs with different payloads and signs, infinities, signed
// zeros, subnormals, extremes.
var (
	arithSpecials32 = []float32{
		float32(math.NaN()), math.Float32frombits(0x7fc00123), math.Float32frombits(0xffc00456), math.Float32frombits(0x7f800001),
		float32(math.Inf(1)), float32(math.Inf(-1)), 0, float32(math.Copysign(0, -1)),
		math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32, math.Float32frombits(0x007fffff), math.MaxFloat32, -math.MaxFloat32,
		1, -1, 3, 1e-38, 1e38,
	}
	arithSpecials64 = []float64{
		math.NaN(), math.Float64frombits(0x7ff8000000000123), math.Float64frombits(0xfff8000000000456), math.Float64frombits(0x7ff0000000000001),
		math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1),
		math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, math.Float64frombits(0x000fffffffffffff), math.MaxFloat64, -math.MaxFloat64,
		1, -1, 3, 1e-308, 1e308,
	}
)

// arithValues returns n values: mostly random over a wide exponent range,
// a quarter of them specials.
func arithValues[T core.Float](r *rand.Rand, n int, specials []T) []T {
	v := make([]T, n)
	for i := range v {
		if r.IntN(4) == 0 {
			v[i] = specials[r.IntN(len(specials))]
		} else {
			v[i] = T((r.Float64()*2 - 1) * math.Pow(2, float64(r.IntN(80)-40)))
		}
	}
	return v
}

func arithBits[T core.Float](x T) uint64 {
	switch v := any(x).(type) {
	case float32:
		return uint64(math.Float32bits(v))
	case float64:
		return math.Float64bits(v)
	}
	panic("unreachable")
}

func arithSameBits[T core.Float](t *testing.T, what string, got, want []T) {
	t.Helper()
	for i := range want {
		if arithBits(got[i]) != arithBits(want[i]) {
			t.Fatalf("%s: element %d = %v (%#x), want %v (%#x)", what, i, got[i], arithBits(got[i]), want[i], arithBits(want[i]))
		}
	}
}

// arithLengths are the block lengths the kernel tests run: every length
// up to 40 (all the tails and the first unrolled blocks) and a few large.
func arithLengths() []int {
	var ns []int
	for n := 0; n <= 40; n++ {
		ns = append(ns, n)
	}
	return append(ns, 63, 64, 65, 127, 1000, 4099)
}

// checkArithKernels runs got and want over the same operands, at every
// length and at unaligned starts (the operands and dst offset by 0..7
// elements independently), and demands the same bits. It also checks
// that dst may be the first operand.
func checkArithKernels[T core.Float](t *testing.T, name string, got, want BinaryKernels[T, T], specials []T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range arithLengths() {
		for off := range 8 {
			oa, ob, od := off, (off*3)%8, (off*5)%8
			a := arithValues(r, n+oa, specials)[oa:]
			b := arithValues(r, n+ob, specials)[ob:]
			s := specials[r.IntN(len(specials))]
			if off%2 == 1 {
				s = arithValues(r, 1, specials)[0]
			}
			gd, wd := make([]T, n+od+1)[od:], make([]T, n+od+1)[od:]
			guard := T(42)
			gd[n], wd[n] = guard, guard
			what := fmt.Sprintf("%s n=%d off=%d", name, n, off)

			got.VV(gd, a, b)
			want.VV(wd, a, b)
			arithSameBits(t, what+" VV", gd, wd)
			got.VS(gd, a, s)
			want.VS(wd, a, s)
			arithSameBits(t, fmt.Sprintf("%s VS s=%v", what, s), gd, wd)
			got.SV(gd, s, b)
			want.SV(wd, s, b)
			arithSameBits(t, fmt.Sprintf("%s SV s=%v", what, s), gd, wd)
			if gd[n] != guard {
				t.Fatalf("%s: wrote past the end", what)
			}

			// In place: dst is a.
			ga, wa := append([]T(nil), a...), append([]T(nil), a...)
			got.VV(ga, ga, b)
			want.VV(wa, wa, b)
			arithSameBits(t, what+" VV in place", ga, wa)
		}
	}
}

// arithGo32 and arithGo64 are the Go loops, the reference of every test.
var (
	arithGo32 = map[string]BinaryKernels[float32, float32]{
		"add": {VV: addVVGo[float32], VS: addVSGo[float32], SV: addSVGo[float32]},
		"sub": {VV: subVVGo[float32], VS: subVSGo[float32], SV: subSVGo[float32]},
		"mul": {VV: mulVVGo[float32], VS: mulVSGo[float32], SV: mulSVGo[float32]},
		"div": {VV: divVVGo[float32], VS: divVSGo[float32], SV: divSVGo[float32]},
	}
	arithGo64 = map[string]BinaryKernels[float64, float64]{
		"add": {VV: addVVGo[float64], VS: addVSGo[float64], SV: addSVGo[float64]},
		"sub": {VV: subVVGo[float64], VS: subVSGo[float64], SV: subSVGo[float64]},
		"mul": {VV: mulVVGo[float64], VS: mulVSGo[float64], SV: mulSVGo[float64]},
		"div": {VV: divVVGo[float64], VS: divVSGo[float64], SV: divSVGo[float64]},
	}
)

// TestArithKernels checks the exported kernels (vector ones where this CPU
// has them) against the Go loops, bit for bit.
func TestArithKernels(t *testing.T) {
	exported32 := map[string]BinaryKernels[float32, float32]{"add": AddKernelsF32(), "sub": SubKernelsF32(), "mul": MulKernelsF32(), "div": DivKernelsF32()}
	exported64 := map[string]BinaryKernels[float64, float64]{"add": AddKernelsF64(), "sub": SubKernelsF64(), "mul": MulKernelsF64(), "div": DivKernelsF64()}
	for name, k := range exported32 {
		checkArithKernels(t, name+"F32", k, arithGo32[name], arithSpecials32)
		if k.Stream != nil {
			checkArithKernels(t, name+"F32 streaming", *k.Stream, arithGo32[name], arithSpecials32)
		}
	}
	for name, k := range exported64 {
		checkArithKernels(t, name+"F64", k, arithGo64[name], arithSpecials64)
		if k.Stream != nil {
			checkArithKernels(t, name+"F64 streaming", *k.Stream, arithGo64[name], arithSpecials64)
		}
	}
	StoreFence()
}

// TestArithKernelsShort checks that a short dst or second operand panics
// as the Go loop does.
func TestArithKernelsShort(t *testing.T) {
	mustPanic := func(what string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s: no panic", what)
			}
		}()
		f()
	}
	k := AddKernelsF32()
	a := make([]float32, 20)
	mustPanic("VV short dst", func() { k.VV(make([]float32, 19), a, a) })
	mustPanic("VV short b", func() { k.VV(a, a, make([]float32, 19)) })
	mustPanic("VS short dst", func() { k.VS(make([]float32, 19), a, 1) })
	mustPanic("SV short dst", func() { k.SV(make([]float32, 19), 1, a) })
}

// BenchmarkArithKernels times the exported kernels (vector where the CPU
// has them) against the Go loops on cache-resident blocks of 4096.
func BenchmarkArithKernels(b *testing.B) {
	const n = 4096
	x, y, d := make([]float32, n), make([]float32, n), make([]float32, n)
	for i := range x {
		x[i], y[i] = float32(i)+1, float32(n-i)
	}
	b.Run("AddVVF32", func(b *testing.B) {
		k := AddKernelsF32()
		b.SetBytes(12 * n)
		for b.Loop() {
			k.VV(d, x, y)
		}
	})
	b.Run("AddVVF32_GoLoop", func(b *testing.B) {
		b.SetBytes(12 * n)
		for b.Loop() {
			addVVGo(d, x, y)
		}
	})
	b.Run("MulVSF32", func(b *testing.B) {
		k := MulKernelsF32()
		b.SetBytes(8 * n)
		for b.Loop() {
			k.VS(d, x, 2)
		}
	})
	b.Run("MulVSF32_GoLoop", func(b *testing.B) {
		b.SetBytes(8 * n)
		for b.Loop() {
			mulVSGo(d, x, 2)
		}
	})
	b.Run("SumF32_GoLoop", func(b *testing.B) {
		b.SetBytes(4 * n)
		for b.Loop() {
			pairwiseSum(x)
		}
	})
}
