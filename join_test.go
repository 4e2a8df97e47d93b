package nd

import (
	"math"
	"slices"
	"testing"

	"github.com/nd-go/nd/internal/core"
)

// materialize returns a C-contiguous copy of x (a fresh buffer).
func materialize(x *Array) *Array {
	out := core.Empty(x.DType(), x.c().Shape())
	core.CopyInto(out, x.c())
	return wrap(out)
}

// joinLayouts returns arrays with x's values in several layouts: x itself,
// a transposed view, a view with negative strides and one with a step.
func joinLayouts(x *Array) map[string]*Array {
	m := map[string]*Array{"contiguous": x}
	if x.Ndim() == 0 {
		return m
	}
	if x.Ndim() >= 2 {
		m["transposed"] = Transpose(materialize(Transpose(x)))
	}
	m["flipped"] = Flip(materialize(Flip(x)))
	n := x.Shape()[x.Ndim()-1]
	wide := materialize(Stack([]*Array{x, x}, -1).Reshape(append(x.Shape()[:x.Ndim()-1], 2*n)...))
	m["stepped"] = wide.Index(Ellipsis, S(None, None, 2))
	return m
}

// refConcat joins C-order data of parts along axis with plain loops.
func refConcat(parts [][]float64, shapes [][]int, axis int) []float64 {
	outer := core.ShapeSize(shapes[0][:axis])
	var out []float64
	for o := range outer {
		for i, p := range parts {
			row := core.ShapeSize(shapes[i][axis:])
			out = append(out, p[o*row:(o+1)*row]...)
		}
	}
	return out
}

func TestConcatenateAgainstLoops(t *testing.T) {
	tests := []struct {
		shapes [][]int
		axis   int
	}{
		{[][]int{{2, 3}, {2, 1}, {2, 0}, {2, 2}}, 1},
		{[][]int{{2, 3}, {2, 1}}, -1},
		{[][]int{{1, 3}, {3, 3}}, 0},
		{[][]int{{2, 2, 3}, {2, 4, 3}, {2, 1, 3}}, 1},
		{[][]int{{2, 2, 3}, {2, 2, 1}}, -1},
		{[][]int{{4}, {3}}, 0},
		{[][]int{{0, 3}, {0, 3}}, 0},
		{[][]int{{3, 0}, {3, 0}}, 1},
	}
	for _, tc := range tests {
		var parts [][]float64
		for _, layout := range []string{"contiguous", "transposed", "flipped", "stepped"} {
			var xs []*Array
			parts = parts[:0]
			start := 0.0
			for _, s := range tc.shapes {
				n := core.ShapeSize(s)
				x := Arange(Float64, start, start+float64(n), 1).Reshape(s...)
				start += float64(n)
				v, ok := joinLayouts(x)[layout]
				if !ok {
					v = x
				}
				xs = append(xs, v)
				parts = append(parts, floats(x))
			}
			got := Concatenate(xs, tc.axis)
			ax := (tc.axis + len(tc.shapes[0])) % len(tc.shapes[0])
			want := refConcat(parts, tc.shapes, ax)
			wantShape := slices.Clone(tc.shapes[0])
			wantShape[ax] = 0
			for _, s := range tc.shapes {
				wantShape[ax] += s[ax]
			}
			if !slices.Equal(got.Shape(), wantShape) {
				t.Fatalf("%v axis %d %s: shape %v, want %v", tc.shapes, tc.axis, layout, got.Shape(), wantShape)
			}
			checkClose(t, layout, floats(got), want, 0)
		}
	}
}

// TestConcatenateLarge splits the copy over cores; the row boundaries of
// the operands fall inside the chunks.
func TestConcatenateLarge(t *testing.T) {
	a := Arange(Int32, 0, 300*517, 1).Reshape(300, 517)
	b := Arange(Int32, 0, 300*3, 1).Reshape(300, 3)
	got := Data[int32](Concatenate([]*Array{Transpose(materialize(Transpose(a))), b}, 1))
	want := refConcat([][]float64{floats(a), floats(b)}, [][]int{{300, 517}, {300, 3}}, 1)
	for i, w := range want {
		if float64(got[i]) != w {
			t.Fatalf("element %d = %v, want %v", i, got[i], w)
		}
	}
}

