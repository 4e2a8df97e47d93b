package nd

import (
	"math"
	"slices"
	"testing"
)

// indexMasks returns the boolean masks the index tables use: m3 = A%3 == 0
// over A = arange(24).reshape(2,3,4), m2 = arange(12).reshape(3,4)%3 == 0.
func indexMasks(mod int) (m3, m2 []bool) {
	for i := range 24 {
		m3 = append(m3, i%mod == 0)
	}
	for i := range 12 {
		m2 = append(m2, i%3 == 0)
	}
	return m3, m2
}

// indexBases returns A = arange(24).reshape(2,3,4) and B, a non-contiguous
// view of the same shape with other values:
// arange(24).reshape(4,3,2).transpose(2,1,0)[:, ::-1, :].
func indexBases() (a, b *Array) {
	a = Arange(Int64, 0, 24, 1).Reshape(2, 3, 4)
	b = Flip(Transpose(Arange(Int64, 0, 24, 1).Reshape(4, 3, 2)), 1)
	return a, b
}

// TestIndexNumPy compares Index with NumPy 1.24's x[...] on a contiguous
// array and on a transposed, flipped view (values pasted from NumPy; exact).
func TestIndexNumPy(t *testing.T) {
	m3, m2 := indexMasks(3)
	tests := []struct {
		numpy string
		idx   []any
		shape []int
		wantA []int64
		wantB []int64
	}{
		{"1", []any{1}, []int{3, 4}, []int64{12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}, []int64{5, 11, 17, 23, 3, 9, 15, 21, 1, 7, 13, 19}},
		{"-1, 2", []any{-1, 2}, []int{4}, []int64{20, 21, 22, 23}, []int64{1, 7, 13, 19}},
		{"1, -1, 3", []any{1, -1, 3}, []int{}, []int64{23}, []int64{19}},
		{"np.int64(1)", []any{int64(1)}, []int{3, 4}, []int64{12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}, []int64{5, 11, 17, 23, 3, 9, 15, 21, 1, 7, 13, 19}},
		{":, 1:3", []any{S(), S(1, 3)}, []int{2, 2, 4}, []int64{4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23}, []int64{2, 8, 14, 20, 0, 6, 12, 18, 3, 9, 15, 21, 1, 7, 13, 19}},
		{"::-1, ::2, 1:-1", []any{S(None, None, -1), S(None, None, 2), S(1, -1)}, []int{2, 2, 2}, []int64{13, 14, 21, 22, 1, 2, 9, 10}, []int64{11, 17, 7, 13, 10, 16, 6, 12}},
		{"None, 0", []any{NewAxis, 0}, []int{1, 3, 4}, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, []int64{4, 10, 16, 22, 2, 8, 14, 20, 0, 6, 12, 18}},
		{"..., 2", []any{Ellipsis, 2}, []int{2, 3}, []int64{2, 6, 10, 14, 18, 22}, []int64{16, 14, 12, 17, 15, 13}},
		{"0, ..., None", []any{0, Ellipsis, None}, []int{3, 4, 1}, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, []int64{4, 10, 16, 22, 2, 8, 14, 20, 0, 6, 12, 18}},
		{"[1, 0]", []any{[]int{1, 0}}, []int{2, 3, 4}, []int64{12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, []int64{5, 11, 17, 23, 3, 9, 15, 21, 1, 7, 13, 19, 4, 10, 16, 22, 2, 8, 14, 20, 0, 6, 12, 18}},
		{":, [2, 0, 2]", []any{S(), []int{2, 0, 2}}, []int{2, 3, 4}, []int64{8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11, 20, 21, 22, 23, 12, 13, 14, 15, 20, 21, 22, 23}, []int64{0, 6, 12, 18, 4, 10, 16, 22, 0, 6, 12, 18, 1, 7, 13, 19, 5, 11, 17, 23, 1, 7, 13, 19}},
		{"[0, 1], [2, 0]", []any{[]int{0, 1}, []int{2, 0}}, []int{2, 4}, []int64{8, 9, 10, 11, 12, 13, 14, 15}, []int64{0, 6, 12, 18, 5, 11, 17, 23}},
		{"[[0], [1]], :, [1, 2, 3]", []any{FromSlice([]int64{0, 1}, 2, 1), S(), []int{1, 2, 3}}, []int{2, 3, 3}, []int64{1, 5, 9, 2, 6, 10, 3, 7, 11, 13, 17, 21, 14, 18, 22, 15, 19, 23}, []int64{10, 8, 6, 16, 14, 12, 22, 20, 18, 11, 9, 7, 17, 15, 13, 23, 21, 19}},
		{"0, :, [1, 2]", []any{0, S(), []int{1, 2}}, []int{2, 3}, []int64{1, 5, 9, 2, 6, 10}, []int64{10, 8, 6, 16, 14, 12}},
		{":, [0, 2], [1, 3]", []any{S(), []int{0, 2}, []int{1, 3}}, []int{2, 2}, []int64{1, 11, 13, 23}, []int64{10, 18, 11, 19}},
		{"..., [-1, 0]", []any{Ellipsis, []int{-1, 0}}, []int{2, 3, 2}, []int64{3, 0, 7, 4, 11, 8, 15, 12, 19, 16, 23, 20}, []int64{22, 4, 20, 2, 18, 0, 23, 5, 21, 3, 19, 1}},
		{"1, [0, 2]", []any{1, []int{0, 2}}, []int{2, 4}, []int64{12, 13, 14, 15, 20, 21, 22, 23}, []int64{5, 11, 17, 23, 1, 7, 13, 19}},
		{"[1], None, [2]", []any{[]int{1}, NewAxis, []int{2}}, []int{1, 1, 4}, []int64{20, 21, 22, 23}, []int64{1, 7, 13, 19}},
		{":, np.array([[0, 1], [2, 0]], dtype=np.int32)", []any{S(), FromSlice([]int32{0, 1, 2, 0}, 2, 2)}, []int{2, 2, 2, 4}, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 12, 13, 14, 15}, []int64{4, 10, 16, 22, 2, 8, 14, 20, 0, 6, 12, 18, 4, 10, 16, 22, 5, 11, 17, 23, 3, 9, 15, 21, 1, 7, 13, 19, 5, 11, 17, 23}},
		{"1:2, [0, 1], ::-2", []any{S(1, 2), []int{0, 1}, S(None, None, -2)}, []int{1, 2, 2}, []int64{15, 13, 19, 17}, []int64{23, 11, 21, 9}},
		{"[True, False]", []any{[]bool{true, false}}, []int{1, 3, 4}, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, []int64{4, 10, 16, 22, 2, 8, 14, 20, 0, 6, 12, 18}},
		{":, m2", []any{S(), Wrap(m2, 3, 4)}, []int{2, 4}, []int64{0, 3, 6, 9, 12, 15, 18, 21}, []int64{4, 22, 14, 6, 5, 23, 15, 7}},
		{"m3", []any{Wrap(m3, 2, 3, 4)}, []int{8}, []int64{0, 3, 6, 9, 12, 15, 18, 21}, []int64{4, 22, 14, 6, 5, 23, 15, 7}},
		{"None, ..., None", []any{NewAxis, Ellipsis, NewAxis}, []int{1, 2, 3, 4, 1}, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}, []int64{4, 10, 16, 22, 2, 8, 14, 20, 0, 6, 12, 18, 5, 11, 17, 23, 3, 9, 15, 21, 1, 7, 13, 19}},
		{":, 5:1", []any{S(), S(5, 1)}, []int{2, 0, 4}, []int64{}, []int64{}},
		{"np.array([], dtype=np.int64)", []any{FromSlice([]int64{})}, []int{0, 3, 4}, []int64{}, []int64{}},
		{"np.array([1, 0], dtype=np.uint8), 2", []any{FromSlice([]uint8{1, 0}), 2}, []int{2, 4}, []int64{20, 21, 22, 23, 8, 9, 10, 11}, []int64{1, 7, 13, 19, 0, 6, 12, 18}},
		{"-2, -3, -4", []any{-2, -3, -4}, []int{}, []int64{0}, []int64{4}},
		{"...", []any{Ellipsis}, []int{2, 3, 4}, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}, []int64{4, 10, 16, 22, 2, 8, 14, 20, 0, 6, 12, 18, 5, 11, 17, 23, 3, 9, 15, 21, 1, 7, 13, 19}},
		{"", []any{}, []int{2, 3, 4}, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}, []int64{4, 10, 16, 22, 2, 8, 14, 20, 0, 6, 12, 18, 5, 11, 17, 23, 3, 9, 15, 21, 1, 7, 13, 19}},
	}
	a, b := indexBases()
	for _, tc := range tests {
		for _, base := range []struct {
			x    *Array
			want []int64
		}{{a, tc.wantA}, {b, tc.wantB}} {
			got := base.x.Index(tc.idx...)
			if !slices.Equal(got.Shape(), tc.shape) {
				t.Fatalf("x[%s]: shape %v, want %v", tc.numpy, got.Shape(), tc.shape)
			}
			if d := Data[int64](got); !slices.Equal(d, base.want) {
				t.Fatalf("x[%s] = %v, want %v", tc.numpy, d, base.want)
			}
			if f := Index(base.x, tc.idx...); !slices.Equal(Data[int64](f), base.want) {
				t.Fatalf("nd.Index(x, %s) differs from the method", tc.numpy)
			}
		}
	}
}

