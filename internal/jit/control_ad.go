package jit

import (
	"github.com/nd-go/nd/internal/ad"
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
	"github.com/nd-go/nd/ir"
)

// Derivative rules of the control-flow primitives. Each builds new nested
// programs (the derivative of a branch or a loop body) by tracing the ad
// interpreters over the original body, and binds the same control-flow
// primitive on them: the derivative of a cond is a cond, of a loop a loop.

// TraceProgram traces fn on fresh inputs of the given types and returns
// the program. fn must not use arrays of enclosing traces.
func TraceProgram(in []core.Aval, fn func(ins []*core.Array) []*core.Array) *ir.Program {
	t := NewTrace()
	ok := false
	defer func() {
		if !ok {
			t.Kill()
		}
	}()
	ins := make([]*core.Array, len(in))
	for i, av := range in {
		ins[i] = t.Input(av)
	}
	p := t.Finish(fn(ins))
	if len(t.Captures()) > 0 {
		panic("jit: a derivative program captured arrays of an enclosing trace")
	}
	ok = true
	return p
}

func avalsOf(xs []*core.Array) []core.Aval {
	out := make([]core.Aval, len(xs))
	for i, x := range xs {
		out[i] = x.Aval()
	}
	return out
}

// filled returns xs with nil entries replaced by zeros of the avals.
func filled(xs []*core.Array, avs []core.Aval) []*core.Array {
	out := make([]*core.Array, len(avs))
	for i, av := range avs {
		if i < len(xs) && xs[i] != nil {
			out[i] = xs[i]
		} else {
			out[i] = prims.Filled(0, av)
		}
	}
	return out
}

func init() {
	CondP.JVP = func(ts, args, outs []*core.Array, params any) []*core.Array {
		p := params.(CondParams)
		ops, opAvals := args[1:], avalsOf(args[1:])
		jvpOf := func(b *Body) *Body {
			return NewBody(TraceProgram(append(opAvals, opAvals...), func(in []*core.Array) []*core.Array {
				_, touts := ad.JVP(b.Prog, in[:len(ops)], in[len(ops):])
				return filled(touts, avalsOf(outs))
			}))
		}
		in := append([]*core.Array{args[0]}, ops...)
		in = append(in, filled(ts[1:], opAvals)...)
		return core.Bind(CondP, in, CondParams{True: jvpOf(p.True), False: jvpOf(p.False)})
	}
	CondP.VJP = func(cts, args, outs []*core.Array, params any) []*core.Array {
		p := params.(CondParams)
		ops, opAvals, outAvals := args[1:], avalsOf(args[1:]), avalsOf(outs)
		vjpOf := func(b *Body) *Body {
			return NewBody(TraceProgram(append(opAvals, outAvals...), func(in []*core.Array) []*core.Array {
				_, env := ad.Forward(b.Prog, in[:len(ops)])
				return filled(ad.Backward(b.Prog, env, in[len(ops):]), opAvals)
			}))
		}
		in := append([]*core.Array{args[0]}, ops...)
		in = append(in, filled(cts, outAvals)...)
		res := core.Bind(CondP, in, CondParams{True: vjpOf(p.True), False: vjpOf(p.False)})
		return append([]*core.Array{nil}, res...)
	}

	// while in forward mode: the loop carries the tangents beside the
	// values, and the constants' tangents beside the constants; cond reads
	// the values only.
	WhileP.JVP = func(ts, args, outs []*core.Array, params any) []*core.Array {
		p := params.(WhileParams)
		n, r := p.NumCarry, len(args)-p.NumCarry
		carryAvals, constAvals := avalsOf(args[:n]), avalsOf(args[n:])
		// Loop state: values, their tangents; then constants, their tangents.
		var in []core.Aval
		for _, part := range [][]core.Aval{carryAvals, carryAvals, constAvals, constAvals} {
			in = append(in, part...)
		}
		split := func(x []*core.Array) (vals, tans []*core.Array) {
			vals = append(append(vals, x[:n]...), x[2*n:2*n+r]...)
			tans = append(append(tans, x[n:2*n]...), x[2*n+r:]...)
			return vals, tans
		}
		cond := TraceProgram(in, func(x []*core.Array) []*core.Array {
			vals, _ := split(x)
			outs, _ := ad.Forward(p.Cond.Prog, vals)
			return outs
		})
		body := TraceProgram(in, func(x []*core.Array) []*core.Array {
			vals, tans := split(x)
			outs, touts := ad.JVP(p.Body.Prog, vals, tans)
			return append(outs, filled(touts, carryAvals)...)
		})
		var init []*core.Array
		init = append(init, args[:n]...)
		init = append(init, filled(ts[:n], carryAvals)...)
		init = append(init, args[n:]...)
		init = append(init, filled(ts[n:], constAvals)...)
		res := core.Bind(WhileP, init, WhileParams{Cond: NewBody(cond), Body: NewBody(body), NumCarry: 2 * n})
		return res[n:]
	}
	WhileP.VJP = func(_, _, _ []*core.Array, _ any) []*core.Array {
		core.Panicf("nd.Grad", "reverse-mode differentiation through nd.While is not supported: its trip count is unbounded; use nd.ForLoop or nd.Scan")
		return nil
	}
}

