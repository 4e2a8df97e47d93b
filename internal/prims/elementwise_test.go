package prims

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/nd-go/nd/internal/core"
)

// elementwiseNames lists every primitive of elementwise.go.
var elementwiseNames = []string{"neg", "abs", "sign", "floor", "ceil", "round", "exp", "expm1", "log",
	"log1p", "sqrt", "rsqrt", "sin", "cos", "tan", "tanh", "logistic", "erf", "is_finite", "add", "sub",
	"mul", "div", "rem", "pow", "atan2", "max", "min", "eq", "ne", "lt", "le", "gt", "ge", "not", "and",
	"or", "xor", "select"}

func TestElementwiseRegistered(t *testing.T) {
	for _, name := range elementwiseNames {
		p, ok := core.Lookup(name)
		if !ok {
			t.Errorf("primitive %q not registered", name)
			continue
		}
		if p.Fusion != core.Elementwise || p.Abstract == nil || p.Eager == nil {
			t.Errorf("primitive %q: fusion %v, abstract %v, eager %v", name, p.Fusion, p.Abstract != nil, p.Eager != nil)
		}
	}
}

func mustPanic(t *testing.T, f func(), parts ...string) {
	t.Helper()
	defer func() {
		t.Helper()
		err, _ := recover().(error)
		var e *core.Error
		if !errors.As(err, &e) {
			t.Fatalf("recovered %v, want *core.Error", err)
		}
		for _, p := range parts {
			if !strings.Contains(e.Error(), p) {
				t.Fatalf("error %q lacks %q", e.Error(), p)
			}
		}
	}()
	f()
}

func TestElementwiseAbstractErrors(t *testing.T) {
	f32 := core.Empty(core.Float32, []int{2, 3})
	mustPanic(t, func() { Add(f32, core.Empty(core.Float32, []int{3})) }, "add", "(2, 3) and (3,)")
	mustPanic(t, func() { Mul(f32, core.Empty(core.Float64, []int{2, 3})) }, "mul", "float32 and float64")
	mustPanic(t, func() { Sin(core.Empty(core.Int32, []int{2})) }, "sin", "int32", "floating")
	mustPanic(t, func() { And(f32, f32) }, "and", "float32", "bool or an integer")
	mustPanic(t, func() { Add(core.Empty(core.Bool, nil), core.Empty(core.Bool, nil)) }, "add", "bool", "numeric")
	mustPanic(t, func() { Select(f32, f32, f32) }, "select", "predicate", "float32")
	mustPanic(t, func() { Select(core.Empty(core.Bool, []int{3}), f32, f32) }, "select", "(3,), (2, 3) and (2, 3)")
}

func TestIntPow(t *testing.T) {
	for _, c := range []struct{ x, y, want int64 }{
		{2, 10, 1024}, {-3, 3, -27}, {7, 0, 1}, {0, 0, 1}, {0, 5, 0}, {2, 63, math.MinInt64}, {2, 64, 0},
		{1, -5, 1}, {-1, -3, -1}, {-1, -4, 1}, {2, -1, 0}, {0, -1, 0},
	} {
		if got := intPow(c.x, c.y); got != c.want {
			t.Errorf("intPow(%d, %d) = %d, want %d", c.x, c.y, got, c.want)
		}
	}
	if got := intPow[uint8](3, 5); got != 243 {
		t.Errorf("uint8 3**5 = %d", got)
	}
}