// TestIndexViews checks that basic indexing shares the buffer, as NumPy's
// views do, and that advanced indexing does not.
func TestIndexViews(t *testing.T) {
	a, _ := indexBases()
	v := a.Index(1, S(None, None, -1))
	if &a.c().Buffer().([]int64)[0] != &v.c().Buffer().([]int64)[0] {
		t.Fatalf("basic index copied the buffer")
	}
	w := a.Index([]int{1})
	if &a.c().Buffer().([]int64)[0] == &w.c().Buffer().([]int64)[0] {
		t.Fatalf("advanced index shares the buffer")
	}
}

// TestIndexDTypes indexes every dtype with an array index on a strided
// view and compares with the element-by-element reference.
func TestIndexDTypes(t *testing.T) {
	for _, d := range []DType{Bool, Uint8, Int32, Int64, Float32, Float64} {
		x := Arange(Float64, 0, 30, 1).Reshape(5, 6).AsType(d)
		v := x.Index(S(None, None, 2), S(None, None, -1)) // (3, 6), non-contiguous
		got := v.Index([]int{2, -3, 0}, 4)
		want := []float64{floats(x)[4*6+1], floats(x)[0*6+1], floats(x)[0*6+1]}
		if got.DType() != d {
			t.Fatalf("%v: result dtype %v", d, got.DType())
		}
		checkClose(t, d.String(), floats(got), want, 0)
	}
}

