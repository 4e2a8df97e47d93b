package nd

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nd-go/nd/internal/core"
)

// refEinsum evaluates explicit subscripts ("ij,jk->ik", letters only) by
// brute force: for every assignment of every letter, add the product of
// the operands' elements to the output element it names.
func refEinsum(subscripts string, vals [][]float64, shapes [][]int) ([]float64, []int) {
	lhs, out, _ := strings.Cut(subscripts, "->")
	terms := strings.Split(lhs, ",")
	size := map[byte]int{}
	var letters []byte
	for i, tm := range terms {
		for j := range len(tm) {
			if _, ok := size[tm[j]]; !ok {
				letters = append(letters, tm[j])
			}
			size[tm[j]] = max(size[tm[j]], shapes[i][j])
		}
	}
	outShape := make([]int, len(out))
	for i := range len(out) {
		outShape[i] = size[out[i]]
	}
	res := make([]float64, core.ShapeSize(outShape))
	total := 1
	for _, l := range letters {
		total *= size[l]
	}
	val := map[byte]int{}
	for c := range total {
		rem := c
		for _, l := range letters {
			val[l] = rem % size[l]
			rem /= size[l]
		}
		p := 1.0
		for i, tm := range terms {
			f := 0
			for j := range len(tm) {
				idx := val[tm[j]]
				if shapes[i][j] == 1 {
					idx = 0 // broadcast
				}
				f = f*shapes[i][j] + idx
			}
			p *= vals[i][f]
		}
		f := 0
		for j := range len(out) {
			f = f*outShape[j] + val[out[j]]
		}
		res[f] += p
	}
	return res, outShape
}

func TestEinsum(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	cases := []struct {
		subs   string
		shapes [][]int
		// implicit, when set, is the same contraction without "->", checked too.
		implicit string
	}{
		{"ij,jk->ik", [][]int{{3, 4}, {4, 5}}, "ij,jk"},
		{"bij,bjk->bik", [][]int{{2, 3, 4}, {2, 4, 5}}, ""},
		{"ij->ji", [][]int{{3, 4}}, "ji"},
		{"ij->ij", [][]int{{3, 4}}, "ij"},
		{"ii->i", [][]int{{4, 4}}, ""},
		{"ii->", [][]int{{4, 4}}, "ii"},
		{"i,i->", [][]int{{5}, {5}}, "i,i"},
		{"i,j->ij", [][]int{{3}, {4}}, "i,j"},
		{"ij->", [][]int{{3, 4}}, ""},
		{"ij->j", [][]int{{3, 4}}, ""},
		{"ijk->kji", [][]int{{2, 3, 4}}, ""},
		{"ijk->ikj", [][]int{{2, 3, 4}}, "ikj"},
		{"iij->ji", [][]int{{2, 2, 3}}, ""},
		{"ij,jk,kl->il", [][]int{{2, 3}, {3, 4}, {4, 5}}, "ij,jk,kl"},
		{"ij,ij->ij", [][]int{{1, 3}, {2, 3}}, ""},
		{"ij,ij->", [][]int{{2, 3}, {2, 3}}, "ij,ij"},
		{"bn,anm,bm->ba", [][]int{{2, 3}, {4, 3, 5}, {2, 5}}, ""},
		{"ij,kl->ijkl", [][]int{{2, 3}, {2, 2}}, ""},
		{"ijk,ikj->i", [][]int{{3, 2, 4}, {3, 4, 2}}, ""},
		{"Ba,aC->BC", [][]int{{2, 3}, {3, 4}}, "Ba,aC"},
		{"i->", [][]int{{0}}, ""},
		{"ij,jk->ik", [][]int{{2, 0}, {0, 3}}, ""},
	}
	for _, c := range cases {
		for _, d := range []DType{Float64, Float32, Int32} {
			vals := make([][]float64, len(c.shapes))
			ops := make([]*Array, len(c.shapes))
			for i, s := range c.shapes {
				vals[i] = laValues(r, d, core.ShapeSize(s))
				ops[i] = laArray(d, vals[i], s, laLayouts[i%len(laLayouts)])
			}
			want, shape := refEinsum(c.subs, vals, c.shapes)
			for _, subs := range []string{c.subs, c.implicit} {
				if subs == "" {
					continue
				}
				got := Einsum(subs, ops...)
				name := subs + " " + d.String()
				if got.DType() != d || !core.EqualShapes(got.Shape(), shape) {
					t.Fatalf("%s: got %v%v, want %v%v", name, got.DType(), got.Shape(), d, shape)
				}
				checkClose(t, name, floats(got), laWrap(d, want), laTol(d, 60))
			}
		}
	}
}

