package prims

import "github.com/nd-go/nd/internal/core"

// JVP and VJP rules of the reductions (reduce_sum, reduce_prod,
// reduce_max, reduce_min) and of the cumulative primitives (cumsum,
// cumprod, cummax, cummin). reduce_and, reduce_or, argmax and argmin have
// bool or integer outputs and no derivative.

// reduceADKept returns the axes of an operand of rank n that a reduction
// over axes keeps, in order: the dims of the output within the operand.
func reduceADKept(n int, axes []int) []int {
	red := make([]bool, n)
	for _, a := range axes {
		red[a] = true
	}
	var kept []int
	for i := range n {
		if !red[i] {
			kept = append(kept, i)
		}
	}
	return kept
}

// reduceADExpand broadcasts a reduction's output-shaped y back to the
// operand's shape (the reduced axes repeat it).
func reduceADExpand(y *core.Array, shape, axes []int) *core.Array {
	return BroadcastInDim(y, shape, reduceADKept(len(shape), axes))
}

// reduceADExtremum returns, for reduce_max or reduce_min, the operand's
// share of the result: 1/count at the elements equal to the result (count
// of them in their reduced group, ties split evenly as in JAX), 0 elsewhere.
func reduceADExtremum(x, out *core.Array, axes []int) *core.Array {
	shape := x.Shape()
	mask := Eq(x, reduceADExpand(out, shape, axes))
	ones := Convert(mask, x.DType())
	counts := ReduceSum(ones, axes)
	return Div(ones, reduceADExpand(counts, shape, axes))
}

func reduceADExtremumRules(p *core.Primitive) {
	p.JVP = func(ts, args, outs []*core.Array, params any) []*core.Array {
		if ts[0] == nil {
			return []*core.Array{nil}
		}
		axes := params.(ReduceParams).Axes
		w := reduceADExtremum(args[0], outs[0], axes)
		return []*core.Array{ReduceSum(Mul(w, ts[0]), axes)}
	}
	p.VJP = func(cts, args, outs []*core.Array, params any) []*core.Array {
		if cts[0] == nil {
			return []*core.Array{nil}
		}
		axes := params.(ReduceParams).Axes
		w := reduceADExtremum(args[0], outs[0], axes)
		return []*core.Array{Mul(w, reduceADExpand(cts[0], args[0].Shape(), axes))}
	}
}

// reduceADProdOthers returns, for each element of x, the product of the
// other elements of its reduced group (exact with zeros: a product of
// exclusive running products from both ends, no division).
func reduceADProdOthers(x *core.Array, axes []int) *core.Array {
	shape := x.Shape()
	nd := len(shape)
	kept := reduceADKept(nd, axes)
	perm := append(append([]int(nil), kept...), axes...)
	inv := make([]int, nd)
	for i, p := range perm {
		inv[p] = i
	}
	keptShape := make([]int, len(kept))
	for i, a := range kept {
		keptShape[i] = shape[a]
	}
	n := 1
	for _, a := range axes {
		n *= shape[a]
	}
	moved := Transpose(x, perm)
	movedShape := moved.Shape()
	rows := Reshape(moved, append(append([]int(nil), keptShape...), n))
	last := len(keptShape)
	one := Filled(1, core.Aval{DType: x.DType()})
	start := make([]int, last+1)
	stop := append(append([]int(nil), keptShape...), n-1)
	step := make([]int, last+1)
	for i := range step {
		step[i] = 1
	}
	zeros := make([]int, last+1)
	onePad := make([]int, last+1)
	onePad[last] = 1
	head := Slice(rows, start, stop, step) // x[..., :n-1]
	start1 := make([]int, last+1)
	start1[last] = 1
	stop1 := append(append([]int(nil), keptShape...), n)
	tail := Slice(rows, start1, stop1, step) // x[..., 1:]
	left := CumProd(Pad(head, one, onePad, zeros, zeros), last, false)
	right := CumProd(Pad(tail, one, zeros, onePad, zeros), last, true)
	others := Mul(left, right)
	return Transpose(Reshape(others, movedShape), inv)
}

