package nd

import (
	"reflect"

	"github.com/nd-go/nd/internal/ad"
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/jit"
	"github.com/nd-go/nd/internal/prims"
	"github.com/nd-go/nd/ir"
)

// Automatic differentiation. Each function traces f into a program and
// interprets it with the primitives' derivative rules (internal/ad); what
// the rules compute goes through the same primitives, so derivatives can
// be jitted, and differentiated again. The argument may be an Array or any
// Go value holding Arrays (a struct of parameters, a slice, a map); the
// derivative comes back in a value of the same type. Integer and bool
// arrays are not differentiated: their derivatives are zeros.

// diffTrace is f traced on the leaves of its argument.
type diffTrace struct {
	prog    *ir.Program
	results []reflect.Value
	inputs  []*core.Array // the argument's leaves, then captured arrays
	nLeaves int
}

func traceForDiff(op string, f reflect.Value, x reflect.Value) diffTrace {
	t := traceOn(op, f, []reflect.Value{x})
	leaves := leavesOf(op, x)
	return diffTrace{prog: t.prog, results: t.results, inputs: append(leaves, t.captures...), nLeaves: len(leaves)}
}

// rebuildLike returns a copy of template with its leaves replaced by
// arrays (nil entries become zeros of the template leaf's type).
func rebuildLike(template reflect.Value, like []*core.Array, arrays []*core.Array) reflect.Value {
	vals := make([]reflect.Value, len(like))
	for i := range like {
		a := arrays[i]
		if a == nil {
			a = prims.ZerosLike(like[i])
		}
		vals[i] = reflect.ValueOf(wrap(a))
	}
	return flattener.Rebuild([]reflect.Value{template}, vals)[0]
}

// VJP returns f(x) and a function that maps a cotangent of the result (a
// value shaped like f(x)) to the cotangent of x: the vector-Jacobian
// product, like jax.vjp.
func VJP[T, R any](f func(T) R, x T) (R, func(R) T) {
	const op = "nd.VJP"
	xv := reflect.ValueOf(&x).Elem()
	t := traceForDiff(op, reflect.ValueOf(f), xv)
	outs, env := ad.Forward(t.prog, t.inputs)
	result := flattener.Rebuild(t.results, valuesOf(outs))[0].Interface().(R)
	backward := func(ct R) T {
		cts := leavesOf(op, reflect.ValueOf(&ct).Elem())
		if len(cts) != len(outs) {
			core.Panicf(op, "cotangent holds %d arrays, the result %d", len(cts), len(outs))
		}
		for i, c := range cts {
			if !core.EqualShapes(c.Shape(), outs[i].Shape()) {
				core.Panicf(op, "cotangent %d has shape %v, the result %v", i, core.ShapeString(c.Shape()), core.ShapeString(outs[i].Shape()))
			}
			if c.DType() != outs[i].DType() {
				cts[i] = castTo(op, c, outs[i].DType())
			}
		}
		in := ad.Backward(t.prog, env, cts)
		return rebuildLike(xv, t.inputs[:t.nLeaves], in[:t.nLeaves]).Interface().(T)
	}
	return result, backward
}

// ValueAndGrad returns a function computing f(x) and the gradient of f at
// x. f must return a float scalar (an array of one element), as for
// jax.value_and_grad.
func ValueAndGrad[T any](f func(T) *Array) func(T) (*Array, T) {
	return func(x T) (*Array, T) {
		y, back := VJP(f, x)
		if y == nil || !y.DType().IsFloat() || y.Size() != 1 {
			what := "nil"
			if y != nil {
				what = y.c().Aval().String()
			}
			core.Panicf("nd.Grad", "f must return a float scalar to be differentiated, it returned %s", what)
		}
		return y, back(wrap(prims.Filled(1, y.c().Aval())))
	}
}

// Grad returns a function computing the gradient of f at x, in a value of
// x's type: for a struct of parameters, a struct of their gradients. f
// must return a float scalar.
func Grad[T any](f func(T) *Array) func(T) T {
	vg := ValueAndGrad(f)
	return func(x T) T {
		_, g := vg(x)
		return g
	}
}