func TestIndexZeroSizeAndScalar(t *testing.T) {
	x := Zeros(Float32, 0, 3)
	if got := x.Index(S(), []int{2, 0}); !slices.Equal(got.Shape(), []int{0, 2}) {
		t.Fatalf("zero-size fancy index shape %v", got.Shape())
	}
	s := Scalar(2.5)
	if got := s.Index(); got.Item() != 2.5 || got.Ndim() != 0 {
		t.Fatalf("0-d x[()] = %v", got.Item())
	}
	if got := s.Index(NewAxis); !slices.Equal(got.Shape(), []int{1}) {
		t.Fatalf("0-d x[None] shape %v", got.Shape())
	}
	if got := s.Index(Ellipsis); got.Item() != 2.5 {
		t.Fatalf("0-d x[...] = %v", got.Item())
	}
}

func TestIndexErrors(t *testing.T) {
	a, _ := indexBases()
	mustPanicWith(t, func() { a.Index(2) }, "Array.Index", "index 2 is out of bounds for axis 0 with size 2")
	mustPanicWith(t, func() { a.Index(0, -4) }, "index -4 is out of bounds for axis 1 with size 3")
	mustPanicWith(t, func() { a.Index(S(), []int{0, 3}) }, "index 3 is out of bounds for axis 1 with size 3")
	mustPanicWith(t, func() { a.Index(S(), S(), []int{-5}) }, "index -5 is out of bounds for axis 2 with size 4")
	mustPanicWith(t, func() { a.Index(0, 0, 0, 0) }, "too many indices for array: array is 3-dimensional, but 4 were indexed")
	mustPanicWith(t, func() { a.Index(Ellipsis, 0, Ellipsis) }, "single Ellipsis")
	mustPanicWith(t, func() { a.Index(FromSlice([]float64{0})) }, "integer or boolean dtype", "float64")
	mustPanicWith(t, func() { a.Index([]int{0, 1}, []int{0, 1, 2}) }, "could not be broadcast together with shapes (2,) (3,)")
	mustPanicWith(t, func() { a.Index([]bool{true, false, true}) }, "boolean index did not match indexed array along axis 0; axis size is 2 but corresponding boolean size is 3")
	mustPanicWith(t, func() { a.Index("x") }, "index item x of Go type string")
	mustPanicWith(t, func() { a.Index(S(0, 2, 0)) }, "slice step cannot be zero")
	mustPanicWith(t, func() { Index(a, Scalar(true)) }, "nd.Index", "0-d boolean index")
}

