package core

import (
	"slices"
	"testing"
)

// The promotion table against np.promote_types (NumPy 1.24), row by row.
func TestPromoteMatchesNumPy(t *testing.T) {
	numpy := map[[2]DType]DType{
		{Bool, Bool}: Bool, {Bool, Uint8}: Uint8, {Bool, Float32}: Float32,
		{Uint8, Int32}: Int32, {Uint8, Int64}: Int64, {Uint8, Float32}: Float32,
		{Int32, Int64}: Int64, {Int32, Float32}: Float64, {Int64, Float32}: Float64,
		{Float32, Float64}: Float64, {Int64, Float64}: Float64, {Uint8, Uint8}: Uint8,
	}
	for pair, want := range numpy {
		if got := Promote(pair[0], pair[1]); got != want {
			t.Errorf("Promote(%v, %v) = %v, want %v", pair[0], pair[1], got, want)
		}
		if got := Promote(pair[1], pair[0]); got != want {
			t.Errorf("Promote(%v, %v) = %v, want %v (not symmetric)", pair[1], pair[0], got, want)
		}
	}
}

func TestPromoteWeak(t *testing.T) {
	cases := []struct{ array, weak, want DType }{
		{Float32, Float64, Float32}, {Int32, Int64, Int32}, {Int32, Float64, Float64},
		{Bool, Int64, Int64}, {Bool, Float64, Float64}, {Uint8, Int64, Uint8}, {Float64, Bool, Float64},
	}
	for _, c := range cases {
		if got := PromoteWeak(c.array, c.weak); got != c.want {
			t.Errorf("PromoteWeak(%v, weak %v) = %v, want %v", c.array, c.weak, got, c.want)
		}
	}
}

// GatherBlock against a reference walk of the multi-index, for views with
// zero, negative and stepped strides, at every start and length.
func TestGatherBlock(t *testing.T) {
	buf := make([]int64, 200)
	for i := range buf {
		buf[i] = int64(i)
	}
	views := []*Array{
		NewView(Int64, []int{3, 4, 5}, []int{20, 5, 1}, 0, buf),
		NewView(Int64, []int{4, 3}, []int{1, 4}, 0, buf),             // transposed
		NewView(Int64, []int{3, 5}, []int{0, 1}, 7, buf),             // broadcast rows
		NewView(Int64, []int{2, 3, 4}, []int{-40, 10, -2}, 100, buf), // negative strides
		NewView(Int64, []int{}, []int{}, 9, buf),                     // 0-d
	}
	for vi, v := range views {
		n := v.Size()
		var want []int64
		idx := make([]int, v.Ndim())
		for k := 0; k < n; k++ {
			pos := v.Offset()
			for i, j := range idx {
				pos += j * v.Strides()[i]
			}
			want = append(want, buf[pos])
			for i := len(idx) - 1; i >= 0; i-- {
				idx[i]++
				if idx[i] < v.Shape()[i] {
					break
				}
				idx[i] = 0
			}
		}
		for start := 0; start < n; start++ {
			for end := start + 1; end <= n; end++ {
				got := make([]int64, end-start)
				GatherBlock(got, v, start)
				if !slices.Equal(got, want[start:end]) {
					t.Fatalf("view %d [%d:%d] = %v, want %v", vi, start, end, got, want[start:end])
				}
			}
		}
	}
}

func TestIsContiguous(t *testing.T) {
	cases := []struct {
		shape, strides []int
		want           bool
	}{
		{[]int{2, 3}, []int{3, 1}, true},
		{[]int{2, 3}, []int{1, 2}, false},
		{[]int{1, 3}, []int{99, 1}, true}, // size-1 axes do not matter
		{[]int{3, 1}, []int{1, 7}, true},
		{[]int{0, 3}, []int{3, 1}, true},
	}
	for _, c := range cases {
		if got := NewView(Float32, c.shape, c.strides, 0, make([]float32, 8)).IsContiguous(); got != c.want {
			t.Errorf("IsContiguous(%v, %v) = %v, want %v", c.shape, c.strides, got, c.want)
		}
	}
}

func TestErrorNamesCaller(t *testing.T) {
	e := Errorf("nd.Op", "bad %d", 3)
	if e.File == "" || e.Line == 0 || e.Error() != "nd.Op: bad 3 (at "+e.File+":"+itoa(e.Line)+")" {
		t.Fatalf("error %q has no caller", e.Error())
	}
}

func itoa(i int) string {
	return string(rune('0'+i/100%10)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10))
}
