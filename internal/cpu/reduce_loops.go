package cpu

import (
	"math"

	"github.com/nd-go/nd/internal/core"
)

// This file holds the typed loops of the reductions: sum (pairwise for
// floats), product, max, min (NaN-propagating), and the logical all/any.

// pairwiseLeaf is the longest run summed directly (with eight independent
// accumulators) before pairwise summation splits it in halves, as NumPy's
// pairwise_sum does with its blocks of 128.
const pairwiseLeaf = 256

// pairwiseSum returns the sum of x by pairwise summation: the error grows
// as O(eps log n) rather than O(eps n) for a running sum.
func pairwiseSum[T core.Float](x []T) T {
	if len(x) > pairwiseLeaf {
		h := len(x) / 2
		h -= h % 8
		return pairwiseSum(x[:h]) + pairwiseSum(x[h:])
	}
	var acc [8]T
	n := len(x) &^ 7
	sumLanes(&acc, x[:n])
	x = x[n:]
	s0, s1, s2, s3, s4, s5, s6, s7 := acc[0], acc[1], acc[2], acc[3], acc[4], acc[5], acc[6], acc[7]
	s := ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
	for _, v := range x {
		s += v
	}
	return s
}

// sumLanes adds x[8k+j] to acc[j] for k < len(x)/8, in order of k: the
// eight accumulators of a pairwise-sum leaf (the AVX2 leaf does the same
// additions in the same order).
func sumLanes[T core.Float](acc *[8]T, x []T) {
	s0, s1, s2, s3, s4, s5, s6, s7 := acc[0], acc[1], acc[2], acc[3], acc[4], acc[5], acc[6], acc[7]
	for len(x) >= 8 {
		s0 += x[0]
		s1 += x[1]
		s2 += x[2]
		s3 += x[3]
		s4 += x[4]
		s5 += x[5]
		s6 += x[6]
		s7 += x[7]
		x = x[8:]
	}
	*acc = [8]T{s0, s1, s2, s3, s4, s5, s6, s7}
}

// pairwiseRowsLeaf is the largest number of rows folded one after another
// into a row of accumulators before pairwise combination takes over.
const pairwiseRowsLeaf = 64

// pairwiseRows sets dst[j] to the sum over i < rows of x[i*stride+j]: the
// rows are halved until at most pairwiseRowsLeaf remain, which fold adds
// in order, and the halves' sums are added, so the error grows as
// O(eps (pairwiseRowsLeaf + log rows)) rather than O(eps rows).
func pairwiseRows[T core.Float](dst, x []T, rows, stride int, fold rowsFold[T]) {
	if rows <= pairwiseRowsLeaf {
		fold(dst, x, rows, stride, false)
		return
	}
	depth := 0
	for n := rows; n > pairwiseRowsLeaf; n = (n + 1) / 2 {
		depth++
	}
	// Pooled: a fresh buffer per block of rows costs page faults on the
	// order of the block's arithmetic.
	scratch := gemmGetBuf[T](depth * len(dst))
	pairwiseRowsInto(dst, x, rows, stride, *scratch, fold)
	gemmPutBuf(scratch)
}

func pairwiseRowsInto[T core.Float](dst, x []T, rows, stride int, scratch []T, fold rowsFold[T]) {
	n := len(dst)
	if rows > pairwiseRowsLeaf {
		h := rows / 2
		pairwiseRowsInto(dst, x, h, stride, scratch, fold)
		tmp := scratch[:n]
		pairwiseRowsInto(tmp, x[h*stride:], rows-h, stride, scratch[n:], fold)
		fold(dst, tmp, 1, 0, true)
		return
	}
	fold(dst, x, rows, stride, false)
}

// runSum returns the sum of x with four accumulators (integers wrap).
func runSum[T core.Number](x []T) T {
	var s0, s1, s2, s3 T
	for len(x) >= 4 {
		s0 += x[0]
		s1 += x[1]
		s2 += x[2]
		s3 += x[3]
		x = x[4:]
	}
	s := (s0 + s1) + (s2 + s3)
	for _, v := range x {
		s += v
	}
	return s
}

func runProd[T core.Number](x []T) T {
	p0, p1 := T(1), T(1)
	for len(x) >= 2 {
		p0 *= x[0]
		p1 *= x[1]
		x = x[2:]
	}
	p := p0 * p1
	for _, v := range x {
		p *= v
	}
	return p
}

func rowsProd[T core.Number](dst, x []T, rows, stride int) {
	copy(dst, x[:len(dst)])
	for i := 1; i < rows; i++ {
		row := x[i*stride:][:len(dst)]
		for j, v := range row {
			dst[j] *= v
		}
	}
}

