package nd

import (
	"math"
	"math/big"
	"math/rand"
	"testing"
)

// TestFMA checks nd.FMA against math.FMA (float64) and against a*b + c
// computed exactly with math/big and rounded once (float32), with
// broadcast operands, Go scalars, promotion and the JIT (which fuses fma
// and must give the eager bits).
func TestFMA(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	vals := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = r.NormFloat64() * math.Pow(2, float64(r.Intn(20)-10))
		}
		return v
	}
	a, b, c := vals(35), vals(35), vals(7)
	got := FMA(FromSlice(a, 5, 7), FromSlice(b, 5, 7), FromSlice(c, 7))
	g := Data[float64](got)
	for i := range g {
		if want := math.FMA(a[i], b[i], c[i%7]); g[i] != want {
			t.Fatalf("float64 element %d = %v, want %v", i, g[i], want)
		}
	}

	a32, b32, c32 := make([]float32, 35), make([]float32, 35), make([]float32, 35)
	for i := range a32 {
		a32[i], b32[i] = float32(a[i]), float32(b[i])
		c32[i] = -a32[i] * b32[i] * (1 + float32(r.NormFloat64())*1e-5) // near cancellation
	}
	got32 := Data[float32](FMA(FromSlice(a32, 5, 7), FromSlice(b32, 5, 7), FromSlice(c32, 5, 7)))
	for i := range got32 {
		exact := new(big.Float).SetPrec(200).SetFloat64(float64(a32[i]))
		exact.Mul(exact, new(big.Float).SetFloat64(float64(b32[i])))
		exact.Add(exact, new(big.Float).SetFloat64(float64(c32[i])))
		if want, _ := exact.Float32(); got32[i] != want {
			t.Fatalf("float32 element %d = %v, want %v", i, got32[i], want)
		}
	}

	if d := FMA(FromSlice([]float32{1, 2}), 3, 0.5).DType(); d != Float32 {
		t.Errorf("float32 array with Go scalars: dtype %v, want float32", d)
	}
	if d := FMA(FromSlice([]int32{1, 2}), 3, 1).DType(); d != Float64 {
		t.Errorf("int32 operands: dtype %v, want float64", d)
	}

	f := func(xs []*Array) []*Array {
		x, y := xs[0], xs[1]
		return []*Array{FMA(x, y, 1), FMA(x.Mul(2), 3, y), FMA(2, x, Exp(y)), FMA(x, y, x)}
	}
	for _, dtype := range []DType{Float32, Float64} {
		k := NewKey(3).Split(2)
		xs := []*Array{Normal(k[0], dtype, 33, 65), Normal(k[1], dtype, 33, 65)}
		want := f(xs)
		jit := JIT(f)(xs)
		for i := range want {
			if err := sameBits(jit[i], want[i]); err != nil {
				t.Fatalf("%v output %d: %v", dtype, i, err)
			}
		}
	}
}

// TestFMAGrad checks the derivatives of fma: d/da = b, d/db = a, d/dc = 1,
// with c broadcast (its gradient sums over the broadcast axis).
func TestFMAGrad(t *testing.T) {
	a := FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	b := FromSlice([]float64{-1, 0.5, 2, 3, -2, 1}, 2, 3)
	c := FromSlice([]float64{7, 8, 9})
	grads := Grad(func(xs []*Array) *Array { return Sum(FMA(xs[0], xs[1], xs[2])) })([]*Array{a, b, c})
	for i, want := range [][]float64{Data[float64](b), Data[float64](a), {2, 2, 2}} {
		got := Data[float64](grads[i])
		for j := range want {
			if got[j] != want[j] {
				t.Fatalf("gradient %d element %d = %v, want %v", i, j, got[j], want[j])
			}
		}
	}
}
