package nd

import (
	"reflect"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/jit"
	"github.com/nd-go/nd/ir"
)

// Structured control flow. Go's if and for run while a function is traced,
// so they cannot depend on a traced value; these functions can. Each traces
// its functions into nested programs and binds one primitive (cond, while,
// scan): eagerly it runs at once, under JIT it is one equation of the
// program. Operands, carries and results are Arrays or Go values holding
// them (structs, slices, maps), as for JIT.

// traced is a function traced on the leaves of an operand tree.
type traced struct {
	prog     *ir.Program
	results  []reflect.Value
	flat     *jit.Flat // the results, flattened
	captures []*core.Array
}

func traceOn(op string, fn reflect.Value, args []reflect.Value) traced {
	fl, err := flattener.Flatten("operand", args)
	if err != nil {
		core.Panicf(op, "%v", err)
	}
	prog, results, captures := traceToProgram(fn, args, fl)
	rfl, err := flattener.Flatten("result", results)
	if err != nil {
		core.Panicf(op, "%v", err)
	}
	return traced{prog, results, rfl, captures}
}

// leavesOf returns the arrays of a tree, in Flatten's order.
func leavesOf(op string, vals ...reflect.Value) []*core.Array {
	fl, err := flattener.Flatten("operand", vals)
	if err != nil {
		core.Panicf(op, "%v", err)
	}
	out := make([]*core.Array, len(fl.Leaves))
	for i, l := range fl.Leaves {
		out[i] = l.Array
	}
	return out
}

// shareCaptures gives every program the same trailing inputs: the union of
// what each captured, in order, so one operand list serves them all.
func shareCaptures(ts ...*traced) []*core.Array {
	var union []*core.Array
	index := map[*core.Array]int{}
	for _, t := range ts {
		for _, a := range t.captures {
			if _, ok := index[a]; !ok {
				index[a] = len(union)
				union = append(union, a)
			}
		}
	}
	for _, t := range ts {
		n := len(t.prog.Inputs) - len(t.captures)
		own := map[*core.Array]*ir.Var{}
		for i, a := range t.captures {
			own[a] = t.prog.Inputs[n+i]
		}
		inputs := append([]*ir.Var(nil), t.prog.Inputs[:n]...)
		next := t.prog.NumVars()
		for _, a := range union {
			v, ok := own[a]
			if !ok {
				v = &ir.Var{ID: next, Type: a.Aval()}
				next++
			}
			inputs = append(inputs, v)
		}
		t.prog.Inputs = inputs
	}
	return union
}

func resultTypes(t traced) []core.Aval {
	out := make([]core.Aval, len(t.flat.Leaves))
	for i, l := range t.flat.Leaves {
		out[i] = l.Array.Aval()
	}
	return out
}

func valuesOf(vs []*core.Array) []reflect.Value {
	out := make([]reflect.Value, len(vs))
	for i, v := range vs {
		out[i] = reflect.ValueOf(wrap(v))
	}
	return out
}

// predicate checks a predicate operand: a bool array of one element.
func predicate(op string, pred *Array) *core.Array {
	c := operand(op, pred)
	if c.DType() != core.Bool || c.Size() != 1 {
		core.Panicf(op, "predicate %v: want a bool scalar (compare with nd.Greater etc.)", c.Aval())
	}
	return c
}

// Cond returns onTrue(operand) when pred (a bool scalar) is true and
// onFalse(operand) otherwise, like jax.lax.cond. Both branches must return
// the same structure of arrays of the same shapes and dtypes.
func Cond[T, R any](pred *Array, onTrue, onFalse func(T) R, operand T) R {
	const op = "nd.Cond"
	p := predicate(op, pred)
	args := []reflect.Value{reflect.ValueOf(&operand).Elem()}
	tt := traceOn(op, reflect.ValueOf(onTrue), args)
	tf := traceOn(op, reflect.ValueOf(onFalse), args)
	if err := jit.CheckSameTypes("branch results", resultTypes(tt), resultTypes(tf)); err != nil {
		core.Panicf(op, "%v", err)
	}
	if tt.flat.Shape != tf.flat.Shape {
		core.Panicf(op, "branches return values of different Go structure (%v and %v)", tt.results[0].Type(), tf.results[0].Type())
	}
	captures := shareCaptures(&tt, &tf)
	ins := append([]*core.Array{p}, leavesOf(op, args...)...)
	ins = append(ins, captures...)
	outs := core.Bind(jit.CondP, ins, jit.CondParams{True: jit.NewBody(tt.prog), False: jit.NewBody(tf.prog)})
	return flattener.Rebuild(tt.results, valuesOf(outs))[0].Interface().(R)
}

