package nd

import (
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// This file holds the matrix products: MatMul, Dot, Inner, Outer and
// TensorDot. Each is one dot_general (plus views), after NumPy's type
// promotion; Einsum is in einsum.go.

// MatMul returns the matrix product of a and b with np.matmul's semantics
// (the @ operator): 2-d operands multiply as matrices; operands with more
// dimensions are stacks of matrices in their last two axes, whose leading
// (batch) axes broadcast, so (2,1,3,4) @ (5,4,6) has shape (2,5,3,6); a 1-d
// a is a row vector and a 1-d b a column vector, that axis being removed
// from the result. 0-d operands are an error (use Mul). The dtype is
// NumPy's promotion of the two; integer products wrap on overflow, and
// bool operands give bool (any a[i,k] && b[k,j]), as in NumPy. Float
// products with NaN or Inf follow IEEE rules (0·NaN is NaN).
func MatMul(a, b *Array) *Array {
	const op = "nd.MatMul"
	x, y := operand(op, a), operand(op, b)
	xs, ys := x.Shape(), y.Shape()
	if len(xs) == 0 || len(ys) == 0 {
		core.Panicf(op, "matmul of a 0-d array: shapes %v and %v (use nd.Mul to multiply by a scalar)",
			core.ShapeString(xs), core.ShapeString(ys))
	}
	// Promote 1-d operands to matrices; the added axis is dropped at the end.
	xm, ym := xs, ys
	if len(xs) == 1 {
		xm = []int{1, xs[0]}
	}
	if len(ys) == 1 {
		ym = []int{ys[0], 1}
	}
	n, k := xm[len(xm)-2], xm[len(xm)-1]
	k2, m := ym[len(ym)-2], ym[len(ym)-1]
	if k != k2 {
		which := "second-to-last"
		if len(ys) == 1 {
			which = "only"
		}
		core.Panicf(op, "shapes %v and %v do not align: %d (last axis of the first) != %d (%s axis of the second)",
			core.ShapeString(xs), core.ShapeString(ys), k, k2, which)
	}
	batch, err := BroadcastShapes(xm[:len(xm)-2], ym[:len(ym)-2])
	if err != nil {
		core.Panicf(op, "batch axes of shapes %v and %v cannot be broadcast together",
			core.ShapeString(xs), core.ShapeString(ys))
	}
	x, y, d := promoteForDot(op, x, y)
	x, y = prims.Reshape(x, xm), prims.Reshape(y, ym)
	var out *core.Array
	if len(ym) == 2 {
		// A stack times one matrix is one product of a taller matrix.
		rows := core.ShapeSize(xm[:len(xm)-1])
		out = prims.DotGeneral(prims.Reshape(x, []int{rows, k}), y, prims.DotParams{ContractLHS: []int{1}, ContractRHS: []int{0}})
	} else {
		nb := len(batch)
		x = broadcastTo(x, append(clone(batch), n, k))
		y = broadcastTo(y, append(clone(batch), k, m))
		bdims := make([]int, nb)
		for i := range bdims {
			bdims[i] = i
		}
		out = prims.DotGeneral(x, y, prims.DotParams{
			ContractLHS: []int{nb + 1}, ContractRHS: []int{nb}, BatchLHS: bdims, BatchRHS: bdims})
	}
	shape := clone(batch)
	if len(xs) > 1 {
		shape = append(shape, n)
	}
	if len(ys) > 1 {
		shape = append(shape, m)
	}
	return wrap(finishDot(prims.Reshape(out, shape), d))
}

// MatMul returns a @ b (see nd.MatMul).
func (a *Array) MatMul(b *Array) *Array { return MatMul(a, b) }

// promoteForDot converts both operands to their promoted dtype, and bools
// to int64 (dot_general is numeric); it returns the result dtype.
func promoteForDot(op string, x, y *core.Array) (*core.Array, *core.Array, core.DType) {
	d := core.Promote(x.DType(), y.DType())
	work := d
	if d == core.Bool {
		work = core.Int64
	}
	return castTo(op, x, work), castTo(op, y, work), d
}

// finishDot turns a product computed in int64 for bool operands back into
// bools (nonzero: some term was true).
func finishDot(out *core.Array, d core.DType) *core.Array {
	return prims.Convert(out, d)
}

// Dot returns the dot product of a and b with np.dot's semantics: for 1-d
// operands the inner product (a 0-d array), for 2-d operands the matrix
// product, for a 0-d operand the elementwise product (Mul), and otherwise
// the sum product over the last axis of a and the second-to-last axis of b
// (the only axis when b is 1-d): dot(a, b)[i,j,k,m] = sum(a[i,j,:] *
// b[k,:,m]), with shape a.shape[:-1] + b.shape[:-2] + b.shape[-1:]. Unlike
// MatMul, leading axes do not broadcast: they are all kept. Dtypes promote
// as in MatMul.
func Dot(a, b *Array) *Array {
	const op = "nd.Dot"
	x, y := operand(op, a), operand(op, b)
	if x.Ndim() == 0 || y.Ndim() == 0 {
		return Mul(a, b)
	}
	ca, cb := x.Ndim()-1, max(y.Ndim()-2, 0)
	if x.Shape()[ca] != y.Shape()[cb] {
		core.Panicf(op, "shapes %v and %v do not align: %d (axis %d of the first) != %d (axis %d of the second)",
			core.ShapeString(x.Shape()), core.ShapeString(y.Shape()), x.Shape()[ca], ca, y.Shape()[cb], cb)
	}
	x, y, d := promoteForDot(op, x, y)
	out := prims.DotGeneral(x, y, prims.DotParams{ContractLHS: []int{ca}, ContractRHS: []int{cb}})
	return wrap(finishDot(out, d))
}

// Dot returns the dot product of a and b (see nd.Dot).
func (a *Array) Dot(b *Array) *Array { return Dot(a, b) }

// Inner returns the inner product of a and b over their last axes, like
// np.inner: inner(a, b)[i,j,k] = sum(a[i,:] * b[j,k,:]), with shape
// a.shape[:-1] + b.shape[:-1]; 0-d operands multiply elementwise. Dtypes
// promote as in MatMul.
func Inner(a, b *Array) *Array {
	const op = "nd.Inner"
	x, y := operand(op, a), operand(op, b)
	if x.Ndim() == 0 || y.Ndim() == 0 {
		return Mul(a, b)
	}
	ca, cb := x.Ndim()-1, y.Ndim()-1
	if x.Shape()[ca] != y.Shape()[cb] {
		core.Panicf(op, "shapes %v and %v do not align: last axes have sizes %d and %d",
			core.ShapeString(x.Shape()), core.ShapeString(y.Shape()), x.Shape()[ca], y.Shape()[cb])
	}
	x, y, d := promoteForDot(op, x, y)
	out := prims.DotGeneral(x, y, prims.DotParams{ContractLHS: []int{ca}, ContractRHS: []int{cb}})
	return wrap(finishDot(out, d))
}

// Outer returns the outer product of a and b, like np.outer: both are
// flattened, and out[i,j] = a[i] * b[j], with shape (a.Size(), b.Size()).
// Dtypes promote as in Mul (bools give bool).
func Outer(a, b *Array) *Array {
	const op = "nd.Outer"
	x, y := operand(op, a), operand(op, b)
	col := wrap(prims.Reshape(x, []int{x.Size(), 1}))
	row := wrap(prims.Reshape(y, []int{1, y.Size()}))
	return Mul(col, row)
}

// TensorDot returns the sum product of a and b over the axes axesA of a
// and axesB of b (pairwise; negative axes count from the end), like
// np.tensordot(a, b, axes=(axesA, axesB)). The result's axes are a's
// remaining axes then b's, in order. Dtypes promote as in MatMul.
func TensorDot(a, b *Array, axesA, axesB []int) *Array {
	const op = "nd.TensorDot"
	x, y := operand(op, a), operand(op, b)
	if len(axesA) != len(axesB) {
		core.Panicf(op, "axes %v and %v differ in length", axesA, axesB)
	}
	ca, cb := make([]int, len(axesA)), make([]int, len(axesB))
	seenA, seenB := make([]bool, x.Ndim()), make([]bool, y.Ndim())
	for i := range axesA {
		ca[i] = normAxis(op, axesA[i], x.Ndim())
		cb[i] = normAxis(op, axesB[i], y.Ndim())
		if seenA[ca[i]] || seenB[cb[i]] {
			core.Panicf(op, "repeated axis in %v or %v", axesA, axesB)
		}
		seenA[ca[i]], seenB[cb[i]] = true, true
		if x.Shape()[ca[i]] != y.Shape()[cb[i]] {
			core.Panicf(op, "shape mismatch for sum: shapes %v and %v, axis %d of the first has size %d, axis %d of the second %d",
				core.ShapeString(x.Shape()), core.ShapeString(y.Shape()), ca[i], x.Shape()[ca[i]], cb[i], y.Shape()[cb[i]])
		}
	}
	x, y, d := promoteForDot(op, x, y)
	out := prims.DotGeneral(x, y, prims.DotParams{ContractLHS: ca, ContractRHS: cb})
	return wrap(finishDot(out, d))
}