func init() {
	reduceSumP.JVP = linear1(&reduceSumP)
	reduceSumP.VJP = func(cts, args, _ []*core.Array, params any) []*core.Array {
		if cts[0] == nil {
			return []*core.Array{nil}
		}
		return []*core.Array{reduceADExpand(cts[0], args[0].Shape(), params.(ReduceParams).Axes)}
	}
	reduceProdP.JVP = func(ts, args, outs []*core.Array, params any) []*core.Array {
		if ts[0] == nil {
			return []*core.Array{nil}
		}
		axes := params.(ReduceParams).Axes
		if args[0].Size() == 0 {
			return []*core.Array{ZerosLike(outs[0])}
		}
		return []*core.Array{ReduceSum(Mul(reduceADProdOthers(args[0], axes), ts[0]), axes)}
	}
	reduceProdP.VJP = func(cts, args, _ []*core.Array, params any) []*core.Array {
		if cts[0] == nil {
			return []*core.Array{nil}
		}
		axes := params.(ReduceParams).Axes
		if args[0].Size() == 0 {
			return []*core.Array{ZerosLike(args[0])}
		}
		ct := reduceADExpand(cts[0], args[0].Shape(), axes)
		return []*core.Array{Mul(reduceADProdOthers(args[0], axes), ct)}
	}
	reduceADExtremumRules(reduceMaxP)
	reduceADExtremumRules(reduceMinP)

	cumsumP.JVP = linear1(&cumsumP)
	cumsumP.VJP = func(cts, _, _ []*core.Array, params any) []*core.Array {
		if cts[0] == nil {
			return []*core.Array{nil}
		}
		p := params.(CumulativeParams)
		return []*core.Array{CumSum(cts[0], p.Axis, !p.Reverse)}
	}
	// cumprod: differentiated through a log-depth scan of products
	// (exact where x has zeros, unlike out * cumsum(dx / x)).
	cumprodP.JVP = func(ts, args, _ []*core.Array, params any) []*core.Array {
		if ts[0] == nil {
			return []*core.Array{nil}
		}
		p := params.(CumulativeParams)
		levels := cumADProdLevels(args[0], p)
		t := ts[0]
		for k, o := range levels {
			shift := 1 << k
			t = Add(Mul(t, cumADShift(o, p.Axis, shift, p.Reverse, 1)), Mul(o, cumADShift(t, p.Axis, shift, p.Reverse, 0)))
		}
		return []*core.Array{t}
	}
	cumprodP.VJP = func(cts, args, _ []*core.Array, params any) []*core.Array {
		if cts[0] == nil {
			return []*core.Array{nil}
		}
		p := params.(CumulativeParams)
		levels := cumADProdLevels(args[0], p)
		c := cts[0]
		for k := len(levels) - 1; k >= 0; k-- {
			o, shift := levels[k], 1<<k
			// The transpose of a shift is the shift the other way.
			c = Add(Mul(c, cumADShift(o, p.Axis, shift, p.Reverse, 1)), cumADShift(Mul(o, c), p.Axis, shift, !p.Reverse, 0))
		}
		return []*core.Array{c}
	}
	cumADExtremumRules(cummaxP, true)
	cumADExtremumRules(cumminP, false)
}

// cumADSource returns, for cummax (isMax) or cummin, the int64 index along
// the axis of the element each output equals: the latest element (in scan
// order) that set or tied the running extremum.
func cumADSource(x, out *core.Array, p CumulativeParams) *core.Array {
	shape := x.Shape()
	n := shape[p.Axis]
	pos := indexADIota(shape, p.Axis)
	hit := Eq(x, out)
	if !p.Reverse {
		none := Filled(-1, core.Aval{DType: core.Int64, Shape: shape})
		return CumMax(Select(hit, pos, none), p.Axis, false)
	}
	none := Filled(float64(n), core.Aval{DType: core.Int64, Shape: shape})
	return CumMin(Select(hit, pos, none), p.Axis, true)
}

func cumADExtremumRules(prim *core.Primitive, isMax bool) {
	_ = isMax // the source index depends only on where x equals the result
	prim.JVP = func(ts, args, outs []*core.Array, params any) []*core.Array {
		if ts[0] == nil {
			return []*core.Array{nil}
		}
		p := params.(CumulativeParams)
		src := cumADSource(args[0], outs[0], p)
		return []*core.Array{indexADTakeAlong(ts[0], src, p.Axis)}
	}
	prim.VJP = func(cts, args, outs []*core.Array, params any) []*core.Array {
		if cts[0] == nil {
			return []*core.Array{nil}
		}
		p := params.(CumulativeParams)
		src := cumADSource(args[0], outs[0], p)
		return []*core.Array{indexADPutAlongAdd(cts[0], src, p.Axis, args[0].Aval())}
	}
}

func init() {
	// unit_float maps integer random bits to floats: its output is float
	// but nothing flows back to the bits. Set here unless another file of
	// rules already did.
	if unitFloatP.VJP == nil {
		unitFloatP.VJP = func(_, _, _ []*core.Array, _ any) []*core.Array { return []*core.Array{nil} }
	}
	if unitFloatP.JVP == nil {
		unitFloatP.JVP = func(_, _, _ []*core.Array, _ any) []*core.Array { return []*core.Array{nil} }
	}
}

// cumADShift moves a along axis by shift places in the scan's direction
// (towards higher indices, or lower ones if reverse), filling the places
// left empty with fill: a[i-shift] (or a[i+shift]). 0 < shift < size.
func cumADShift(a *core.Array, axis, shift int, reverse bool, fill float64) *core.Array {
	shape := a.Shape()
	nd := len(shape)
	start, stop, step := make([]int, nd), append([]int(nil), shape...), make([]int, nd)
	low, high, interior := make([]int, nd), make([]int, nd), make([]int, nd)
	for i := range step {
		step[i] = 1
	}
	if reverse {
		start[axis], high[axis] = shift, shift
	} else {
		stop[axis], low[axis] = shape[axis]-shift, shift
	}
	return Pad(Slice(a, start, stop, step), Filled(fill, core.Aval{DType: a.DType()}), low, high, interior)
}

// cumADProdLevels returns the operands of the steps of a Hillis-Steele
// product scan of x along p.Axis: levels[0] = x, levels[k+1] = levels[k] *
// shift(levels[k], 2^k, fill 1), for every 2^k below the axis size.
func cumADProdLevels(x *core.Array, p CumulativeParams) []*core.Array {
	n := x.Shape()[p.Axis]
	var levels []*core.Array
	o := x
	for shift := 1; shift < n; shift *= 2 {
		levels = append(levels, o)
		o = Mul(o, cumADShift(o, p.Axis, shift, p.Reverse, 1))
	}
	return levels
}
