package bench

import (
	"math"
	"testing"

	"github.com/nd-go/nd"
)

const chainN = 16 << 20

func chainInputs() (a, b, c *nd.Array) {
	k := nd.NewKey(0)
	ks := k.Split(3)
	return nd.Normal(ks[0], nd.Float32, chainN), nd.Normal(ks[1], nd.Float32, chainN), nd.Normal(ks[2], nd.Float32, chainN)
}

func chain(a, b, c *nd.Array) *nd.Array {
	return a.Mul(b).Add(c).Mul(0.5).Add(nd.Tanh(a))
}

// BenchmarkChainEager runs y = (a*b + c)*0.5 + tanh(a) op by op.
func BenchmarkChainEager(b *testing.B) {
	x, y, z := chainInputs()
	b.SetBytes(16 * chainN)
	b.ResetTimer()
	for range b.N {
		chain(x, y, z)
	}
}

// BenchmarkChainJIT runs the same function compiled: one fused loop.
func BenchmarkChainJIT(b *testing.B) {
	x, y, z := chainInputs()
	f := nd.JIT(chain)
	f(x, y, z)
	b.SetBytes(16 * chainN)
	b.ResetTimer()
	for range b.N {
		f(x, y, z)
	}
}

// BenchmarkChainGoLoop is the hand-fused single-goroutine Go loop.
func BenchmarkChainGoLoop(b *testing.B) {
	x, y, z := chainInputs()
	av, bv, cv := nd.Data[float32](x), nd.Data[float32](y), nd.Data[float32](z)
	b.SetBytes(16 * chainN)
	b.ResetTimer()
	for range b.N {
		out := make([]float32, len(av))
		for i := range out {
			out[i] = (av[i]*bv[i]+cv[i])*0.5 + float32(math.Tanh(float64(av[i])))
		}
	}
}

func softmaxRows(x *nd.Array) *nd.Array { return nd.Softmax(x, -1) }

// BenchmarkSoftmaxEager is the row softmax of 4096x4096 float32, op by op.
func BenchmarkSoftmaxEager(b *testing.B) {
	x := nd.Normal(nd.NewKey(1), nd.Float32, 4096, 4096)
	b.SetBytes(8 * 4096 * 4096)
	b.ResetTimer()
	for range b.N {
		softmaxRows(x)
	}
}

// BenchmarkSoftmaxJIT is the same softmax compiled.
func BenchmarkSoftmaxJIT(b *testing.B) {
	x := nd.Normal(nd.NewKey(1), nd.Float32, 4096, 4096)
	f := nd.JIT(softmaxRows)
	f(x)
	b.SetBytes(8 * 4096 * 4096)
	b.ResetTimer()
	for range b.N {
		f(x)
	}
}

// BenchmarkJITCallOverhead calls a jitted function of three small arrays.
func BenchmarkJITCallOverhead(b *testing.B) {
	x := nd.FromSlice([]float32{1, 2, 3})
	f := nd.JIT(func(a, b, c *nd.Array) *nd.Array { return a.Mul(b).Add(c) })
	f(x, x, x)
	b.ResetTimer()
	for range b.N {
		f(x, x, x)
	}
}

// BenchmarkJITCompile200 traces, optimizes and compiles a program of about
// 200 equations (a fresh JIT each time, so every call misses).
func BenchmarkJITCompile200(b *testing.B) {
	x := nd.FromSlice([]float32{1, 2, 3, 4})
	f := func(a *nd.Array) *nd.Array {
		for i := range 67 {
			a = nd.Tanh(a.Mul(1.01).Add(float64(i)))
		}
		return a
	}
	var eqns int
	for range b.N {
		nd.JIT(f, nd.OnCompile(func(ci nd.CompileInfo) { eqns = len(ci.Program.Eqns) }))(x)
	}
	b.ReportMetric(float64(eqns), "eqns")
}
