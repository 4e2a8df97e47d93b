package nd

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// sortCmp orders float64 values ascending with NaN last (the reference
// comparator; stable sorts keep equal values, -0.0 and +0.0 included, in
// input order).
func sortCmp(a, b float64) int {
	switch {
	case math.IsNaN(a) && math.IsNaN(b):
		return 0
	case math.IsNaN(a):
		return 1
	case math.IsNaN(b):
		return -1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// sameFloat reports whether a and b are both NaN or have the same bits
// (so -0.0 differs from +0.0).
func sameFloat(a, b float64) bool {
	return (math.IsNaN(a) && math.IsNaN(b)) || math.Float64bits(a) == math.Float64bits(b)
}

// sortValues returns random values for dtype d with many ties, and for
// floats NaNs, infinities and zeros of both signs.
func sortValues(d DType, n int, rng *rand.Rand) *Array {
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = float64(rng.IntN(7))
		if d.IsFloat() {
			switch rng.IntN(8) {
			case 0:
				vals[i] = math.NaN()
			case 1:
				vals[i] = math.Copysign(0, -1)
			case 2:
				vals[i] = math.Inf(2*rng.IntN(2) - 1)
			case 3:
				vals[i] = -vals[i] - 0.5
			}
		}
		if d == Int32 || d == Int64 {
			vals[i] -= 3
		}
	}
	return wrap(castTo("test", FromSlice(vals).c(), d))
}

// refSortLanes sorts x (C-order values, shape) along axis with the
// reference comparator and returns the sorted values and the stable
// argsort.
func refSortLanes(vals []float64, shape []int, axis int) ([]float64, []int64) {
	inner := 1
	for _, d := range shape[axis+1:] {
		inner *= d
	}
	n := shape[axis]
	outer := len(vals) / max(n*inner, 1)
	sorted, idx := make([]float64, len(vals)), make([]int64, len(vals))
	for o := range outer {
		for in := range inner {
			pos := func(j int) int { return (o*n+j)*inner + in }
			perm := make([]int, n)
			for j := range perm {
				perm[j] = j
			}
			slices.SortStableFunc(perm, func(a, b int) int { return sortCmp(vals[pos(a)], vals[pos(b)]) })
			for j, p := range perm {
				sorted[pos(j)], idx[pos(j)] = vals[pos(p)], int64(p)
			}
		}
	}
	return sorted, idx
}

func TestSortArgSortAgainstLoops(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	shapes := []struct {
		shape []int
		axis  int
	}{
		{[]int{3, 4, 5}, 0}, {[]int{3, 4, 5}, 1}, {[]int{3, 4, 5}, -1}, {[]int{17}, 0},
		{[]int{2, 0, 3}, 1}, {[]int{2, 0, 3}, 0}, {[]int{1, 1}, -1},
		{[]int{30, 2500}, -1}, // large enough to split the rows over cores
	}
	for _, d := range []DType{Bool, Uint8, Int32, Int64, Float32, Float64} {
		for _, sh := range shapes {
			base := sortValues(d, productOf(sh.shape), rng).Reshape(sh.shape...)
			ax := (sh.axis + len(sh.shape)) % len(sh.shape)
			wantV, wantI := refSortLanes(floats(base), sh.shape, ax)
			for name, x := range joinLayouts(base) {
				if base.Size() > 1000 && (name == "flipped" || name == "stepped") {
					continue // the small shapes cover these layouts
				}
				got := Sort(x, sh.axis)
				if got.DType() != d || !slices.Equal(got.Shape(), sh.shape) {
					t.Fatalf("%v %v %s: sort dtype %v shape %v", d, sh.shape, name, got.DType(), got.Shape())
				}
				for i, v := range floats(got) {
					if !sameFloat(v, wantV[i]) {
						t.Fatalf("%v %v axis %d %s: sorted element %d = %v, want %v", d, sh.shape, sh.axis, name, i, v, wantV[i])
					}
				}
				gi := ArgSort(x, sh.axis)
				if gi.DType() != Int64 || !slices.Equal(Data[int64](gi), wantI) {
					t.Fatalf("%v %v axis %d %s: argsort %v, want %v", d, sh.shape, sh.axis, name, Data[int64](gi), wantI)
				}
			}
		}
	}
}

func productOf(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// TestSortNumPy checks NaN and signed-zero placement against NumPy 1.24's
// np.sort / np.argsort with kind="stable".
func TestSortNumPy(t *testing.T) {
	nz, nan, inf := math.Copysign(0, -1), math.NaN(), math.Inf(1)
	x := FromSlice([]float64{3, nan, nz, 0, -inf, 1, nan, 0, nz})
	want := []float64{-inf, nz, 0, 0, nz, 1, 3, nan, nan}
	for i, v := range Data[float64](Sort(x, 0)) {
		if !sameFloat(v, want[i]) {
			t.Fatalf("sort element %d = %v, want %v", i, v, want[i])
		}
	}
	if got := Data[int64](ArgSort(x, -1)); !slices.Equal(got, []int64{4, 2, 3, 7, 8, 5, 0, 1, 6}) {
		t.Fatalf("argsort = %v", got)
	}
	f32 := Sort(x.AsType(Float32), 0)
	for i, v := range Data[float32](f32) {
		if !sameFloat(float64(v), want[i]) {
			t.Fatalf("float32 sort element %d = %v, want %v", i, v, want[i])
		}
	}
	b := FromSlice([]bool{true, false, true, false, false, true}, 2, 3)
	if got := Data[bool](Sort(b, 0)); !slices.Equal(got, []bool{false, false, true, true, false, true}) {
		t.Fatalf("bool sort = %v", got)
	}
	if got := Data[int64](ArgSort(b, 1)); !slices.Equal(got, []int64{1, 0, 2, 0, 1, 2}) {
		t.Fatalf("bool argsort = %v", got)
	}
	// axis None flattens.
	m := FromSlice([]int32{3, 1, 2, 0}, 2, 2)
	if got := Sort(m, None); !slices.Equal(got.Shape(), []int{4}) || !slices.Equal(Data[int32](got), []int32{0, 1, 2, 3}) {
		t.Fatalf("sort axis None = %v", Data[int32](got))
	}
	if got := Data[int64](ArgSort(m, None)); !slices.Equal(got, []int64{3, 1, 2, 0}) {
		t.Fatalf("argsort axis None = %v", got)
	}
	if got := Sort(Scalar(2.0), None); !slices.Equal(got.Shape(), []int{1}) {
		t.Fatalf("sort 0-d axis None shape %v", got.Shape())
	}
	mustPanicWith(t, func() { Sort(Scalar(2.0), 0) }, "nd.Sort", "axis 0 out of range")
	mustPanicWith(t, func() { ArgSort(m, 2) }, "nd.ArgSort", "axis 2 out of range")
}

// refTopK returns the k largest of a row (NaN largest) and their indices,
// ties by lower index, by a stable sort on the descending order.
func refTopK(row []float64, k int) ([]float64, []int64) {
	perm := make([]int, len(row))
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, b int) int { return sortCmp(row[b], row[a]) })
	vals, idx := make([]float64, k), make([]int64, k)
	for j := range k {
		vals[j], idx[j] = row[perm[j]], int64(perm[j])
	}
	return vals, idx
}