func TestEinsumEllipsis(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 1))
	av, bv := laValues(r, Float64, 2*1*3*4), laValues(r, Float64, 5*4*6)
	a, b := Wrap(av, 2, 1, 3, 4), Wrap(bv, 5, 4, 6)
	want := MatMul(a, b)
	for _, subs := range []string{"...ij,...jk->...ik", "...ij,...jk"} {
		got := Einsum(subs, a, b)
		if !core.EqualShapes(got.Shape(), []int{2, 5, 3, 6}) {
			t.Fatalf("%s: shape %v, want (2, 5, 3, 6)", subs, got.Shape())
		}
		checkClose(t, subs, floats(got), floats(want), 1e-12)
	}
	// Ellipsis at the end, and in the middle of the output.
	c := Wrap(laValues(r, Float64, 2*3*5), 2, 3, 5)
	e := Wrap(laValues(r, Float64, 3*4*5), 3, 4, 5)
	got := Einsum("ij...,jk...->i...k", c, e)
	ref, _ := refEinsum("ijz,jkz->izk", [][]float64{floats(c), floats(e)}, [][]int{{2, 3, 5}, {3, 4, 5}})
	if !core.EqualShapes(got.Shape(), []int{2, 5, 4}) {
		t.Fatalf("i...k: shape %v", got.Shape())
	}
	checkClose(t, "ij...,jk...->i...k", floats(got), ref, 1e-12)
	// Sum over the ellipsis axes is not implied: they must be in the output.
	mustPanicWith(t, func() { Einsum("...i->i", Zeros(Float64, 2, 3)) }, "nd.Einsum", "'...'")
}

func TestEinsumDTypesAndNaN(t *testing.T) {
	got := Einsum("ij,jk", Wrap([]int32{1, 2}, 1, 2), Wrap([]float32{3, 4}, 2, 1))
	if got.DType() != Float64 || got.Item() != 11 {
		t.Fatalf("int32,float32: got %v %v, want float64 11", got.DType(), floats(got))
	}
	// np.einsum('i,i', [True, False], [True, True]) is True.
	bl := Einsum("i,i", Wrap([]bool{true, false}), Wrap([]bool{true, true}))
	if bl.DType() != Bool || bl.Item() != 1 {
		t.Fatalf("bool: got %v %v, want bool true", bl.DType(), floats(bl))
	}
	// The diagonal does not pick up NaNs from off the diagonal.
	nan := math.NaN()
	diag := Einsum("ii->i", Wrap([]float64{1, nan, math.Inf(1), 4}, 2, 2))
	checkClose(t, "diag", floats(diag), []float64{1, 4}, 0)
	tr := Einsum("ii", Wrap([]float64{nan, 0, 0, 1}, 2, 2))
	if !math.IsNaN(tr.Item()) {
		t.Fatalf("trace with NaN on the diagonal: %v", tr.Item())
	}
}

func TestEinsumErrors(t *testing.T) {
	a, b := Zeros(Float64, 2, 3), Zeros(Float64, 4, 5)
	mustPanicWith(t, func() { Einsum("ij,jk->ik", a, b) }, "nd.Einsum", `"j"`, "size 3", "size", "(2, 3)", "(4, 5)")
	mustPanicWith(t, func() { Einsum("ij,jk->ik", a) }, "nd.Einsum", "2 operands, got 1")
	mustPanicWith(t, func() { Einsum("ijk->i", a) }, "nd.Einsum", "(2, 3)", "3 axes")
	mustPanicWith(t, func() { Einsum("ij->iq", a) }, "nd.Einsum", "'q'", "no operand")
	mustPanicWith(t, func() { Einsum("ij->ii", a) }, "nd.Einsum", "more than once")
	mustPanicWith(t, func() { Einsum("i1->i", a) }, "nd.Einsum", "unexpected")
	mustPanicWith(t, func() { Einsum("ii->i", a) }, "nd.Einsum", "(2, 3)", "size 2", "and 3")
	mustPanicWith(t, func() { Einsum("ii->i", Zeros(Float64, 1, 3)) }, "nd.Einsum", "(1, 3)", "differ in size")
	mustPanicWith(t, func() { Einsum("ij") }, "nd.Einsum", "no operands")
}