// runMax returns the largest element of x, or the first NaN.
func runMax[T core.Number](x []T) T {
	m := x[0]
	for _, v := range x {
		if v > m {
			m = v
		} else if v != v {
			return v
		}
	}
	return m
}

// runMax8 is runMax with eight independent running maxima, so the
// comparisons of neighbouring elements do not wait on each other. At the
// first NaN, or when the maximum is a zero (whose sign depends on which zero
// came first), runMax gives the exact answer.
func runMax8[T core.Number](x []T) T {
	if len(x) < 64 {
		return runMax(x)
	}
	m0, m1, m2, m3, m4, m5, m6, m7 := x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]
	i := 8
	for ; i+8 <= len(x); i += 8 {
		v := x[i : i+8 : i+8]
		if v[0] > m0 {
			m0 = v[0]
		} else if v[0] != v[0] {
			return runMax(x)
		}
		if v[1] > m1 {
			m1 = v[1]
		} else if v[1] != v[1] {
			return runMax(x)
		}
		if v[2] > m2 {
			m2 = v[2]
		} else if v[2] != v[2] {
			return runMax(x)
		}
		if v[3] > m3 {
			m3 = v[3]
		} else if v[3] != v[3] {
			return runMax(x)
		}
		if v[4] > m4 {
			m4 = v[4]
		} else if v[4] != v[4] {
			return runMax(x)
		}
		if v[5] > m5 {
			m5 = v[5]
		} else if v[5] != v[5] {
			return runMax(x)
		}
		if v[6] > m6 {
			m6 = v[6]
		} else if v[6] != v[6] {
			return runMax(x)
		}
		if v[7] > m7 {
			m7 = v[7]
		} else if v[7] != v[7] {
			return runMax(x)
		}
	}
	r := m0
	for _, v := range append([]T{m1, m2, m3, m4, m5, m6, m7}, x[i:]...) {
		if v > r {
			r = v
		} else if v != v {
			return runMax(x)
		}
	}
	if r == 0 {
		return runMax(x)
	}
	return r
}

// runMin8 is runMin with eight independent running minima, so the
// comparisons of neighbouring elements do not wait on each other. At the
// first NaN, or when the minimum is a zero (whose sign depends on which zero
// came first), runMin gives the exact answer.
func runMin8[T core.Number](x []T) T {
	if len(x) < 64 {
		return runMin(x)
	}
	m0, m1, m2, m3, m4, m5, m6, m7 := x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]
	i := 8
	for ; i+8 <= len(x); i += 8 {
		v := x[i : i+8 : i+8]
		if v[0] < m0 {
			m0 = v[0]
		} else if v[0] != v[0] {
			return runMin(x)
		}
		if v[1] < m1 {
			m1 = v[1]
		} else if v[1] != v[1] {
			return runMin(x)
		}
		if v[2] < m2 {
			m2 = v[2]
		} else if v[2] != v[2] {
			return runMin(x)
		}
		if v[3] < m3 {
			m3 = v[3]
		} else if v[3] != v[3] {
			return runMin(x)
		}
		if v[4] < m4 {
			m4 = v[4]
		} else if v[4] != v[4] {
			return runMin(x)
		}
		if v[5] < m5 {
			m5 = v[5]
		} else if v[5] != v[5] {
			return runMin(x)
		}
		if v[6] < m6 {
			m6 = v[6]
		} else if v[6] != v[6] {
			return runMin(x)
		}
		if v[7] < m7 {
			m7 = v[7]
		} else if v[7] != v[7] {
			return runMin(x)
		}
	}
	r := m0
	for _, v := range append([]T{m1, m2, m3, m4, m5, m6, m7}, x[i:]...) {
		if v < r {
			r = v
		} else if v != v {
			return runMin(x)
		}
	}
	if r == 0 {
		return runMin(x)
	}
	return r
}

// runExtreme is runMax (isMax) or runMin over a float type with the
// vector leaves where the CPU has them; NaNs and zero results take the
// exact scalar loop, so the answer is runMax's (runMin's) to the bit.
func runExtreme[T float32 | float64](x []T, isMax bool) T {
	exact, lanes := runMin[T], runMin8[T]
	if isMax {
		exact, lanes = runMax[T], runMax8[T]
	}
	if len(x) < 64 {
		return exact(x)
	}
	var acc [16]T
	w, n, nan := extremeLanes(&acc, x, isMax)
	switch {
	case nan:
		return exact(x)
	case n == 0:
		return lanes(x)
	}
	// The lanes hold no NaN; then the elements past them, in order.
	r := exact(acc[:w])
	for _, v := range x[n:] {
		if v != v {
			return exact(x)
		}
		if (isMax && v > r) || (!isMax && v < r) {
			r = v
		}
	}
	if r == 0 {
		return exact(x)
	}
	return r
}