func TestConcatenatePromotion(t *testing.T) {
	tests := []struct {
		xs   []*Array
		want DType
	}{
		{[]*Array{FromSlice([]int32{1, 2}), FromSlice([]float32{0.5})}, Float64},
		{[]*Array{FromSlice([]uint8{1, 2}), FromSlice([]bool{true})}, Uint8},
		{[]*Array{FromSlice([]float32{1}), FromSlice([]float32{2})}, Float32},
		{[]*Array{FromSlice([]bool{true}), FromSlice([]int64{3})}, Int64},
	}
	for _, tc := range tests {
		got := Concatenate(tc.xs, 0)
		if got.DType() != tc.want {
			t.Fatalf("concatenate %v, %v: dtype %v, want %v", tc.xs[0].DType(), tc.xs[1].DType(), got.DType(), tc.want)
		}
		want := append(floats(tc.xs[0]), floats(tc.xs[1])...)
		checkClose(t, "promoted values", floats(got), want, 0)
		if s := Stack(tc.xs[:1], 0); s.DType() != tc.xs[0].DType() {
			t.Fatalf("stack of one changed dtype")
		}
	}
	// A broadcast (stride-0) operand.
	got := Concatenate([]*Array{BroadcastTo(FromSlice([]float32{1, 2}), 2, 2), Ones(Float32, 1, 2)}, 0)
	checkClose(t, "broadcast operand", floats(got), []float64{1, 2, 1, 2, 1, 1}, 0)
}

func TestConcatenateErrors(t *testing.T) {
	a, b := Zeros(Float32, 2, 3), Zeros(Float32, 2, 4)
	mustPanicWith(t, func() { Concatenate([]*Array{a, b}, 0) }, "nd.Concatenate", "array 0 has shape (2, 3) and array 1 has shape (2, 4)", "concatenation axis 0")
	mustPanicWith(t, func() { Concatenate([]*Array{a, Zeros(Float32, 3)}, 0) }, "array 1 has shape (3,)")
	mustPanicWith(t, func() { Concatenate([]*Array{a, a}, 2) }, "axis 2 out of range")
	mustPanicWith(t, func() { Concatenate(nil, 0) }, "need at least one array")
	mustPanicWith(t, func() { Concatenate([]*Array{Scalar(1.0), Scalar(2.0)}, 0) }, "zero-dimensional arrays cannot be concatenated")
	mustPanicWith(t, func() { Stack([]*Array{a, b}, 0) }, "nd.Stack", "array 0 has shape (2, 3) and array 1 has shape (2, 4)")
	mustPanicWith(t, func() { Stack([]*Array{a}, 3) }, "axis 3 out of range")
}

func TestStack(t *testing.T) {
	x := Arange(Int64, 0, 6, 1).Reshape(2, 3)
	y := Arange(Int64, 6, 12, 1).Reshape(2, 3)
	tests := []struct {
		axis  int
		shape []int
		want  []int64
	}{
		{0, []int{2, 2, 3}, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},
		{1, []int{2, 2, 3}, []int64{0, 1, 2, 6, 7, 8, 3, 4, 5, 9, 10, 11}},
		{-1, []int{2, 3, 2}, []int64{0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11}},
		{2, []int{2, 3, 2}, []int64{0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11}},
	}
	for _, tc := range tests {
		got := Stack([]*Array{x, Transpose(materialize(Transpose(y)))}, tc.axis)
		if !slices.Equal(got.Shape(), tc.shape) || !slices.Equal(Data[int64](got), tc.want) {
			t.Fatalf("stack axis %d = %v %v, want %v %v", tc.axis, got.Shape(), Data[int64](got), tc.shape, tc.want)
		}
	}
	// 0-d arrays stack into a vector.
	if got := Stack([]*Array{Scalar(1.5), Scalar(2.5)}, 0); !slices.Equal(Data[float64](got), []float64{1.5, 2.5}) {
		t.Fatalf("stack of scalars = %v", Data[float64](got))
	}
}

