package nd

import (
	"maps"
	"slices"
	"strings"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// Einsum evaluates the Einstein summation convention on the operands, like
// np.einsum: subscripts names each operand's axes with letters, and axes
// with the same letter are multiplied together; letters missing from the
// output are summed over. Examples:
//
//	"ij,jk->ik"    matrix product
//	"bij,bjk->bik" batched matrix product
//	"ij->ji"       transpose
//	"ii->i"        diagonal; "ii" (or "ii->") is the trace
//	"i,i->"        inner product; "i,j->ij" outer product
//	"ij->"         sum of all elements; "ij->j" column sums
//	"...ij,...jk"  matrix product broadcast over leading axes
//
// Without "->" (implicit mode) the output has the broadcast "..." axes
// first, then every letter that appears exactly once, in ASCII order
// (upper case before lower case), as in NumPy. A letter repeated within
// one operand takes that operand's diagonal. Axes of size 1 broadcast
// against the same letter's size in other operands. Operands are promoted
// to a common dtype as by NumPy's result_type (integer sums wrap, bools
// give bool); float32 stays float32.
//
// Einsum contracts the operands pairwise, left to right, each pair with one
// dot_general (or an elementwise product when they share no letter to sum)
// after summing out the letters no later step needs, so it never
// materializes the full product of all operands; it does not search
// for a cheaper contraction order (np.einsum's optimize=False).
func Einsum(subscripts string, operands ...*Array) *Array {
	const op = "nd.Einsum"
	xs := make([]*core.Array, len(operands))
	for i, a := range operands {
		xs[i] = operand(op, a)
	}
	if len(xs) == 0 {
		core.Panicf(op, "no operands for subscripts %q", subscripts)
	}
	spec := parseEinsum(op, subscripts, xs)
	d := xs[0].DType()
	for _, x := range xs[1:] {
		d = core.Promote(d, x.DType())
	}
	work := d
	if d == core.Bool {
		work = core.Int64
	}
	terms := make([]einsumTerm, len(xs))
	for i, x := range xs {
		terms[i] = einsumTerm{castTo(op, x, work), spec.inputs[i]}
		terms[i].takeDiagonals(op)
	}
	// needed[i] holds the output's letters and those of operands after i.
	needed := make([]map[int]bool, len(terms))
	later := map[int]bool{}
	for _, l := range spec.output {
		later[l] = true
	}
	for i := len(terms) - 1; i >= 0; i-- {
		needed[i] = maps.Clone(later)
		for _, l := range terms[i].labels {
			later[l] = true
		}
	}
	acc := terms[0]
	for i := 1; i < len(terms); i++ {
		acc = acc.contract(terms[i], needed[i])
	}
	acc.sumExcept(needed[len(terms)-1])
	// Transpose to the output's order.
	perm := make([]int, len(spec.output))
	for i, l := range spec.output {
		perm[i] = slices.Index(acc.labels, l)
	}
	out := prims.Transpose(acc.x, perm)
	return wrap(prims.Convert(out, d))
}

// einsumSpec is a parsed subscripts string: each operand's axis labels
// and the output's. Letters are labelled by their rune; the axes "..."
// stands for by einsumEllipsis+j, j counting the broadcast ellipsis axes
// from the left.
type einsumSpec struct {
	inputs [][]int
	output []int
}

const einsumEllipsis = 1 << 16

// parseEinsum parses subscripts against the operands' ranks.
func parseEinsum(op, subscripts string, xs []*core.Array) einsumSpec {
	s := strings.ReplaceAll(subscripts, " ", "")
	lhs, rhs, explicit := strings.Cut(s, "->")
	if strings.Contains(rhs, "->") {
		core.Panicf(op, "subscripts %q contain more than one '->'", subscripts)
	}
	terms := strings.Split(lhs, ",")
	if len(terms) != len(xs) {
		core.Panicf(op, "subscripts %q name %d operands, got %d", subscripts, len(terms), len(xs))
	}
	// Letters of each term, with -1 where "..." stands.
	parse := func(term string) []int {
		var out []int
		seenDots := false
		for i := 0; i < len(term); i++ {
			c := term[i]
			switch {
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
				out = append(out, int(c))
			case strings.HasPrefix(term[i:], "...") && !seenDots:
				out = append(out, -1)
				seenDots = true
				i += 2
			default:
				core.Panicf(op, "invalid subscripts %q: unexpected %q in %q (want letters and at most one '...' per operand)", subscripts, c, term)
			}
		}
		return out
	}
	spec := einsumSpec{inputs: make([][]int, len(xs))}
	raw := make([][]int, len(xs))
	ellRank := 0
	for i, t := range terms {
		raw[i] = parse(t)
		letters := len(raw[i])
		hasDots := slices.Contains(raw[i], -1)
		if hasDots {
			letters--
		}
		nd := xs[i].Ndim()
		if (!hasDots && letters != nd) || (hasDots && letters > nd) {
			core.Panicf(op, "operand %d has shape %v, but subscripts %q name %d axes", i, core.ShapeString(xs[i].Shape()), t, letters)
		}
		if hasDots {
			ellRank = max(ellRank, nd-letters)
		}
	}
	count := map[int]int{}
	for i, r := range raw {
		nd := xs[i].Ndim()
		var labels []int
		for _, l := range r {
			if l == -1 {
				e := nd - (len(r) - 1)
				for j := ellRank - e; j < ellRank; j++ {
					labels = append(labels, einsumEllipsis+j)
				}
				continue
			}
			labels = append(labels, l)
			count[l]++
		}
		spec.inputs[i] = labels
	}
	if !explicit {
		for j := range ellRank {
			spec.output = append(spec.output, einsumEllipsis+j)
		}
		var once []int
		for l, c := range count {
			if c == 1 {
				once = append(once, l)
			}
		}
		slices.Sort(once)
		spec.output = append(spec.output, once...)
	} else {
		out := parse(rhs)
		hasDots := false
		for _, l := range out {
			if l == -1 {
				hasDots = true
				for j := range ellRank {
					spec.output = append(spec.output, einsumEllipsis+j)
				}
				continue
			}
			if slices.Contains(spec.output, l) {
				core.Panicf(op, "output subscript %q appears more than once in %q", rune(l), subscripts)
			}
			if count[l] == 0 {
				core.Panicf(op, "output subscript %q in %q appears in no operand", rune(l), subscripts)
			}
			spec.output = append(spec.output, l)
		}
		if !hasDots && ellRank > 0 {
			core.Panicf(op, "subscripts %q: operands have '...' axes but the output names none (add '...' to the output)", subscripts)
		}
	}
	checkEinsumSizes(op, subscripts, xs, spec.inputs)
	return spec
}

// checkEinsumSizes panics unless every label has one size, 1 broadcasting
// against any other.
func checkEinsumSizes(op, subscripts string, xs []*core.Array, inputs [][]int) {
	size := map[int]int{}
	from := map[int]int{}
	for i, labels := range inputs {
		for ax, l := range labels {
			n := xs[i].Shape()[ax]
			s, ok := size[l]
			switch {
			case !ok || s == 1:
				size[l], from[l] = n, i
			case n != s && n != 1:
				name := string(rune(l))
				if l >= einsumEllipsis {
					name = "..."
				}
				core.Panicf(op, "subscripts %q: %q has size %d in operand %d (shape %v) and %d in operand %d (shape %v)",
					subscripts, name, s, from[l], core.ShapeString(xs[from[l]].Shape()), n, i, core.ShapeString(xs[i].Shape()))
			}
		}
	}
}

// einsumTerm is an intermediate array with a label for each axis.
type einsumTerm struct {
	x      *core.Array
	labels []int
}

// takeDiagonals replaces each pair of axes with the same label by their
// diagonal: the elements off it are set to zero (a select, so NaNs there
// do not leak in) and the second axis is summed out.
func (t *einsumTerm) takeDiagonals(op string) {
	for {
		p, q := -1, -1
		for i := range t.labels {
			if j := slices.Index(t.labels[i+1:], t.labels[i]); j >= 0 {
				p, q = i, i+1+j
				break
			}
		}
		if p < 0 {
			return
		}
		shape := t.x.Shape()
		n := shape[p]
		if shape[q] != n {
			core.Panicf(op, "axes %d and %d of an operand of shape %v share subscript %q but differ in size",
				p, q, core.ShapeString(shape), rune(t.labels[p]))
		}
		eye := make([]bool, n*n)
		for i := range n {
			eye[i*n+i] = true
		}
		mask := prims.BroadcastInDim(core.New(core.Bool, []int{n, n}, eye), shape, []int{p, q})
		zero := prims.BroadcastInDim(core.Empty(t.x.DType(), nil), shape, []int{})
		t.x = prims.ReduceSum(prims.Select(mask, t.x, zero), []int{q})
		t.labels = slices.Delete(slices.Clone(t.labels), q, q+1)
	}
}

// sumExcept sums out the axes whose labels keep does not hold.
func (t *einsumTerm) sumExcept(keep map[int]bool) {
	var axes, labels []int
	for i, l := range t.labels {
		if keep[l] {
			labels = append(labels, l)
		} else {
			axes = append(axes, i)
		}
	}
	if len(axes) > 0 {
		t.x = prims.ReduceSum(t.x, axes)
		t.labels = labels
	}
}

// contract multiplies t and u, summing the labels they share that later
// (the output and the operands still to come) does not need.
func (t einsumTerm) contract(u einsumTerm, later map[int]bool) einsumTerm {
	inT := map[int]bool{}
	for _, l := range t.labels {
		inT[l] = true
	}
	inU := map[int]bool{}
	for _, l := range u.labels {
		inU[l] = true
	}
	keepT, keepU := maps.Clone(later), maps.Clone(later)
	for l := range inU {
		keepT[l] = true
	}
	for l := range inT {
		keepU[l] = true
	}
	t.sumExcept(keepT)
	u.sumExcept(keepU)
	var p prims.DotParams
	var labels []int
	for i, l := range t.labels {
		j := slices.Index(u.labels, l)
		if j < 0 {
			continue
		}
		// Broadcast an axis of size 1 against the other operand's.
		ts, us := t.x.Shape(), u.x.Shape()
		if ts[i] != us[j] {
			if ts[i] == 1 {
				t.x = broadcastAxis(t.x, i, us[j])
			} else {
				u.x = broadcastAxis(u.x, j, ts[i])
			}
		}
		if later[l] {
			p.BatchLHS, p.BatchRHS = append(p.BatchLHS, i), append(p.BatchRHS, j)
			labels = append(labels, l)
		} else {
			p.ContractLHS, p.ContractRHS = append(p.ContractLHS, i), append(p.ContractRHS, j)
		}
	}
	for _, l := range t.labels {
		if !inU[l] {
			labels = append(labels, l)
		}
	}
	for _, l := range u.labels {
		if !inT[l] {
			labels = append(labels, l)
		}
	}
	if len(p.ContractLHS) > 0 {
		return einsumTerm{prims.DotGeneral(t.x, u.x, p), labels}
	}
	// Nothing to sum: the product is elementwise, with broadcasting.
	nb, ntf := len(p.BatchLHS), 0
	tPerm, uPerm := slices.Clone(p.BatchLHS), slices.Clone(p.BatchRHS)
	for i, l := range t.labels {
		if !inU[l] {
			tPerm = append(tPerm, i)
			ntf++
		}
	}
	for j, l := range u.labels {
		if !inT[l] {
			uPerm = append(uPerm, j)
		}
	}
	shape := make([]int, len(labels))
	tDims := make([]int, len(tPerm))
	for i, ax := range tPerm {
		shape[i], tDims[i] = t.x.Shape()[ax], i
	}
	uDims := make([]int, len(uPerm))
	for i, ax := range uPerm {
		d := i
		if i >= nb {
			d = i + ntf
		}
		shape[d], uDims[i] = u.x.Shape()[ax], d
	}
	x := prims.BroadcastInDim(prims.Transpose(t.x, tPerm), shape, tDims)
	y := prims.BroadcastInDim(prims.Transpose(u.x, uPerm), shape, uDims)
	return einsumTerm{prims.Mul(x, y), labels}
}

// broadcastAxis broadcasts the size-1 axis ax of x to size n.
func broadcastAxis(x *core.Array, ax, n int) *core.Array {
	shape := slices.Clone(x.Shape())
	shape[ax] = n
	dims := make([]int, len(shape))
	for i := range dims {
		dims[i] = i
	}
	return prims.BroadcastInDim(x, shape, dims)
}
