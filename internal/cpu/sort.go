package cpu

import (
	"math"
	"slices"

	"github.com/nd-go/nd/internal/core"
)

// This file holds the sorting kernels. They work on rows: consecutive runs
// of n elements of a C-contiguous buffer (the caller moves the sorted axis
// last). The order is ascending with NaNs last, as NumPy's; sorts are
// stable, so equal keys (and -0.0 beside +0.0) keep their input order.

// forEachRow calls body for ranges of whole rows of length n among rows,
// split over cores when the rows hold enough elements. Row r goes to the
// chunk holding its first element, so the split never cuts a row.
func forEachRow(rows, n int, body func(r0, r1 int)) {
	if rows == 0 {
		return
	}
	if n == 0 {
		body(0, rows)
		return
	}
	ParallelFor(rows*n, ParallelGrain, func(lo, hi int) {
		r0, r1 := (lo+n-1)/n, (hi+n-1)/n
		if r0 < r1 {
			body(r0, r1)
		}
	})
}

// compareNaNLast orders a and b ascending with NaN after every number.
func compareNaNLast[T core.Number](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	case a == b:
		return 0
	case a == a: // b is NaN
		return -1
	case b == b: // a is NaN
		return 1
	}
	return 0
}

// SortRows sorts every row of n elements of data in place. Long rows go
// through the radix argsort (stable, so it settles -0.0 beside +0.0 as
// well), short ones through sortRow.
func SortRows[T core.Number](data []T, n int) {
	forEachRow(len(data)/max(n, 1), n, func(r0, r1 int) {
		if n >= radixMinRow {
			var rs radixScratch
			perm, tmp := make([]int, n), make([]T, n)
			for r := r0; r < r1; r++ {
				row := data[r*n : (r+1)*n]
				radixArgSort(perm, row, &rs)
				for j, p := range perm {
					tmp[j] = row[p]
				}
				copy(row, tmp)
			}
			return
		}
		var zeros []bool
		for r := r0; r < r1; r++ {
			zeros = sortRow(data[r*n:(r+1)*n], zeros)
		}
	})
}

// sortRow sorts row, moving NaNs last in order and keeping the input order
// of -0.0 and +0.0 (the only equal floats one can tell apart), so that the
// result is that of a stable sort; zeros is scratch space, returned for
// reuse.
func sortRow[T core.Number](row []T, zeros []bool) []bool {
	var z T
	if !isFloat(z) {
		slices.Sort(row)
		return zeros
	}
	// Move NaNs to the end keeping their order; note the zeros' signs.
	zeros = zeros[:0]
	negZero := false
	k := 0
	var nans []T
	for _, v := range row {
		switch {
		case v != v:
			nans = append(nans, v)
			continue
		case v == 0:
			neg := math.Signbit(float64(v))
			negZero = negZero || neg
			zeros = append(zeros, neg)
		}
		row[k] = v
		k++
	}
	copy(row[k:], nans)
	nums := row[:k]
	slices.Sort(nums)
	if negZero {
		i, _ := slices.BinarySearch(nums, 0)
		for j, neg := range zeros {
			nums[i+j] = 0
			if neg {
				nums[i+j] = T(math.Copysign(0, -1))
			}
		}
	}
	return zeros
}

func isFloat[T core.Number](v T) bool {
	switch any(v).(type) {
	case float32, float64:
		return true
	}
	return false
}

// SortBoolRows sorts every row of n bools in place (false first).
func SortBoolRows(data []bool, n int) {
	forEachRow(len(data)/max(n, 1), n, func(r0, r1 int) {
		for r := r0; r < r1; r++ {
			row := data[r*n : (r+1)*n]
			f := 0
			for _, v := range row {
				if !v {
					f++
				}
			}
			for i := range row {
				row[i] = i >= f
			}
		}
	})
}

// sortPair is an element and its index in its row.
type sortPair[T core.Number] struct {
	v T
	i int
}

