package nd

import (
	"slices"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// Reductions share one calling convention:
//
//	nd.Sum(x)             // over every axis: a 0-d array
//	nd.Sum(x, 0)          // over axis 0
//	nd.Mean(x, 0, -1)     // over the first and the last axis
//	nd.KeepDims(nd.Sum, x, 1)  // over axis 1, keeping it with size 1
//
// Axes may be negative (counted from the end) and must be distinct. The
// reduced axes are dropped from the result; KeepDims wraps any reduction
// to keep them with size 1 (NumPy's keepdims=True), so that the result
// broadcasts against x. Go cannot spell NumPy's axis=() (reduce nothing):
// no axes means every axis.

// Reduction is the signature every reduction of this package shares
// (Sum, Mean, Max, ArgMax, All, LogSumExp, ...): x and the axes to reduce,
// none meaning all.
type Reduction func(x *Array, axes ...int) *Array

// KeepDims returns f(x, axes...) reshaped so that the reduced axes stay
// in place with size 1, like NumPy's keepdims=True: nd.KeepDims(nd.Sum, x, 1)
// is np.sum(x, axis=1, keepdims=True). With no axes, every axis is kept
// with size 1.
func KeepDims(f Reduction, x *Array, axes ...int) *Array {
	out := f(x, axes...)
	kept := keptShape(x.c().Shape(), reduceAxes("nd.KeepDims", x.Ndim(), axes))
	if core.ShapeSize(kept) != out.Size() {
		core.Panicf("nd.KeepDims", "result of shape %v is not a reduction of shape %v over axes %v",
			core.ShapeString(out.c().Shape()), core.ShapeString(x.c().Shape()), axes)
	}
	return wrap(prims.Reshape(out.c(), kept))
}

// reduceAxes normalizes the axes of a reduction over an array of ndim
// dimensions: negative axes count from the end, none means all; the result
// is sorted. Out-of-range and repeated axes panic.
func reduceAxes(op string, ndim int, axes []int) []int {
	if len(axes) == 0 {
		all := make([]int, ndim)
		for i := range all {
			all[i] = i
		}
		return all
	}
	out := make([]int, len(axes))
	for i, a := range axes {
		out[i] = normAxis(op, a, ndim)
	}
	slices.Sort(out)
	for i := 1; i < len(out); i++ {
		if out[i] == out[i-1] {
			core.Panicf(op, "duplicate value in axes %v", axes)
		}
	}
	return out
}

// keptShape returns shape with the (sorted) axes set to 1.
func keptShape(shape, axes []int) []int {
	kept := clone(shape)
	for _, a := range axes {
		kept[a] = 1
	}
	return kept
}

// reducedCount returns the number of elements each output element of a
// reduction over axes combines.
func reducedCount(shape, axes []int) int {
	n := 1
	for _, a := range axes {
		n *= shape[a]
	}
	return n
}

// sumDType is the dtype NumPy sums and multiplies in: bool and integers
// narrower than int64 widen to int64 (NumPy's platform int; uint8 sums to
// uint64 there, which nd lacks), int64 and floats stay.
func sumDType(d core.DType) core.DType {
	if d == core.Bool || d == core.Uint8 || d == core.Int32 {
		return core.Int64
	}
	return d
}

// floatOperand converts x to float64 unless it is already a float array,
// as NumPy's mean, var and std do for integers and bools.
func floatOperand(x *core.Array) *core.Array {
	if x.DType().IsFloat() {
		return x
	}
	return prims.Convert(x, core.Float64)
}

// Sum returns the sum of x's elements over axes (all when none), like
// np.sum. Bool, uint8 and int32 arrays sum to int64, int64 and floats keep
// their dtype. Floats are summed pairwise, so the error grows like
// log(n), not n. The sum over an empty axis is 0.
func Sum(x *Array, axes ...int) *Array {
	ax := reduceAxes("nd.Sum", x.Ndim(), axes)
	return wrap(prims.ReduceSum(prims.Convert(x.c(), sumDType(x.DType())), ax))
}

// Prod returns the product of x's elements over axes (all when none), like
// np.prod, with Sum's dtype rule. The product over an empty axis is 1.
func Prod(x *Array, axes ...int) *Array {
	ax := reduceAxes("nd.Prod", x.Ndim(), axes)
	return wrap(prims.ReduceProd(prims.Convert(x.c(), sumDType(x.DType())), ax))
}

// Max returns the largest of x's elements over axes (all when none), like
// np.max, in x's dtype. NaN propagates: a NaN among the elements gives
// NaN. Reducing an empty axis panics, as max has no identity.
func Max(x *Array, axes ...int) *Array {
	ax := reduceAxes("nd.Max", x.Ndim(), axes)
	checkNonEmptyReduction("nd.Max", "maximum", x.c().Shape(), ax)
	return wrap(prims.ReduceMax(x.c(), ax))
}

// Min returns the smallest of x's elements over axes (all when none), like
// np.min, in x's dtype; NaN propagates. Reducing an empty axis panics.
func Min(x *Array, axes ...int) *Array {
	ax := reduceAxes("nd.Min", x.Ndim(), axes)
	checkNonEmptyReduction("nd.Min", "minimum", x.c().Shape(), ax)
	return wrap(prims.ReduceMin(x.c(), ax))
}

func checkNonEmptyReduction(op, name string, shape, axes []int) {
	if reducedCount(shape, axes) == 0 {
		core.Panicf(op, "zero-size array to reduction operation %s which has no identity (shape %v, axes %v)",
			name, core.ShapeString(shape), axes)
	}
}

// All reports whether every element of x over axes (all when none) is
// true or nonzero, like np.all; NaN counts as true. The result is bool
// (true over an empty axis).
func All(x *Array, axes ...int) *Array {
	ax := reduceAxes("nd.All", x.Ndim(), axes)
	return wrap(prims.ReduceAnd(prims.Convert(x.c(), core.Bool), ax))
}

// Any reports whether some element of x over axes (all when none) is true
// or nonzero, like np.any. The result is bool (false over an empty axis).
func Any(x *Array, axes ...int) *Array {
	ax := reduceAxes("nd.Any", x.Ndim(), axes)
	return wrap(prims.ReduceOr(prims.Convert(x.c(), core.Bool), ax))
}

// Mean returns the arithmetic mean of x's elements over axes (all when
// none), like np.mean: Sum divided by the number of elements. Integer and
// bool arrays give float64 (summed in float64), float arrays keep their
// dtype. The mean over an empty axis is NaN.
func Mean(x *Array, axes ...int) *Array {
	ax := reduceAxes("nd.Mean", x.Ndim(), axes)
	return wrap(meanOver(floatOperand(x.c()), ax))
}

// meanOver returns the mean of the float array x over the normalized axes.
func meanOver(x *core.Array, axes []int) *core.Array {
	n := reducedCount(x.Shape(), axes)
	return binary("nd.Mean", prims.Div, wrap(prims.ReduceSum(x, axes)), float64(n)).c()
}

// Var returns the variance of x's elements over axes (all when none), like
// np.var with ddof=0: the mean of the squared deviations from the mean.
// Integer and bool arrays give float64, float arrays keep their dtype.
func Var(x *Array, axes ...int) *Array { return varOver("nd.Var", x, 0, axes) }

// VarDdof returns the variance of x over axes with ddof delta degrees of
// freedom, like np.var(x, axis, ddof=ddof): the sum of squared deviations
// divided by n - ddof (ddof 1 gives the unbiased sample variance). When
// n - ddof <= 0 the result is Inf or NaN, as in NumPy.
func VarDdof(x *Array, ddof int, axes ...int) *Array { return varOver("nd.VarDdof", x, ddof, axes) }

// Std returns the standard deviation of x's elements over axes (all when
// none), like np.std with ddof=0: the square root of Var.
func Std(x *Array, axes ...int) *Array {
	return wrap(prims.Sqrt(varOver("nd.Std", x, 0, axes).c()))
}

// StdDdof returns the standard deviation of x over axes with ddof delta
// degrees of freedom, like np.std(x, axis, ddof=ddof): the square root of
// VarDdof.
func StdDdof(x *Array, ddof int, axes ...int) *Array {
	return wrap(prims.Sqrt(varOver("nd.StdDdof", x, ddof, axes).c()))
}

// varOver computes NumPy's _var: the mean with kept dims, the squared
// deviations, their sum divided by max(n - ddof, 0).
func varOver(op string, x *Array, ddof int, axes []int) *Array {
	ax := reduceAxes(op, x.Ndim(), axes)
	xf := floatOperand(x.c())
	mean := prims.Reshape(meanOver(xf, ax), keptShape(xf.Shape(), ax))
	dev := binary(op, prims.Sub, wrap(xf), wrap(mean))
	sq := prims.ReduceSum(prims.Mul(dev.c(), dev.c()), ax)
	div := max(reducedCount(xf.Shape(), ax)-ddof, 0)
	return binary(op, prims.Div, wrap(sq), float64(div))
}

// ArgMax returns the indices of the largest elements of x along axis, or
// in the flattened x when no axis is given, like np.argmax, as int64. Of
// equal maxima the first wins; a NaN wins over every number (the first
// NaN). Bools order false < true. An empty axis panics. At most one axis
// may be given.
func ArgMax(x *Array, axis ...int) *Array {
	return argReduce("nd.ArgMax", "argmax", prims.ArgMax, x, axis)
}

// ArgMin returns the indices of the smallest elements of x along axis, or
// in the flattened x when no axis is given, like np.argmin, as int64 (the
// first of equals; the first NaN if any). An empty axis panics.
func ArgMin(x *Array, axis ...int) *Array {
	return argReduce("nd.ArgMin", "argmin", prims.ArgMin, x, axis)
}

func argReduce(op, name string, f func(*core.Array, int, core.DType) *core.Array, x *Array, axis []int) *Array {
	c := x.c()
	var ax int
	switch len(axis) {
	case 0:
		c = prims.Reshape(c, []int{c.Size()})
	case 1:
		ax = normAxis(op, axis[0], c.Ndim())
	default:
		core.Panicf(op, "want at most one axis, got %v", axis)
	}
	if c.Shape()[ax] == 0 {
		core.Panicf(op, "attempt to get %s of an empty sequence (shape %v)", name, core.ShapeString(x.c().Shape()))
	}
	return wrap(f(c, ax, core.Int64))
}

// LogSumExp returns log(sum(exp(x))) over axes (all when none), like
// scipy.special.logsumexp, computed without overflow as
// m + log(sum(exp(x - m))) with m the maximum (replaced by 0 where it is
// not finite). Integer and bool arrays give float64. All -Inf gives -Inf;
// any +Inf gives +Inf; NaN propagates; over an empty axis the result is
// -Inf.
func LogSumExp(x *Array, axes ...int) *Array {
	const op = "nd.LogSumExp"
	ax := reduceAxes(op, x.Ndim(), axes)
	xf := floatOperand(x.c())
	m := finiteMax(xf, ax)
	mk := prims.Reshape(m, keptShape(xf.Shape(), ax))
	shifted := binary(op, prims.Sub, wrap(xf), wrap(mk))
	s := prims.ReduceSum(prims.Exp(shifted.c()), ax)
	return wrap(prims.Add(prims.Log(s), m))
}

// finiteMax returns the maximum of the float array x over axes with
// non-finite maxima (an all -Inf row, an Inf, a NaN) replaced by 0, the
// shift that keeps exp(x - m) from overflowing and m + log(...) right. An
// empty reduction gives 0. Its gradient is stopped: the results it shifts
// do not depend on m.
func finiteMax(x *core.Array, axes []int) *core.Array {
	m := prims.StopGradient(prims.ReduceMax(x, axes))
	zero := broadcastTo(prims.Convert(scalarOf(core.Float64, []float64{0}), x.DType()), m.Shape())
	return prims.Select(prims.IsFinite(m), m, zero)
}

// CumSum returns the cumulative sums of x along axis, or of the flattened
// x when no axis is given, like np.cumsum; out[i] = x[0] + ... + x[i].
// The dtype follows Sum's rule (int32 gives int64).
func CumSum(x *Array, axis ...int) *Array {
	return cumulative("nd.CumSum", prims.CumSum, x, axis, sumDType(x.DType()))
}

// CumProd returns the cumulative products of x along axis, or of the
// flattened x when no axis is given, like np.cumprod, with Sum's dtype
// rule.
func CumProd(x *Array, axis ...int) *Array {
	return cumulative("nd.CumProd", prims.CumProd, x, axis, sumDType(x.DType()))
}

// CumMax returns the running maxima of x along axis, or of the flattened x
// when no axis is given, like np.maximum.accumulate (lax.cummax), in x's
// dtype; NaN propagates. Bool arrays are not accepted.
func CumMax(x *Array, axis ...int) *Array {
	return cumulative("nd.CumMax", prims.CumMax, x, axis, x.DType())
}

// CumMin returns the running minima of x along axis, or of the flattened x
// when no axis is given, like np.minimum.accumulate, in x's dtype; NaN
// propagates.
func CumMin(x *Array, axis ...int) *Array {
	return cumulative("nd.CumMin", prims.CumMin, x, axis, x.DType())
}

func cumulative(op string, f func(*core.Array, int, bool) *core.Array, x *Array, axis []int, d core.DType) *Array {
	c := x.c()
	var ax int
	switch len(axis) {
	case 0:
		c = prims.Reshape(c, []int{c.Size()})
	case 1:
		ax = normAxis(op, axis[0], c.Ndim())
	default:
		core.Panicf(op, "want at most one axis, got %v", axis)
	}
	if d == core.Bool {
		core.Panicf(op, "bool arrays are not supported; convert with AsType first")
	}
	return wrap(f(prims.Convert(c, d), ax, false))
}

// Sum returns the sum of a over axes (see nd.Sum).
func (a *Array) Sum(axes ...int) *Array { return Sum(a, axes...) }

// Mean returns the mean of a over axes (see nd.Mean).
func (a *Array) Mean(axes ...int) *Array { return Mean(a, axes...) }

// Max returns the maximum of a over axes (see nd.Max).
func (a *Array) Max(axes ...int) *Array { return Max(a, axes...) }

// Min returns the minimum of a over axes (see nd.Min).
func (a *Array) Min(axes ...int) *Array { return Min(a, axes...) }

// ArgMax returns the indices of the maxima of a (see nd.ArgMax).
func (a *Array) ArgMax(axis ...int) *Array { return ArgMax(a, axis...) }

// ArgMin returns the indices of the minima of a (see nd.ArgMin).
func (a *Array) ArgMin(axis ...int) *Array { return ArgMin(a, axis...) }