func TestTopK(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, d := range []DType{Bool, Uint8, Int32, Int64, Float32, Float64} {
		for _, sh := range [][]int{{4, 50}, {7}, {3, 2, 9}, {0, 5}, {40, 2000}} {
			base := sortValues(d, productOf(sh), rng).Reshape(sh...)
			n := sh[len(sh)-1]
			all := floats(base)
			var fullV []float64
			var fullI []int64
			for r := 0; r*n < len(all); r++ {
				wv, wi := refTopK(all[r*n:(r+1)*n], n)
				fullV, fullI = append(fullV, wv...), append(fullI, wi...)
			}
			for _, k := range []int{0, 1, 3, n} {
				if k > n || (k == n && n > 100) {
					continue
				}
				var wantV []float64
				var wantI []int64
				for r := 0; r*n < len(all); r++ {
					wantV, wantI = append(wantV, fullV[r*n:r*n+k]...), append(wantI, fullI[r*n:r*n+k]...)
				}
				for name, x := range joinLayouts(base) {
					v, i := TopK(x, k)
					wantShape := slices.Clone(sh)
					wantShape[len(sh)-1] = k
					if v.DType() != d || i.DType() != Int64 || !slices.Equal(v.Shape(), wantShape) || !slices.Equal(i.Shape(), wantShape) {
						t.Fatalf("%v %v k=%d %s: dtypes %v %v shapes %v %v", d, sh, k, name, v.DType(), i.DType(), v.Shape(), i.Shape())
					}
					gv, gi := floats(v), Data[int64](i)
					for j := range gv {
						if !sameFloat(gv[j], wantV[j]) || gi[j] != wantI[j] {
							t.Fatalf("%v %v k=%d %s: element %d = %v at %d, want %v at %d", d, sh, k, name, j, gv[j], gi[j], wantV[j], wantI[j])
						}
					}
				}
			}
		}
	}
	nan := math.NaN()
	v, i := TopK(FromSlice([]float64{1, nan, 3, 3, math.Inf(1)}), 3)
	if g := Data[float64](v); !math.IsNaN(g[0]) || g[1] != math.Inf(1) || g[2] != 3 || !slices.Equal(Data[int64](i), []int64{1, 4, 2}) {
		t.Fatalf("top_k with NaN and ties = %v %v", g, Data[int64](i))
	}
	x := Zeros(Float32, 2, 3)
	mustPanicWith(t, func() { TopK(x, 4) }, "nd.TopK", "k = 4 out of range for a last axis of size 3")
	mustPanicWith(t, func() { TopK(x, -1) }, "k = -1 out of range")
	mustPanicWith(t, func() { TopK(Scalar(1.0), 1) }, "at least one dimension")
}

