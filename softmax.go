package nd

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// softmaxAxes normalizes the axes of Softmax and LogSoftmax: none means
// the last axis (jax.nn.softmax's default), unlike the reductions.
func softmaxAxes(op string, x *core.Array, axes []int) []int {
	if len(axes) == 0 {
		if x.Ndim() == 0 {
			core.Panicf(op, "a 0-d array has no axis to normalize over")
		}
		return []int{x.Ndim() - 1}
	}
	return reduceAxes(op, x.Ndim(), axes)
}

// Softmax returns exp(x) / sum(exp(x)) over axes, the last axis when none
// are given (as jax.nn.softmax and scipy.special.softmax(x, axis=-1)),
// computed as exp(x - max) / sum(exp(x - max)) so that large inputs do not
// overflow. Integer and bool arrays give float64, float arrays keep their
// dtype. Slices that hold +Inf or are all -Inf give NaN, as in SciPy and
// JAX.
func Softmax(x *Array, axes ...int) *Array {
	const op = "nd.Softmax"
	xf := floatOperand(x.c())
	ax := softmaxAxes(op, xf, axes)
	kept := keptShape(xf.Shape(), ax)
	m := prims.Reshape(prims.StopGradient(prims.ReduceMax(xf, ax)), kept) // the result does not depend on m
	e := wrap(prims.Exp(binary(op, prims.Sub, wrap(xf), wrap(m)).c()))
	s := wrap(prims.Reshape(prims.ReduceSum(e.c(), ax), kept))
	return binary(op, prims.Div, e, s)
}

// LogSoftmax returns log(Softmax(x)) over axes (the last axis when none
// are given), computed as (x - max) - log(sum(exp(x - max))), accurate
// where Softmax underflows to 0, like scipy.special.log_softmax (whose
// treatment of a non-finite maximum it follows: an all -Inf slice gives
// NaN). Integer and bool arrays give float64.
func LogSoftmax(x *Array, axes ...int) *Array {
	const op = "nd.LogSoftmax"
	xf := floatOperand(x.c())
	ax := softmaxAxes(op, xf, axes)
	kept := keptShape(xf.Shape(), ax)
	m := prims.Reshape(finiteMax(xf, ax), kept)
	shifted := binary(op, prims.Sub, wrap(xf), wrap(m))
	lse := prims.Log(prims.ReduceSum(prims.Exp(shifted.c()), ax))
	return binary(op, prims.Sub, shifted, wrap(prims.Reshape(lse, kept)))
}
