package nd

import (
	"fmt"
	"math"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// operand turns an op's argument (an *Array or a Go number) into an array.
// Go numbers become weakly typed 0-d arrays: bool, int64 or float64 by kind.
func operand(op string, v any) *core.Array {
	switch x := v.(type) {
	case *Array:
		if x == nil {
			core.Panicf(op, "operand is a nil *Array")
		}
		return x.c()
	case bool:
		return scalarOf(core.Bool, []bool{x}).SetWeak(true)
	case int:
		return scalarOf(core.Int64, []int64{int64(x)}).SetWeak(true)
	case int8:
		return scalarOf(core.Int64, []int64{int64(x)}).SetWeak(true)
	case int16:
		return scalarOf(core.Int64, []int64{int64(x)}).SetWeak(true)
	case int32:
		return scalarOf(core.Int64, []int64{int64(x)}).SetWeak(true)
	case int64:
		return scalarOf(core.Int64, []int64{x}).SetWeak(true)
	case uint:
		return scalarOf(core.Int64, []int64{int64(x)}).SetWeak(true)
	case uint8:
		return scalarOf(core.Int64, []int64{int64(x)}).SetWeak(true)
	case uint16:
		return scalarOf(core.Int64, []int64{int64(x)}).SetWeak(true)
	case uint32:
		return scalarOf(core.Int64, []int64{int64(x)}).SetWeak(true)
	case float32:
		return scalarOf(core.Float64, []float64{float64(x)}).SetWeak(true)
	case float64:
		return scalarOf(core.Float64, []float64{x}).SetWeak(true)
	}
	core.Panicf(op, "operand of Go type %T: want *nd.Array or a Go number", v)
	return nil
}

func scalarOf(d core.DType, buf any) *core.Array { return core.New(d, nil, buf) }

// resultType returns the dtype two operands promote to: NumPy's table for
// two arrays, NEP 50 for an array and a weak Go scalar.
func resultType(x, y *core.Array) core.DType {
	switch {
	case x.Weak() && !y.Weak():
		return core.PromoteWeak(y.DType(), x.DType())
	case y.Weak() && !x.Weak():
		return core.PromoteWeak(x.DType(), y.DType())
	}
	return core.Promote(x.DType(), y.DType())
}

// castTo converts x to dtype d. A concrete weak integer scalar that does not
// fit d is an error, as in NumPy 2 (uint8 array + 300).
func castTo(op string, x *core.Array, d core.DType) *core.Array {
	if x.DType() == d {
		return x
	}
	if x.Weak() && !x.IsSymbolic() && x.DType() == core.Int64 && d.IsInt() {
		v := x.Buffer().([]int64)[x.Offset()]
		lo, hi := intRange(d)
		if v < lo || v > hi {
			core.Panicf(op, "Go integer %d out of bounds for %v", v, d)
		}
	}
	y := prims.Convert(x, d)
	if x.Weak() && y != x && !y.IsSymbolic() && y.Ndim() == 0 {
		y.SetWeak(true)
	}
	return y
}

func intRange(d core.DType) (int64, int64) {
	switch d {
	case core.Uint8:
		return 0, math.MaxUint8
	case core.Int32:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

// BroadcastShapes returns the shape NumPy's broadcasting gives for the
// shapes, or an error naming the first pair that does not fit.
func BroadcastShapes(shapes ...[]int) ([]int, error) {
	n := 0
	for _, s := range shapes {
		n = max(n, len(s))
	}
	out := make([]int, n)
	for i := range out {
		out[i] = 1
	}
	for _, s := range shapes {
		for i, d := range s {
			j := n - len(s) + i
			switch {
			case d == out[j] || d == 1:
			case out[j] == 1:
				out[j] = d
			default:
				var strs []string
				for _, s := range shapes {
					strs = append(strs, core.ShapeString(s))
				}
				return nil, fmt.Errorf("shapes %v cannot be broadcast together", joinShapes(strs))
			}
		}
	}
	return out, nil
}

func joinShapes(s []string) string {
	out := ""
	for i, x := range s {
		switch {
		case i == 0:
		case i == len(s)-1:
			out += " and "
		default:
			out += ", "
		}
		out += x
	}
	return out
}

// broadcastTo broadcasts x to shape by NumPy's rules (trailing axes aligned).
func broadcastTo(x *core.Array, shape []int) *core.Array {
	if core.EqualShapes(x.Shape(), shape) {
		return x
	}
	dims := make([]int, x.Ndim())
	for i := range dims {
		dims[i] = len(shape) - x.Ndim() + i
	}
	return prims.BroadcastInDim(x, shape, dims)
}

// binaryOperands prepares two operands of an elementwise op: converts them to
// arrays, promotes to a common dtype and broadcasts to a common shape.
func binaryOperands(op string, xv, yv any) (*core.Array, *core.Array) {
	x, y := operand(op, xv), operand(op, yv)
	d := resultType(x, y)
	shape, err := BroadcastShapes(x.Shape(), y.Shape())
	if err != nil {
		core.Panicf(op, "%v", err)
	}
	return broadcastTo(castTo(op, x, d), shape), broadcastTo(castTo(op, y, d), shape)
}

// keepWeak marks a result weak when both operands were weak Go scalars, so
// that nd.Add(1, 2.5) stays weak in a later op with an array.
func keepWeak(out *core.Array, xv, yv any) *core.Array {
	_, xa := xv.(*Array)
	_, ya := yv.(*Array)
	if !xa && !ya && !out.IsSymbolic() {
		out.SetWeak(true)
	}
	return out
}