func runMin[T core.Number](x []T) T {
	m := x[0]
	for _, v := range x {
		if v < m {
			m = v
		} else if v != v {
			return v
		}
	}
	return m
}

func runAll(x []bool) bool {
	for _, v := range x {
		if !v {
			return false
		}
	}
	return true
}

func runAny(x []bool) bool {
	for _, v := range x {
		if v {
			return true
		}
	}
	return false
}

func rowsAll(dst, x []bool, rows, stride int) {
	n := len(dst)
	copy(dst, x[:n])
	for i := 1; i < rows; i++ {
		row := x[i*stride:][:len(dst)]
		for j, v := range row {
			dst[j] = dst[j] && v
		}
	}
}

func rowsAny(dst, x []bool, rows, stride int) {
	n := len(dst)
	copy(dst, x[:n])
	for i := 1; i < rows; i++ {
		row := x[i*stride:][:len(dst)]
		for j, v := range row {
			dst[j] = dst[j] || v
		}
	}
}

// SumReducer returns the loops of a sum over T: pairwise for floats, a
// wrapping running sum for integers.
func SumReducer[T core.Number]() Reducer[T] {
	var r any
	switch any(T(0)).(type) {
	case float32:
		r = Reducer[float32]{Run: pairwiseSumStreamF32, Rows: func(dst, x []float32, rows, stride int) {
			pairwiseRows(dst, x, rows, stride, sumRowsF32)
		}}
	case float64:
		r = Reducer[float64]{Run: pairwiseSumStreamF64, Rows: func(dst, x []float64, rows, stride int) {
			pairwiseRows(dst, x, rows, stride, sumRowsF64)
		}}
	default:
		return Reducer[T]{Run: runSum[T], Rows: foldAll(sumRowsGo[T])}
	}
	return r.(Reducer[T])
}

// foldAll is a Reducer's Rows that folds all the rows in order.
func foldAll[T core.Element](fold rowsFold[T]) func(dst, x []T, rows, stride int) {
	return func(dst, x []T, rows, stride int) { fold(dst, x, rows, stride, false) }
}

// ProdReducer returns the loops of a product over T.
func ProdReducer[T core.Number]() Reducer[T] {
	return Reducer[T]{Identity: 1, Run: runProd[T], Rows: rowsProd[T]}
}

// MaxReducer returns the loops of a maximum over T; NaN propagates. Its
// identity is -Inf or the dtype's smallest value.
func MaxReducer[T core.Number]() Reducer[T] {
	r := Reducer[T]{Identity: lowest[T](), Run: runMax8[T], Rows: foldAll(maxRowsGo[T])}
	switch p := any(&r).(type) {
	case *Reducer[float32]:
		p.Run, p.Rows = func(x []float32) float32 { return runExtreme(x, true) }, foldAll(maxRowsF32)
	case *Reducer[float64]:
		p.Run, p.Rows = func(x []float64) float64 { return runExtreme(x, true) }, foldAll(maxRowsF64)
	}
	return r
}

// MinReducer returns the loops of a minimum over T; NaN propagates. Its
// identity is +Inf or the dtype's largest value.
func MinReducer[T core.Number]() Reducer[T] {
	r := Reducer[T]{Identity: highest[T](), Run: runMin8[T], Rows: foldAll(minRowsGo[T])}
	switch p := any(&r).(type) {
	case *Reducer[float32]:
		p.Run, p.Rows = func(x []float32) float32 { return runExtreme(x, false) }, foldAll(minRowsF32)
	case *Reducer[float64]:
		p.Run, p.Rows = func(x []float64) float64 { return runExtreme(x, false) }, foldAll(minRowsF64)
	}
	return r
}

// AllReducer returns the loops of a logical and (identity true).
func AllReducer() Reducer[bool] { return Reducer[bool]{Identity: true, Run: runAll, Rows: rowsAll} }

// AnyReducer returns the loops of a logical or (identity false).
func AnyReducer() Reducer[bool] { return Reducer[bool]{Run: runAny, Rows: rowsAny} }

func lowest[T core.Number]() T {
	var v any
	switch any(T(0)).(type) {
	case uint8:
		v = uint8(0)
	case int32:
		v = int32(math.MinInt32)
	case int64:
		v = int64(math.MinInt64)
	case float32:
		v = float32(math.Inf(-1))
	case float64:
		v = math.Inf(-1)
	}
	return v.(T)
}

func highest[T core.Number]() T {
	var v any
	switch any(T(0)).(type) {
	case uint8:
		v = uint8(math.MaxUint8)
	case int32:
		v = int32(math.MaxInt32)
	case int64:
		v = int64(math.MaxInt64)
	case float32:
		v = float32(math.Inf(1))
	case float64:
		v = math.Inf(1)
	}
	return v.(T)
}
