package cpu

import "github.com/nd-go/nd/internal/core"

// This file holds the indexed copies behind pad, gather and scatter: loops
// that read or write a buffer at offsets computed once per row, so that the
// innermost loop is a plain (possibly strided) copy.

// CopyToView writes the elements of src (any layout, C order) into buf at
// the positions of the view of shape src.Shape() with the given strides and
// offset: element i of the view is buf[offset + sum(idx[d]*strides[d])].
func CopyToView[T core.Element](buf []T, strides []int, offset int, src *core.Array) {
	shape := src.Shape()
	n := src.Size()
	if n == 0 {
		return
	}
	if len(shape) == 0 {
		var v [1]T
		core.GatherBlock(v[:], src, 0)
		buf[offset] = v[0]
		return
	}
	last := len(shape) - 1
	inner, innerStride := shape[last], strides[last]
	var flat, scratch []T
	if src.IsContiguous() {
		flat = src.Buffer().([]T)[src.Offset() : src.Offset()+n]
	} else {
		scratch = make([]T, inner)
	}
	idx := make([]int, last)
	pos := offset
	for r := 0; r*inner < n; r++ {
		var row []T
		if flat != nil {
			row = flat[r*inner : (r+1)*inner]
		} else {
			row = scratch
			core.GatherBlock(row, src, r*inner)
		}
		if innerStride == 1 {
			copy(buf[pos:pos+inner], row)
		} else {
			p := pos
			for _, v := range row {
				buf[p] = v
				p += innerStride
			}
		}
		// Next row: advance the multi-index over the outer axes.
		for d := last - 1; d >= 0; d-- {
			idx[d]++
			pos += strides[d]
			if idx[d] < shape[d] {
				break
			}
			pos -= idx[d] * strides[d]
			idx[d] = 0
		}
	}
}

// RowOffsets returns the buffer offset of the start of every row (every
// multi-index over all axes but the last) of a view with the given shape and
// strides, in C order. A 0-d view has one row at offset 0.
func RowOffsets(shape, strides []int) []int {
	if len(shape) == 0 {
		return []int{0}
	}
	last := len(shape) - 1
	rows := core.ShapeSize(shape[:last])
	offs := make([]int, rows)
	if rows == 0 {
		return offs
	}
	idx := make([]int, last)
	pos := 0
	for r := range offs {
		offs[r] = pos
		for d := last - 1; d >= 0; d-- {
			idx[d]++
			pos += strides[d]
			if idx[d] < shape[d] {
				break
			}
			pos -= idx[d] * strides[d]
			idx[d] = 0
		}
	}
	return offs
}

// GatherRows copies, for each point p, the block of rows at bases[p] in buf
// (rows at bases[p]+rowOffs[r], each inner elements innerStride apart) to
// dst[(p*len(rowOffs)+r)*inner:]. A negative base leaves its block zero.
// Points are split over cores; each writes its own part of dst.
func GatherRows[T core.Element](dst, buf []T, bases, rowOffs []int, inner, innerStride int) {
	block := len(rowOffs) * inner
	if block == 0 {
		return
	}
	grain := max(1, ParallelGrain/block)
	ParallelFor(len(bases), grain, func(lo, hi int) {
		for p := lo; p < hi; p++ {
			base := bases[p]
			if base < 0 {
				continue
			}
			d := dst[p*block : (p+1)*block]
			for r, ro := range rowOffs {
				row := d[r*inner : (r+1)*inner]
				pos := base + ro
				if innerStride == 1 {
					copy(row, buf[pos:pos+inner])
					continue
				}
				for i := range row {
					row[i] = buf[pos]
					pos += innerStride
				}
			}
		}
	})
}

// ScatterOp says how scatter combines an update with the element it lands
// on.
type ScatterOp uint8

// The scatter combiners. On bool, Add and Max are "or", Mul and Min "and".
const (
	ScatterSet ScatterOp = iota
	ScatterAdd
	ScatterMul
	ScatterMin
	ScatterMax
)

var scatterOpNames = [...]string{"set", "add", "mul", "min", "max"}

// String returns the combiner's name ("add").
func (op ScatterOp) String() string {
	if int(op) < len(scatterOpNames) {
		return scatterOpNames[op]
	}
	return "scatter_op(?)"
}

