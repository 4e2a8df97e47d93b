package prims

import "github.com/nd-go/nd/internal/core"

// JVP and VJP rules of the indexing primitives (gather, scatter), of
// concatenate, pad, sort and top_k, and the index helpers the rules of
// cummax and cummin share with them.

// indexADIota returns an int64 array of shape whose elements are their
// own index along axis (a broadcast constant).
func indexADIota(shape []int, axis int) *core.Array {
	n := shape[axis]
	buf := make([]int64, n)
	for i := range buf {
		buf[i] = int64(i)
	}
	return BroadcastInDim(core.New(core.Int64, []int{n}, buf), shape, []int{axis})
}

// indexADCoords returns the full coordinates (shape S + (len(S),)) of the
// elements idx selects along axis: idx's own index on the other axes, idx's
// value on axis. idx has shape S, of the operand's rank.
func indexADCoords(idx *core.Array, axis int) *core.Array {
	shape := idx.Shape()
	nd := len(shape)
	one := append(append([]int(nil), shape...), 1)
	parts := make([]*core.Array, nd)
	for d := range nd {
		c := idx
		if d != axis {
			c = indexADIota(shape, d)
		} else if c.DType() != core.Int64 {
			c = Convert(c, core.Int64)
		}
		parts[d] = Reshape(c, one)
	}
	return Concatenate(parts, nd)
}

func indexADAllAxes(n int) []int {
	axes := make([]int, n)
	for i := range axes {
		axes[i] = i
	}
	return axes
}

// indexADTakeAlong is NumPy's take_along_axis(x, idx, axis) with in-range
// indices: a gather of the full coordinates.
func indexADTakeAlong(x, idx *core.Array, axis int) *core.Array {
	return Gather(x, indexADCoords(idx, axis), indexADAllAxes(x.Ndim()), IndexClip)
}

// indexADPutAlongAdd is indexADTakeAlong's transpose: zeros of av with ct
// added at the positions idx names along axis.
func indexADPutAlongAdd(ct, idx *core.Array, axis int, av core.Aval) *core.Array {
	return Scatter(Filled(0, av), indexADCoords(idx, axis), ct, indexADAllAxes(len(av.Shape)), IndexClip, ScatterAdd)
}

// indexADScatterWinners returns a bool array of updates' shape: true where
// an update of a scatter-set survives (the last write at each position
// wins, and points dropped as out of range never do).
func indexADScatterWinners(x, indices, updates *core.Array, p ScatterParams) *core.Array {
	ushape := updates.Shape()
	npoints := indices.Ndim() - 1
	pshape := ushape[:npoints]
	size := core.ShapeSize(pshape)
	buf := make([]int64, size)
	for i := range buf {
		buf[i] = int64(i + 1)
	}
	ids := BroadcastInDim(core.New(core.Int64, append([]int(nil), pshape...), buf), ushape, indexADAllAxes(npoints))
	zero := Filled(0, core.Aval{DType: core.Int64, Shape: x.Shape()})
	landed := Scatter(zero, indices, ids, p.Axes, p.Mode, ScatterSet)
	return Eq(Gather(landed, indices, p.Axes, p.Mode), ids)
}

// indexADScatterExtremum returns, for a scatter-min or -max (args x,
// indices, updates; result out), where x equals the result, where each
// update equals the result at its position, and the number of operands
// equal to the result at each position of out (at least 1), as floats.
func indexADScatterExtremum(args []*core.Array, out *core.Array, p ScatterParams) (mx, mu, cnt *core.Array) {
	x, idx, u := args[0], args[1], args[2]
	mx = Eq(x, out)
	mu = Eq(u, Gather(out, idx, p.Axes, p.Mode))
	one := func(m *core.Array) *core.Array { return Convert(m, x.DType()) }
	cnt = Add(one(mx), Scatter(ZerosLike(x), idx, one(mu), p.Axes, p.Mode, ScatterAdd))
	return mx, mu, cnt
}

