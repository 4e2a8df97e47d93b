package bench

import (
	"testing"

	"github.com/nd-go/nd"
)

// The training step of numpy_suite.py's mlp_step: an MLP 784-512-10, tanh
// hidden layer, softmax cross-entropy, batch 256; loss and gradients.

type mlpParams struct{ W1, B1, W2, B2 *nd.Array }

func mlpLoss(p mlpParams, x, y *nd.Array) *nd.Array {
	h := nd.Tanh(nd.MatMul(x, p.W1).Add(p.B1))
	logits := nd.MatMul(h, p.W2).Add(p.B2)
	return nd.Neg(nd.Mean(nd.Sum(y.Mul(nd.LogSoftmax(logits, -1)), -1)))
}

func mlpStep(p mlpParams, x, y *nd.Array) (*nd.Array, mlpParams) {
	return nd.ValueAndGrad(func(p mlpParams) *nd.Array { return mlpLoss(p, x, y) })(p)
}

func mlpSetup() (mlpParams, *nd.Array, *nd.Array) {
	k := nd.NewKey(3).Split(4)
	const b, d, h, c = 256, 784, 512, 10
	p := mlpParams{
		W1: nd.Normal(k[0], nd.Float32, d, h).Mul(0.05), B1: nd.Zeros(nd.Float32, h),
		W2: nd.Normal(k[1], nd.Float32, h, c).Mul(0.05), B2: nd.Zeros(nd.Float32, c),
	}
	x := nd.Normal(k[2], nd.Float32, b, d)
	labels := nd.RandInt(k[3], 0, c, b)
	y := nd.Equal(labels.Reshape(b, 1), nd.Arange(nd.Int64, 0, c, 1)).AsType(nd.Float32)
	return p, x, y
}

const mlpFlops = 2.0 * (2*256*784*512 + 3*256*512*10)

// BenchmarkMLPStepEager runs ValueAndGrad op by op.
func BenchmarkMLPStepEager(b *testing.B) {
	p, x, y := mlpSetup()
	mlpStep(p, x, y)
	b.ResetTimer()
	for range b.N {
		mlpStep(p, x, y)
	}
	b.ReportMetric(mlpFlops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// BenchmarkMLPStepJIT runs JIT(ValueAndGrad): one compiled program.
func BenchmarkMLPStepJIT(b *testing.B) {
	p, x, y := mlpSetup()
	step := nd.JIT(mlpStep)
	step(p, x, y)
	b.ResetTimer()
	for range b.N {
		step(p, x, y)
	}
	b.ReportMetric(mlpFlops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}
