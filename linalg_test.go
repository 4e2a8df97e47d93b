package nd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// laValues returns n random values that dtype d holds exactly: normals for
// floats (rounded to float32 for Float32), small integers otherwise.
func laValues(r *rand.Rand, d DType, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		switch d {
		case Float64:
			v[i] = r.NormFloat64()
		case Float32:
			v[i] = float64(float32(r.NormFloat64()))
		case Bool:
			v[i] = float64(r.IntN(2))
		case Uint8:
			v[i] = float64(r.IntN(6))
		default:
			v[i] = float64(r.IntN(11) - 5)
		}
	}
	return v
}

// laArray returns an array of dtype d and the given shape holding vals (C
// order) in the given layout: "contig", "transposed" (a transposed view of
// a C-order buffer), "stepped" (every other element of the last axis),
// "flipped" (a view with negative strides on every axis).
func laArray(d DType, vals []float64, shape []int, layout string) *Array {
	base := func(v []float64, s []int) *Array { return Wrap(append([]float64(nil), v...), s...).AsType(d) }
	a := base(vals, shape)
	n := len(shape)
	switch layout {
	case "transposed":
		if n < 2 {
			return a
		}
		t := Transpose(a)
		return Transpose(base(floats(t), t.Shape()))
	case "stepped":
		if n == 0 {
			return a
		}
		big := append(clone(shape[:n-1]), 2*shape[n-1])
		bv := make([]float64, core.ShapeSize(big))
		for i, v := range vals {
			row, col := i/max(shape[n-1], 1), i%max(shape[n-1], 1)
			bv[row*2*shape[n-1]+2*col] = v
		}
		sl := make([]Slice, n)
		for i := range sl {
			sl[i] = S()
		}
		sl[n-1] = S(None, None, 2)
		return SliceAxes(base(bv, big), sl...)
	case "flipped":
		return Flip(base(floats(Flip(a)), shape))
	}
	return a
}

var laLayouts = []string{"contig", "transposed", "stepped", "flipped"}

// laTol is the tolerance (relative, see closeTo) of a sum of k products in
// dtype d against float64: sqrt(k) ulps-ish with room to spare.
func laTol(d DType, k int) float64 {
	s := math.Sqrt(float64(max(k, 1)))
	switch d {
	case Float32:
		return 1e-5 * s
	case Float64:
		return 1e-13 * s
	}
	return 0
}

// refMatMul computes np.matmul with float64 loops on C-order values.
func refMatMul(av []float64, as []int, bv []float64, bs []int) ([]float64, []int) {
	am, bm := as, bs
	if len(as) == 1 {
		am = []int{1, as[0]}
	}
	if len(bs) == 1 {
		bm = []int{bs[0], 1}
	}
	n, k, m := am[len(am)-2], am[len(am)-1], bm[len(bm)-1]
	batch, err := BroadcastShapes(am[:len(am)-2], bm[:len(bm)-2])
	if err != nil {
		panic(err)
	}
	nb := core.ShapeSize(batch)
	out := make([]float64, nb*n*m)
	// offset of a batch index in an operand with batch shape bshape.
	batchOff := func(idx int, bshape []int) int {
		off, stride := 0, 1
		rem := idx
		for i := len(batch) - 1; i >= 0; i-- {
			bi := rem % batch[i]
			rem /= batch[i]
			j := i - (len(batch) - len(bshape))
			if j >= 0 {
				if bshape[j] != 1 {
					off += bi * stride
				}
				stride *= bshape[j]
			}
		}
		return off
	}
	for bi := range nb {
		ao := batchOff(bi, am[:len(am)-2]) * n * k
		bo := batchOff(bi, bm[:len(bm)-2]) * k * m
		for i := range n {
			for j := range m {
				var s float64
				for p := range k {
					s += av[ao+i*k+p] * bv[bo+p*m+j]
				}
				out[bi*n*m+i*m+j] = s
			}
		}
	}
	shape := clone(batch)
	if len(as) > 1 {
		shape = append(shape, n)
	}
	if len(bs) > 1 {
		shape = append(shape, m)
	}
	return out, shape
}