// ScatterRows is the inverse of GatherRows: it combines upd (laid out as
// GatherRows's dst) into buf at the same positions, point after point in
// order, so that repeated points accumulate (and Set keeps the last). A
// negative base drops its block.
func ScatterRows[T core.Element](buf, upd []T, bases, rowOffs []int, inner, innerStride int, op ScatterOp) {
	block := len(rowOffs) * inner
	if block == 0 {
		return
	}
	switch b := any(buf).(type) {
	case []bool:
		u := any(upd).([]bool)
		switch op {
		case ScatterSet:
			scatterSet(b, u, bases, rowOffs, inner, innerStride)
		case ScatterAdd, ScatterMax:
			scatterCombine(b, u, bases, rowOffs, inner, innerStride, scatterOrRow)
		case ScatterMul, ScatterMin:
			scatterCombine(b, u, bases, rowOffs, inner, innerStride, scatterAndRow)
		}
	case []uint8:
		scatterNumber(b, any(upd).([]uint8), bases, rowOffs, inner, innerStride, op)
	case []int32:
		scatterNumber(b, any(upd).([]int32), bases, rowOffs, inner, innerStride, op)
	case []int64:
		scatterNumber(b, any(upd).([]int64), bases, rowOffs, inner, innerStride, op)
	case []float32:
		scatterNumber(b, any(upd).([]float32), bases, rowOffs, inner, innerStride, op)
	case []float64:
		scatterNumber(b, any(upd).([]float64), bases, rowOffs, inner, innerStride, op)
	}
}

func scatterNumber[T core.Number](buf, upd []T, bases, rowOffs []int, inner, innerStride int, op ScatterOp) {
	switch op {
	case ScatterSet:
		scatterSet(buf, upd, bases, rowOffs, inner, innerStride)
	case ScatterAdd:
		scatterCombine(buf, upd, bases, rowOffs, inner, innerStride, scatterAddRow[T])
	case ScatterMul:
		scatterCombine(buf, upd, bases, rowOffs, inner, innerStride, scatterMulRow[T])
	case ScatterMin:
		scatterCombine(buf, upd, bases, rowOffs, inner, innerStride, scatterMinRow[T])
	case ScatterMax:
		scatterCombine(buf, upd, bases, rowOffs, inner, innerStride, scatterMaxRow[T])
	}
}

// The row combiners: buf[pos + i*stride] op= row[i]. One indirect call per
// row, none per element.

func scatterAddRow[T core.Number](buf []T, pos, stride int, row []T) {
	for _, v := range row {
		buf[pos] += v
		pos += stride
	}
}

func scatterMulRow[T core.Number](buf []T, pos, stride int, row []T) {
	for _, v := range row {
		buf[pos] *= v
		pos += stride
	}
}

// scatterMinRow and scatterMaxRow let a NaN in either operand win, as np.minimum.at.
func scatterMinRow[T core.Number](buf []T, pos, stride int, row []T) {
	for _, v := range row {
		if v < buf[pos] || v != v {
			buf[pos] = v
		}
		pos += stride
	}
}

func scatterMaxRow[T core.Number](buf []T, pos, stride int, row []T) {
	for _, v := range row {
		if v > buf[pos] || v != v {
			buf[pos] = v
		}
		pos += stride
	}
}

func scatterOrRow(buf []bool, pos, stride int, row []bool) {
	for _, v := range row {
		buf[pos] = buf[pos] || v
		pos += stride
	}
}

func scatterAndRow(buf []bool, pos, stride int, row []bool) {
	for _, v := range row {
		buf[pos] = buf[pos] && v
		pos += stride
	}
}

func scatterSetRow[T core.Element](buf []T, pos, stride int, row []T) {
	if stride == 1 {
		copy(buf[pos:pos+len(row)], row)
		return
	}
	for _, v := range row {
		buf[pos] = v
		pos += stride
	}
}

func scatterSet[T core.Element](buf, upd []T, bases, rowOffs []int, inner, innerStride int) {
	scatterCombine(buf, upd, bases, rowOffs, inner, innerStride, scatterSetRow[T])
}

// scatterCombine walks the points in order and hands each row of updates
// to combine.
func scatterCombine[T core.Element](buf, upd []T, bases, rowOffs []int, inner, innerStride int, combine func(buf []T, pos, stride int, row []T)) {
	block := len(rowOffs) * inner
	for p, base := range bases {
		if base < 0 {
			continue
		}
		u := upd[p*block : (p+1)*block]
		for r, ro := range rowOffs {
			combine(buf, base+ro, innerStride, u[r*inner:(r+1)*inner])
		}
	}
}
