// Command mlp trains a two-layer perceptron on synthetic data with
// nd.JIT(nd.ValueAndGrad(loss)): the whole training step, forward and
// backward, is traced once and runs as one compiled program.
//
//	go run ./examples/mlp
package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/nd-go/nd"
)

// model is the perceptron's parameters: a struct, so its gradient is one too.
type model struct{ W1, B1, W2, B2 *nd.Array }

func newModel(k nd.Key, in, hidden, out int) model {
	ks := k.Split(2)
	return model{
		W1: nd.Normal(ks[0], nd.Float32, in, hidden).Mul(1 / float64(in)),
		B1: nd.Zeros(nd.Float32, hidden),
		W2: nd.Normal(ks[1], nd.Float32, hidden, out).Mul(1 / float64(hidden)),
		B2: nd.Zeros(nd.Float32, out),
	}
}

// loss is the mean softmax cross-entropy against one-hot labels y.
func loss(m model, x, y *nd.Array) *nd.Array {
	h := nd.Tanh(nd.MatMul(x, m.W1).Add(m.B1))
	logits := nd.MatMul(h, m.W2).Add(m.B2)
	return nd.Neg(nd.Mean(nd.Sum(y.Mul(nd.LogSoftmax(logits, -1)), -1)))
}

// step is one step of gradient descent; it returns the new model and the loss.
func step(m model, x, y *nd.Array, lr float64) (model, *nd.Array) {
	l, g := nd.ValueAndGrad(func(m model) *nd.Array { return loss(m, x, y) })(m)
	return model{
		W1: m.W1.Sub(g.W1.Mul(lr)), B1: m.B1.Sub(g.B1.Mul(lr)),
		W2: m.W2.Sub(g.W2.Mul(lr)), B2: m.B2.Sub(g.B2.Mul(lr)),
	}, l
}

// data returns n points around c random centers in d dimensions, with
// one-hot labels.
func data(k nd.Key, n, d, c int) (x, y *nd.Array) {
	ks := k.Split(3)
	centers := nd.Normal(ks[0], nd.Float32, c, d).Mul(3)
	labels := nd.RandInt(ks[1], 0, int64(c), n)
	x = nd.Take(centers, labels, 0).Add(nd.Normal(ks[2], nd.Float32, n, d))
	y = nd.Equal(labels.Reshape(n, 1), nd.Arange(nd.Int64, 0, float64(c), 1)).AsType(nd.Float32)
	return x, y
}

func main() {
	steps := flag.Int("steps", 200, "training steps")
	flag.Parse()
	x, y := data(nd.NewKey(1), 1024, 32, 5)
	m := newModel(nd.NewKey(2), 32, 64, 5)
	train := nd.JIT(step)
	t0 := time.Now()
	for i := range *steps {
		var l *nd.Array
		m, l = train(m, x, y, 0.5)
		if i%40 == 0 || i == *steps-1 {
			fmt.Printf("step %3d  loss %.4f\n", i, l.Item())
		}
	}
	fmt.Printf("%d steps in %v\n", *steps, time.Since(t0).Round(time.Millisecond))
}