// laWrap reduces exact integer results to dtype d's range as NumPy's
// wrapping arithmetic does, and bools to 0/1.
func laWrap(d DType, v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		switch d {
		case Bool:
			if x != 0 {
				x = 1
			}
		case Uint8:
			x = float64(uint8(int64(x)))
		case Int32:
			x = float64(int32(int64(x)))
		}
		out[i] = x
	}
	return out
}

func TestMatMul(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	cases := []struct{ a, b []int }{
		{[]int{1, 1}, []int{1, 1}},
		{[]int{17, 33}, []int{33, 5}},
		{[]int{3, 4}, []int{4}},
		{[]int{4}, []int{4, 3}},
		{[]int{4}, []int{4}},
		{[]int{5, 7}, []int{7, 9}},
		{[]int{2, 1, 3, 4}, []int{5, 4, 6}},
		{[]int{2, 3, 4}, []int{4, 5}},
		{[]int{3, 4}, []int{2, 4, 5}},
		{[]int{2, 3, 4}, []int{4}},
		{[]int{4}, []int{2, 4, 3}},
		{[]int{0, 3}, []int{3, 4}},
		{[]int{3, 0}, []int{0, 4}},
		{[]int{2, 0, 3}, []int{3, 4}},
		{[]int{2, 3, 0}, []int{2, 0, 5}},
		{[]int{0}, []int{0}},
		{[]int{3, 9, 11}, []int{3, 11, 13}},
		{[]int{1, 3, 2}, []int{4, 2, 3}},
	}
	for _, c := range cases {
		for _, d := range []DType{Float64, Float32, Int32} {
			av, bv := laValues(r, d, core.ShapeSize(c.a)), laValues(r, d, core.ShapeSize(c.b))
			want, wantShape := refMatMul(av, c.a, bv, c.b)
			k := c.a[len(c.a)-1]
			for _, la := range laLayouts {
				for _, lb := range laLayouts {
					name := fmt.Sprintf("%v%v@%v%v %v", c.a, la, c.b, lb, d)
					got := MatMul(laArray(d, av, c.a, la), laArray(d, bv, c.b, lb))
					if got.DType() != d || !core.EqualShapes(got.Shape(), wantShape) {
						t.Fatalf("%s: got %v%v, want %v%v", name, got.DType(), got.Shape(), d, wantShape)
					}
					checkClose(t, name, floats(got), laWrap(d, want), laTol(d, k))
				}
			}
		}
	}
}

// TestMatMulLarge covers products big enough to be blocked and run on
// several cores, through each kernel path: BLAS layouts (contiguous,
// transposed) and nd's packed kernel (stepped, flipped).
func TestMatMulLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, s := range [][3]int{{130, 70, 90}, {67, 301, 129}, {1, 500, 260}} {
		m, k, n := s[0], s[1], s[2]
		for _, d := range []DType{Float32, Float64, Int64} {
			av, bv := laValues(r, d, m*k), laValues(r, d, k*n)
			want, _ := refMatMul(av, []int{m, k}, bv, []int{k, n})
			for _, la := range laLayouts {
				lb := laLayouts[(len(la)+int(d))%len(laLayouts)]
				name := fmt.Sprintf("%v %s@%s %v", s, la, lb, d)
				got := MatMul(laArray(d, av, []int{m, k}, la), laArray(d, bv, []int{k, n}, lb))
				checkClose(t, name, floats(got), want, laTol(d, k))
			}
		}
	}
}