func TestTake(t *testing.T) {
	a, b := indexBases()
	for _, x := range []*Array{a, b} {
		xs := Data[int64](x)
		at := func(i, j, k int) int64 { return xs[i*12+j*4+k] }
		// Along each axis with a 2-d index array holding negatives.
		idx := FromSlice([]int32{1, -1, 0, 0}, 2, 2)
		for axis := -3; axis < 3; axis++ {
			got := Take(x, idx, axis)
			ax := (axis + 3) % 3
			wantShape := slices.Concat(x.Shape()[:ax], []int{2, 2}, x.Shape()[ax+1:])
			if !slices.Equal(got.Shape(), wantShape) {
				t.Fatalf("axis %d: shape %v, want %v", axis, got.Shape(), wantShape)
			}
			n := x.Shape()[ax]
			iv := []int{1, (n - 1), 0, 0}
			var want []int64
			switch ax {
			case 0:
				for _, i := range iv {
					for j := range 3 {
						for k := range 4 {
							want = append(want, at(i, j, k))
						}
					}
				}
			case 1:
				for i := range 2 {
					for _, j := range iv {
						for k := range 4 {
							want = append(want, at(i, j, k))
						}
					}
				}
			case 2:
				for i := range 2 {
					for j := range 3 {
						for _, k := range iv {
							want = append(want, at(i, j, k))
						}
					}
				}
			}
			if d := Data[int64](got); !slices.Equal(d, want) {
				t.Fatalf("take axis %d = %v, want %v", axis, d, want)
			}
		}
	}
	// Int index drops the axis; None flattens; []int; uint8 indices.
	if got := Take(a, 2, 2); !slices.Equal(got.Shape(), []int{2, 3}) || !slices.Equal(Data[int64](got), []int64{2, 6, 10, 14, 18, 22}) {
		t.Fatalf("take int = %v %v", got.Shape(), Data[int64](got))
	}
	if got := Take(b, []int{0, 23, -1}, None); !slices.Equal(Data[int64](got), []int64{4, 19, 19}) {
		t.Fatalf("take axis None = %v", Data[int64](got))
	}
	if got := Take(a, FromSlice([]uint8{3}), -1); !slices.Equal(Data[int64](got), []int64{3, 7, 11, 15, 19, 23}) {
		t.Fatalf("take uint8 = %v", Data[int64](got))
	}
	if got := Take(Zeros(Float64, 3, 0), []int{2, 1}, 0); !slices.Equal(got.Shape(), []int{2, 0}) {
		t.Fatalf("take zero-size shape %v", got.Shape())
	}
	if got := Take(a, FromSlice([]int64{}), 1); !slices.Equal(got.Shape(), []int{2, 0, 4}) {
		t.Fatalf("take empty indices shape %v", got.Shape())
	}
	mustPanicWith(t, func() { Take(a, []int{0, 4}, -1) }, "nd.Take", "index 4 is out of bounds for axis 2 with size 4")
	mustPanicWith(t, func() { Take(a, []int{0}, 3) }, "axis 3 out of range")
	mustPanicWith(t, func() { Take(a, FromSlice([]float32{0}), 0) }, "integer or boolean dtype")
	mustPanicWith(t, func() { Take(a, []bool{true, false}, 0) }, "indices must be an integer array")
}

