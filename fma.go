package nd

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// FMA returns a*b + c elementwise, rounded once (the fused multiply-add of
// math.FMA), with NumPy's promotion and broadcasting of the three
// operands. Integer and bool operands become float64, as for other
// float-only ops; float32 operands give the correctly rounded float32
// result. Where an operand is a NaN, the result is the first NaN of a, b,
// c (quieted), on every CPU.
func FMA(a, b, c any) *Array {
	const op = "nd.FMA"
	x, y, z := operand(op, a), operand(op, b), operand(op, c)
	d := fmaResultType(x, y, z)
	if !d.IsFloat() {
		d = core.Float64
	}
	shape, err := BroadcastShapes(x.Shape(), y.Shape(), z.Shape())
	if err != nil {
		core.Panicf(op, "%v", err)
	}
	out := prims.FMA(broadcastTo(castTo(op, x, d), shape), broadcastTo(castTo(op, y, d), shape), broadcastTo(castTo(op, z, d), shape))
	_, xa := a.(*Array)
	_, ya := b.(*Array)
	_, za := c.(*Array)
	if !xa && !ya && !za && !out.IsSymbolic() {
		out.SetWeak(true)
	}
	return wrap(out)
}

// fmaResultType promotes three operands as resultType does two: weak Go
// numbers take the dtype of the arrays they meet.
func fmaResultType(x, y, z *core.Array) core.DType {
	d := resultType(x, y)
	xyWeak := x.Weak() && y.Weak()
	switch {
	case z.Weak() && !xyWeak:
		return core.PromoteWeak(d, z.DType())
	case xyWeak && !z.Weak():
		return core.PromoteWeak(z.DType(), d)
	}
	return core.Promote(d, z.DType())
}

// FMA returns a*b + c rounded once (see nd.FMA).
func (a *Array) FMA(b, c any) *Array { return FMA(a, b, c) }