func TestMatMulBroadcastOperand(t *testing.T) {
	// A stride-0 operand: every batch multiplies the same broadcast matrix.
	r := rand.New(rand.NewPCG(1, 1))
	bv := laValues(r, Float64, 12)
	b := BroadcastTo(Wrap(bv, 1, 4, 3), 5, 4, 3)
	a := Wrap(laValues(r, Float64, 5*2*4), 5, 2, 4)
	want, _ := refMatMul(floats(a), []int{5, 2, 4}, bv, []int{4, 3})
	checkClose(t, "broadcast b", floats(MatMul(a, b)), want, 1e-12)
	// A row broadcast along the rows of a matrix (stride 0 within the matrix).
	row := BroadcastTo(Wrap([]float64{1, 2, 3}, 1, 3), 4, 3)
	got := MatMul(row, Wrap([]float64{1, 0, 0, 1, 1, 1}, 3, 2))
	checkClose(t, "broadcast rows", floats(got), []float64{4, 5, 4, 5, 4, 5, 4, 5}, 0)
}

func TestMatMulDTypes(t *testing.T) {
	a := Wrap([]int32{1, 2, 3, 4}, 2, 2)
	b := Wrap([]float32{0.5, 1, 1.5, 2}, 2, 2)
	got := MatMul(a, b)
	if got.DType() != Float64 {
		t.Fatalf("int32 @ float32: dtype %v, want float64 (NumPy's promotion)", got.DType())
	}
	checkClose(t, "int32@float32", floats(got), []float64{3.5, 5, 7.5, 11}, 0)

	// uint8 products wrap, as in NumPy: 200*2 + 100*1 = 500 → 244.
	u := MatMul(Wrap([]uint8{200, 100}, 1, 2), Wrap([]uint8{2, 1}, 2, 1))
	if u.DType() != Uint8 || Data[uint8](u)[0] != 244 {
		t.Fatalf("uint8 matmul: got %v %v, want uint8 [244]", u.DType(), floats(u))
	}
	// bool @ bool is bool: any(a[i,k] && b[k,j]).
	bb := MatMul(Wrap([]bool{true, false, false, false}, 2, 2), Wrap([]bool{true, true, true, false}, 2, 2))
	if bb.DType() != Bool {
		t.Fatalf("bool matmul: dtype %v", bb.DType())
	}
	checkClose(t, "bool", floats(bb), []float64{1, 1, 0, 0}, 0)
	// int64 beyond float64's exact range stays exact.
	big := MatMul(Wrap([]int64{1 << 40, 1}, 1, 2), Wrap([]int64{1 << 12, 1}, 2, 1))
	if v := Data[int64](big)[0]; v != 1<<52+1 {
		t.Fatalf("int64 matmul: got %d, want %d", v, int64(1<<52+1))
	}
}

func TestMatMulNaN(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, d := range []DType{Float32, Float64} {
		// 0·NaN and 0·Inf are NaN; a row that never meets them stays finite.
		a := Wrap([]float64{0, 0, 1, 1}, 2, 2).AsType(d)
		b := Wrap([]float64{nan, 1, inf, 1}, 2, 2).AsType(d)
		checkClose(t, "small "+d.String(), floats(MatMul(a, b)), []float64{nan, 0, nan, 2}, 0)
		// The same in a product big enough for the blocked kernels.
		const n = 64
		av := make([]float64, n*n)
		bv := make([]float64, n*n)
		for i := range bv {
			bv[i] = 1
		}
		bv[5*n+7] = nan
		got := floats(MatMul(Wrap(av, n, n).AsType(d), Wrap(bv, n, n).AsType(d)))
		for i, v := range got {
			if (i%n == 7) != math.IsNaN(v) {
				t.Fatalf("%v: element (%d, %d) = %v; want NaN exactly in column 7", d, i/n, i%n, v)
			}
		}
	}
}