// TestTakeLarge exercises the parallel gather on an index array large
// enough to be split over cores.
func TestTakeLarge(t *testing.T) {
	const n, m = 1000, 3
	x := Arange(Float32, 0, n*m, 1).Reshape(n, m)
	idx := make([]int64, 50000)
	for i := range idx {
		idx[i] = int64((i*7919)%n) - int64(n/2)
	}
	got := Data[float32](Take(x, FromSlice(idx), 0))
	for i, k := range idx {
		r := (int(k) + n) % n
		for j := range m {
			if got[i*m+j] != float32(r*m+j) {
				t.Fatalf("element (%d, %d) = %v, want %v", i, j, got[i*m+j], r*m+j)
			}
		}
	}
}

// TestAtNumPy compares the functional updates with NumPy 1.24: x[idx] = v
// for set, np.add.at / maximum.at / minimum.at / multiply.at otherwise
// (values pasted from NumPy; exact).
func TestAtNumPy(t *testing.T) {
	m3, _ := indexMasks(5)
	tests := []struct {
		numpy string
		idx   []any
		op    string
		v     any
		want  []int64
	}{
		{"1", []any{1}, "set", 7, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7}},
		{":, 1:3", []any{S(), S(1, 3)}, "set", Arange(Int64, 0, 4, 1), []int64{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3}},
		{"[0, 0], 1", []any{[]int{0, 0}, 1}, "add", 5, []int64{0, 1, 2, 3, 14, 15, 16, 17, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}},
		{"..., [1, 1, 3]", []any{Ellipsis, []int{1, 1, 3}}, "add", FromSlice([]int64{0, 10, 20}), []int64{0, 11, 2, 23, 4, 15, 6, 27, 8, 19, 10, 31, 12, 23, 14, 35, 16, 27, 18, 39, 20, 31, 22, 43}},
		{":, [0, 2], [1, 3]", []any{S(), []int{0, 2}, []int{1, 3}}, "set", -1, []int64{0, -1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -1, 12, -1, 14, 15, 16, 17, 18, 19, 20, 21, 22, -1}},
		{"0, :, [1, 2]", []any{0, S(), []int{1, 2}}, "set", Arange(Int64, 0, 6, 1).Reshape(2, 3), []int64{0, 0, 3, 3, 4, 1, 4, 7, 8, 2, 5, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}},
		{"None, 1", []any{NewAxis, 1}, "set", Arange(Int64, 0, 12, 1).Reshape(1, 3, 4), []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},
		{"::-1, ::2", []any{S(None, None, -1), S(None, None, 2)}, "max", 10, []int64{10, 10, 10, 10, 4, 5, 6, 7, 10, 10, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}},
		{"[1, 1], [0, 0]", []any{[]int{1, 1}, []int{0, 0}}, "set", FromSlice([]int64{5, 6}, 2, 1), []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 6, 6, 6, 6, 16, 17, 18, 19, 20, 21, 22, 23}},
		{"[1, 0], ..., [0, 0]", []any{[]int{1, 0}, Ellipsis, []int{0, 0}}, "min", FromSlice([]int64{-3, -4, 7}), []int64{-3, 1, 2, 3, -4, 5, 6, 7, 7, 9, 10, 11, -3, 13, 14, 15, -4, 17, 18, 19, 7, 21, 22, 23}},
		{"m3", []any{Wrap(m3, 2, 3, 4)}, "set", 0, []int64{0, 1, 2, 3, 4, 0, 6, 7, 8, 9, 0, 11, 12, 13, 14, 0, 16, 17, 18, 19, 0, 21, 22, 23}},
		{"[0, 0, 1]", []any{[]int{0, 0, 1}}, "mul", 2, []int64{0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46}},
		{"[[0], [1]], :, [1, 2, 3]", []any{FromSlice([]int64{0, 1}, 2, 1), S(), []int{1, 2, 3}}, "add", Arange(Int64, 0, 3, 1), []int64{0, 1, 2, 3, 4, 6, 7, 8, 8, 11, 12, 13, 12, 13, 14, 15, 16, 18, 19, 20, 20, 23, 24, 25}},
		{"1:2, [0, 1], ::-2", []any{S(1, 2), []int{0, 1}, S(None, None, -2)}, "set", FromSlice([]int64{100, 200}), []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 200, 14, 100, 16, 200, 18, 100, 20, 21, 22, 23}},
		{"", []any{}, "add", 1, []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24}},
		{":, 5:1", []any{S(), S(5, 1)}, "set", 9, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}},
		{"-1, -1, -1", []any{-1, -1, -1}, "set", 99, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 99}},
	}
	for _, tc := range tests {
		a, _ := indexBases()
		// The same updates on a non-contiguous view with the same values.
		view := Concatenate([]*Array{a, a}, 2).Index(S(), S(), S(None, 4))
		if view.IsContiguous() {
			t.Fatal("test view is contiguous")
		}
		for _, x := range []*Array{a, view} {
			before := slices.Clone(Data[int64](x))
			u := x.At(tc.idx...)
			var got *Array
			switch tc.op {
			case "set":
				got = u.Set(tc.v)
			case "add":
				got = u.Add(tc.v)
			case "max":
				got = u.Max(tc.v)
			case "min":
				got = u.Min(tc.v)
			case "mul":
				got = u.Mul(tc.v)
			}
			if !slices.Equal(got.Shape(), []int{2, 3, 4}) || got.DType() != Int64 {
				t.Fatalf("x.at[%s].%s: shape %v dtype %v", tc.numpy, tc.op, got.Shape(), got.DType())
			}
			if d := Data[int64](got); !slices.Equal(d, tc.want) {
				t.Fatalf("x.at[%s].%s(v) = %v, want %v", tc.numpy, tc.op, d, tc.want)
			}
			if !slices.Equal(Data[int64](x), before) {
				t.Fatalf("x.at[%s].%s changed x", tc.numpy, tc.op)
			}
		}
	}
}

