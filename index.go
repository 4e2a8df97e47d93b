package nd

import (
	"fmt"
	"slices"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// This file holds indexing: Take, Index (NumPy's x[...]) and the
// functional updates of At (JAX's x.at[...].set(v)). Basic indexing (ints,
// slices, NewAxis, Ellipsis) gives views through the movement primitives;
// integer-array indexing binds gather, and updates bind scatter, so all of
// it traces. Boolean masks are converted to integer arrays from their
// values and therefore work eagerly only.
//
// Out-of-range indices: with concrete indices nd checks them and panics
// with an *Error naming the index, the axis and its size, as NumPy raises
// IndexError. Under tracing the values are unknown: gathers then clamp an
// out-of-range index to the axis (as JAX does) and updates drop it.

// IndexMarker is the type of the index items NewAxis and Ellipsis.
type IndexMarker uint8

const (
	// NewAxis in an index inserts an axis of size 1, like np.newaxis (or
	// None) in NumPy. nd.None is accepted in its place.
	NewAxis IndexMarker = iota + 1
	// Ellipsis in an index stands for as many full slices as needed to
	// index every axis, like ... in NumPy. An index has at most one.
	Ellipsis
)

// String returns "NewAxis" or "Ellipsis".
func (m IndexMarker) String() string {
	switch m {
	case NewAxis:
		return "NewAxis"
	case Ellipsis:
		return "Ellipsis"
	}
	return fmt.Sprintf("IndexMarker(%d)", uint8(m))
}

// indexKind is what one parsed index item does.
type indexKind uint8

const (
	idxInt     indexKind = iota // select one position, dropping the axis
	idxSlice                    // keep a strided range of the axis
	idxNewAxis                  // insert a size-1 axis
	idxArray                    // integer array (advanced) index
	idxMask                     // boolean mask over as many axes as its rank
	idxEllipsis
)

// indexItem is one parsed index item.
type indexItem struct {
	kind indexKind
	i    int         // idxInt
	s    Slice       // idxSlice
	arr  *core.Array // idxArray, idxMask
}

// axes returns how many axes of the indexed array the item consumes.
func (it indexItem) axes() int {
	switch it.kind {
	case idxInt, idxSlice, idxArray:
		return 1
	case idxMask:
		return it.arr.Ndim()
	}
	return 0
}

// parseIndex turns the items of an index into indexItems over every axis of
// an array of the given rank: the Ellipsis (or the end) is filled with full
// slices, boolean masks are turned into one integer array per axis they
// cover, and when any array index is present, ints become 0-d arrays (they
// are advanced indices then, in NumPy's rules).
func parseIndex(op string, shape []int, idx []any) []indexItem {
	items := make([]indexItem, 0, len(idx)+len(shape))
	consumed, ellipsis := 0, -1
	for _, v := range idx {
		it := indexItemOf(op, v)
		if it.kind == idxEllipsis {
			if ellipsis >= 0 {
				core.Panicf(op, "an index can only have a single Ellipsis")
			}
			ellipsis = len(items)
		}
		consumed += it.axes()
		items = append(items, it)
	}
	if consumed > len(shape) {
		core.Panicf(op, "too many indices for array: array is %d-dimensional, but %d were indexed", len(shape), consumed)
	}
	fill := make([]indexItem, len(shape)-consumed)
	for i := range fill {
		fill[i] = indexItem{kind: idxSlice, s: S()}
	}
	if ellipsis >= 0 {
		items = slices.Replace(items, ellipsis, ellipsis+1, fill...)
	} else {
		items = append(items, fill...)
	}
	// Masks become integer arrays, one per axis they cover.
	out := items[:0:0]
	axis := 0
	for _, it := range items {
		if it.kind == idxMask {
			out = append(out, maskIndices(op, it.arr, shape[axis:axis+it.arr.Ndim()], axis)...)
		} else {
			out = append(out, it)
		}
		axis += it.axes()
	}
	advanced := false
	for _, it := range out {
		advanced = advanced || it.kind == idxArray
	}
	if advanced {
		for i, it := range out {
			if it.kind == idxInt {
				out[i] = indexItem{kind: idxArray, arr: scalarOf(core.Int64, []int64{int64(it.i)})}
			}
		}
	}
	return out
}

// indexItemOf parses one index item given by the user.
func indexItemOf(op string, v any) indexItem {
	switch x := v.(type) {
	case int:
		if x == None {
			return indexItem{kind: idxNewAxis}
		}
		return indexItem{kind: idxInt, i: x}
	case int8:
		return indexItem{kind: idxInt, i: int(x)}
	case int16:
		return indexItem{kind: idxInt, i: int(x)}
	case int32:
		return indexItem{kind: idxInt, i: int(x)}
	case int64:
		return indexItem{kind: idxInt, i: int(x)}
	case uint:
		return indexItem{kind: idxInt, i: int(x)}
	case uint8:
		return indexItem{kind: idxInt, i: int(x)}
	case uint16:
		return indexItem{kind: idxInt, i: int(x)}
	case uint32:
		return indexItem{kind: idxInt, i: int(x)}
	case Slice:
		if x.Step == 0 {
			core.Panicf(op, "slice step cannot be zero")
		}
		return indexItem{kind: idxSlice, s: x}
	case IndexMarker:
		switch x {
		case NewAxis:
			return indexItem{kind: idxNewAxis}
		case Ellipsis:
			return indexItem{kind: idxEllipsis}
		}
	case []int:
		buf := make([]int64, len(x))
		for i, v := range x {
			buf[i] = int64(v)
		}
		return indexItem{kind: idxArray, arr: core.New(core.Int64, []int{len(x)}, buf)}
	case []int64:
		return indexItem{kind: idxArray, arr: core.New(core.Int64, []int{len(x)}, slices.Clone(x))}
	case []bool:
		return indexItem{kind: idxMask, arr: core.New(core.Bool, []int{len(x)}, slices.Clone(x))}
	case *Array:
		if x == nil {
			core.Panicf(op, "index is a nil *Array")
		}
		c := x.c()
		switch {
		case c.DType() == core.Bool:
			if c.Ndim() == 0 {
				core.Panicf(op, "a 0-d boolean index is not supported; use nd.Where or NewAxis")
			}
			return indexItem{kind: idxMask, arr: c}
		case c.DType().IsInt():
			return indexItem{kind: idxArray, arr: c}
		}
		core.Panicf(op, "arrays used as indices must be of integer or boolean dtype, got %v", c.DType())
	}
	core.Panicf(op, "index item %v of Go type %T: want an int, nd.Slice (nd.S), nd.NewAxis, nd.Ellipsis, []int, []bool or an integer or boolean *nd.Array", v, v)
	return indexItem{}
}

// maskIndices turns a boolean mask over the axes of shape (starting at
// axis first) into one integer array per axis: the coordinates of its true
// elements, like np.nonzero. It needs the mask's values.
func maskIndices(op string, mask *core.Array, shape []int, first int) []indexItem {
	if mask.IsSymbolic() {
		core.Panicf(op, "a boolean mask index needs concrete values (the result's size depends on them); "+
			"under tracing use nd.Where(mask, x, other) to keep the shape")
	}
	for i, d := range mask.Shape() {
		if d != shape[i] {
			core.Panicf(op, "boolean index did not match indexed array along axis %d; axis size is %d but corresponding boolean size is %d",
				first+i, shape[i], d)
		}
	}
	vals := core.Data[bool](mask)
	m := mask.Ndim()
	count := 0
	for _, v := range vals {
		if v {
			count++
		}
	}
	coords := make([][]int64, m)
	for j := range coords {
		coords[j] = make([]int64, 0, count)
	}
	strides := core.ContiguousStrides(mask.Shape())
	for p, v := range vals {
		if v {
			for j := range coords {
				coords[j] = append(coords[j], int64(p/strides[j]%shape[j]))
			}
		}
	}
	items := make([]indexItem, m)
	for j := range items {
		items[j] = indexItem{kind: idxArray, arr: core.New(core.Int64, []int{count}, coords[j])}
	}
	return items
}

// checkIndexRange panics, for concrete indices, when one is outside
// [-size, size) of axis, naming the index, the axis and its size.
func checkIndexRange(op string, idx *core.Array, axis, size int) {
	if idx.IsSymbolic() {
		return
	}
	for _, v := range prims.IndexValues(idx) {
		if v < int64(-size) || v >= int64(size) {
			core.Panicf(op, "index %d is out of bounds for axis %d with size %d", v, axis, size)
		}
	}
}

// normIndex checks an int index against an axis and makes it non-negative.
func normIndex(op string, i, axis, size int) int {
	if i < -size || i >= size {
		core.Panicf(op, "index %d is out of bounds for axis %d with size %d", i, axis, size)
	}
	if i < 0 {
		i += size
	}
	return i
}

// advancedShape broadcasts the shapes of the array items, naming them all
// on failure as NumPy does.
func advancedShape(op string, items []indexItem) []int {
	var shapes [][]int
	for _, it := range items {
		if it.kind == idxArray {
			shapes = append(shapes, it.arr.Shape())
		}
	}
	b, err := BroadcastShapes(shapes...)
	if err != nil {
		var s string
		for _, sh := range shapes {
			s += " " + core.ShapeString(sh)
		}
		core.Panicf(op, "shape mismatch: indexing arrays could not be broadcast together with shapes%s", s)
	}
	return b
}

// advancedAdjacent reports whether the array items sit next to each other
// in the index (then NumPy puts the broadcast index dims where they are;
// otherwise first), and returns the position of the first among the
// result-producing items.
func advancedAdjacent(items []indexItem) (adjacent bool) {
	first, last, count := -1, -1, 0
	for i, it := range items {
		if it.kind == idxArray {
			if first < 0 {
				first = i
			}
			last = i
			count++
		}
	}
	return last-first+1 == count
}

// Index returns x[idx...] with NumPy's indexing rules. Items may be:
//   - an int: selects one position and drops the axis (negative counts from
//     the end; out of range is an error);
//   - an nd.Slice from nd.S: keeps start:stop:step of the axis;
//   - nd.NewAxis (or nd.None): inserts an axis of size 1;
//   - nd.Ellipsis: as many full slices as needed;
//   - an integer *Array or []int: integer-array ("fancy") indexing; several
//     index arrays broadcast together, and the broadcast dimensions replace
//     the indexed axes when the array indices are adjacent in idx, or come
//     first in the result when a slice or NewAxis separates them (ints count
//     as index arrays when any array is present, as in NumPy);
//   - a bool *Array or []bool: a mask over as many axes as its rank,
//     selecting the elements where it is true (eager only: the result's
//     size depends on the values; under tracing use nd.Where).
//
// Axes not indexed are taken whole. Without array or mask items the result
// is a view of x, as in NumPy; otherwise it is a new array (gather).
func Index(x *Array, idx ...any) *Array {
	return wrap(indexArray("nd.Index", operand("nd.Index", x), idx))
}

// Index returns a[idx...] (see nd.Index).
func (a *Array) Index(idx ...any) *Array {
	return wrap(indexArray("Array.Index", operand("Array.Index", a), idx))
}

func indexArray(op string, x *core.Array, idx []any) *core.Array {
	shape := x.Shape()
	items := parseIndex(op, shape, idx)
	// Basic part: one view for ints, slices and NewAxis; array items keep
	// their axis whole and remember which axis of the view they index.
	n := len(shape)
	start, stop, step := make([]int, n), clone(shape), make([]int, n)
	var rev, viewShape, advAxes []int
	var advItems []indexItem
	axis := 0
	for _, it := range items {
		switch it.kind {
		case idxNewAxis:
			viewShape = append(viewShape, 1)
			continue
		case idxInt:
			i := normIndex(op, it.i, axis, shape[axis])
			start[axis], stop[axis], step[axis] = i, i+1, 1
		case idxSlice:
			b, _, st, cnt := it.s.indices(op, shape[axis])
			if st < 0 {
				rev = append(rev, axis)
				b, st = shape[axis]-1-b, -st
			}
			start[axis], step[axis], stop[axis] = b, st, b+max(cnt-1, 0)*st+1
			if cnt == 0 {
				start[axis], stop[axis] = 0, 0
			}
			viewShape = append(viewShape, cnt)
		case idxArray:
			checkIndexRange(op, it.arr, axis, shape[axis])
			step[axis] = 1
			advAxes = append(advAxes, len(viewShape))
			advItems = append(advItems, it)
			viewShape = append(viewShape, shape[axis])
		}
		axis++
	}
	y := prims.Rev(x, rev)
	if !slices.Equal(start, make([]int, n)) || !slices.Equal(stop, shape) || slices.ContainsFunc(step, func(s int) bool { return s != 1 }) {
		y = prims.Slice(y, start, stop, step)
	}
	y = prims.Reshape(y, viewShape)
	if len(advItems) == 0 {
		return y
	}
	// Advanced part: gather the points of the broadcast index arrays.
	b := advancedShape(op, advItems)
	cols := make([]*core.Array, len(advItems))
	for j, it := range advItems {
		cols[j] = broadcastTo(it.arr, b)
	}
	indices := stackIndices(cols, b)
	g := prims.Gather(y, indices, advAxes, prims.IndexClip)
	if !advancedAdjacent(items) || advAxes[0] == 0 {
		return g
	}
	// Move the index dims to where the first indexed axis was.
	nb, pos := len(b), advAxes[0]
	perm := make([]int, 0, g.Ndim())
	for i := range pos {
		perm = append(perm, nb+i)
	}
	for i := range nb {
		perm = append(perm, i)
	}
	for i := nb + pos; i < g.Ndim(); i++ {
		perm = append(perm, i)
	}
	return prims.Transpose(g, perm)
}

// stackIndices stacks k index arrays of shape g (any integer dtypes)
// into gather/scatter indices of shape (g..., k), int64.
func stackIndices(cols []*core.Array, g []int) *core.Array {
	if len(cols) == 0 {
		return core.Empty(core.Int64, append(clone(g), 0))
	}
	for j, c := range cols {
		cols[j] = prims.Reshape(prims.Convert(c, core.Int64), append(clone(g), 1))
	}
	return prims.Concatenate(cols, len(g))
}

// Take returns the elements of x at indices along axis, like np.take:
// the result has shape x.shape[:axis] + indices.shape + x.shape[axis+1:].
// indices is an integer *Array, a []int, or a Go int (which drops the
// axis). Negative indices count from the end; an out-of-range concrete
// index is an error, while under tracing it is clamped to the axis (as
// JAX does). With axis == nd.None (NumPy's axis=None) x is flattened first.
func Take(x *Array, indices any, axis int) *Array {
	const op = "nd.Take"
	c := operand(op, x)
	if axis == None {
		c = prims.Reshape(c, []int{c.Size()})
		axis = 0
	}
	axis = normAxis(op, axis, c.Ndim())
	it := indexItemOf(op, indices)
	switch it.kind {
	case idxInt:
		it = indexItem{kind: idxArray, arr: scalarOf(core.Int64, []int64{int64(it.i)})}
	case idxArray:
	default:
		core.Panicf(op, "indices must be an integer array, a []int or an int, got %T", indices)
	}
	size := c.Shape()[axis]
	checkIndexRange(op, it.arr, axis, size)
	ishape := it.arr.Shape()
	idx := prims.Reshape(it.arr, append(clone(ishape), 1))
	g := prims.Gather(c, idx, []int{axis}, prims.IndexClip)
	if axis == 0 {
		return wrap(g)
	}
	// g is indices.shape + rest: move the index dims to axis.
	ni := len(ishape)
	perm := make([]int, 0, g.Ndim())
	for i := range axis {
		perm = append(perm, ni+i)
	}
	for i := range ni {
		perm = append(perm, i)
	}
	for i := ni + axis; i < g.Ndim(); i++ {
		perm = append(perm, i)
	}
	return wrap(prims.Transpose(g, perm))
}

// Updater is the functional update of the elements of an array that an
// index selects, made by At: Set, Add, Mul, Min and Max return a new array
// and leave the original unchanged, like JAX's x.at[idx].set(v).
type Updater struct {
	x   *core.Array
	idx []any
}

// At returns the updater of the elements a[idx...] selects (idx as in
// nd.Index, masks included, eagerly).
func (a *Array) At(idx ...any) *Updater {
	return &Updater{x: operand("Array.At", a), idx: idx}
}

// Set returns a copy of the array with the selected elements replaced by v
// (a Go number or an *Array broadcast to the shape x[idx...] has, and
// converted to the array's dtype), like NumPy's x[idx] = v on a copy. When
// an index repeats a position, the last value written there wins.
func (u *Updater) Set(v any) *Array { return u.apply("Updater.Set", prims.ScatterSet, v) }

// Add returns a copy of the array with v added to the selected elements.
// Repeated positions accumulate every value, like np.add.at (not like
// NumPy's x[idx] += v, which applies one). On bool arrays it is logical or.
func (u *Updater) Add(v any) *Array { return u.apply("Updater.Add", prims.ScatterAdd, v) }

// Mul returns a copy of the array with the selected elements multiplied by
// v; repeated positions multiply every value in, like np.multiply.at. On
// bool arrays it is logical and.
func (u *Updater) Mul(v any) *Array { return u.apply("Updater.Mul", prims.ScatterMul, v) }

// Min returns a copy of the array with each selected element replaced by
// its minimum with v (np.minimum.at: a NaN on either side wins).
func (u *Updater) Min(v any) *Array { return u.apply("Updater.Min", prims.ScatterMin, v) }

// Max returns a copy of the array with each selected element replaced by
// its maximum with v (np.maximum.at: a NaN on either side wins).
func (u *Updater) Max(v any) *Array { return u.apply("Updater.Max", prims.ScatterMax, v) }

// updateDim is one dimension of the shape x[idx...] has, and what it
// becomes in scatter's updates (index dims g, then the whole axes).
type updateDim struct {
	size int
	role uint8 // updG, updRest or updDrop
}

const (
	updG    uint8 = iota // a dim of the index points (array or sliced axis)
	updRest              // a whole axis of x
	updDrop              // a NewAxis dim
)

// apply binds scatter for the update: every indexed axis of x (arrays,
// ints, slices that do not take the whole axis) gets an index array over
// the point shape g (the result's dims from arrays and slices, in the
// result's order); axes taken whole are scatter's full blocks.
func (u *Updater) apply(op string, sop prims.ScatterOp, v any) *Array {
	x := u.x
	shape := x.Shape()
	items := parseIndex(op, shape, u.idx)

	var advItems []indexItem
	for _, it := range items {
		if it.kind == idxArray {
			advItems = append(advItems, it)
		}
	}
	var b []int
	if len(advItems) > 0 {
		b = advancedShape(op, advItems)
	}
	adjacent := advancedAdjacent(items)

	// The result's dims, with roles; then for each indexed axis its index
	// column, built once g is known.
	var dims []updateDim
	type column struct {
		axis  int
		arr   *core.Array // array item, or 1-d range of a slice, or 0-d int
		gDim  int         // for a slice: its dim among g; -1 otherwise
		isAdv bool
	}
	var cols []column
	bAt := -1 // position of the array dims among the result dims
	if len(b) > 0 && !adjacent {
		bAt = 0
		for _, d := range b {
			dims = append(dims, updateDim{d, updG})
		}
	}
	axis := 0
	for _, it := range items {
		switch it.kind {
		case idxNewAxis:
			dims = append(dims, updateDim{1, updDrop})
			continue
		case idxInt:
			i := normIndex(op, it.i, axis, shape[axis])
			cols = append(cols, column{axis: axis, arr: scalarOf(core.Int64, []int64{int64(i)}), gDim: -1})
		case idxSlice:
			start, _, st, cnt := it.s.indices(op, shape[axis])
			if start == 0 && st == 1 && cnt == shape[axis] {
				dims = append(dims, updateDim{cnt, updRest})
				break
			}
			r := make([]int64, cnt)
			for k := range r {
				r[k] = int64(start + k*st)
			}
			cols = append(cols, column{axis: axis, arr: core.New(core.Int64, []int{cnt}, r), gDim: len(dims)})
			dims = append(dims, updateDim{cnt, updG})
		case idxArray:
			checkIndexRange(op, it.arr, axis, shape[axis])
			if bAt < 0 {
				bAt = len(dims)
				for _, d := range b {
					dims = append(dims, updateDim{d, updG})
				}
			}
			cols = append(cols, column{axis: axis, arr: it.arr, gDim: -1, isAdv: true})
		}
		axis++
	}

	// g: the updG dims in result order; where each result dim goes.
	var g []int
	resultShape := make([]int, len(dims))
	posInG := make([]int, len(dims))
	for i, d := range dims {
		resultShape[i] = d.size
		posInG[i] = -1
		if d.role == updG {
			posInG[i] = len(g)
			g = append(g, d.size)
		}
	}
	kept := make([]int, 0, len(dims)) // result dims without NewAxis ones
	var restPos []int
	for i, d := range dims {
		if d.role != updDrop {
			if d.role == updRest {
				restPos = append(restPos, len(kept))
			}
			kept = append(kept, i)
		}
	}

	// Index columns over g, in axis order.
	axes := make([]int, len(cols))
	arrs := make([]*core.Array, len(cols))
	for j, c := range cols {
		axes[j] = c.axis
		switch {
		case c.isAdv:
			bDims := make([]int, len(b))
			for k := range bDims {
				bDims[k] = posInG[bAt] + k
			}
			arrs[j] = prims.BroadcastInDim(broadcastTo(c.arr, b), g, bDims)
		case c.gDim >= 0:
			arrs[j] = prims.BroadcastInDim(c.arr, g, []int{posInG[c.gDim]})
		default:
			arrs[j] = prims.BroadcastInDim(c.arr, g, nil)
		}
	}
	indices := stackIndices(arrs, g)

	// Updates: v broadcast to the result shape, NewAxis dims dropped, then
	// the g dims first and the whole axes after.
	val := operand(op, v)
	rs, err := BroadcastShapes(val.Shape(), resultShape)
	if err != nil || !core.EqualShapes(rs, resultShape) {
		core.Panicf(op, "could not broadcast value of shape %v into indexed shape %v",
			core.ShapeString(val.Shape()), core.ShapeString(resultShape))
	}
	upd := broadcastTo(castTo(op, val, x.DType()), resultShape)
	keptShape := make([]int, len(kept))
	for i, k := range kept {
		keptShape[i] = dims[k].size
	}
	upd = prims.Reshape(upd, keptShape)
	perm := make([]int, 0, len(kept))
	for i, k := range kept {
		if dims[k].role == updG {
			perm = append(perm, i)
		}
	}
	perm = append(perm, restPos...)
	upd = prims.Transpose(upd, perm)
	return wrap(prims.Scatter(x, indices, upd, axes, prims.IndexDrop, sop))
}