func TestMatMulErrors(t *testing.T) {
	a23 := Zeros(Float64, 2, 3)
	mustPanicWith(t, func() { MatMul(a23, Zeros(Float64, 4, 5)) }, "nd.MatMul", "(2, 3)", "(4, 5)", "3", "4")
	mustPanicWith(t, func() { MatMul(Scalar(2.0), a23) }, "nd.MatMul", "0-d", "()", "(2, 3)")
	mustPanicWith(t, func() { MatMul(Zeros(Float64, 2, 2, 3), Zeros(Float64, 3, 3, 4)) }, "nd.MatMul", "(2, 2, 3)", "(3, 3, 4)", "broadcast")
	mustPanicWith(t, func() { MatMul(Zeros(Float64, 3), Zeros(Float64, 4)) }, "nd.MatMul", "(3,)", "(4,)")
	mustPanicWith(t, func() { Dot(a23, Zeros(Float64, 2, 3)) }, "nd.Dot", "(2, 3)", "do not align")
	mustPanicWith(t, func() {
		prims.DotGeneral(a23.c(), Zeros(Float64, 4, 3).c(), prims.DotParams{ContractLHS: []int{1}, ContractRHS: []int{0}})
	}, "dot_general", "contracting dimensions differ", "lhs shape (2, 3) axis 1 has size 3", "rhs shape (4, 3) axis 0 has size 4")
	mustPanicWith(t, func() {
		prims.DotGeneral(a23.c(), Zeros(Float32, 3, 3).c(), prims.DotParams{ContractLHS: []int{1}, ContractRHS: []int{0}})
	}, "dot_general", "float64 and float32")
	mustPanicWith(t, func() {
		prims.DotGeneral(a23.c(), a23.c(), prims.DotParams{ContractLHS: []int{2}, ContractRHS: []int{0}})
	}, "dot_general", "axis 2 out of range")
}

// refContract computes out[free_a..., free_b...] = sum over the paired axes
// of a[...] * b[...] with float64 loops, where the free axes keep their
// order, and batch axes (pairs in ba, bb) come first; it is the definition
// of dot_general.
func refContract(av []float64, as []int, bv []float64, bs []int, ca, cb, ba, bb []int) ([]float64, []int) {
	role := func(n int, c, b []int) []int { // -1 free, else index in c (as 0..) or b (as 100+)
		r := make([]int, n)
		for i := range r {
			r[i] = -1
		}
		for i, x := range c {
			r[x] = i
		}
		for i, x := range b {
			r[x] = 100 + i
		}
		return r
	}
	ra, rb := role(len(as), ca, ba), role(len(bs), cb, bb)
	var outShape []int
	for _, x := range ba {
		outShape = append(outShape, as[x])
	}
	var freeA, freeB []int
	for i, x := range ra {
		if x == -1 {
			freeA = append(freeA, i)
			outShape = append(outShape, as[i])
		}
	}
	for i, x := range rb {
		if x == -1 {
			freeB = append(freeB, i)
			outShape = append(outShape, bs[i])
		}
	}
	csizes := make([]int, len(ca))
	for i, x := range ca {
		csizes[i] = as[x]
	}
	out := make([]float64, core.ShapeSize(outShape))
	oidx := make([]int, len(outShape))
	cidx := make([]int, len(ca))
	flat := func(shape, idx []int) int {
		f := 0
		for i := range shape {
			f = f*shape[i] + idx[i]
		}
		return f
	}
	for o := range out {
		rem := o
		for i := len(outShape) - 1; i >= 0; i-- {
			oidx[i] = rem % outShape[i]
			rem /= outShape[i]
		}
		var s float64
		for c := range core.ShapeSize(csizes) {
			rem := c
			for i := len(csizes) - 1; i >= 0; i-- {
				cidx[i] = rem % csizes[i]
				rem /= csizes[i]
			}
			ia, ib := make([]int, len(as)), make([]int, len(bs))
			for i, x := range ra {
				switch {
				case x == -1:
				case x >= 100:
					ia[i] = oidx[x-100]
				default:
					ia[i] = cidx[x]
				}
			}
			for i, x := range rb {
				switch {
				case x == -1:
				case x >= 100:
					ib[i] = oidx[x-100]
				default:
					ib[i] = cidx[x]
				}
			}
			for j, ax := range freeA {
				ia[ax] = oidx[len(ba)+j]
			}
			for j, ax := range freeB {
				ib[ax] = oidx[len(ba)+len(freeA)+j]
			}
			s += av[flat(as, ia)] * bv[flat(bs, ib)]
		}
		out[o] = s
	}
	return out, outShape
}

