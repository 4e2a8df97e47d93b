package cpu

// This file holds the float32 pairwise sum of long runs: the additions of
// pairwiseSum (so its bits), with the leaves under a node of four run side
// by side by a kernel that also asks for the memory ahead.

// pairwiseSumStreamF32 returns pairwiseSum(x) to the bit. Where a node of
// the tree splits into four leaves, their accumulators run side by side
// (sumLeaves4F32); the vector kernel does that four times as fast as one
// leaf after another, and its prefetches keep it as fast on arrays that
// stream from memory.
func pairwiseSumStreamF32(x []float32) float32 {
	if len(x) <= pairwiseLeaf {
		return pairwiseLeafF32(x, [8]float32{})
	}
	h := pairwiseHalfF32(len(x))
	a, b := x[:h], x[h:]
	if len(a) > pairwiseLeaf && len(a) <= 2*pairwiseLeaf+16 && len(b) > pairwiseLeaf && len(b) <= 2*pairwiseLeaf+16 {
		ha, hb := pairwiseHalfF32(len(a)), pairwiseHalfF32(len(b))
		l := [4][]float32{a[:ha], a[ha:], b[:hb], b[hb:]}
		if len(l[1]) <= pairwiseLeaf && len(l[3]) <= pairwiseLeaf {
			// The first half of a split is never the longer one.
			n := min(len(l[0]), len(l[2])) &^ 7
			var acc [4][8]float32
			if n > 0 {
				sumLeaves4F32(&acc, l[0][:n], l[1][:n], l[2][:n], l[3][:n])
			}
			var s [4]float32
			for r := range l {
				s[r] = pairwiseLeafF32(l[r][n:], acc[r])
			}
			return (s[0] + s[1]) + (s[2] + s[3])
		}
	}
	return pairwiseSumStreamF32(a) + pairwiseSumStreamF32(b)
}
