package nd

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestBroadcastAddWeakScalar(t *testing.T) {
	x := FromSlice([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	row := FromSlice([]float32{10, 20, 30})
	got := Data[float32](Add(x, row).Mul(2))
	want := []float32{22, 44, 66, 28, 50, 72}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v want %v", got, want)
	}
	if d := Mul(x, 2.5).DType(); d != Float32 {
		t.Errorf("float32 * Go float: dtype %v, want float32", d)
	}
	i := FromSlice([]int32{1, 2})
	if d := Mul(i, 2.5).DType(); d != Float64 {
		t.Errorf("int32 * Go float: dtype %v, want float64", d)
	}
	if d := Add(i, FromSlice([]float32{1, 2})).DType(); d != Float64 {
		t.Errorf("int32 + float32 array: dtype %v, want float64", d)
	}
	if d := Add(FromSlice([]uint8{1}), 3).DType(); d != Uint8 {
		t.Errorf("uint8 + Go int: dtype %v, want uint8", d)
	}
}

func TestViews(t *testing.T) {
	x := Arange(Int64, 0, 24, 1).Reshape(2, 3, 4)
	tr := Transpose(x, 2, 0, 1)
	if !slices.Equal(tr.Shape(), []int{4, 2, 3}) {
		t.Fatalf("transpose shape %v", tr.Shape())
	}
	// Reshape of a non-contiguous view must copy and keep C order of the view.
	r := tr.Reshape(4, 6)
	want := []int64{0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23}
	if got := Data[int64](r); !slices.Equal(got, want) {
		t.Fatalf("reshape(transpose) = %v, want %v", got, want)
	}
	s := SliceAxes(x, S(), S(None, None, -2), S(1, -1))
	if got := Data[int64](s); !slices.Equal(got, []int64{9, 10, 1, 2, 21, 22, 13, 14}) {
		t.Fatalf("slice = %v", got)
	}
	e := ExpandDims(tr, 1)
	if !slices.Equal(e.Shape(), []int{4, 1, 2, 3}) || e.IsContiguous() {
		t.Fatalf("expand_dims shape %v contiguous %v", e.Shape(), e.IsContiguous())
	}
	if got := Data[int64](Squeeze(e)); !slices.Equal(got, Data[int64](tr)) {
		t.Fatalf("squeeze(expand_dims) changed values")
	}
	f := Flip(FromSlice([]int64{1, 2, 3}))
	if got := Data[int64](f); !slices.Equal(got, []int64{3, 2, 1}) {
		t.Fatalf("flip = %v", got)
	}
}

func TestShapeErrorNamesCaller(t *testing.T) {
	defer func() {
		r := recover()
		var e *Error
		if err, ok := r.(error); !ok || !errors.As(err, &e) {
			t.Fatalf("recovered %v, want *nd.Error", r)
		}
		msg := e.Error()
		if !strings.Contains(msg, "(2, 3) and (4,)") || !strings.Contains(msg, "core_test.go:") || !strings.Contains(msg, "nd.Add") {
			t.Fatalf("message %q lacks op, shapes or caller", msg)
		}
	}()
	Add(Zeros(Float32, 2, 3), Zeros(Float32, 4))
}