func TestAtDTypesAndNaN(t *testing.T) {
	// Values are converted to x's dtype; NaN wins in Max and Min.
	x := FromSlice([]float32{1, 2, 3})
	got := x.At([]int{0, 2}).Set(FromSlice([]float64{0.5, 7}))
	if got.DType() != Float32 || !slices.Equal(Data[float32](got), []float32{0.5, 2, 7}) {
		t.Fatalf("set float64 into float32 = %v %v", got.DType(), Data[float32](got))
	}
	nan := float32(math.NaN())
	got = FromSlice([]float32{1, nan, 3}).At(S()).Max(FromSlice([]float32{nan, 0, 5}))
	if g := Data[float32](got); !math.IsNaN(float64(g[0])) || !math.IsNaN(float64(g[1])) || g[2] != 5 {
		t.Fatalf("max with NaN = %v", g)
	}
	got = FromSlice([]float64{1, 2}).At(0).Min(math.NaN())
	if g := Data[float64](got); !math.IsNaN(g[0]) || g[1] != 2 {
		t.Fatalf("min with NaN = %v", g)
	}
	b := FromSlice([]bool{false, true, false})
	if g := Data[bool](b.At([]int{0, 0}).Add(true)); !slices.Equal(g, []bool{true, true, false}) {
		t.Fatalf("bool add (or) = %v", g)
	}
	if g := Data[bool](b.At(S()).Mul(false)); !slices.Equal(g, []bool{false, false, false}) {
		t.Fatalf("bool mul (and) = %v", g)
	}
	u := FromSlice([]uint8{250, 1})
	if g := Data[uint8](u.At(0).Add(10)); g[0] != 4 {
		t.Fatalf("uint8 add wraps as NumPy: got %v", g)
	}
	// 0-d arrays update as a whole.
	if g := Scalar(int32(4)).At().Add(3); g.Item() != 7 || g.Ndim() != 0 {
		t.Fatalf("0-d add = %v", g.Item())
	}
}

