package nd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/nd-go/nd/internal/prims"
)

// The reductions are checked against float64 loops over the C-order
// elements of each input (floats(x)), for several shapes, axis sets,
// layouts and dtypes.

// redGroups splits the C-order values of an array of shape over the
// output elements of a reduction over axes (sorted, normalized): group k
// holds, in C order of the reduced axes, the values output k combines.
func redGroups(vals []float64, shape, axes []int) (outShape []int, groups [][]float64) {
	reduced := make([]bool, len(shape))
	for _, a := range axes {
		reduced[a] = true
	}
	for i, d := range shape {
		if !reduced[i] {
			outShape = append(outShape, d)
		}
	}
	nOut := 1
	for _, d := range outShape {
		nOut *= d
	}
	groups = make([][]float64, nOut)
	idx := make([]int, len(shape))
	for _, v := range vals {
		o := 0
		for i, d := range shape {
			if !reduced[i] {
				o = o*d + idx[i]
			}
		}
		groups[o] = append(groups[o], v)
		for i := len(shape) - 1; i >= 0; i-- {
			idx[i]++
			if idx[i] < shape[i] {
				break
			}
			idx[i] = 0
		}
	}
	return outShape, groups
}

func refSum(g []float64) float64 {
	s := 0.0
	for _, v := range g {
		s += v
	}
	return s
}

func refProd(g []float64) float64 {
	p := 1.0
	for _, v := range g {
		p *= v
	}
	return p
}

func refMax(g []float64) float64 {
	m := math.Inf(-1)
	for _, v := range g {
		if math.IsNaN(v) {
			return v
		}
		m = math.Max(m, v)
	}
	return m
}

func refMin(g []float64) float64 {
	m := math.Inf(1)
	for _, v := range g {
		if math.IsNaN(v) {
			return v
		}
		m = math.Min(m, v)
	}
	return m
}

func refMean(g []float64) float64 { return refSum(g) / float64(len(g)) }

func refVar(ddof int) func(g []float64) float64 {
	return func(g []float64) float64 {
		m := refMean(g)
		s := 0.0
		for _, v := range g {
			s += (v - m) * (v - m)
		}
		return s / float64(max(len(g)-ddof, 0))
	}
}

func refAll(g []float64) float64 {
	for _, v := range g {
		if v == 0 {
			return 0
		}
	}
	return 1
}

func refAny(g []float64) float64 {
	for _, v := range g {
		if v != 0 {
			return 1
		}
	}
	return 0
}

