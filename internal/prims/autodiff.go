package prims

import "github.com/nd-go/nd/internal/core"

// Helpers the JVP and VJP rules of every family share, and the rules of
// the movement primitives and convert. Rules are written with this
// package's strict ops, so derivatives are traceable and differentiable.

// Filled returns an array of x's shape and dtype with every element v (a
// broadcast view of one element: no full-size buffer).
func Filled(v float64, av core.Aval) *core.Array {
	buf := core.MakeBuffer(av.DType, 1)
	switch b := buf.(type) {
	case []bool:
		b[0] = v != 0
	case []uint8:
		b[0] = uint8(v)
	case []int32:
		b[0] = int32(v)
	case []int64:
		b[0] = int64(v)
	case []float32:
		b[0] = float32(v)
	case []float64:
		b[0] = v
	}
	return BroadcastInDim(core.New(av.DType, nil, buf), av.Shape, []int{})
}

// ZerosLike returns zeros of a's shape and dtype.
func ZerosLike(a *core.Array) *core.Array { return Filled(0, a.Aval()) }

// zeroIfNil returns t, or zeros of av when t is nil (a symbolic zero).
func zeroIfNil(t *core.Array, av core.Aval) *core.Array {
	if t == nil {
		return Filled(0, av)
	}
	return t
}

// addMaybe adds two tangents, either of which may be nil (zero).
func addMaybe(a, b *core.Array) *core.Array {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return Add(a, b)
}

// linear1 is the JVP rule of a primitive linear in its one operand: the
// tangent goes through the primitive itself.
func linear1(p **core.Primitive) func(ts, args, outs []*core.Array, params any) []*core.Array {
	return func(ts, args, outs []*core.Array, params any) []*core.Array {
		if ts[0] == nil {
			return []*core.Array{nil}
		}
		return core.Bind(*p, []*core.Array{ts[0]}, params)
	}
}

func init() {
	reshapeP.JVP = linear1(&reshapeP)
	reshapeP.VJP = func(cts, args, _ []*core.Array, _ any) []*core.Array {
		return []*core.Array{Reshape(cts[0], args[0].Shape())}
	}
	transposeP.JVP = linear1(&transposeP)
	transposeP.VJP = func(cts, _, _ []*core.Array, params any) []*core.Array {
		perm := params.(TransposeParams).Perm
		inv := make([]int, len(perm))
		for i, p := range perm {
			inv[p] = i
		}
		return []*core.Array{Transpose(cts[0], inv)}
	}
	broadcastP.JVP = linear1(&broadcastP)
	broadcastP.VJP = func(cts, args, _ []*core.Array, params any) []*core.Array {
		return []*core.Array{unbroadcast(cts[0], args[0].Shape(), params.(BroadcastParams))}
	}
	sliceP.JVP = linear1(&sliceP)
	sliceP.VJP = func(cts, args, _ []*core.Array, params any) []*core.Array {
		return []*core.Array{unslice(cts[0], args[0].Aval(), params.(SliceParams))}
	}
	revP.JVP = linear1(&revP)
	revP.VJP = func(cts, _, _ []*core.Array, params any) []*core.Array {
		return []*core.Array{Rev(cts[0], params.(RevParams).Axes)}
	}
	// Integer and bool results carry no derivative.
	for _, p := range []*core.Primitive{argmaxP, argminP, randomBitsP, reduceAndP, reduceOrP} {
		p.JVP = func(_, _, outs []*core.Array, _ any) []*core.Array { return make([]*core.Array, len(outs)) }
		p.VJP = func(_, args, _ []*core.Array, _ any) []*core.Array { return make([]*core.Array, len(args)) }
	}
	convertP.JVP = func(ts, args, outs []*core.Array, params any) []*core.Array {
		if ts[0] == nil || !outs[0].DType().IsFloat() {
			return []*core.Array{nil}
		}
		return []*core.Array{Convert(ts[0], outs[0].DType())}
	}
	convertP.VJP = func(cts, args, _ []*core.Array, _ any) []*core.Array {
		if cts[0] == nil || !args[0].DType().IsFloat() {
			return []*core.Array{nil}
		}
		return []*core.Array{Convert(cts[0], args[0].DType())}
	}
}

// unbroadcast sums a cotangent of a broadcast_in_dim's output back to the
// operand's shape: over the new axes, and over the axes the operand had
// at size 1.
func unbroadcast(ct *core.Array, shape []int, p BroadcastParams) *core.Array {
	keep := make([]bool, len(p.Shape))
	for i, d := range p.Dims {
		keep[d] = shape[i] == p.Shape[d]
	}
	var axes []int
	for d := range p.Shape {
		if !keep[d] {
			axes = append(axes, d)
		}
	}
	return Reshape(ReduceSum(ct, axes), shape)
}

// unslice scatters a slice's cotangent back into zeros of the operand's
// shape: pad with the gaps of the slice, low, high and interior.
func unslice(ct *core.Array, av core.Aval, p SliceParams) *core.Array {
	n := len(av.Shape)
	low, high, interior := make([]int, n), make([]int, n), make([]int, n)
	for i := range n {
		cnt := ct.Shape()[i]
		low[i] = p.Start[i]
		interior[i] = p.Step[i] - 1
		used := 0
		if cnt > 0 {
			used = p.Start[i] + (cnt-1)*p.Step[i] + 1
		} else {
			low[i], interior[i] = 0, 0
		}
		high[i] = av.Shape[i] - max(used, low[i])
	}
	zero := core.New(av.DType, nil, core.MakeBuffer(av.DType, 1))
	return Pad(ct, zero, low, high, interior)
}

// stop_gradient is the identity whose derivative is zero: what flows
// through it is treated as a constant by Grad, VJP and JVP.
var stopGradientP = core.Register(&core.Primitive{
	Name:     "stop_gradient",
	Abstract: func(in []core.Aval, _ any) []core.Aval { return []core.Aval{in[0]} },
	Eager:    func(args []*core.Array, _ []core.Aval, _ any) []*core.Array { return args },
	Fusion:   core.Movement,
	JVP:      func(_, _, _ []*core.Array, _ any) []*core.Array { return []*core.Array{nil} },
	VJP:      func(_, _, _ []*core.Array, _ any) []*core.Array { return []*core.Array{nil} },
})

// StopGradient returns x, marked so that derivatives do not flow through it.
func StopGradient(x *core.Array) *core.Array { return core.Bind1(stopGradientP, nil, x) }