// TestSplits checks Split, ArraySplit and SplitAt against np.split and
// np.array_split (values from NumPy 1.24).
func TestSplits(t *testing.T) {
	parts := func(xs []*Array) [][]int64 {
		var out [][]int64
		for _, x := range xs {
			out = append(out, slices.Clone(Data[int64](x)))
		}
		return out
	}
	eq := func(a, b [][]int64) bool {
		return slices.EqualFunc(a, b, func(x, y []int64) bool { return slices.Equal(x, y) })
	}
	x7 := Arange(Int64, 0, 7, 1)
	if got := parts(ArraySplit(x7, 3, 0)); !eq(got, [][]int64{{0, 1, 2}, {3, 4}, {5, 6}}) {
		t.Fatalf("array_split = %v", got)
	}
	x6 := Flip(Arange(Int64, 0, 6, 1)) // 5 4 3 2 1 0, negative stride
	if got := parts(SplitAt(x6, []int{2, -1, 10}, 0)); !eq(got, [][]int64{{5, 4}, {3, 2, 1}, {0}, {}}) {
		t.Fatalf("split at [2, -1, 10] = %v", got)
	}
	if got := parts(SplitAt(Arange(Int64, 0, 6, 1), []int{4, 1}, 0)); !eq(got, [][]int64{{0, 1, 2, 3}, {}, {1, 2, 3, 4, 5}}) {
		t.Fatalf("split at [4, 1] = %v", got)
	}
	m := Arange(Int64, 0, 12, 1).Reshape(3, 4)
	got := Split(m, 2, -1)
	if len(got) != 2 || !slices.Equal(got[1].Shape(), []int{3, 2}) || !slices.Equal(Data[int64](got[1]), []int64{2, 3, 6, 7, 10, 11}) {
		t.Fatalf("split columns = %v", parts(got))
	}
	if got := Split(Zeros(Float32, 0, 2), 3, 0); len(got) != 3 || got[2].Size() != 0 {
		t.Fatalf("split of empty axis: %d parts", len(got))
	}
	mustPanicWith(t, func() { Split(x7, 3, 0) }, "nd.Split", "axis 0 of size 7 does not split into 3 equal sections")
	mustPanicWith(t, func() { Split(x7, 0, 0) }, "number of sections must be positive")
	mustPanicWith(t, func() { ArraySplit(x7, 2, 1) }, "axis 1 out of range")
}

// refPad pads C-order data of a 2-d shape with plain loops.
func refPad(data []float64, r, c int, w [][2]int, v float64) []float64 {
	R, C := r+w[0][0]+w[0][1], c+w[1][0]+w[1][1]
	out := make([]float64, R*C)
	for i := range out {
		out[i] = v
	}
	for i := range r {
		for j := range c {
			out[(i+w[0][0])*C+j+w[1][0]] = data[i*c+j]
		}
	}
	return out
}

func TestPad(t *testing.T) {
	x := Arange(Float64, 0, 6, 1).Reshape(2, 3)
	for _, d := range []DType{Bool, Uint8, Int32, Int64, Float32, Float64} {
		for name, v := range joinLayouts(x.AsType(d)) {
			for _, w := range [][2][2]int{{{1, 2}, {0, 1}}, {{0, 0}, {3, 0}}, {{0, 0}, {0, 0}}} {
				got := Pad(v, w[:], 1)
				want := refPad(floats(v), 2, 3, w[:], 1)
				if got.DType() != d || !slices.Equal(got.Shape(), []int{2 + w[0][0] + w[0][1], 3 + w[1][0] + w[1][1]}) {
					t.Fatalf("%v %s pad %v: dtype %v shape %v", d, name, w, got.DType(), got.Shape())
				}
				checkClose(t, d.String()+" "+name, floats(got), want, 0)
			}
		}
	}
	// One pair for every axis (np.pad(x, ((2, 1),), constant_values=-1)).
	got := Pad(x.AsType(Int32), [][2]int{{2, 1}}, -1)
	want := []int32{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2, -1, -1, -1, 3, 4, 5, -1, -1, -1, -1, -1, -1, -1}
	if !slices.Equal(Data[int32](got), want) {
		t.Fatalf("pad all axes = %v", Data[int32](got))
	}
	// The value is converted to x's dtype; -0.0 stays negative zero.
	if g := Data[float32](Pad(FromSlice([]float32{1}), [][2]int{{1, 0}}, Scalar(math.Copysign(0, -1)))); g[0] != 0 || !signbit32(g[0]) {
		t.Fatalf("pad with -0.0 = %v", g)
	}
	if g := Pad(Zeros(Int64, 0, 2), [][2]int{{1, 1}, {0, 0}}, 5); !slices.Equal(g.Shape(), []int{2, 2}) || !slices.Equal(Data[int64](g), []int64{5, 5, 5, 5}) {
		t.Fatalf("pad of empty = %v %v", g.Shape(), Data[int64](g))
	}
	if g := Pad(Scalar(3.0), nil, 0); g.Item() != 3 || g.Ndim() != 0 {
		t.Fatalf("pad of 0-d = %v", g.Item())
	}
	mustPanicWith(t, func() { Pad(x, [][2]int{{1, 1}, {1, 1}, {1, 1}}, 0) }, "nd.Pad", "3 pad widths for an array of 2 dimensions")
	mustPanicWith(t, func() { Pad(x, [][2]int{{1, -1}}, 0) }, "negative pad width [1 -1] for axis 0")
	mustPanicWith(t, func() { Pad(x, [][2]int{{1, 1}}, FromSlice([]float64{1, 2})) }, "pad value must be a scalar")
	mustPanicWith(t, func() { Pad(x.AsType(Uint8), [][2]int{{1, 1}}, 256) }, "Go integer 256 out of bounds for uint8")
}