// TestSortJIT runs the sorting ops under JIT and compares with eager.
func TestSortJIT(t *testing.T) {
	f := func(x *Array) []*Array {
		v, i := TopK(x, 2)
		return []*Array{Sort(x, 0), ArgSort(x, -1).AsType(Float64), v, i.AsType(Float64)}
	}
	x := FromSlice([]float64{3, math.NaN(), 1, 2, 0, -1}, 2, 3)
	want := f(x)
	got := JIT(f)(x)
	for k := range want {
		for j, w := range Data[float64](want[k]) {
			if !sameFloat(Data[float64](got[k])[j], w) {
				t.Fatalf("output %d: jit %v, eager %v", k, Data[float64](got[k]), Data[float64](want[k]))
			}
		}
	}
}

func benchFloats(n int) *Array {
	rng := rand.New(rand.NewPCG(5, 6))
	v := make([]float64, n)
	for i := range v {
		v[i] = rng.NormFloat64()
	}
	return Wrap(v)
}

func BenchmarkSortFloat64_1M(b *testing.B) {
	x := benchFloats(1 << 20)
	for b.Loop() {
		Sort(x, 0)
	}
}

func BenchmarkArgSortFloat64_1M(b *testing.B) {
	x := benchFloats(1 << 20)
	for b.Loop() {
		ArgSort(x, 0)
	}
}

func BenchmarkSortRows1000x1000(b *testing.B) {
	x := benchFloats(1000*1000).Reshape(1000, 1000)
	for b.Loop() {
		Sort(x, -1)
	}
}

func BenchmarkTopK1000x1000k10(b *testing.B) {
	x := benchFloats(1000*1000).Reshape(1000, 1000)
	for b.Loop() {
		TopK(x, 10)
	}
}
