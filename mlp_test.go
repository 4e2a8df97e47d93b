package nd

import (
	"testing"
)

// mlp is a two-layer perceptron: tanh hidden layer, softmax output.
type mlp struct {
	W1, B1, W2, B2 *Array
}

func newMLP(k Key, in, hidden, out int) mlp {
	ks := k.Split(2)
	return mlp{
		W1: Normal(ks[0], Float32, in, hidden).Mul(1 / float64(in)),
		B1: Zeros(Float32, hidden),
		W2: Normal(ks[1], Float32, hidden, out).Mul(1 / float64(hidden)),
		B2: Zeros(Float32, out),
	}
}

// mlpLoss is the mean softmax cross-entropy of the model on x against
// one-hot labels y.
func mlpLoss(m mlp, x, y *Array) *Array {
	h := Tanh(MatMul(x, m.W1).Add(m.B1))
	logits := MatMul(h, m.W2).Add(m.B2)
	return Neg(Mean(Sum(y.Mul(LogSoftmax(logits, -1)), -1)))
}

// sgd returns m - lr * g, leaf by leaf.
func sgd(m, g mlp, lr float64) mlp {
	return mlp{m.W1.Sub(g.W1.Mul(lr)), m.B1.Sub(g.B1.Mul(lr)), m.W2.Sub(g.W2.Mul(lr)), m.B2.Sub(g.B2.Mul(lr))}
}

// syntheticClasses returns n points in d dimensions around c well-separated
// centers, and their one-hot labels.
func syntheticClasses(k Key, n, d, c int) (x, y *Array) {
	ks := k.Split(3)
	centers := Normal(ks[0], Float32, c, d).Mul(3)
	labels := RandInt(ks[1], 0, int64(c), n)
	x = Take(centers, labels, 0).Add(Normal(ks[2], Float32, n, d))
	y = Equal(labels.Reshape(n, 1), Arange(Int64, 0, float64(c), 1)).AsType(Float32)
	return x, y
}

func TestMLPTrainsUnderJITValueAndGrad(t *testing.T) {
	x, y := syntheticClasses(NewKey(1), 256, 20, 4)
	m := newMLP(NewKey(2), 20, 32, 4)
	step := JIT(func(m mlp, x, y *Array) (mlp, *Array) {
		loss, g := ValueAndGrad(func(m mlp) *Array { return mlpLoss(m, x, y) })(m)
		return sgd(m, g, 0.5), loss
	})
	var first, last float64
	for i := range 150 {
		var loss *Array
		m, loss = step(m, x, y)
		if i == 0 {
			first = loss.Item()
		}
		last = loss.Item()
	}
	t.Logf("loss %.4f -> %.4f", first, last)
	if first < 1 || last > 0.1 {
		t.Fatalf("training did not converge: loss %.4f -> %.4f (want below 0.1)", first, last)
	}
	// The jitted step agrees with the eager one.
	loss, g := ValueAndGrad(func(m mlp) *Array { return mlpLoss(m, x, y) })(m)
	_, jl := step(m, x, y)
	checkClose(t, "jit loss", []float64{jl.Item()}, []float64{loss.Item()}, 1e-5)
	_ = g
}