// While returns the result of applying body to init for as long as cond
// holds, like jax.lax.while_loop. body must return values of the same
// structure, shapes and dtypes as init. Reverse-mode derivatives do not go
// through While (its trip count is unbounded); use ForLoop or Scan.
func While[T any](cond func(T) *Array, body func(T) T, init T) T {
	const op = "nd.While"
	args := []reflect.Value{reflect.ValueOf(&init).Elem()}
	tc := traceOn(op, reflect.ValueOf(cond), args)
	if ts := resultTypes(tc); len(ts) != 1 || ts[0].DType != core.Bool || ts[0].Size() != 1 {
		core.Panicf(op, "cond returns %v: want one bool scalar", ts)
	}
	tb := traceOn(op, reflect.ValueOf(body), args)
	carry := leavesOf(op, args...)
	carryTypes := make([]core.Aval, len(carry))
	for i, c := range carry {
		carryTypes[i] = c.Aval()
	}
	if err := jit.CheckSameTypes("body result and carry", resultTypes(tb), carryTypes); err != nil {
		core.Panicf(op, "%v", err)
	}
	captures := shareCaptures(&tc, &tb)
	outs := core.Bind(jit.WhileP, append(carry, captures...), jit.WhileParams{Cond: jit.NewBody(tc.prog), Body: jit.NewBody(tb.prog), NumCarry: len(carry)})
	return flattener.Rebuild(args, valuesOf(outs))[0].Interface().(T)
}

// Scan loops f over the leading axis of the arrays in xs, threading a carry,
// like jax.lax.scan: for each i, carry, y = f(carry, xs[i]). It returns the
// final carry and the ys stacked along a new leading axis. Every array in xs
// must have the same leading dimension.
func Scan[C, X, Y any](f func(carry C, x X) (C, Y), init C, xs X) (C, Y) {
	const op = "nd.Scan"
	xv := reflect.ValueOf(&xs).Elem()
	xLeaves := leavesOf(op, xv)
	if len(xLeaves) == 0 {
		core.Panicf(op, "xs holds no arrays: nothing to scan over (use ForLoop for a counted loop)")
	}
	length := -1
	for _, x := range xLeaves {
		if x.Ndim() == 0 {
			core.Panicf(op, "scanned array %v has no leading axis", x.Aval())
		}
		if length >= 0 && x.Shape()[0] != length {
			core.Panicf(op, "scanned arrays have leading axes %d and %d", length, x.Shape()[0])
		}
		length = x.Shape()[0]
	}
	// Trace f on one slice of each scanned array.
	slices := make([]reflect.Value, len(xLeaves))
	for i, x := range xLeaves {
		slices[i] = reflect.ValueOf(wrap(core.NewView(x.DType(), x.Shape()[1:], core.ContiguousStrides(x.Shape()[1:]), 0, core.MakeBuffer(x.DType(), core.ShapeSize(x.Shape()[1:])))))
	}
	xSlice := flattener.Rebuild([]reflect.Value{xv}, slices)[0]
	cv := reflect.ValueOf(&init).Elem()
	args := []reflect.Value{cv, xSlice}
	t := traceOn(op, reflect.ValueOf(f), args)
	carry := leavesOf(op, cv)
	carryTypes := make([]core.Aval, len(carry))
	for i, c := range carry {
		carryTypes[i] = c.Aval()
	}
	rt := resultTypes(t)
	carryOut := leavesOf(op, t.results[0])
	if err := jit.CheckSameTypes("carry returned by f and init", rt[:len(carryOut)], carryTypes); err != nil {
		core.Panicf(op, "%v", err)
	}
	captures := shareCaptures(&t)
	ins := append(append(append([]*core.Array(nil), carry...), xLeaves...), captures...)
	outs := core.Bind(jit.ScanP, ins, jit.ScanParams{Body: jit.NewBody(t.prog), Length: length, NumCarry: len(carry), NumXs: len(xLeaves)})
	res := flattener.Rebuild(t.results, valuesOf(outs))
	return res[0].Interface().(C), res[1].Interface().(Y)
}

// ForLoop returns the result of carry = body(i, carry) for i = lo, ...,
// hi-1, like jax.lax.fori_loop with static bounds. i is an int64 scalar.
// It is a Scan, so it can be differentiated in reverse mode.
func ForLoop[T any](lo, hi int, body func(i *Array, carry T) T, init T) T {
	if hi < lo {
		hi = lo
	}
	if hi == lo {
		return init
	}
	carry, _ := Scan(func(c T, i *Array) (T, struct{}) { return body(i, c), struct{}{} }, init, Arange(Int64, float64(lo), float64(hi), 1))
	return carry
}
