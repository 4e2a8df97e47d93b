package cpu

import "github.com/nd-go/nd/internal/core"

// This file holds the arg reductions (argmax, argmin) and the cumulative
// scans (cumsum, cumprod, cummax, cummin) along one axis.

// Index is the set of Go types an arg reduction may return.
type Index interface{ int32 | int64 }

// ArgReduce sets out (C order, x's shape without axis) to the position
// along axis of the largest (isMax) or smallest element of x; the first
// one wins ties, and the first NaN wins over everything, as in NumPy. The
// axis must not be empty.
func ArgReduce[T core.Number, I Index](out []I, x *core.Array, axis int, isMax bool) {
	if len(out) == 0 {
		return
	}
	reduced := make([]bool, x.Ndim())
	reduced[axis] = true
	data, outer, red, inner := reduceLayout[T](x, reduced, false)
	if inner == 1 {
		run := argRunner[T](isMax)
		parallelTasks(outer, outer*red, func(lo, hi int) {
			for o := lo; o < hi; o++ {
				out[o] = I(run(data[o*red : (o+1)*red]))
			}
		})
		return
	}
	tiles := (inner + rowsTile - 1) / rowsTile
	parallelTasks(outer*tiles, outer*red*inner, func(lo, hi int) {
		search := newArgRows[T, I](isMax)
		for t := lo; t < hi; t++ {
			o, c := t/tiles, t%tiles
			j0, j1 := c*rowsTile, min((c+1)*rowsTile, inner)
			search(out[o*inner+j0:o*inner+j1], data[o*red*inner+j0:], red, inner)
		}
	})
}

// argRowsGo returns argRows as a search of up to rowsTile columns, with
// its own buffer of extremes.
func argRowsGo[T core.Number, I Index](isMax bool) func(out []I, x []T, rows, stride int) {
	best := make([]T, rowsTile)
	return func(out []I, x []T, rows, stride int) { argRows(out, best, x, rows, stride, isMax) }
}

func argRun[T core.Number](x []T, isMax bool) int {
	best, at := x[0], 0
	if best != best {
		return 0
	}
	for i, v := range x {
		if (isMax && v > best) || (!isMax && v < best) {
			best, at = v, i
		} else if v != v {
			return i
		}
	}
	return at
}

// argFinish returns argRun(x, isMax) from the lanes of a vector search:
// lane l of w = len(best) holds the extreme best[l] of the elements
// x[g*w+l] over whole groups g, first reached in group[l]; no element of
// those groups is a NaN. Of the lanes holding the extreme, the one reached
// at the lowest position wins; then the tail past the whole groups.
func argFinish[T core.Number, I Index](x, best []T, group []I, isMax bool) int {
	w := len(best)
	at, b := int(group[0])*w, best[0]
	for l, v := range best {
		i := int(group[l])*w + l
		if (isMax && v > b) || (!isMax && v < b) || (v == b && i < at) {
			at, b = i, v
		}
	}
	for i := len(x) / w * w; i < len(x); i++ {
		v := x[i]
		if (isMax && v > b) || (!isMax && v < b) {
			at, b = i, v
		} else if v != v {
			return i
		}
	}
	return at
}

// argRows sets out[j] to the position i < rows of the extreme of
// x[i*stride+j] (argRun's order: the first of equals, the first NaN),
// keeping the extremes in best.
func argRows[T core.Number, I Index](out []I, best, x []T, rows, stride int, isMax bool) {
	best = best[:len(out)]
	copy(best, x)
	for j := range out {
		out[j] = 0
	}
	for i := 1; i < rows; i++ {
		row := x[i*stride:][:len(best)]
		out := out[:len(row)]
		for j, v := range row {
			b := best[j]
			if (isMax && v > b) || (!isMax && v < b) || (v != v && b == b) {
				best[j], out[j] = v, I(i)
			}
		}
	}
}

// Scanner holds the typed loops of one cumulative op over one dtype.
type Scanner[T core.Element] struct {
	// Run sets dst[i] to the reduction of x[:i+1], or of x[i:] if reverse.
	Run func(dst, x []T, reverse bool)
	// Step sets dst[j] = op(prev[j], x[j]).
	Step func(dst, prev, x []T)
}