func signbit32(v float32) bool { return v == 0 && 1/v < 0 }

// TestTileRepeat compares with np.tile and np.repeat (values from NumPy).
func TestTileRepeat(t *testing.T) {
	x := Arange(Int64, 0, 6, 1).Reshape(2, 3)
	tests := []struct {
		name  string
		got   *Array
		shape []int
		want  []int64
	}{
		{"tile (2,1,2)", Tile(x, 2, 1, 2), []int{2, 2, 6}, []int64{0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}},
		{"tile 3", Tile(Transpose(materialize(Transpose(x))), 3), []int{2, 9}, []int64{0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 3, 4, 5}},
		{"tile (0,2)", Tile(x, 0, 2), []int{0, 6}, []int64{}},
		{"tile ()", Tile(x), []int{2, 3}, []int64{0, 1, 2, 3, 4, 5}},
		{"tile 0-d", Tile(Scalar(7), 2), []int{2}, []int64{7, 7}},
		{"repeat axis 0", Repeat(x, 2, 0), []int{4, 3}, []int64{0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}},
		{"repeat axis -1", Repeat(Flip(materialize(Flip(x))), 2, -1), []int{2, 6}, []int64{0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
		{"repeat None", Repeat(x, 3, None), []int{18}, []int64{0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5}},
		{"repeat 0", Repeat(x, 0, 1), []int{2, 0}, []int64{}},
		{"repeat 0-d", Repeat(Scalar(4), 2, None), []int{2}, []int64{4, 4}},
	}
	for _, tc := range tests {
		if !slices.Equal(tc.got.Shape(), tc.shape) || !slices.Equal(Data[int64](tc.got), tc.want) {
			t.Fatalf("%s = %v %v, want %v %v", tc.name, tc.got.Shape(), Data[int64](tc.got), tc.shape, tc.want)
		}
	}
	mustPanicWith(t, func() { Tile(x, -1) }, "nd.Tile", "negative repetition -1")
	mustPanicWith(t, func() { Repeat(x, -2, 0) }, "nd.Repeat", "negative repeat count -2")
	mustPanicWith(t, func() { Repeat(x, 2, 2) }, "axis 2 out of range")
}

// TestJoinJIT runs the joining ops under JIT and compares with eager.
func TestJoinJIT(t *testing.T) {
	f := func(x, y *Array) []*Array {
		out := []*Array{
			Concatenate([]*Array{x, y}, 0),
			Stack([]*Array{x, y}, -1),
			Pad(x, [][2]int{{1, 0}, {0, 2}}, 3.5),
			Tile(x, 2, 1),
			Repeat(y, 2, 1),
		}
		return append(out, Split(x, 3, 1)...)
	}
	x := Arange(Float32, 0, 6, 1).Reshape(2, 3)
	y := Transpose(Arange(Float32, 10, 16, 1).Reshape(3, 2))
	want := f(x, y)
	got := JIT(f)(x, y)
	for i := range want {
		if !slices.Equal(got[i].Shape(), want[i].Shape()) || !slices.Equal(Data[float32](got[i]), Data[float32](want[i])) {
			t.Fatalf("output %d: jit %v, eager %v", i, Data[float32](got[i]), Data[float32](want[i]))
		}
	}
}

func BenchmarkConcatenate1000x1000(b *testing.B) {
	x := Arange(Float64, 0, 1000*1000, 1).Reshape(1000, 1000)
	for b.Loop() {
		Concatenate([]*Array{x, x}, 1)
	}
}

func BenchmarkPad1000x1000(b *testing.B) {
	x := Arange(Float64, 0, 1000*1000, 1).Reshape(1000, 1000)
	for b.Loop() {
		Pad(x, [][2]int{{1, 1}}, 0)
	}
}