func TestDotGeneral(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	cases := []struct {
		as, bs         []int
		ca, cb, ba, bb []int
	}{
		{[]int{3, 4}, []int{4, 5}, []int{1}, []int{0}, nil, nil},
		{[]int{4, 3}, []int{5, 4}, []int{0}, []int{1}, nil, nil},
		{[]int{2, 3, 4}, []int{4, 2, 5}, []int{2}, []int{0}, []int{0}, []int{1}},
		{[]int{3, 2, 4, 5}, []int{5, 4, 6}, []int{2, 3}, []int{1, 0}, nil, nil},
		{[]int{2, 3}, []int{4}, nil, nil, nil, nil},
		{[]int{3, 2, 5}, []int{5, 3, 2}, []int{1}, []int{2}, []int{0, 2}, []int{1, 0}},
		{[]int{6}, []int{6}, []int{0}, []int{0}, nil, nil},
		{[]int{3, 0}, []int{0, 2}, []int{1}, []int{0}, nil, nil},
	}
	for _, c := range cases {
		for _, d := range []DType{Float64, Int64, Uint8} {
			av, bv := laValues(r, d, core.ShapeSize(c.as)), laValues(r, d, core.ShapeSize(c.bs))
			want, shape := refContract(av, c.as, bv, c.bs, c.ca, c.cb, c.ba, c.bb)
			for _, la := range laLayouts {
				p := prims.DotParams{ContractLHS: c.ca, ContractRHS: c.cb, BatchLHS: c.ba, BatchRHS: c.bb}
				got := wrap(prims.DotGeneral(laArray(d, av, c.as, la).c(), laArray(d, bv, c.bs, "flipped").c(), p))
				name := fmt.Sprintf("%v·%v %v %v %s", c.as, c.bs, p, d, la)
				if !core.EqualShapes(got.Shape(), shape) {
					t.Fatalf("%s: shape %v, want %v", name, got.Shape(), shape)
				}
				checkClose(t, name, floats(got), laWrap(d, want), laTol(d, 60))
			}
		}
	}
}

func TestDot(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 3))
	cases := []struct {
		as, bs []int
	}{
		{[]int{5}, []int{5}},
		{[]int{3, 4}, []int{4, 2}},
		{[]int{2, 3, 4}, []int{5, 4, 6}},
		{[]int{2, 3, 4}, []int{4}},
		{[]int{4}, []int{2, 4, 3}},
		{[]int{3}, []int{3, 2}},
	}
	for _, c := range cases {
		av, bv := laValues(r, Float64, core.ShapeSize(c.as)), laValues(r, Float64, core.ShapeSize(c.bs))
		cb := max(len(c.bs)-2, 0)
		want, shape := refContract(av, c.as, bv, c.bs, []int{len(c.as) - 1}, []int{cb}, nil, nil)
		got := Dot(Wrap(av, c.as...), Wrap(bv, c.bs...))
		if !core.EqualShapes(got.Shape(), shape) {
			t.Fatalf("dot %v·%v: shape %v, want %v", c.as, c.bs, got.Shape(), shape)
		}
		checkClose(t, fmt.Sprintf("dot %v·%v", c.as, c.bs), floats(got), want, 1e-12)
	}
	// A 0-d operand multiplies.
	got := Dot(Scalar(int32(3)), Wrap([]int32{1, 2}))
	checkClose(t, "dot scalar", floats(got), []float64{3, 6}, 0)
	// Values from NumPy: np.dot([[1,2],[3,4]], [[5,6],[7,8]]).
	checkClose(t, "dot 2x2", floats(Wrap([]float64{1, 2, 3, 4}, 2, 2).Dot(Wrap([]float64{5, 6, 7, 8}, 2, 2))), []float64{19, 22, 43, 50}, 0)
}