// JVP returns f(x) and the derivative of f at x in the direction v (a
// value shaped like x): the Jacobian-vector product, like jax.jvp.
func JVP[T, R any](f func(T) R, x, v T) (R, R) {
	const op = "nd.JVP"
	xv := reflect.ValueOf(&x).Elem()
	t := traceForDiff(op, reflect.ValueOf(f), xv)
	tans := leavesOf(op, reflect.ValueOf(&v).Elem())
	if len(tans) != t.nLeaves {
		core.Panicf(op, "tangent holds %d arrays, the argument %d", len(tans), t.nLeaves)
	}
	for i, tn := range tans {
		if !core.EqualShapes(tn.Shape(), t.inputs[i].Shape()) {
			core.Panicf(op, "tangent %d has shape %v, the argument %v", i, core.ShapeString(tn.Shape()), core.ShapeString(t.inputs[i].Shape()))
		}
		if tn.DType() != t.inputs[i].DType() && t.inputs[i].DType().IsFloat() {
			tans[i] = castTo(op, tn, t.inputs[i].DType())
		}
	}
	all := append(tans, make([]*core.Array, len(t.inputs)-t.nLeaves)...)
	outs, touts := ad.JVP(t.prog, t.inputs, all)
	for i := range touts {
		if touts[i] == nil {
			touts[i] = prims.ZerosLike(outs[i])
		}
	}
	y := flattener.Rebuild(t.results, valuesOf(outs))[0].Interface().(R)
	dy := flattener.Rebuild(t.results, valuesOf(touts))[0].Interface().(R)
	return y, dy
}

// StopGradient returns x unchanged, but derivatives treat it as a
// constant (like jax.lax.stop_gradient).
func StopGradient(x *Array) *Array { return wrap(prims.StopGradient(x.c())) }

// Checkpoint returns f wrapped so that reverse-mode differentiation
// recomputes f's intermediate values when they are needed instead of
// keeping them from the forward pass (rematerialization, like
// jax.checkpoint): less memory for a second run of f.
func Checkpoint[T, R any](f func(T) R) func(T) R {
	return func(x T) R {
		const op = "nd.Checkpoint"
		args := []reflect.Value{reflect.ValueOf(&x).Elem()}
		t := traceOn(op, reflect.ValueOf(f), args)
		captures := shareCaptures(&t)
		ins := append(leavesOf(op, args...), captures...)
		outs := core.Bind(jit.CheckpointP, ins, jit.CheckpointParams{Body: jit.NewBody(t.prog)})
		return flattener.Rebuild(t.results, valuesOf(outs))[0].Interface().(R)
	}
}

// CustomVJP returns f with a reverse-mode derivative of the user's own,
// like jax.custom_vjp: fwd returns f's result and residuals S, and bwd maps
// the residuals and the result's cotangent to the argument's cotangent.
// Forward mode and Vmap go through f itself. Values f closes over that are
// traced by an enclosing transformation receive no cotangent from bwd.
func CustomVJP[T, R, S any](f func(T) R, fwd func(T) (R, S), bwd func(S, R) T) func(T) R {
	return func(x T) R {
		const op = "nd.CustomVJP"
		args := []reflect.Value{reflect.ValueOf(&x).Elem()}
		tf := traceOn(op, reflect.ValueOf(f), args)
		tfwd := traceOn(op, reflect.ValueOf(fwd), args)
		nOut := len(tf.flat.Leaves)
		if err := jit.CheckSameTypes("f's result and fwd's first result", resultTypes(tf), resultTypes(tfwd)[:min(nOut, len(tfwd.flat.Leaves))]); err != nil {
			core.Panicf(op, "%v", err)
		}
		// bwd is traced on stand-ins of the residuals and of a cotangent.
		bargs := []reflect.Value{tfwd.results[1], tf.results[0]}
		tbwd := traceOn(op, reflect.ValueOf(bwd), bargs)
		if len(tbwd.captures) > 0 {
			core.Panicf(op, "bwd uses arrays traced by an enclosing transformation; pass them through the residuals")
		}
		captures := shareCaptures(&tf, &tfwd)
		ins := append(leavesOf(op, args...), captures...)
		outs := core.Bind(jit.CustomVJPP, ins, jit.CustomVJPParams{
			Fn: jit.NewBody(tf.prog), Fwd: jit.NewBody(tfwd.prog), Bwd: jit.NewBody(tbwd.prog), NumOut: nOut,
		})
		return flattener.Rebuild(tf.results, valuesOf(outs))[0].Interface().(R)
	}
}

