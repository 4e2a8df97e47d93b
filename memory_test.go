package nd

import (
	"runtime"
	"slices"
	"testing"
)

// allocatedBytes returns the bytes f allocates (median of 3 runs).
func allocatedBytes(f func()) uint64 {
	var got []uint64
	for range 3 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		got = append(got, after.TotalAlloc-before.TotalAlloc)
	}
	slices.Sort(got)
	return got[1]
}

func TestJITChainHasNoFullSizeTemporaries(t *testing.T) {
	const n = 1 << 20
	a, b, c := Linspace(Float32, -1, 1, n), Linspace(Float32, 2, 3, n), Linspace(Float32, 0, 1, n)
	chain := func(a, b, c *Array) *Array { return a.Mul(b).Add(c).Mul(0.5).Add(Tanh(a)) }
	f := JIT(chain)
	f(a, b, c)
	out := uint64(4 * n)
	jitBytes := allocatedBytes(func() { f(a, b, c) })
	eagerBytes := allocatedBytes(func() { chain(a, b, c) })
	t.Logf("bytes allocated per call: jit %d, eager %d, output %d", jitBytes, eagerBytes, out)
	if jitBytes > out+out/8 {
		t.Fatalf("jit allocates %d bytes per call, want about the output's %d", jitBytes, out)
	}
	if eagerBytes < 4*out {
		t.Fatalf("eager allocates only %d bytes: the test no longer shows temporaries", eagerBytes)
	}
	if !slices.Equal(Data[float32](f(a, b, c)), Data[float32](chain(a, b, c))) {
		t.Fatal("jit and eager differ")
	}
}

func TestJITSoftmaxReusesBuffers(t *testing.T) {
	x := Linspace(Float32, -5, 5, 256*512).Reshape(256, 512)
	sm := func(x *Array) *Array { return Softmax(x, -1) }
	f := JIT(sm)
	want := Data[float32](sm(x))
	for range 3 { // later calls reuse pooled buffers: results must not change
		if got := Data[float32](f(x)); !slices.Equal(got, want) {
			t.Fatal("jit softmax differs from eager")
		}
	}
	out := uint64(4 * x.Size())
	jitBytes := allocatedBytes(func() { f(x) })
	t.Logf("softmax bytes per call: jit %d, output %d", jitBytes, out)
	if jitBytes > out+out/4 {
		t.Fatalf("jit softmax allocates %d bytes per call, want about one output (%d)", jitBytes, out)
	}
}