func refLogSumExp(g []float64) float64 {
	m := refMax(g)
	if math.IsInf(m, 0) || math.IsNaN(m) {
		m = 0
	}
	s := 0.0
	for _, v := range g {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

func refArg(isMax bool) func(g []float64) float64 {
	return func(g []float64) float64 {
		at := 0
		for i, v := range g {
			if math.IsNaN(v) {
				return float64(i)
			}
			if (isMax && v > g[at]) || (!isMax && v < g[at]) {
				at = i
			}
		}
		return float64(at)
	}
}

// redValues returns n random values fit for dtype d: small integers for
// integer dtypes (so that sums and products stay exact), 0/1 for bools,
// and values in [-2, 2) for floats.
func redValues(rng *rand.Rand, d DType, n int, forProd bool) []float64 {
	vals := make([]float64, n)
	for i := range vals {
		switch {
		case d == Bool:
			vals[i] = float64(rng.IntN(2))
		case d.IsInt() && forProd:
			vals[i] = 1
			if k := rng.IntN(64); k == 0 {
				vals[i] = 2
			} else if k < 16 && d != Uint8 {
				vals[i] = -1
			}
		case d == Uint8:
			vals[i] = float64(rng.IntN(6))
		case d.IsInt():
			vals[i] = float64(rng.IntN(11) - 5)
		case forProd:
			vals[i] = 0.9 + 0.2*rng.Float64()
		default:
			vals[i] = 4*rng.Float64() - 2
		}
	}
	return vals
}

// redLayouts returns arrays of the given shape and dtype in several
// layouts: contiguous, transposed, stepped slice, contiguous at an offset,
// flipped, broadcast.
func redLayouts(rng *rand.Rand, d DType, shape []int, forProd bool) map[string]*Array {
	n := 1
	for _, s := range shape {
		n *= s
	}
	mk := func(shape ...int) *Array {
		n := 1
		for _, s := range shape {
			n *= s
		}
		return FromSlice(redValues(rng, d, n, forProd), shape...).AsType(d)
	}
	out := map[string]*Array{"contiguous": mk(shape...)}
	if len(shape) == 0 {
		return out
	}
	rev := slices.Clone(shape)
	slices.Reverse(rev)
	out["transposed"] = Transpose(mk(rev...))
	big := slices.Clone(shape)
	big[0] *= 2
	out["stepped"] = SliceAxes(mk(big...), S(None, None, 2))
	out["offset"] = SliceAxes(mk(big...), S(shape[0], None))
	out["flipped"] = Flip(mk(shape...))
	one := slices.Clone(shape)
	one[0] = 1
	out["broadcast"] = BroadcastTo(mk(one...), shape...)
	return out
}

var redShapes = [][]int{{}, {7}, {3, 4}, {2, 3, 4}, {4, 1, 5}, {2, 3, 2, 5}, {3, 300}, {300, 3}}

// redAxisSets returns the axis sets to try on an array of ndim dims: none
// (all), each axis, each axis negated, pairs, and all axes spelled out.
func redAxisSets(ndim int) [][]int {
	sets := [][]int{nil}
	for a := range ndim {
		sets = append(sets, []int{a}, []int{a - ndim})
	}
	for a := range ndim {
		for b := a + 1; b < ndim; b++ {
			sets = append(sets, []int{b, a})
		}
	}
	if ndim > 2 {
		all := make([]int, ndim)
		for i := range all {
			all[i] = i
		}
		sets = append(sets, all, []int{0, ndim - 1})
	}
	return sets
}

func redNormAxes(axes []int, ndim int) []int {
	if len(axes) == 0 {
		axes = make([]int, ndim)
		for i := range axes {
			axes[i] = i
		}
	}
	out := make([]int, len(axes))
	for i, a := range axes {
		if a < 0 {
			a += ndim
		}
		out[i] = a
	}
	slices.Sort(out)
	return out
}

func TestReductionsAgainstLoops(t *testing.T) {
	type reduction struct {
		name    string
		f       Reduction
		ref     func([]float64) float64
		dtypes  []DType
		outType func(DType) DType
		forProd bool
	}
	same := func(d DType) DType { return d }
	toFloat := func(d DType) DType {
		if d.IsFloat() {
			return d
		}
		return Float64
	}
	toBool := func(DType) DType { return Bool }
	all := []DType{Bool, Uint8, Int32, Int64, Float32, Float64}
	nums := []DType{Uint8, Int32, Int64, Float32, Float64}
	floatsOnly := []DType{Float32, Float64}
	varDdof1 := func(x *Array, axes ...int) *Array { return VarDdof(x, 1, axes...) }
	stdDdof1 := func(x *Array, axes ...int) *Array { return StdDdof(x, 1, axes...) }
	reductions := []reduction{
		{"Sum", Sum, refSum, all, sumDType, false},
		{"Prod", Prod, refProd, all, sumDType, true},
		{"Max", Max, refMax, all, same, false},
		{"Min", Min, refMin, all, same, false},
		{"Mean", Mean, refMean, all, toFloat, false},
		{"Var", Var, refVar(0), nums, toFloat, false},
		{"VarDdof1", varDdof1, refVar(1), floatsOnly, toFloat, false},
		{"Std", Std, func(g []float64) float64 { return math.Sqrt(refVar(0)(g)) }, []DType{Int32, Float32, Float64}, toFloat, false},
		{"StdDdof1", stdDdof1, func(g []float64) float64 { return math.Sqrt(refVar(1)(g)) }, floatsOnly, toFloat, false},
		{"All", All, refAll, all, toBool, false},
		{"Any", Any, refAny, []DType{Bool, Int32, Float64}, toBool, false},
		{"LogSumExp", LogSumExp, refLogSumExp, []DType{Int32, Float32, Float64}, toFloat, false},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, r := range reductions {
		for _, d := range r.dtypes {
			tol := 0.0
			switch {
			case d == Float32 || (r.outType(d) == Float32):
				tol = 1e-5
			case r.outType(d).IsFloat():
				tol = 1e-12
			}
			for _, shape := range redShapes {
				for layout, x := range redLayouts(rng, d, shape, r.forProd) {
					vals := floats(x)
					for _, axes := range redAxisSets(len(shape)) {
						name := fmt.Sprintf("%s(%v %v %s, axes %v)", r.name, d, shape, layout, axes)
						norm := redNormAxes(axes, len(shape))
						wantShape, groups := redGroups(vals, shape, norm)
						want := make([]float64, len(groups))
						for i, g := range groups {
							want[i] = r.ref(g)
						}
						got := r.f(x, axes...)
						if got.DType() != r.outType(d) {
							t.Fatalf("%s: dtype %v, want %v", name, got.DType(), r.outType(d))
						}
						if !slices.Equal(got.Shape(), wantShape) && !(len(wantShape) == 0 && got.Ndim() == 0) {
							t.Fatalf("%s: shape %v, want %v", name, got.Shape(), wantShape)
						}
						checkClose(t, name, floats(got), want, tol)
						keep := KeepDims(r.f, x, axes...)
						if ks := keptShape(shape, norm); !slices.Equal(keep.Shape(), ks) {
							t.Fatalf("%s keepdims: shape %v, want %v", name, keep.Shape(), ks)
						}
					}
				}
			}
		}
	}
}

func TestArgReductionsAgainstLoops(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, isMax := range []bool{true, false} {
		f, name := ArgMax, "ArgMax"
		if !isMax {
			f, name = ArgMin, "ArgMin"
		}
		for _, d := range []DType{Bool, Uint8, Int32, Int64, Float32, Float64} {
			for _, shape := range redShapes {
				for layout, x := range redLayouts(rng, d, shape, false) {
					vals := floats(x)
					// Flattened.
					got := f(x)
					if got.DType() != Int64 || got.Ndim() != 0 {
						t.Fatalf("%s(%v %v %s): %v%v, want int64 0-d", name, d, shape, layout, got.DType(), got.Shape())
					}
					if want := refArg(isMax)(vals); got.Item() != want {
						t.Fatalf("%s(%v %v %s) = %v, want %v", name, d, shape, layout, got.Item(), want)
					}
					for axis := -len(shape); axis < len(shape); axis++ {
						label := fmt.Sprintf("%s(%v %v %s, axis %d)", name, d, shape, layout, axis)
						norm := redNormAxes([]int{axis}, len(shape))
						_, groups := redGroups(vals, shape, norm)
						want := make([]float64, len(groups))
						for i, g := range groups {
							want[i] = refArg(isMax)(g)
						}
						checkClose(t, label, floats(f(x, axis)), want, 0)
						if ks := keptShape(shape, norm); !slices.Equal(KeepDims(f, x, axis).Shape(), ks) {
							t.Fatalf("%s keepdims: shape %v, want %v", label, KeepDims(f, x, axis).Shape(), ks)
						}
					}
				}
			}
		}
	}
}

func TestCumulativeAgainstLoops(t *testing.T) {
	type scan struct {
		name string
		f    func(*Array, ...int) *Array
		op   func(acc, v float64) float64
		out  func(DType) DType
	}
	same := func(d DType) DType { return d }
	nanMax := func(a, v float64) float64 {
		if math.IsNaN(a) || math.IsNaN(v) {
			return math.NaN()
		}
		return math.Max(a, v)
	}
	nanMin := func(a, v float64) float64 {
		if math.IsNaN(a) || math.IsNaN(v) {
			return math.NaN()
		}
		return math.Min(a, v)
	}
	scans := []scan{
		{"CumSum", CumSum, func(a, v float64) float64 { return a + v }, sumDType},
		{"CumProd", CumProd, func(a, v float64) float64 { return a * v }, sumDType},
		{"CumMax", CumMax, nanMax, same},
		{"CumMin", CumMin, nanMin, same},
	}
	rng := rand.New(rand.NewPCG(5, 6))
	// refScan scans vals (C order, shape) along axis into C order.
	refScan := func(vals []float64, shape []int, axis int, op func(a, v float64) float64, reverse bool) []float64 {
		inner := 1
		for _, d := range shape[axis+1:] {
			inner *= d
		}
		n := shape[axis]
		out := slices.Clone(vals)
		for base := range vals {
			if (base/inner)%n != 0 {
				continue
			}
			for k := 1; k < n; k++ {
				i, prev := base+k*inner, base+(k-1)*inner
				if reverse {
					i, prev = base+(n-1-k)*inner, base+(n-k)*inner
				}
				out[i] = op(out[prev], vals[i])
			}
		}
		return out
	}
	for _, s := range scans {
		for _, d := range []DType{Uint8, Int32, Int64, Float32, Float64} {
			tol := 0.0
			if d == Float32 {
				tol = 1e-4 // running sums and products, as NumPy's
			}
			for _, shape := range redShapes {
				for layout, x := range redLayouts(rng, d, shape, s.name == "CumProd") {
					vals := floats(x)
					got := s.f(x)
					if got.DType() != s.out(d) || !slices.Equal(got.Shape(), []int{len(vals)}) {
						t.Fatalf("%s(%v %v %s): %v%v", s.name, d, shape, layout, got.DType(), got.Shape())
					}
					checkClose(t, fmt.Sprintf("%s(%v %v %s)", s.name, d, shape, layout), floats(got), refScan(vals, []int{len(vals)}, 0, s.op, false), tol)
					for axis := -len(shape); axis < len(shape); axis++ {
						label := fmt.Sprintf("%s(%v %v %s, axis %d)", s.name, d, shape, layout, axis)
						a := redNormAxes([]int{axis}, len(shape))[0]
						got := s.f(x, axis)
						if !slices.Equal(got.Shape(), shape) {
							t.Fatalf("%s: shape %v", label, got.Shape())
						}
						checkClose(t, label, floats(got), refScan(vals, shape, a, s.op, false), tol)
					}
				}
			}
		}
	}
	// The primitives' reverse scans.
	x := FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	for _, c := range []struct {
		name string
		got  []float64
		want []float64
	}{
		{"cumsum reverse axis 1", floats(wrap(prims.CumSum(x.c(), 1, true))), []float64{6, 5, 3, 15, 11, 6}},
		{"cumsum reverse axis 0", floats(wrap(prims.CumSum(x.c(), 0, true))), []float64{5, 7, 9, 4, 5, 6}},
		{"cumprod reverse axis 1", floats(wrap(prims.CumProd(x.c(), 1, true))), []float64{6, 6, 3, 120, 30, 6}},
		{"cummax reverse axis 1", floats(wrap(prims.CumMax(Flip(x, 1).c(), 1, true))), []float64{3, 2, 1, 6, 5, 4}},
		{"cummin reverse axis 0", floats(wrap(prims.CumMin(x.c(), 0, true))), []float64{1, 2, 3, 4, 5, 6}},
	} {
		checkClose(t, c.name, c.got, c.want, 0)
	}
}

func TestReductionSpecialValues(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	x := FromSlice([]float64{1, nan, 3, nan, -inf, 2, inf, 0, -inf, -inf, -inf, -inf}, 3, 4)
	for _, c := range []struct {
		name string
		got  *Array
		want []float64
	}{
		{"Max axis 1", Max(x, 1), []float64{nan, inf, -inf}},
		{"Min axis 1", Min(x, 1), []float64{nan, -inf, -inf}},
		{"Max axis 0", Max(x, 0), []float64{1, nan, inf, nan}},
		{"ArgMax axis 1", ArgMax(x, 1), []float64{1, 2, 0}},
		{"ArgMin axis 1", ArgMin(x, 1), []float64{1, 0, 0}},
		{"ArgMax axis 0", ArgMax(x, 0), []float64{0, 0, 1, 0}},
		{"ArgMin axis 0", ArgMin(x, 0), []float64{1, 0, 2, 0}},
		{"ArgMax flat", ArgMax(x), []float64{1}},
		{"Sum axis 1", Sum(x, 1), []float64{nan, nan, -inf}},
		{"LogSumExp axis 1", LogSumExp(x, 1), []float64{nan, inf, -inf}},
		{"LogSumExp of all -Inf", LogSumExp(FromSlice([]float32{float32(-inf), float32(-inf)})), []float64{-inf}},
		{"LogSumExp of empty", LogSumExp(Zeros(Float64, 0)), []float64{-inf}},
		{"All NaN", All(FromSlice([]float64{nan, 1})), []float64{1}},
		{"Any zeros", Any(FromSlice([]float64{0, -0.0})), []float64{0}},
		{"CumMax NaN", CumMax(FromSlice([]float64{1, nan, 3})), []float64{1, nan, nan}},
		{"Mean of empty", Mean(Zeros(Float64, 0)), []float64{nan}},
		{"VarDdof n-ddof<0", VarDdof(FromSlice([]float64{1, 2}), 3), []float64{inf}},
		{"VarDdof n-ddof=0", VarDdof(FromSlice([]float64{1, 1}), 2), []float64{nan}},
	} {
		checkClose(t, c.name, floats(c.got), c.want, 1e-12)
	}
}

func TestReductionEmptyAndScalar(t *testing.T) {
	e := Zeros(Float32, 0, 3)
	for _, c := range []struct {
		name  string
		got   *Array
		shape []int
		want  []float64
	}{
		{"Sum axis 0", Sum(e, 0), []int{3}, []float64{0, 0, 0}},
		{"Sum axis 1", Sum(e, 1), []int{0}, []float64{}},
		{"Sum all", Sum(e), []int{}, []float64{0}},
		{"Prod axis 0", Prod(e, 0), []int{3}, []float64{1, 1, 1}},
		{"All axis 0", All(e, 0), []int{3}, []float64{1, 1, 1}},
		{"Any axis 0", Any(e, 0), []int{3}, []float64{0, 0, 0}},
		{"Max axis 1 (empty output)", Max(e, 1), []int{0}, []float64{}},
		{"ArgMax axis 1 (empty output)", ArgMax(e, 1), []int{0}, []float64{}},
		{"Mean axis 0", Mean(e, 0), []int{3}, []float64{math.NaN(), math.NaN(), math.NaN()}},
		{"CumSum axis 0", CumSum(e, 0), []int{0, 3}, []float64{}},
		{"Sum of 0-d", Sum(Scalar(int32(7))), []int{}, []float64{7}},
		{"Max of 0-d", Max(Scalar(2.5)), []int{}, []float64{2.5}},
		{"ArgMax of 0-d", ArgMax(Scalar(2.5)), []int{}, []float64{0}},
		{"CumSum of 0-d", CumSum(Scalar(2.5)), []int{1}, []float64{2.5}},
		{"Mean of 0-d", Mean(Scalar(int32(3))), []int{}, []float64{3}},
		{"KeepDims Sum of 0-d", KeepDims(Sum, Scalar(2.0)), []int{}, []float64{2}},
		{"KeepDims ArgMax flat", KeepDims(ArgMax, Zeros(Float32, 2, 3)), []int{1, 1}, []float64{0}},
		{"Sum size-1 axes", Sum(Ones(Float64, 1, 3, 1), 0, 2), []int{3}, []float64{1, 1, 1}},
	} {
		if !slices.Equal(c.got.Shape(), c.shape) && !(len(c.shape) == 0 && c.got.Ndim() == 0) {
			t.Fatalf("%s: shape %v, want %v", c.name, c.got.Shape(), c.shape)
		}
		checkClose(t, c.name, floats(c.got), c.want, 0)
	}
}

func TestReductionErrors(t *testing.T) {
	x := Zeros(Float32, 2, 3)
	mustPanicWith(t, func() { Sum(x, 2) }, "nd.Sum", "axis 2 out of range", "2 dimensions")
	mustPanicWith(t, func() { Mean(x, -3) }, "nd.Mean", "axis -3 out of range")
	mustPanicWith(t, func() { Max(x, 1, -1) }, "nd.Max", "duplicate value in axes [1 -1]")
	mustPanicWith(t, func() { Sum(Scalar(1.0), 0) }, "nd.Sum", "axis 0 out of range", "0 dimensions")
	mustPanicWith(t, func() { Max(Zeros(Float32, 0, 3), 0) }, "nd.Max", "zero-size array to reduction operation maximum which has no identity")
	mustPanicWith(t, func() { Min(Zeros(Float32, 0)) }, "nd.Min", "zero-size array to reduction operation minimum")
	mustPanicWith(t, func() { Max(Zeros(Float32, 0, 0), 1) }, "nd.Max", "no identity")
	mustPanicWith(t, func() { ArgMax(Zeros(Float32, 0, 3), 0) }, "nd.ArgMax", "attempt to get argmax of an empty sequence")
	mustPanicWith(t, func() { ArgMin(Zeros(Float32, 0)) }, "nd.ArgMin", "attempt to get argmin of an empty sequence")
	mustPanicWith(t, func() { ArgMax(x, 0, 1) }, "nd.ArgMax", "at most one axis")
	mustPanicWith(t, func() { CumSum(x, 2) }, "nd.CumSum", "axis 2 out of range")
	mustPanicWith(t, func() { CumMax(Zeros(Bool, 2)) }, "nd.CumMax", "bool")
	mustPanicWith(t, func() { Softmax(Scalar(1.0)) }, "nd.Softmax", "0-d")
	mustPanicWith(t, func() { KeepDims(CumSum, x, 1) }, "nd.KeepDims", "not a reduction")
	mustPanicWith(t, func() { wrap(prims.ReduceSum(x.c(), []int{1, 0})) }, "reduce_sum", "sorted and distinct")
	mustPanicWith(t, func() { wrap(prims.ReduceAnd(x.c(), []int{0})) }, "reduce_and", "float32", "want bool")
}

// TestSumFloat32Accuracy sums 10M float32 values in [0, 1) and compares
// with a float64 sum: pairwise summation keeps the relative error below
// 1e-6, where a running float32 sum is off by about 5e-5 (it is checked
// to fail the same bound, so the test can fail).
func TestSumFloat32Accuracy(t *testing.T) {
	const n, tol = 10_000_000, 1e-6
	rng := rand.New(rand.NewPCG(7, 8))
	x := make([]float32, n)
	var exact float64
	var naive float32
	for i := range x {
		x[i] = float32(rng.Float64())
		exact += float64(x[i])
		naive += x[i]
	}
	a := Wrap(x)
	got := Sum(a).Item()
	if rel := math.Abs(got-exact) / exact; rel > tol {
		t.Errorf("Sum of %d float32: %v, float64 sum %v: relative error %.2g > %g", n, got, exact, rel, tol)
	}
	if rel := math.Abs(float64(naive)-exact) / exact; rel <= tol {
		t.Errorf("running float32 sum is within %g (%.2g): the test would not catch a naive sum", tol, rel)
	}
	// Mean over the rows of a 2-d view uses the row-accumulating kernel.
	m := Mean(a.Reshape(n/10, 10), 0)
	for j, v := range Data[float32](m) {
		var s float64
		for i := j; i < n; i += 10 {
			s += float64(x[i])
		}
		want := s / (n / 10)
		if rel := math.Abs(float64(v)-want) / want; rel > tol {
			t.Errorf("Mean axis 0 column %d: %v, want %v: relative error %.2g > %g", j, v, want, rel, tol)
		}
	}
	// And over a transposed view.
	m = Mean(a.Reshape(10, n/10).T(), 0)
	for j, v := range Data[float32](m) {
		s := 0.0
		for _, e := range x[j*n/10 : (j+1)*n/10] {
			s += float64(e)
		}
		want := s / (n / 10)
		if rel := math.Abs(float64(v)-want) / want; rel > tol {
			t.Errorf("Mean of transposed, column %d: %v, want %v: relative error %.2g > %g", j, v, want, rel, tol)
		}
	}
}

// TestReductionsDeterministic checks that results have the same bits
// whatever GOMAXPROCS is, on inputs large enough to be split over cores.
func TestReductionsDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	vals := make([]float32, 1<<21)
	for i := range vals {
		vals[i] = rng.Float32()*2 - 1
	}
	x := Wrap(vals)
	cases := []struct {
		name string
		f    func() *Array
	}{
		{"Sum all", func() *Array { return Sum(x) }},
		{"Sum axis 1 of (2, N)", func() *Array { return Sum(x.Reshape(2, -1), 1) }},
		{"Sum axis 0 of (2048, 1024)", func() *Array { return Sum(x.Reshape(2048, 1024), 0) }},
		{"Sum axis 1 of (2048, 1024)", func() *Array { return Sum(x.Reshape(2048, 1024), 1) }},
		{"Sum axis 0 of (N/3, 3)", func() *Array { return Sum(SliceAxes(x, S(0, 3*(len(vals)/3))).Reshape(-1, 3), 0) }},
		{"Sum axis 0 of (N/16, 16)", func() *Array { return Sum(x.Reshape(-1, 16), 0) }},
		{"Sum axis 0,2 of (64, 128, 256)", func() *Array { return Sum(x.Reshape(64, 128, 256), 0, 2) }},
		{"Sum of a transposed view", func() *Array { return Sum(x.Reshape(1024, 2048).T(), 0) }},
		{"Max axis 0", func() *Array { return Max(x.Reshape(2048, 1024), 0) }},
		{"Var", func() *Array { return Var(x) }},
		{"ArgMax axis 0", func() *Array { return ArgMax(x.Reshape(2048, 1024), 0) }},
		{"CumSum axis 1", func() *Array { return CumSum(x.Reshape(2048, 1024), 1) }},
		{"Softmax", func() *Array { return Softmax(x.Reshape(2048, 1024)) }},
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, c := range cases {
		runtime.GOMAXPROCS(1)
		one := c.f()
		runtime.GOMAXPROCS(4)
		four := c.f()
		if !slices.Equal(bitsOf(one), bitsOf(four)) {
			t.Errorf("%s: results differ between GOMAXPROCS 1 and 4", c.name)
		}
	}
}

func bitsOf(a *Array) []uint64 {
	var out []uint64
	switch a.DType() {
	case Float32:
		for _, v := range Data[float32](a) {
			out = append(out, uint64(math.Float32bits(v)))
		}
	case Float64:
		for _, v := range Data[float64](a) {
			out = append(out, math.Float64bits(v))
		}
	default:
		for _, v := range floats(a) {
			out = append(out, math.Float64bits(v))
		}
	}
	return out
}

// TestReductionsNumPyValues compares with values NumPy 1.24 printed for
// the same inputs.
func TestReductionsNumPyValues(t *testing.T) {
	x := FromSlice([]float32{0.5, -1.25, 3, 2.5, 7, -4}, 2, 3)
	i := FromSlice([]int32{3, -7, 12, 5, 0, 9}, 2, 3)
	for _, c := range []struct {
		name  string
		got   *Array
		dtype DType
		want  []float64
		tol   float64
	}{
		// np.var(x, axis=1)
		{"Var axis 1", Var(x, 1), Float32, []float64{3.0416667, 20.388887}, 1e-6},
		// np.std(x, axis=0, ddof=1)
		{"StdDdof 1 axis 0", StdDdof(x, 1, 0), Float32, []float64{1.4142135, 5.833631, 4.9497476}, 1e-6},
		// np.mean(i, axis=0)
		{"Mean int32", Mean(i, 0), Float64, []float64{4, -3.5, 10.5}, 1e-15},
		// np.sum(i), np.prod(i, axis=1)
		{"Sum int32", Sum(i), Int64, []float64{22}, 0},
		{"Prod int32 axis 1", Prod(i, 1), Int64, []float64{-252, 0}, 0},
		// log(sum(exp(x - max))) + max in float64 NumPy (scipy is not installed)
		{"LogSumExp axis 1", LogSumExp(x, 1), Float32, []float64{3.0919857806, 7.0110642629}, 1e-6},
		// np.cumsum(i, axis=0)
		{"CumSum int32 axis 0", CumSum(i, 0), Int64, []float64{3, -7, 12, 8, -7, 21}, 0},
		// np.var(i)
		{"Var int32", Var(i), Float64, []float64{37.88888888888889}, 1e-14},
	} {
		if c.got.DType() != c.dtype {
			t.Fatalf("%s: dtype %v, want %v", c.name, c.got.DType(), c.dtype)
		}
		checkClose(t, c.name, floats(c.got), c.want, c.tol)
	}
}