// radixMinRow is the row length from which ArgSortRows uses a radix sort
// rather than a comparison sort.
const radixMinRow = 256

// ArgSortRows writes into perm, for every row of n keys, the indices that
// sort the row stably (perm[r*n+j] is an index into row r). Long rows are
// sorted by a stable LSD radix sort on order-preserving integer images of
// the keys, short ones by a comparison sort with the index as tie-break.
func ArgSortRows[T core.Number](perm []int, keys []T, n int) {
	forEachRow(len(keys)/max(n, 1), n, func(r0, r1 int) {
		if n >= radixMinRow {
			var rs radixScratch
			for r := r0; r < r1; r++ {
				radixArgSort(perm[r*n:(r+1)*n], keys[r*n:(r+1)*n], &rs)
			}
			return
		}
		pairs := make([]sortPair[T], n)
		for r := r0; r < r1; r++ {
			for i, v := range keys[r*n : (r+1)*n] {
				pairs[i] = sortPair[T]{v, i}
			}
			slices.SortFunc(pairs, func(a, b sortPair[T]) int {
				if c := compareNaNLast(a.v, b.v); c != 0 {
					return c
				}
				return a.i - b.i
			})
			p := perm[r*n : (r+1)*n]
			for j, q := range pairs {
				p[j] = q.i
			}
		}
	})
}

// SortKey compares two elements of one row of a sort key.
type SortKey interface {
	Compare(row, i, j int) int
}

// KeyRows is a SortKey over rows of n elements of data.
type KeyRows[T core.Number] struct {
	Data []T
	N    int
}

// Compare orders elements i and j of row r, NaN last.
func (k KeyRows[T]) Compare(r, i, j int) int {
	return compareNaNLast(k.Data[r*k.N+i], k.Data[r*k.N+j])
}

// LexSortRows is ArgSortRows for several keys: rows are ordered by the
// first key, ties by the next, and remaining ties by index.
func LexSortRows(perm []int, keys []SortKey, rows, n int) {
	forEachRow(rows, n, func(r0, r1 int) {
		for r := r0; r < r1; r++ {
			p := perm[r*n : (r+1)*n]
			for i := range p {
				p[i] = i
			}
			slices.SortFunc(p, func(a, b int) int {
				for _, k := range keys {
					if c := k.Compare(r, a, b); c != 0 {
						return c
					}
				}
				return a - b
			})
		}
	})
}

// PermuteRows sets dst[r*n+j] = src[r*n+perm[r*n+j]] for every row.
func PermuteRows[T core.Element](dst, src []T, perm []int, n int) {
	forEachRow(len(dst)/max(n, 1), n, func(r0, r1 int) {
		for r := r0; r < r1; r++ {
			d, s, p := dst[r*n:(r+1)*n], src[r*n:(r+1)*n], perm[r*n:(r+1)*n]
			for j, q := range p {
				d[j] = s[q]
			}
		}
	})
}

// TopKRows writes, for every row of n elements of src, its k largest
// elements (NaN counts as largest) into vals and their indices into idx,
// largest first, ties by lower index first.
func TopKRows[T core.Number](vals []T, idx []int64, src []T, n, k int) {
	forEachRow(len(src)/max(n, 1), n, func(r0, r1 int) {
		pairs := make([]sortPair[T], 0, n)
		for r := r0; r < r1; r++ {
			row := src[r*n : (r+1)*n]
			if k*8 < n {
				pairs = topKHeap(pairs[:0], row, k)
			} else {
				pairs = pairs[:0]
				for i, v := range row {
					pairs = append(pairs, sortPair[T]{v, i})
				}
				slices.SortFunc(pairs, compareTopK[T])
			}
			v, ix := vals[r*k:(r+1)*k], idx[r*k:(r+1)*k]
			for j := range v {
				v[j], ix[j] = pairs[j].v, int64(pairs[j].i)
			}
		}
	})
}