func init() {
	// scan in forward mode: carry, xs and constants each travel with their
	// tangents.
	ScanP.JVP = func(ts, args, outs []*core.Array, params any) []*core.Array {
		p := params.(ScanParams)
		nc, nx := p.NumCarry, p.NumXs
		r := len(args) - nc - nx
		c, x, k := args[:nc], args[nc:nc+nx], args[nc+nx:]
		tc, tx, tk := filled(ts[:nc], avalsOf(c)), filled(ts[nc:nc+nx], avalsOf(x)), filled(ts[nc+nx:], avalsOf(k))
		// Body inputs: c, tc, x slices, tx slices, k, tk.
		var in []core.Aval
		in = append(in, avalsOf(c)...)
		in = append(in, avalsOf(c)...)
		sliceAvals := p.Body.Prog.Inputs[nc : nc+nx]
		for range 2 {
			for _, v := range sliceAvals {
				in = append(in, v.Type)
			}
		}
		in = append(in, avalsOf(k)...)
		in = append(in, avalsOf(k)...)
		outAvals := outTypes(p.Body.Prog)
		body := TraceProgram(in, func(z []*core.Array) []*core.Array {
			cv, tcv := z[:nc], z[nc:2*nc]
			xv, txv := z[2*nc:2*nc+nx], z[2*nc+nx:2*nc+2*nx]
			kv, tkv := z[2*nc+2*nx:2*nc+2*nx+r], z[2*nc+2*nx+r:]
			vals := append(append(append([]*core.Array(nil), cv...), xv...), kv...)
			tans := append(append(append([]*core.Array(nil), tcv...), txv...), tkv...)
			o, to := ad.JVP(p.Body.Prog, vals, tans)
			to = filled(to, outAvals)
			// Outputs: new carry, its tangent, ys, their tangents.
			res := append(append([]*core.Array(nil), o[:nc]...), to[:nc]...)
			return append(append(res, o[nc:]...), to[nc:]...)
		})
		var ops []*core.Array
		for _, part := range [][]*core.Array{c, tc, x, tx, k, tk} {
			ops = append(ops, part...)
		}
		res := core.Bind(ScanP, ops, ScanParams{Body: NewBody(body), Length: p.Length, NumCarry: 2 * nc, NumXs: 2 * nx})
		ny := len(outs) - nc
		return append(append([]*core.Array(nil), res[nc:2*nc]...), res[2*nc+ny:]...)
	}

	// scan in reverse mode: a forward scan that also stacks the carry
	// entering each step, then a scan over the steps in reverse that runs
	// the body's backward pass, carrying the carry's cotangent and summing
	// the constants' cotangents.
	ScanP.VJP = func(cts, args, outs []*core.Array, params any) []*core.Array {
		p := params.(ScanParams)
		nc, nx := p.NumCarry, p.NumXs
		c, x, k := args[:nc], args[nc:nc+nx], args[nc+nx:]
		r := len(k)
		ny := len(outs) - nc
		bodyIn := make([]core.Aval, len(p.Body.Prog.Inputs))
		for i, v := range p.Body.Prog.Inputs {
			bodyIn[i] = v.Type
		}
		// 1. Forward, saving the carries.
		fwd := TraceProgram(bodyIn, func(z []*core.Array) []*core.Array {
			o, _ := ad.Forward(p.Body.Prog, z)
			return append(append([]*core.Array(nil), o[:nc]...), z[:nc]...)
		})
		saved := core.Bind(ScanP, args, ScanParams{Body: NewBody(fwd), Length: p.Length, NumCarry: nc, NumXs: nx})[nc:]
		// 2. Backward over reversed steps. Body inputs: ct_c, ct_k (carry);
		// c_i, x_i, ct_y_i (slices); k (constants).
		outAvals := outTypes(p.Body.Prog)
		var in []core.Aval
		in = append(in, avalsOf(c)...)
		in = append(in, avalsOf(k)...)
		in = append(in, bodyIn[:nc]...)
		in = append(in, bodyIn[nc:nc+nx]...)
		in = append(in, outAvals[nc:]...)
		in = append(in, avalsOf(k)...)
		bwd := TraceProgram(in, func(z []*core.Array) []*core.Array {
			ctc, ctk := z[:nc], z[nc:nc+r]
			ci, xi, cty := z[nc+r:2*nc+r], z[2*nc+r:2*nc+r+nx], z[2*nc+r+nx:2*nc+r+nx+ny]
			kv := z[2*nc+r+nx+ny:]
			vals := append(append(append([]*core.Array(nil), ci...), xi...), kv...)
			_, env := ad.Forward(p.Body.Prog, vals)
			g := filled(ad.Backward(p.Body.Prog, env, append(append([]*core.Array(nil), ctc...), cty...)), avalsOf(vals))
			res := append([]*core.Array(nil), g[:nc]...)
			for j := range r {
				res = append(res, prims.Add(ctk[j], g[nc+nx+j]))
			}
			return append(res, g[nc:nc+nx]...)
		})
		rev := func(a *core.Array) *core.Array { return prims.Rev(a, []int{0}) }
		var ops []*core.Array
		ops = append(ops, filled(cts[:nc], avalsOf(c))...)
		ops = append(ops, filled(nil, avalsOf(k))...)
		for _, s := range saved {
			ops = append(ops, rev(s))
		}
		for _, xs := range x {
			ops = append(ops, rev(xs))
		}
		for _, ct := range filled(cts[nc:], avalsOf(outs[nc:])) {
			ops = append(ops, rev(ct))
		}
		ops = append(ops, k...)
		res := core.Bind(ScanP, ops, ScanParams{Body: NewBody(bwd), Length: p.Length, NumCarry: nc + r, NumXs: nc + nx + ny})
		grads := append([]*core.Array(nil), res[:nc]...)
		for _, g := range res[nc+r:] {
			grads = append(grads, rev(g))
		}
		return append(grads, res[nc:nc+r]...)
	}
}
