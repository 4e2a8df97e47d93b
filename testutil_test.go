package nd

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// closeTo reports whether got is within tol relative (or absolute, for
// values near zero) of want, treating NaNs as equal and infinities exactly.
func closeTo(got, want, tol float64) bool {
	switch {
	case math.IsNaN(want):
		return math.IsNaN(got)
	case math.IsInf(want, 0) || math.IsInf(got, 0):
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// checkClose fails t when got and want differ in length or in any element
// beyond tol (see closeTo).
func checkClose(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d elements, want %d", name, len(got), len(want))
	}
	for i := range got {
		if !closeTo(got[i], want[i], tol) {
			t.Fatalf("%s: element %d = %v, want %v (tol %g)", name, i, got[i], want[i], tol)
		}
	}
}

// floats returns a's elements as float64 (any dtype).
func floats(a *Array) []float64 {
	out := make([]float64, 0, a.Size())
	switch a.DType() {
	case Bool:
		for _, v := range Data[bool](a) {
			if v {
				out = append(out, 1)
			} else {
				out = append(out, 0)
			}
		}
	case Uint8:
		for _, v := range Data[uint8](a) {
			out = append(out, float64(v))
		}
	case Int32:
		for _, v := range Data[int32](a) {
			out = append(out, float64(v))
		}
	case Int64:
		for _, v := range Data[int64](a) {
			out = append(out, float64(v))
		}
	case Float32:
		for _, v := range Data[float32](a) {
			out = append(out, float64(v))
		}
	case Float64:
		out = append(out, Data[float64](a)...)
	}
	return out
}

// mustPanicWith runs f and fails t unless it panics with an *Error whose
// message contains every one of parts.
func mustPanicWith(t *testing.T, f func(), parts ...string) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		err, ok := r.(error)
		var e *Error
		if !ok || !errors.As(err, &e) {
			t.Fatalf("recovered %v (%T), want *nd.Error", r, r)
		}
		for _, p := range parts {
			if !strings.Contains(e.Error(), p) {
				t.Fatalf("error %q does not contain %q", e.Error(), p)
			}
		}
	}()
	f()
}