// Scan sets out (C order, x's shape) to the cumulative op s of x along axis.
func Scan[T core.Element](out []T, x *core.Array, axis int, reverse bool, s Scanner[T]) {
	if len(out) == 0 {
		return
	}
	reduced := make([]bool, x.Ndim())
	reduced[axis] = true
	data, outer, red, inner := reduceLayout[T](x, reduced, true)
	if inner == 1 {
		parallelTasks(outer, outer*red, func(lo, hi int) {
			for o := lo; o < hi; o++ {
				s.Run(out[o*red:(o+1)*red], data[o*red:(o+1)*red], reverse)
			}
		})
		return
	}
	tiles := (inner + rowsTile - 1) / rowsTile
	parallelTasks(outer*tiles, outer*red*inner, func(lo, hi int) {
		for t := lo; t < hi; t++ {
			o, c := t/tiles, t%tiles
			j0, j1 := c*rowsTile, min((c+1)*rowsTile, inner)
			at := func(i int) int { return (o*red+i)*inner + j0 }
			first, last, step := 0, red-1, 1
			if reverse {
				first, last, step = red-1, 0, -1
			}
			copy(out[at(first):at(first)+j1-j0], data[at(first):])
			for i := first; i != last; i += step {
				n := i + step
				s.Step(out[at(n):at(n)+j1-j0], out[at(i):], data[at(n):])
			}
		}
	})
}

// SumScanner returns the loops of cumsum (a running sum, as NumPy's).
func SumScanner[T core.Number]() Scanner[T] {
	return Scanner[T]{
		Run: func(dst, x []T, reverse bool) {
			dst = dst[:len(x)]
			var s T
			if reverse {
				for i := len(x) - 1; i >= 0; i-- {
					s += x[i]
					dst[i] = s
				}
				return
			}
			for i, v := range x {
				s += v
				dst[i] = s
			}
		},
		Step: func(dst, prev, x []T) {
			prev, x = prev[:len(dst)], x[:len(dst)]
			for j := range dst {
				dst[j] = prev[j] + x[j]
			}
		},
	}
}

// ProdScanner returns the loops of cumprod.
func ProdScanner[T core.Number]() Scanner[T] {
	return Scanner[T]{
		Run: func(dst, x []T, reverse bool) {
			dst = dst[:len(x)]
			s := T(1)
			if reverse {
				for i := len(x) - 1; i >= 0; i-- {
					s *= x[i]
					dst[i] = s
				}
				return
			}
			for i, v := range x {
				s *= v
				dst[i] = s
			}
		},
		Step: func(dst, prev, x []T) {
			prev, x = prev[:len(dst)], x[:len(dst)]
			for j := range dst {
				dst[j] = prev[j] * x[j]
			}
		},
	}
}

// MaxScanner returns the loops of cummax (np.maximum.accumulate): NaN
// propagates forward.
func MaxScanner[T core.Number]() Scanner[T] {
	return Scanner[T]{
		Run: func(dst, x []T, reverse bool) {
			dst = dst[:len(x)]
			i, end, step := 0, len(x), 1
			if reverse {
				i, end, step = len(x)-1, -1, -1
			}
			m := x[i]
			for ; i != end; i += step {
				if v := x[i]; v > m || v != v {
					m = v
				}
				dst[i] = m
			}
		},
		Step: func(dst, prev, x []T) {
			prev, x = prev[:len(dst)], x[:len(dst)]
			for j := range dst {
				m, v := prev[j], x[j]
				if v > m || v != v {
					m = v
				}
				dst[j] = m
			}
		},
	}
}

// MinScanner returns the loops of cummin (np.minimum.accumulate).
func MinScanner[T core.Number]() Scanner[T] {
	return Scanner[T]{
		Run: func(dst, x []T, reverse bool) {
			dst = dst[:len(x)]
			i, end, step := 0, len(x), 1
			if reverse {
				i, end, step = len(x)-1, -1, -1
			}
			m := x[i]
			for ; i != end; i += step {
				if v := x[i]; v < m || v != v {
					m = v
				}
				dst[i] = m
			}
		},
		Step: func(dst, prev, x []T) {
			prev, x = prev[:len(dst)], x[:len(dst)]
			for j := range dst {
				m, v := prev[j], x[j]
				if v < m || v != v {
					m = v
				}
				dst[j] = m
			}
		},
	}
}