func TestAtErrors(t *testing.T) {
	a, _ := indexBases()
	mustPanicWith(t, func() { a.At(0, 3).Set(1) }, "Updater.Set", "index 3 is out of bounds for axis 1 with size 3")
	mustPanicWith(t, func() { a.At([]int{2}).Add(1) }, "Updater.Add", "index 2 is out of bounds for axis 0 with size 2")
	mustPanicWith(t, func() { a.At(0).Set(FromSlice([]int64{1, 2, 3})) }, "could not broadcast value of shape (3,) into indexed shape (3, 4)")
	mustPanicWith(t, func() { FromSlice([]uint8{1}).At(0).Set(300) }, "Go integer 300 out of bounds for uint8")
}

// TestIndexJIT runs indexing, Take and updates under JIT and compares
// with eager results; out-of-range indices clamp (gather) or drop
// (scatter) there, as in JAX, and masks are refused with a remedy.
func TestIndexJIT(t *testing.T) {
	a, b := indexBases()
	f := func(x, i *Array) []*Array {
		return []*Array{
			x.Index(S(), i, S(1, None)),
			Take(x, i, -1),
			x.At(1, i).Add(100),
			x.At(S(), S(None, None, 2)).Set(-1),
		}
	}
	i := FromSlice([]int64{2, -1})
	want := f(b, i)
	got := JIT(f)(b, i)
	for k := range want {
		if !slices.Equal(got[k].Shape(), want[k].Shape()) || !slices.Equal(Data[int64](got[k]), Data[int64](want[k])) {
			t.Fatalf("output %d: jit %v %v, eager %v %v", k, got[k].Shape(), Data[int64](got[k]), want[k].Shape(), Data[int64](want[k]))
		}
	}
	// Out of range under tracing: Take clamps, At drops.
	g := JIT(func(x, i *Array) []*Array { return []*Array{Take(x, i, 0), x.At(i).Set(0)} })(a, FromSlice([]int64{5, -7}))
	if !slices.Equal(Data[int64](g[0]), append(Data[int64](a.Index(1)), Data[int64](a.Index(0))...)) {
		t.Fatalf("jit take out of range = %v, want clamped rows 1 then 0", Data[int64](g[0]))
	}
	if !slices.Equal(Data[int64](g[1]), Data[int64](a)) {
		t.Fatalf("jit set out of range changed x: %v", Data[int64](g[1]))
	}
	mustPanicWith(t, func() {
		JIT(func(x, m *Array) *Array { return x.Index(m) })(a, Greater(a, 3))
	}, "boolean mask", "nd.Where")
}

func BenchmarkTakeRows(b *testing.B) {
	table := Arange(Float32, 0, 100000*64, 1).Reshape(100000, 64)
	idx := make([]int64, 10000)
	for i := range idx {
		idx[i] = int64(i*7919) % 100000
	}
	ix := FromSlice(idx)
	for b.Loop() {
		Take(table, ix, 0)
	}
}

func BenchmarkTakeColumns(b *testing.B) {
	x := Arange(Float64, 0, 1000*1000, 1).Reshape(1000, 1000)
	ix := Arange(Int64, 0, 1000, 2)
	for b.Loop() {
		Take(x, ix, 1)
	}
}

func BenchmarkAtAddRows(b *testing.B) {
	x := Zeros(Float32, 1000, 64)
	idx := make([]int64, 100000)
	for i := range idx {
		idx[i] = int64(i*7919) % 1000
	}
	ix := FromSlice(idx)
	v := Ones(Float32, 100000, 64)
	for b.Loop() {
		x.At(ix).Add(v)
	}
}
