package prims

import (
	"math"

	"github.com/nd-go/nd/internal/core"
)

// The JVP and VJP rules of the elementwise primitives (elementwise.go, and
// erf_inv of random.go). An elementwise primitive's Jacobian is diagonal,
// so each partial derivative is written once, as a function that scales a
// tangent (or a cotangent: the same product) by it. Rules use only this
// package's strict ops, so derivatives of derivatives trace. Conventions
// follow JAX: abs' = sign (0 at 0); floor, ceil, round and sign have zero
// derivative; max and min split the gradient half and half on ties; pow's
// exponent derivative is 0 where the base is 0.

// elemADScale scales a tangent or cotangent t by one partial derivative,
// given the operands and the output; a nil t (a symbolic zero) stays nil.
type elemADScale func(t *core.Array, args []*core.Array, out *core.Array) *core.Array

// elemADUnary sets the JVP and VJP rules of a unary elementwise
// primitive whose derivative scales by d.
func elemADUnary(p *core.Primitive, d elemADScale) {
	p.JVP = func(ts, args, outs []*core.Array, _ any) []*core.Array {
		if ts[0] == nil {
			return []*core.Array{nil}
		}
		return []*core.Array{d(ts[0], args, outs[0])}
	}
	p.VJP = func(cts, args, outs []*core.Array, _ any) []*core.Array {
		if cts[0] == nil {
			return []*core.Array{nil}
		}
		return []*core.Array{d(cts[0], args, outs[0])}
	}
}

// elemADBinary sets the rules of a binary elementwise primitive whose
// partial derivatives scale by dx and dy (nil: that partial is zero).
func elemADBinary(p *core.Primitive, dx, dy elemADScale) {
	part := func(d elemADScale, t *core.Array, args []*core.Array, out *core.Array) *core.Array {
		if d == nil || t == nil {
			return nil
		}
		return d(t, args, out)
	}
	p.JVP = func(ts, args, outs []*core.Array, _ any) []*core.Array {
		return []*core.Array{addMaybe(part(dx, ts[0], args, outs[0]), part(dy, ts[1], args, outs[0]))}
	}
	p.VJP = func(cts, args, outs []*core.Array, _ any) []*core.Array {
		return []*core.Array{part(dx, cts[0], args, outs[0]), part(dy, cts[0], args, outs[0])}
	}
}

// elemADZero sets rules that give zero (nil) tangents and cotangents: the
// piecewise-constant primitives, and those with integer or bool outputs.
func elemADZero(p *core.Primitive) {
	p.JVP = func(_, _, outs []*core.Array, _ any) []*core.Array { return make([]*core.Array, len(outs)) }
	p.VJP = func(_, args, _ []*core.Array, _ any) []*core.Array { return make([]*core.Array, len(args)) }
}

// elemADFlat sets the rules of a piecewise-constant primitive with a float
// output (sign, floor, ceil, round): its output tangent is explicit zeros
// (a broadcast view of one zero), its cotangent nil.
func elemADFlat(p *core.Primitive) {
	p.JVP = func(ts, _, outs []*core.Array, _ any) []*core.Array {
		if ts[0] == nil {
			return []*core.Array{nil}
		}
		return []*core.Array{ZerosLike(outs[0])}
	}
	p.VJP = func(_, args, _ []*core.Array, _ any) []*core.Array { return make([]*core.Array, len(args)) }
}

// elemADConst returns v filled in a's shape and dtype.
func elemADConst(v float64, a *core.Array) *core.Array { return Filled(v, a.Aval()) }

// elemADSquare returns a*a.
func elemADSquare(a *core.Array) *core.Array { return Mul(a, a) }

// elemADTrunc rounds toward zero: sign(q) * floor(|q|).
func elemADTrunc(q *core.Array) *core.Array { return Mul(Sign(q), Floor(Abs(q))) }

// elemADBalanced is JAX's balanced equality for max and min: 1 where x is
// the output and y is not, 0.5 where both are, 0 where x is not.
func elemADBalanced(x, out, y *core.Array) *core.Array {
	half := Select(Eq(y, out), elemADConst(0.5, x), elemADConst(1, x))
	return Select(Eq(x, out), half, elemADConst(0, x))
}

