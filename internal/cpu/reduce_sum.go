package cpu

import "github.com/nd-go/nd/internal/core"

// This file holds the float pairwise sums of long runs: the additions of
// pairwiseSum (so its bits), with the leaves under a node of four run side
// by side by a kernel that also asks for the memory ahead.

// pairwiseSumStreamF32 and pairwiseSumStreamF64 return pairwiseSum(x) to
// the bit (NaN payloads aside).
func pairwiseSumStreamF32(x []float32) float32 { return pairwiseSumStream(x) }

func pairwiseSumStreamF64(x []float64) float64 { return pairwiseSumStream(x) }

// pairwiseSumStream is pairwiseSum in which, where a node of the tree
// splits into four leaves, their accumulators run side by side: the vector
// kernel does that four times as fast as one leaf after another (each
// addition waits on the one before in its lane), and its prefetches keep
// it as fast on arrays that stream from memory.
func pairwiseSumStream[T core.Float](x []T) T {
	if len(x) <= pairwiseLeaf {
		return pairwiseLeafOf(x, &[8]T{})
	}
	h := pairwiseHalfF32(len(x))
	a, b := x[:h], x[h:]
	if len(a) > pairwiseLeaf && len(a) <= 2*pairwiseLeaf+16 && len(b) > pairwiseLeaf && len(b) <= 2*pairwiseLeaf+16 {
		ha, hb := pairwiseHalfF32(len(a)), pairwiseHalfF32(len(b))
		l := [4][]T{a[:ha], a[ha:], b[:hb], b[hb:]}
		if len(l[1]) <= pairwiseLeaf && len(l[3]) <= pairwiseLeaf {
			// The first half of a split is never the longer one.
			n := min(len(l[0]), len(l[2])) &^ 7
			var acc [4][8]T
			if n > 0 {
				sumLeaves4Of(&acc, &l, n)
			}
			var s [4]T
			for r := range l {
				s[r] = pairwiseLeafOf(l[r][n:], &acc[r])
			}
			return (s[0] + s[1]) + (s[2] + s[3])
		}
	}
	return pairwiseSumStream(a) + pairwiseSumStream(b)
}

// sumLeaves4Of runs the sumLeaves4 kernel of T over l[r][:n]. (A type
// switch on pointers, which costs nothing, rather than function values,
// whose calls cost the small trees half their speed.)
func sumLeaves4Of[T core.Float](acc *[4][8]T, l *[4][]T, n int) {
	switch a := any(acc).(type) {
	case *[4][8]float32:
		x := any(l).(*[4][]float32)
		sumLeaves4F32(a, x[0][:n], x[1][:n], x[2][:n], x[3][:n])
	case *[4][8]float64:
		x := any(l).(*[4][]float64)
		sumLeaves4F64(a, x[0][:n], x[1][:n], x[2][:n], x[3][:n])
	}
}

// pairwiseLeafOf finishes a leaf whose accumulators hold acc after the
// elements before x: with the AVX2 lanes for float32, in Go for float64.
func pairwiseLeafOf[T core.Float](x []T, acc *[8]T) T {
	if a, ok := any(acc).(*[8]float32); ok {
		return T(pairwiseLeafF32(*any(&x).(*[]float32), *a))
	}
	return pairwiseLeafFrom(x, *acc)
}

// pairwiseLeafFrom finishes a leaf of pairwiseSum whose accumulators hold
// acc after the elements before x, in Go.
func pairwiseLeafFrom[T core.Float](x []T, acc [8]T) T {
	n := len(x) &^ 7
	sumLanes(&acc, x[:n])
	s := ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
	for _, v := range x[n:] {
		s += v
	}
	return s
}

// sumLeaves4Go adds xr[8k+j] to acc[r][j] for k < len(x0)/8 (x1, x2, x3 at
// least as long as x0), the Go form of the sumLeaves4 kernels.
func sumLeaves4Go[T core.Float](acc *[4][8]T, x0, x1, x2, x3 []T) {
	n := len(x0) &^ 7
	sumLanes(&acc[0], x0[:n])
	sumLanes(&acc[1], x1[:n])
	sumLanes(&acc[2], x2[:n])
	sumLanes(&acc[3], x3[:n])
}