func init() {
	gatherP.JVP = func(ts, args, _ []*core.Array, params any) []*core.Array {
		if ts[0] == nil {
			return []*core.Array{nil}
		}
		p := params.(GatherParams)
		return []*core.Array{Gather(ts[0], args[1], p.Axes, p.Mode)}
	}
	gatherP.VJP = func(cts, args, _ []*core.Array, params any) []*core.Array {
		if cts[0] == nil {
			return []*core.Array{nil, nil}
		}
		p := params.(GatherParams)
		return []*core.Array{Scatter(ZerosLike(args[0]), args[1], cts[0], p.Axes, p.Mode, ScatterAdd), nil}
	}

	scatterP.JVP = func(ts, args, outs []*core.Array, params any) []*core.Array {
		p := params.(ScatterParams)
		if ts[0] == nil && ts[2] == nil {
			return []*core.Array{nil}
		}
		tx, tu := zeroIfNil(ts[0], args[0].Aval()), zeroIfNil(ts[2], args[2].Aval())
		switch p.Op {
		case ScatterAdd, ScatterSet:
			return []*core.Array{Scatter(tx, args[1], tu, p.Axes, p.Mode, p.Op)}
		case ScatterMul:
			// out = x * prod(u at each position): d out = (the product
			// scattered onto tx) + out * (sum of du/u scattered). Caveat: NaN
			// or Inf where an update is zero.
			part := Scatter(tx, args[1], args[2], p.Axes, p.Mode, ScatterMul)
			rel := Scatter(ZerosLike(outs[0]), args[1], Div(tu, args[2]), p.Axes, p.Mode, ScatterAdd)
			return []*core.Array{Add(part, Mul(outs[0], rel))}
		}
		// min, max: the tangent of whichever operands equal the result,
		// split evenly among ties (as reduce_max).
		mx, mu, cnt := indexADScatterExtremum(args, outs[0], p)
		sum := Add(Select(mx, tx, ZerosLike(tx)), Scatter(ZerosLike(tx), args[1], Select(mu, tu, ZerosLike(tu)), p.Axes, p.Mode, ScatterAdd))
		return []*core.Array{Div(sum, cnt)}
	}
	scatterP.VJP = func(cts, args, outs []*core.Array, params any) []*core.Array {
		if cts[0] == nil {
			return []*core.Array{nil, nil, nil}
		}
		p := params.(ScatterParams)
		ct := cts[0]
		switch p.Op {
		case ScatterAdd:
			return []*core.Array{ct, nil, Gather(ct, args[1], p.Axes, p.Mode)}
		case ScatterSet:
			win := indexADScatterWinners(args[0], args[1], args[2], p)
			ctx := Scatter(ct, args[1], ZerosLike(args[2]), p.Axes, p.Mode, ScatterSet)
			ctu := Select(win, Gather(ct, args[1], p.Axes, p.Mode), ZerosLike(args[2]))
			return []*core.Array{ctx, nil, ctu}
		case ScatterMul:
			// See the JVP: ct_x = ct * prod(u), ct_u = gather(ct*out) / u.
			ctx := Scatter(ct, args[1], args[2], p.Axes, p.Mode, ScatterMul)
			ctu := Div(Gather(Mul(ct, outs[0]), args[1], p.Axes, p.Mode), args[2])
			return []*core.Array{ctx, nil, ctu}
		}
		// min, max: see the JVP.
		mx, mu, cnt := indexADScatterExtremum(args, outs[0], p)
		share := Div(ct, cnt)
		ctx := Select(mx, share, ZerosLike(ct))
		ctu := Select(mu, Gather(share, args[1], p.Axes, p.Mode), ZerosLike(args[2]))
		return []*core.Array{ctx, nil, ctu}
	}

	concatenateP.JVP = func(ts, args, _ []*core.Array, params any) []*core.Array {
		any := false
		for _, t := range ts {
			any = any || t != nil
		}
		if !any {
			return []*core.Array{nil}
		}
		full := make([]*core.Array, len(ts))
		for i, t := range ts {
			full[i] = zeroIfNil(t, args[i].Aval())
		}
		return []*core.Array{core.Bind(concatenateP, full, params)[0]}
	}
	concatenateP.VJP = func(cts, args, _ []*core.Array, params any) []*core.Array {
		res := make([]*core.Array, len(args))
		if cts[0] == nil {
			return res
		}
		axis := params.(ConcatParams).Axis
		ct := cts[0]
		shape := ct.Shape()
		nd := len(shape)
		step := make([]int, nd)
		for i := range step {
			step[i] = 1
		}
		off := 0
		for i, a := range args {
			start, stop := make([]int, nd), append([]int(nil), shape...)
			start[axis], stop[axis] = off, off+a.Shape()[axis]
			off = stop[axis]
			res[i] = Slice(ct, start, stop, step)
		}
		return res
	}

	padP.JVP = func(ts, args, _ []*core.Array, params any) []*core.Array {
		if ts[0] == nil && ts[1] == nil {
			return []*core.Array{nil}
		}
		p := params.(PadParams)
		tx, tv := zeroIfNil(ts[0], args[0].Aval()), zeroIfNil(ts[1], args[1].Aval())
		return []*core.Array{Pad(tx, tv, p.Low, p.High, p.Interior)}
	}
	padP.VJP = func(cts, args, _ []*core.Array, params any) []*core.Array {
		if cts[0] == nil {
			return []*core.Array{nil, nil}
		}
		p := params.(PadParams)
		ct := cts[0]
		shape := args[0].Shape()
		nd := len(shape)
		start, stop, step := make([]int, nd), make([]int, nd), make([]int, nd)
		for i, d := range shape {
			start[i], step[i] = p.Low[i], p.Interior[i]+1
			stop[i] = p.Low[i]
			if d > 0 {
				stop[i] = p.Low[i] + (d-1)*step[i] + 1
			}
		}
		ctx := Slice(ct, start, stop, step)
		all := indexADAllAxes(nd)
		ctv := Sub(ReduceSum(ct, all), ReduceSum(ctx, all))
		return []*core.Array{ctx, ctv}
	}

	// sort permutes every operand by one permutation: the tangents ride
	// along as extra operands of the same sort.
	sortP.JVP = func(ts, args, _ []*core.Array, params any) []*core.Array {
		res := make([]*core.Array, len(args))
		ops := append([]*core.Array(nil), args[:params.(SortParams).NumKeys]...)
		var which []int
		for i, t := range ts {
			if t != nil && args[i].DType().IsFloat() {
				ops = append(ops, t)
				which = append(which, i)
			}
		}
		if len(which) == 0 {
			return res
		}
		sorted := core.Bind(sortP, ops, params)
		nk := params.(SortParams).NumKeys
		for j, i := range which {
			res[i] = sorted[nk+j]
		}
		return res
	}
	sortP.VJP = func(cts, args, _ []*core.Array, params any) []*core.Array {
		p := params.(SortParams)
		res := make([]*core.Array, len(args))
		var which []int
		for i, c := range cts {
			if c != nil && args[i].DType().IsFloat() {
				which = append(which, i)
			}
		}
		if len(which) == 0 {
			return res
		}
		// perm[j] is the input position of output j; sorting the
		// cotangents by perm applies the inverse permutation.
		keys := append(append([]*core.Array(nil), args[:p.NumKeys]...), indexADIota(args[0].Shape(), p.Axis))
		perm := core.Bind(sortP, keys, p)[p.NumKeys]
		ops := []*core.Array{perm}
		for _, i := range which {
			ops = append(ops, cts[i])
		}
		back := core.Bind(sortP, ops, SortParams{Axis: p.Axis, NumKeys: 1})
		for j, i := range which {
			res[i] = back[1+j]
		}
		return res
	}

	topKP.JVP = func(ts, args, outs []*core.Array, _ any) []*core.Array {
		if ts[0] == nil {
			return []*core.Array{nil, nil}
		}
		return []*core.Array{indexADTakeAlong(ts[0], outs[1], args[0].Ndim()-1), nil}
	}
	topKP.VJP = func(cts, args, outs []*core.Array, _ any) []*core.Array {
		if cts[0] == nil {
			return []*core.Array{nil}
		}
		return []*core.Array{indexADPutAlongAdd(cts[0], outs[1], args[0].Ndim()-1, args[0].Aval())}
	}
}
