package cpu

import (
	"testing"
)

// BenchmarkVectorKernels times the kernels of kernels.go and arith.go on
// cache-resident blocks of 4096 elements at each vector level this CPU has
// (AVX512, AVX2, Go), reporting ns per element. The Go level runs the
// reference loops of kernels_test.go (max, lt and int32 add call a
// function per element, unlike the primitives' generated loops).
func BenchmarkVectorKernels(b *testing.B) {
	const n = 4096
	x32, y32, z32, d32 := make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
	d64 := make([]float64, n)
	i32, j32, e32 := make([]int32, n), make([]int32, n), make([]int32, n)
	c, db := make([]bool, n), make([]bool, n)
	for i := range x32 {
		x32[i], y32[i], z32[i] = float32(i)+1, float32(n-i), float32(i%7)
		i32[i], j32[i] = int32(i), int32(3*i)
		c[i] = i%3 == 0
	}
	for _, l := range levelsForTest() {
		l.use()
		mul, add := MulKernelsF32(), AddKernelsF32()
		maxK := VectorBinary("max", refBinary(maxRef[float32]))
		lt := VectorBinary("lt", compareRefs[float32]()["lt"])
		addI := VectorBinary("add", refBinary(func(x, y int32) int32 { return x + y }))
		sel := VectorSelect(SelectKernels[float32]{VV: func(d []float32, c []bool, a, b []float32) {
			for i := range c {
				if c[i] {
					d[i] = a[i]
				} else {
					d[i] = b[i]
				}
			}
		}})
		conv := VectorConvert(func(d []float64, x []float32) {
			for i, v := range x {
				d[i] = float64(v)
			}
		})
		fma := FMAKernels[float32]()
		run := func(name string, f func()) {
			elems := n
			if name == "MulVSF32_Tiny13" {
				elems = 13
			}
			b.Run(name+"/"+l.name, func(b *testing.B) {
				for b.Loop() {
					f()
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(elems), "ns/elem")
			})
		}
		run("MulVSF32", func() { mul.VS(d32, x32, 2) })
		run("AddVVF32", func() { add.VV(d32, x32, y32) })
		run("MaxVVF32", func() { maxK.VV(d32, x32, y32) })
		run("LtVSF32", func() { lt.VS(db, x32, 100) })
		run("SelectVVF32", func() { sel.VV(d32, c, x32, y32) })
		run("ConvertF32ToF64", func() { conv(d64, x32) })
		run("FMAVVVF32", func() { fma.VVV(d32, x32, y32, z32) })
		run("AddVVI32", func() { addI.VV(e32, i32, j32) })
		run("MulVSF32_Tiny13", func() { mul.VS(d32[:13], x32[:13], 2) })
	}
	levelsRestore()
}