func init() {
	// Piecewise constant, and integer or bool results.
	for _, p := range []*core.Primitive{isFiniteP, eqP, neP, ltP, leP, gtP, geP, notP, andP, orP, xorP, unitFloatP} {
		elemADZero(p)
	}
	for _, p := range []*core.Primitive{signP, floorP, ceilP, roundP} {
		elemADFlat(p)
	}

	// ---- unary
	negP.JVP = linear1(&negP)
	negP.VJP = func(cts, _, _ []*core.Array, _ any) []*core.Array {
		if cts[0] == nil {
			return []*core.Array{nil}
		}
		return []*core.Array{Neg(cts[0])}
	}
	elemADUnary(absP, func(t *core.Array, a []*core.Array, _ *core.Array) *core.Array {
		return Mul(t, Sign(a[0]))
	})
	elemADUnary(expP, func(t *core.Array, _ []*core.Array, out *core.Array) *core.Array {
		return Mul(t, out)
	})
	elemADUnary(expm1P, func(t *core.Array, _ []*core.Array, out *core.Array) *core.Array {
		return Mul(t, Add(out, elemADConst(1, out)))
	})
	elemADUnary(logP, func(t *core.Array, a []*core.Array, _ *core.Array) *core.Array {
		return Div(t, a[0])
	})
	elemADUnary(log1pP, func(t *core.Array, a []*core.Array, _ *core.Array) *core.Array {
		return Div(t, Add(a[0], elemADConst(1, a[0])))
	})
	elemADUnary(sqrtP, func(t *core.Array, _ []*core.Array, out *core.Array) *core.Array {
		return Div(Mul(t, elemADConst(0.5, out)), out)
	})
	elemADUnary(rsqrtP, func(t *core.Array, a []*core.Array, out *core.Array) *core.Array {
		// d/dx x^-1/2 = -1/2 x^-3/2 = -1/2 out / x.
		return Div(Mul(t, Mul(out, elemADConst(-0.5, out))), a[0])
	})
	elemADUnary(sinP, func(t *core.Array, a []*core.Array, _ *core.Array) *core.Array {
		return Mul(t, Cos(a[0]))
	})
	elemADUnary(cosP, func(t *core.Array, a []*core.Array, _ *core.Array) *core.Array {
		return Neg(Mul(t, Sin(a[0])))
	})
	elemADUnary(tanP, func(t *core.Array, _ []*core.Array, out *core.Array) *core.Array {
		return Mul(t, Add(elemADConst(1, out), elemADSquare(out)))
	})
	elemADUnary(tanhP, func(t *core.Array, _ []*core.Array, out *core.Array) *core.Array {
		return Mul(t, Sub(elemADConst(1, out), elemADSquare(out)))
	})
	elemADUnary(logisticP, func(t *core.Array, _ []*core.Array, out *core.Array) *core.Array {
		return Mul(t, Mul(out, Sub(elemADConst(1, out), out)))
	})
	elemADUnary(erfP, func(t *core.Array, a []*core.Array, _ *core.Array) *core.Array {
		x := a[0]
		return Mul(t, Mul(elemADConst(2/math.SqrtPi, x), Exp(Neg(elemADSquare(x)))))
	})
	elemADUnary(erfInvP, func(t *core.Array, _ []*core.Array, out *core.Array) *core.Array {
		// erf_inv'(x) = 1 / erf'(erf_inv(x)) = sqrt(pi)/2 exp(out²).
		return Mul(t, Mul(elemADConst(math.SqrtPi/2, out), Exp(elemADSquare(out))))
	})

	// ---- binary
	ident := func(t *core.Array, _ []*core.Array, _ *core.Array) *core.Array { return t }
	negT := func(t *core.Array, _ []*core.Array, _ *core.Array) *core.Array { return Neg(t) }
	elemADBinary(addP, ident, ident)
	elemADBinary(subP, ident, negT)
	elemADBinary(mulP,
		func(t *core.Array, a []*core.Array, _ *core.Array) *core.Array { return Mul(t, a[1]) },
		func(t *core.Array, a []*core.Array, _ *core.Array) *core.Array { return Mul(a[0], t) })
	elemADBinary(divP,
		func(t *core.Array, a []*core.Array, _ *core.Array) *core.Array { return Div(t, a[1]) },
		func(t *core.Array, a []*core.Array, out *core.Array) *core.Array {
			// d(x/y)/dy = -out / y.
			return Neg(Div(Mul(t, out), a[1]))
		})
	elemADBinary(remP, ident,
		func(t *core.Array, a []*core.Array, _ *core.Array) *core.Array {
			// rem = x - trunc(x/y) y, so d/dy = -trunc(x/y).
			return Neg(Mul(t, elemADTrunc(Div(a[0], a[1]))))
		})
	elemADBinary(powP,
		func(t *core.Array, a []*core.Array, _ *core.Array) *core.Array {
			// y x^(y-1), and 0 where y == 0 (not 0 * inf at x == 0).
			x, y := a[0], a[1]
			zero := elemADConst(0, y)
			d := Mul(y, Pow(x, Sub(y, elemADConst(1, y))))
			return Mul(t, Select(Eq(y, zero), zero, d))
		},
		func(t *core.Array, a []*core.Array, out *core.Array) *core.Array {
			// log(x) x^y, and 0 where x == 0.
			x := a[0]
			zero := elemADConst(0, x)
			logx := Log(Select(Eq(x, zero), elemADConst(1, x), x))
			return Mul(t, Mul(logx, out))
		})
	elemADBinary(atan2P,
		func(t *core.Array, a []*core.Array, _ *core.Array) *core.Array {
			// atan2(x, y) = arctan(x/y): d/dx = y / (x² + y²).
			x, y := a[0], a[1]
			return Div(Mul(t, y), Add(elemADSquare(x), elemADSquare(y)))
		},
		func(t *core.Array, a []*core.Array, _ *core.Array) *core.Array {
			// d/dy = -x / (x² + y²).
			x, y := a[0], a[1]
			return Neg(Div(Mul(t, x), Add(elemADSquare(x), elemADSquare(y))))
		})
	for _, p := range []*core.Primitive{maxP, minP} {
		elemADBinary(p,
			func(t *core.Array, a []*core.Array, out *core.Array) *core.Array {
				return Mul(t, elemADBalanced(a[0], out, a[1]))
			},
			func(t *core.Array, a []*core.Array, out *core.Array) *core.Array {
				return Mul(t, elemADBalanced(a[1], out, a[0]))
			})
	}

	// ---- select(pred, x, y): x's tangent where pred, y's elsewhere.
	selectP.JVP = func(ts, args, outs []*core.Array, _ any) []*core.Array {
		tx, ty := ts[1], ts[2]
		if tx == nil && ty == nil {
			return []*core.Array{nil}
		}
		av := outs[0].Aval()
		return []*core.Array{Select(args[0], zeroIfNil(tx, av), zeroIfNil(ty, av))}
	}
	selectP.VJP = func(cts, args, _ []*core.Array, _ any) []*core.Array {
		ct := cts[0]
		if ct == nil {
			return []*core.Array{nil, nil, nil}
		}
		zero := ZerosLike(ct)
		return []*core.Array{nil, Select(args[0], ct, zero), Select(args[0], zero, ct)}
	}
}