func TestInnerOuterTensorDot(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	av, bv := laValues(r, Float64, 2*3*4), laValues(r, Float64, 5*4)
	want, shape := refContract(av, []int{2, 3, 4}, bv, []int{5, 4}, []int{2}, []int{1}, nil, nil)
	got := Inner(Wrap(av, 2, 3, 4), Wrap(bv, 5, 4))
	if !core.EqualShapes(got.Shape(), shape) {
		t.Fatalf("inner: shape %v, want %v", got.Shape(), shape)
	}
	checkClose(t, "inner", floats(got), want, 1e-12)

	o := Outer(Wrap([]int32{1, 2, 3}), Wrap([]int32{1, 10, 100, 1000}, 2, 2))
	if o.DType() != Int32 || !core.EqualShapes(o.Shape(), []int{3, 4}) {
		t.Fatalf("outer: %v %v", o.DType(), o.Shape())
	}
	checkClose(t, "outer", floats(o), []float64{1, 10, 100, 1000, 2, 20, 200, 2000, 3, 30, 300, 3000}, 0)

	cv := laValues(r, Float64, 3*4*5)
	dv := laValues(r, Float64, 4*3*2)
	want, shape = refContract(cv, []int{3, 4, 5}, dv, []int{4, 3, 2}, []int{1, 0}, []int{0, 1}, nil, nil)
	got = TensorDot(Wrap(cv, 3, 4, 5), Wrap(dv, 4, 3, 2), []int{1, -3}, []int{0, 1})
	if !core.EqualShapes(got.Shape(), shape) {
		t.Fatalf("tensordot: shape %v, want %v", got.Shape(), shape)
	}
	checkClose(t, "tensordot", floats(got), want, 1e-12)
	mustPanicWith(t, func() { TensorDot(Wrap(cv, 3, 4, 5), Wrap(dv, 4, 3, 2), []int{0}, []int{0}) }, "nd.TensorDot", "(3, 4, 5)", "(4, 3, 2)")
}

// TestLinalgUnderJIT checks that the products are built from primitives:
// traced and compiled, they give the eager results.
func TestLinalgUnderJIT(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	a := Wrap(laValues(r, Float32, 2*3*4), 2, 3, 4)
	b := Wrap(laValues(r, Float32, 4*5), 4, 5)
	c := Wrap(laValues(r, Float32, 5), 5)
	f := func(a, b, c *Array) *Array {
		return Einsum("bij,jk,k->bi", a, b, c).Add(MatMul(MatMul(a, b), c)).Add(Dot(a, MatMul(b, c)))
	}
	want := floats(f(a, b, c))
	got := floats(JIT(f)(a, b, c))
	checkClose(t, "jit", got, want, 1e-6)
}

// TestMatMulDeterministic checks that products give the same bits whatever
// GOMAXPROCS is, on both kernel paths (BLAS layout and packed).
func TestMatMulDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 12))
	const m, k, n = 150, 260, 300
	av, bv := laValues(r, Float32, m*k), laValues(r, Float32, k*n)
	for _, lb := range []string{"contig", "flipped"} {
		a, b := laArray(Float32, av, []int{m, k}, "contig"), laArray(Float32, bv, []int{k, n}, lb)
		prev := runtime.GOMAXPROCS(1)
		one := Data[float32](MatMul(a, b))
		runtime.GOMAXPROCS(4)
		many := Data[float32](MatMul(a, b))
		runtime.GOMAXPROCS(prev)
		for i := range one {
			if math.Float32bits(one[i]) != math.Float32bits(many[i]) {
				t.Fatalf("%s: element %d is %v on 1 core, %v on 4", lb, i, one[i], many[i])
			}
		}
	}
}