// JacFwd returns a function computing the Jacobian of f at x by forward
// mode (one JVP per input element, batched with Vmap), like jax.jacfwd. The
// Jacobian has shape f(x).Shape() followed by x.Shape().
func JacFwd(f func(*Array) *Array) func(*Array) *Array {
	return func(x *Array) *Array {
		n := x.Size()
		basis := Eye(x.DType(), n, n).Reshape(append([]int{n}, x.Shape()...)...)
		cols := Vmap(func(v *Array) *Array { _, dy := JVP(f, x, v); return dy }, nil, nil)(basis)
		// cols is (n, out...): move the input axis last, then unflatten it.
		k := cols.Ndim() - 1
		perm := make([]int, 0, cols.Ndim())
		for i := 1; i <= k; i++ {
			perm = append(perm, i)
		}
		jac := Transpose(cols, append(perm, 0)...)
		return jac.Reshape(append(jac.Shape()[:k], x.Shape()...)...)
	}
}

// JacRev returns a function computing the Jacobian of f at x by reverse
// mode (one VJP per output element, batched with Vmap), like jax.jacrev.
func JacRev(f func(*Array) *Array) func(*Array) *Array {
	return func(x *Array) *Array {
		y, back := VJP(f, x)
		m := y.Size()
		basis := Eye(y.DType(), m, m).Reshape(append([]int{m}, y.Shape()...)...)
		rows := Vmap(back, nil, nil)(basis)
		return rows.Reshape(append(y.Shape(), x.Shape()...)...)
	}
}

// Hessian returns a function computing the Hessian of the scalar function
// f at x (forward over reverse, like jax.hessian): shape x.Shape() twice.
func Hessian(f func(*Array) *Array) func(*Array) *Array { return JacFwd(Grad(f)) }

// GradArgs returns the gradient of f with respect to the arguments at
// argnums (default: the first), like jax.grad's argnums. f is a func
// returning a float scalar *Array; the result is a func with f's parameters
// returning the gradients of the chosen arguments, in argnums order, each
// of its argument's type: for f func(W, *Array, *Array) *Array and argnums
// (0), a func(W, *Array, *Array) W. The other arguments are used as they
// are, not differentiated.
func GradArgs(f any, argnums ...int) any {
	const op = "nd.GradArgs"
	fv := reflect.ValueOf(f)
	if fv.Kind() != reflect.Func || fv.IsNil() {
		core.Panicf(op, "want a non-nil func, got %T", f)
	}
	ft := fv.Type()
	if ft.NumOut() != 1 || ft.Out(0) != arrayPtrType {
		core.Panicf(op, "f must return one *nd.Array, its type is %v", ft)
	}
	if len(argnums) == 0 {
		argnums = []int{0}
	}
	ins := make([]reflect.Type, ft.NumIn())
	for i := range ins {
		ins[i] = ft.In(i)
	}
	outs := make([]reflect.Type, len(argnums))
	for i, a := range argnums {
		if a < 0 || a >= ft.NumIn() {
			core.Panicf(op, "argnum %d out of range for a func of %d arguments", a, ft.NumIn())
		}
		outs[i] = ft.In(a)
	}
	gt := reflect.FuncOf(ins, outs, ft.IsVariadic())
	return reflect.MakeFunc(gt, func(args []reflect.Value) []reflect.Value {
		chosen := make([]any, len(argnums))
		for i, a := range argnums {
			chosen[i] = args[a].Interface()
		}
		g := Grad(func(sel []any) *Array {
			call := append([]reflect.Value(nil), args...)
			for i, a := range argnums {
				if sel[i] == nil {
					call[a] = reflect.Zero(ft.In(a))
				} else {
					call[a] = reflect.ValueOf(sel[i])
				}
			}
			if ft.IsVariadic() {
				return fv.CallSlice(call)[0].Interface().(*Array)
			}
			return fv.Call(call)[0].Interface().(*Array)
		})(chosen)
		res := make([]reflect.Value, len(argnums))
		for i, a := range argnums {
			if g[i] == nil {
				res[i] = reflect.Zero(ft.In(a))
			} else {
				res[i] = reflect.ValueOf(g[i])
			}
		}
		return res
	}).Interface()
}
