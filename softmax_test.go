package nd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// refSoftmax returns softmax (or log-softmax) of each group, by float64
// loops with the max shift.
func refSoftmax(g []float64, logOut bool) []float64 {
	m := refMax(g)
	out := make([]float64, len(g))
	s := 0.0
	for _, v := range g {
		s += math.Exp(v - m)
	}
	for i, v := range g {
		if logOut {
			out[i] = v - m - math.Log(s)
		} else {
			out[i] = math.Exp(v-m) / s
		}
	}
	return out
}

func TestSoftmaxAgainstLoops(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, logOut := range []bool{false, true} {
		f, name := Softmax, "Softmax"
		if logOut {
			f, name = LogSoftmax, "LogSoftmax"
		}
		for _, d := range []DType{Int32, Float32, Float64} {
			tol := 1e-12
			if d == Float32 {
				tol = 1e-5
			}
			for _, shape := range redShapes[1:] {
				for layout, x := range redLayouts(rng, d, shape, false) {
					x = Mul(x, 10) // spread values so that exp would overflow unshifted in float32
					vals := floats(x)
					for _, axes := range append([][]int{nil}, redAxisSets(len(shape))[1:]...) {
						label := fmt.Sprintf("%s(%v %v %s, axes %v)", name, d, shape, layout, axes)
						norm := []int{len(shape) - 1}
						if axes != nil {
							norm = redNormAxes(axes, len(shape))
						}
						_, groups := redGroups(vals, shape, norm)
						// Scatter each group's results back to C order: the
						// groups list elements in the order redGroups met them.
						want := make([]float64, len(vals))
						pos := make([]int, len(groups))
						outs := make([][]float64, len(groups))
						for i, g := range groups {
							outs[i] = refSoftmax(g, logOut)
						}
						order := redOwner(shape, norm)
						for i, o := range order {
							want[i] = outs[o][pos[o]]
							pos[o]++
						}
						got := f(x, axes...)
						wantType := d
						if !d.IsFloat() {
							wantType = Float64
						}
						if got.DType() != wantType {
							t.Fatalf("%s: dtype %v, want %v", label, got.DType(), wantType)
						}
						checkClose(t, label, floats(got), want, tol)
					}
				}
			}
		}
	}
}

// redOwner returns, for each C-order element of an array of shape, the
// output element of a reduction over axes it belongs to.
func redOwner(shape, axes []int) []int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	idx := make([]float64, n)
	for i := range idx {
		idx[i] = float64(i)
	}
	_, groups := redGroups(idx, shape, axes)
	owner := make([]int, n)
	for o, g := range groups {
		for _, i := range g {
			owner[int(i)] = o
		}
	}
	return owner
}

func TestSoftmaxSpecialValues(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	x := FromSlice([]float64{1000, 1000, -inf, 0, -inf, -inf, -inf, -inf, -inf, inf, 1, 2, nan, 1, 2}, 5, 3).AsType(Float32)
	for _, c := range []struct {
		name string
		got  *Array
		want []float64
	}{
		// scipy.special.softmax(x, axis=1) and log_softmax(x, axis=1), as
		// NumPy 1.24 computes them with SciPy's code.
		{"Softmax", Softmax(x), []float64{0.5, 0.5, 0, 1, 0, 0, nan, nan, nan, nan, nan, nan, nan, nan, nan}},
		{"LogSoftmax", LogSoftmax(x), []float64{-0.6931471824645996, -0.6931471824645996, -inf, 0, -inf, -inf, nan, nan, nan, nan, -inf, -inf, nan, nan, nan}},
		{"Softmax axis 0 of a column", Softmax(FromSlice([]float64{0, math.Log(3)}, 2, 1), 0), []float64{0.25, 0.75}},
		{"Softmax over an empty axis", Softmax(Zeros(Float64, 2, 0)), []float64{}},
	} {
		checkClose(t, c.name, floats(c.got), c.want, 1e-6)
	}
	mustPanicWith(t, func() { Softmax(x, 2) }, "nd.Softmax", "axis 2 out of range")
	mustPanicWith(t, func() { LogSoftmax(x, 0, 0) }, "nd.LogSoftmax", "duplicate")
}
