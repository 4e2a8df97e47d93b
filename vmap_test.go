package nd

import (
	"slices"
	"strings"
	"testing"
)

// stackResults applies f to each slice along axis 0 of x and stacks.
func stackResults(f func(*Array) *Array, x *Array) *Array {
	var outs []*Array
	for i := range x.Shape()[0] {
		outs = append(outs, f(x.Index(i)))
	}
	return Stack(outs, 0)
}

func TestVmapMatchesStackedCalls(t *testing.T) {
	w := Normal(NewKey(5), Float64, 4, 3)
	fs := map[string]func(*Array) *Array{
		"affine":  func(x *Array) *Array { return Tanh(MatMul(x, w).Add(1)) },
		"softmax": func(x *Array) *Array { return Softmax(x.Mul(2), -1) },
		"reshape": func(x *Array) *Array { return Transpose(x.Reshape(2, 2)).Reshape(-1).Mul(x.Sum()) },
		"slice":   func(x *Array) *Array { return Flip(SliceAxes(x, S(1, 4))).Add(Max(x)) },
	}
	xs := Normal(NewKey(6), Float64, 5, 4)
	for name, f := range fs {
		got := Vmap(f, nil, nil)(xs)
		want := stackResults(f, xs)
		checkClose(t, name, floats(got), floats(want), 1e-12)
		if !slices.Equal(got.Shape(), want.Shape()) {
			t.Fatalf("%s: shape %v, want %v", name, got.Shape(), want.Shape())
		}
		checkClose(t, name+" under JIT", floats(JIT(Vmap(f, nil, nil))(xs)), floats(want), 1e-12)
	}
}

func TestVmapMatmulIsOneBatchedDot(t *testing.T) {
	w := Normal(NewKey(7), Float32, 4, 3)
	f := Vmap(func(x *Array) *Array { return MatMul(x, w) }, nil, nil)
	p, err := MakeIR(f, Zeros(Float32, 8, 2, 4))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(p.String(), "dot_general"); n != 1 {
		t.Fatalf("vmap of matmul gave %d dot_generals:\n%v", n, p)
	}
}

func TestVmapAxesAndGrad(t *testing.T) {
	// Batch along axis 1 in, axis 1 out; the unbatched second array is shared.
	type pair struct{ X, Y *Array }
	x := Arange(Float64, 0, 6, 1).Reshape(2, 3) // batch of 3 along axis 1
	y := FromSlice([]float64{10, 20})
	got := Vmap(func(p pair) *Array { return p.X.Mul(p.Y) }, []int{1, -1}, []int{1})(pair{x, y})
	checkClose(t, "in/out axes", floats(got), []float64{0, 10, 20, 60, 80, 100}, 0)
	// Per-example gradients: vmap of grad.
	loss := func(x *Array) *Array { return Sum(x.Mul(x).Mul(x)) }
	xs := FromSlice([]float64{1, 2, 3, 4}, 2, 2)
	checkClose(t, "vmap(grad)", floats(Vmap(Grad(loss), nil, nil)(xs)), []float64{3, 12, 27, 48}, 1e-12)
	checkClose(t, "grad(vmap)", floats(Grad(func(x *Array) *Array { return Sum(Vmap(loss, nil, nil)(x)) })(xs)), []float64{3, 12, 27, 48}, 1e-12)
}
