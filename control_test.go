package nd

import (
	"slices"
	"strings"
	"testing"
)

func TestCondEagerAndJIT(t *testing.T) {
	f := func(x *Array) *Array {
		return Cond(Greater(Sum(x), 0), func(x *Array) *Array { return x.Mul(2) }, func(x *Array) *Array { return x.Neg() }, x)
	}
	jf := JIT(f)
	for _, tc := range []struct {
		in, want []float32
	}{
		{[]float32{1, 2}, []float32{2, 4}},
		{[]float32{-1, -2}, []float32{1, 2}},
	} {
		for name, g := range map[string]func(*Array) *Array{"eager": f, "jit": jf} {
			if got := Data[float32](g(FromSlice(tc.in))); !slices.Equal(got, tc.want) {
				t.Errorf("%s cond(%v) = %v, want %v", name, tc.in, got, tc.want)
			}
		}
	}
	p, err := MakeIR(f, Zeros(Float32, 2))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.String(), "cond[") {
		t.Fatalf("cond is not one equation of the program:\n%v", p)
	}
}

func TestCondCapturesOuterTracedArrays(t *testing.T) {
	f := JIT(func(x, y *Array) *Array {
		return Cond(Greater(Sum(x), 0),
			func(x *Array) *Array { return x.Mul(y) }, // y is captured from the outer trace
			func(x *Array) *Array { return x.Add(y) },
			x)
	})
	if got := Data[float64](f(FromSlice([]float64{1, 2}), FromSlice([]float64{10, 20}))); !slices.Equal(got, []float64{10, 40}) {
		t.Fatalf("got %v", got)
	}
	if got := Data[float64](f(FromSlice([]float64{-1, -2}), FromSlice([]float64{10, 20}))); !slices.Equal(got, []float64{9, 18}) {
		t.Fatalf("got %v", got)
	}
}

func TestCondBranchMismatch(t *testing.T) {
	mustPanicWith(t, func() {
		Cond(Scalar(true), func(x *Array) *Array { return x }, func(x *Array) *Array { return x.Reshape(1, 2) }, Zeros(Float32, 2))
	}, "nd.Cond", "(2,)")
}

type loopState struct {
	I   *Array
	Acc *Array
}

func TestWhileEagerAndJIT(t *testing.T) {
	f := func(n *Array) loopState {
		return While(func(s loopState) *Array { return Less(s.I, n) },
			func(s loopState) loopState { return loopState{s.I.Add(1), s.Acc.Mul(2)} },
			loopState{Scalar(int64(0)), Scalar(1.0)})
	}
	for name, g := range map[string]func(*Array) loopState{"eager": f, "jit": JIT(f)} {
		s := g(Scalar(int64(10)))
		if s.I.Item() != 10 || s.Acc.Item() != 1024 {
			t.Errorf("%s: while gave i=%v acc=%v, want 10, 1024", name, s.I.Item(), s.Acc.Item())
		}
	}
}

func TestScanCumulativeSum(t *testing.T) {
	f := func(xs *Array) (*Array, *Array) {
		return Scan(func(c, x *Array) (*Array, *Array) {
			c = c.Add(x)
			return c, c.Mul(10)
		}, Zeros(Float64, 2), xs)
	}
	xs := Arange(Float64, 0, 8, 1).Reshape(4, 2)
	for name, g := range map[string]func(*Array) (*Array, *Array){"eager": f, "jit": JIT(f)} {
		c, ys := g(xs)
		if got := Data[float64](c); !slices.Equal(got, []float64{12, 16}) {
			t.Errorf("%s: carry %v", name, got)
		}
		if got := Data[float64](ys); !slices.Equal(got, []float64{0, 10, 20, 40, 60, 90, 120, 160}) || !slices.Equal(ys.Shape(), []int{4, 2}) {
			t.Errorf("%s: ys %v shape %v", name, got, ys.Shape())
		}
	}
}

func TestForLoop(t *testing.T) {
	f := func(x *Array) *Array {
		return ForLoop(0, 5, func(i, c *Array) *Array { return c.Add(i) }, x)
	}
	for name, g := range map[string]func(*Array) *Array{"eager": f, "jit": JIT(f)} {
		if got := g(Scalar(int64(100))).Item(); got != 110 {
			t.Errorf("%s: fori sum = %v, want 110", name, got)
		}
	}
}