// compareTopK orders pairs best first: larger value (NaN largest), then
// lower index.
func compareTopK[T core.Number](a, b sortPair[T]) int {
	if c := compareNaNLast(b.v, a.v); c != 0 {
		return c
	}
	return a.i - b.i
}

// topKHeap selects the k best elements of row with a heap whose root is
// the worst of those kept, and returns them best first.
func topKHeap[T core.Number](h []sortPair[T], row []T, k int) []sortPair[T] {
	if k == 0 {
		return h
	}
	// worse(a, b): a ranks after b.
	worse := func(a, b sortPair[T]) bool { return compareTopK(a, b) > 0 }
	down := func(i int) {
		for {
			c := 2*i + 1
			if c >= len(h) {
				return
			}
			if c+1 < len(h) && worse(h[c+1], h[c]) {
				c++
			}
			if !worse(h[c], h[i]) {
				return
			}
			h[i], h[c] = h[c], h[i]
			i = c
		}
	}
	for i, v := range row[:k] {
		h = append(h, sortPair[T]{v, i})
	}
	for i := k/2 - 1; i >= 0; i-- {
		down(i)
	}
	for i := k; i < len(row); i++ {
		p := sortPair[T]{row[i], i}
		if worse(h[0], p) {
			h[0] = p
			down(0)
		}
	}
	slices.SortFunc(h, compareTopK[T])
	return h
}

// radixScratch is the reusable memory of radixArgSort.
type radixScratch struct {
	keys, keys2 []uint64
	idx2        []int
}

// radixKey maps v to an unsigned integer with the same order as
// compareNaNLast: signed integers get their sign bit flipped, floats their
// IEEE bits made monotonic, with -0.0 mapped as +0.0 (they compare equal)
// and every NaN above +Inf. It returns the key and its width in bytes.
func radixKey[T core.Number](v T) (uint64, int) {
	switch x := any(v).(type) {
	case uint8:
		return uint64(x), 1
	case int32:
		return uint64(uint32(x) ^ 1<<31), 4
	case int64:
		return uint64(x) ^ 1<<63, 8
	case float32:
		switch {
		case x != x:
			return math.MaxUint32, 4
		case x == 0:
			return 1 << 31, 4
		}
		b := math.Float32bits(x)
		if b>>31 != 0 {
			return uint64(^b), 4
		}
		return uint64(b | 1<<31), 4
	case float64:
		switch {
		case x != x:
			return math.MaxUint64, 8
		case x == 0:
			return 1 << 63, 8
		}
		b := math.Float64bits(x)
		if b>>63 != 0 {
			return ^b, 8
		}
		return b | 1<<63, 8
	}
	return 0, 0
}

// radixArgSort writes into perm the stable sorting permutation of row, by
// LSD radix sort one byte at a time, skipping bytes all keys share.
func radixArgSort[T core.Number](perm []int, row []T, rs *radixScratch) {
	n := len(row)
	if cap(rs.keys) < n {
		rs.keys, rs.keys2, rs.idx2 = make([]uint64, n), make([]uint64, n), make([]int, n)
	}
	keys, keys2, idx, idx2 := rs.keys[:n], rs.keys2[:n], perm, rs.idx2[:n]
	width := 0
	for i, v := range row {
		keys[i], width = radixKey(v)
		idx[i] = i
	}
	var count [256]int
	for shift := 0; shift < 8*width; shift += 8 {
		count = [256]int{}
		for _, k := range keys {
			count[byte(k>>shift)]++
		}
		if count[byte(keys[0]>>shift)] == n {
			continue // every key has this byte: the pass would not move anything
		}
		sum := 0
		for b, c := range count {
			count[b] = sum
			sum += c
		}
		for i, k := range keys {
			b := byte(k >> shift)
			j := count[b]
			count[b]++
			keys2[j], idx2[j] = k, idx[i]
		}
		keys, keys2 = keys2, keys
		idx, idx2 = idx2, idx
	}
	if &idx[0] != &perm[0] {
		copy(perm, idx)
	}
}
