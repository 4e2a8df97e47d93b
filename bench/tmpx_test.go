package bench

import (
	"testing"

	"github.com/nd-go/nd"
)

func benchF(b *testing.B, fn func(a, b, c *nd.Array) *nd.Array) {
	x, y, z := chainInputs()
	f := nd.JIT(fn)
	f(x, y, z)
	b.ResetTimer()
	for range b.N {
		f(x, y, z)
	}
}

func BenchmarkXNeg(b *testing.B) {
	benchF(b, func(a, b, c *nd.Array) *nd.Array { return a.Mul(b).Add(c).Mul(0.5).Add(nd.Neg(a)) })
}
func BenchmarkXPlain(b *testing.B) {
	benchF(b, func(a, b, c *nd.Array) *nd.Array { return a.Mul(b).Add(c).Mul(0.5).Add(a) })
}
func BenchmarkXTanh(b *testing.B) {
	benchF(b, func(a, b, c *nd.Array) *nd.Array { return a.Mul(b).Add(c).Mul(0.5).Add(nd.Tanh(a)) })
}
func BenchmarkXExp(b *testing.B) {
	benchF(b, func(a, b, c *nd.Array) *nd.Array { return a.Mul(b).Add(c).Mul(0.5).Add(nd.Exp(a)) })
}
func BenchmarkXFMA(b *testing.B) {
	x, y, z := chainInputs()
	b.ResetTimer()
	for range b.N {
		nd.FMA(x, y, z)
	}
}
