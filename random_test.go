package nd

import (
	"math"
	"runtime"
	"slices"
	"testing"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
	"github.com/nd-go/nd/internal/prims"
)

// Known-answer vectors of Threefry2x32_20 from Random123's kat_vectors (the
// same ones JAX's random_test checks).
func TestThreefryKnownAnswers(t *testing.T) {
	cases := []struct{ k0, k1, x0, x1, y0, y1 uint32 }{
		{0, 0, 0, 0, 0x6b200159, 0x99ba4efe},
		{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x1cb996fc, 0xbb002be7},
		{0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3, 0xc4923a9c, 0x483df7a0},
	}
	for _, c := range cases {
		y0, y1 := cpu.Threefry2x32(c.k0, c.k1, c.x0, c.x1)
		if y0 != c.y0 || y1 != c.y1 {
			t.Errorf("threefry(key %#x %#x, ctr %#x %#x) = %#x %#x, want %#x %#x", c.k0, c.k1, c.x0, c.x1, y0, y1, c.y0, c.y1)
		}
	}
}

func keyWords(k Key) [2]uint32 {
	w := Data[int32](k.Bits)
	return [2]uint32{uint32(w[0]), uint32(w[1])}
}

// Values JAX gives (jax.random with the default threefry, float32), as
// printed by JAX: PRNGKey, split, uniform and normal, the last being the
// output of JAX's quickstart (normal(PRNGKey(0), (10,))).
func TestRandomMatchesJAX(t *testing.T) {
	if got := keyWords(NewKey(42)); got != [2]uint32{0, 42} {
		t.Errorf("NewKey(42) = %v, want [0 42]", got)
	}
	if got := keyWords(NewKey(-1)); got != [2]uint32{0xffffffff, 0xffffffff} {
		t.Errorf("NewKey(-1) = %v", got)
	}
	if got := keyWords(NewKey(1 << 40)); got != [2]uint32{1 << 8, 0} {
		t.Errorf("NewKey(1<<40) = %v", got)
	}
	k := NewKey(0)
	ks := k.Split(2)
	want := [][2]uint32{{4146024105, 967050713}, {2718843009, 1272950319}}
	for i := range ks {
		if got := keyWords(ks[i]); got != want[i] {
			t.Errorf("split(PRNGKey(0))[%d] = %v, want %v", i, got, want[i])
		}
	}
	if got := Data[float32](Uniform(k, Float32)); got[0] != 0.41845703 {
		t.Errorf("uniform(PRNGKey(0)) = %v, want 0.41845703", got)
	}
	if got := Data[float32](Normal(k, Float32)); got[0] != -0.20584226 {
		t.Errorf("normal(PRNGKey(0)) = %v, want -0.20584226", got)
	}
	wantN := []float32{-0.3721109, 0.26423115, -0.18252768, -0.7368197, -0.44030377,
		-0.1521442, -0.67135346, -0.5908641, 0.73168886, 0.5673026}
	// erf_inv is nd's own, so allow a couple of float32 ulps against XLA's.
	got := floats(Normal(k, Float32, 10))
	for i, w := range wantN {
		if math.Abs(got[i]-float64(w)) > 3e-7*math.Max(1, math.Abs(float64(w))) {
			t.Errorf("normal(PRNGKey(0), (10,))[%d] = %v, want %v", i, got[i], w)
		}
	}
	// Random bits: the first words of threefry_2x32(PRNGKey(0), iota(4)) are
	// the two keys of split(PRNGKey(0), 2).
	if got := Data[int64](RandomBits(k, 2, 2)); !slices.Equal(got, []int64{4146024105, 967050713, 2718843009, 1272950319}) {
		t.Errorf("RandomBits = %v", got)
	}
}

// Golden values: nd's draws for NewKey(0) must never change, or every
// program seeded with it would change its results.
func TestRandomGolden(t *testing.T) {
	k := NewKey(0)
	cases := []struct {
		name string
		got  *Array
		want []float64
	}{
		{"Uniform float32", Uniform(k, Float32, 5), []float64{0.57450044, 0.09968603, 0.39316022, 0.8941783, 0.59656656}},
		{"Uniform float64", Uniform(k, Float64, 3), []float64{0.5745005337275046, 0.0996860909733377, 0.7419659489424089}},
		{"Normal float64", Normal(k, Float64, 3), []float64{0.1878440128937887, -1.283342292129158, 0.6494182018294375}},
		{"RandInt", RandInt(k, 0, 10, 10), []float64{8, 5, 7, 6, 7, 3, 0, 1, 2, 2}},
		{"RandInt wide", RandInt(k, -5, 1000000, 5), []float64{428520, 583916, 571672, 35877, 716412}},
		{"Permutation", Permutation(k, 10), []float64{2, 7, 9, 6, 0, 8, 1, 3, 4, 5}},
		{"Bernoulli", Bernoulli(k, 0.5, 10), []float64{1, 0, 1, 1, 1, 1, 1, 1, 0, 0}},
	}
	for _, c := range cases {
		want := c.want
		if c.got.DType() == Float32 {
			want = floats(FromSlice(want).AsType(Float32))
		}
		checkClose(t, c.name, floats(c.got), want, 0)
	}
}

// The bits depend only on the key and the position: the same whatever
// GOMAXPROCS is, and each element the same whatever the size around it
// (for the first half, which keeps its counters).
func TestRandomParallelDeterminism(t *testing.T) {
	k := NewKey(7)
	const n = 1<<17 + 3 // odd, and large enough to be split over cores
	draw := func() [][]float64 {
		return [][]float64{floats(RandomBits(k, n)), floats(Uniform(k, Float64, n)), floats(Normal(k, Float32, n))}
	}
	old := runtime.GOMAXPROCS(1)
	one := draw()
	runtime.GOMAXPROCS(4)
	four := draw()
	runtime.GOMAXPROCS(old)
	for i := range one {
		for j := range one[i] {
			if math.Float64bits(one[i][j]) != math.Float64bits(four[i][j]) {
				t.Fatalf("draw %d element %d: %v with GOMAXPROCS=1, %v with 4", i, j, one[i][j], four[i][j])
			}
		}
	}
	// Element j of the 32-bit words is threefry(key, (j, j+h)).x0 for j < h.
	bits := Data[int64](RandomBits(k, n))
	k0, k1 := prims.KeyWords(k.Bits.c())
	h := (n + 1) / 2
	for _, j := range []int{0, 1, 1000, h - 1} {
		c1 := uint32(j + h)
		if j+h >= n {
			c1 = 0 // the padding counter of an odd size
		}
		y0, y1 := cpu.Threefry2x32(k0, k1, uint32(j), c1)
		if bits[j] != int64(y0) {
			t.Errorf("word %d = %d, want %d", j, bits[j], y0)
		}
		if j+h < n && bits[j+h] != int64(y1) {
			t.Errorf("word %d = %d, want %d", j+h, bits[j+h], y1)
		}
	}
}

// moments returns the mean and the (population) variance of xs.
func moments(xs []float64) (mean, variance float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		variance += (x - mean) * (x - mean)
	}
	return mean, variance / float64(len(xs))
}

// ksDistance returns the Kolmogorov-Smirnov distance between the sample xs
// and the distribution with CDF cdf, measured at the edges of 1000 bins of
// equal probability (a histogram, so no sort of the sample is needed).
func ksDistance(xs []float64, cdf func(float64) float64) float64 {
	const bins = 1000
	counts := make([]int, bins)
	for _, x := range xs {
		counts[min(int(cdf(x)*bins), bins-1)]++
	}
	d, cum := 0.0, 0
	for i, c := range counts {
		cum += c
		d = math.Max(d, math.Abs(float64(cum)/float64(len(xs))-float64(i+1)/bins))
	}
	return d
}

// Mean and variance within 5 standard errors on 1e6 samples, and the
// Kolmogorov-Smirnov distance below its 0.1% critical value 1.95/sqrt(n).
func TestRandomStatistics(t *testing.T) {
	const n = 1_000_000
	normalCDF := func(x float64) float64 { return 0.5 * (1 + math.Erf(x/math.Sqrt2)) }
	uniformCDF := func(x float64) float64 { return math.Min(math.Max(x, 0), 1) }
	cases := []struct {
		name           string
		x              *Array
		mean, variance float64
		mu4            float64 // fourth central moment, for the variance's error
		cdf            func(float64) float64
		lo, hi         float64
	}{
		{"Uniform float32", Uniform(NewKey(1), Float32, n), 0.5, 1.0 / 12, 1.0 / 80, uniformCDF, 0, 1},
		{"Uniform float64", Uniform(NewKey(2), Float64, 1000, 1000), 0.5, 1.0 / 12, 1.0 / 80, uniformCDF, 0, 1},
		{"Normal float32", Normal(NewKey(3), Float32, n), 0, 1, 3, normalCDF, math.Inf(-1), math.Inf(1)},
		{"Normal float64", Normal(NewKey(4), Float64, n), 0, 1, 3, normalCDF, math.Inf(-1), math.Inf(1)},
	}
	for _, c := range cases {
		xs := floats(c.x)
		m, v := moments(xs)
		if se := math.Sqrt(c.variance / n); math.Abs(m-c.mean) > 5*se {
			t.Errorf("%s: mean %v, want %v ± %v", c.name, m, c.mean, 5*se)
		}
		if se := math.Sqrt((c.mu4 - c.variance*c.variance) / n); math.Abs(v-c.variance) > 5*se {
			t.Errorf("%s: variance %v, want %v ± %v", c.name, v, c.variance, 5*se)
		}
		for _, x := range xs {
			if !(x >= c.lo && x < c.hi) {
				t.Fatalf("%s: sample %v outside [%v, %v)", c.name, x, c.lo, c.hi)
			}
		}
		if d := ksDistance(xs, c.cdf); d > 1.95/math.Sqrt(n) {
			t.Errorf("%s: Kolmogorov-Smirnov distance %v > %v", c.name, d, 1.95/math.Sqrt(n))
		}
	}
	// Bernoulli: the fraction of trues within 5 standard errors of p.
	for _, p := range []float64{0.1, 0.5, 0.9} {
		m, _ := moments(floats(Bernoulli(NewKey(5), p, n)))
		if se := math.Sqrt(p * (1 - p) / n); math.Abs(m-p) > 5*se {
			t.Errorf("Bernoulli(%v): mean %v", p, m)
		}
	}
	// RandInt: every value of a small range, each about equally often.
	counts := make([]int, 7)
	for _, v := range Data[int64](RandInt(NewKey(6), -3, 4, 70000)) {
		if v < -3 || v >= 4 {
			t.Fatalf("RandInt(-3, 4) gave %d", v)
		}
		counts[v+3]++
	}
	for i, c := range counts {
		if se := math.Sqrt(10000 * 6.0 / 7); math.Abs(float64(c)-10000) > 5*se {
			t.Errorf("RandInt(-3, 4): value %d drawn %d times of 70000", i-3, c)
		}
	}
}

func TestRandomEdgeCases(t *testing.T) {
	k := NewKey(11)
	// Split: distinct keys, different from the parent; Split(0) is empty.
	seen := map[[2]uint32]bool{keyWords(k): true}
	for _, s := range k.Split(100) {
		w := keyWords(s)
		if seen[w] {
			t.Fatalf("Split gave a repeated key %v", w)
		}
		seen[w] = true
	}
	if len(k.Split(0)) != 0 {
		t.Errorf("Split(0) is not empty")
	}
	// Different keys, different draws; the same key, the same draw.
	a, b := k.Split(2)[0], k.Split(2)[1]
	if slices.Equal(floats(Uniform(a, Float32, 8)), floats(Uniform(b, Float32, 8))) {
		t.Errorf("two split keys drew the same values")
	}
	if !slices.Equal(floats(Uniform(a, Float32, 8)), floats(Uniform(k.Split(2)[0], Float32, 8))) {
		t.Errorf("the same key drew different values")
	}
	// Permutations, including sizes that take two sorting rounds.
	for _, n := range []int{0, 1, 2, 10, 1625, 1626, 5000} {
		p := Data[int64](Permutation(k, n))
		s := slices.Clone(p)
		slices.Sort(s)
		for i, v := range s {
			if v != int64(i) {
				t.Fatalf("Permutation(%d) is not a permutation: %v", n, p)
			}
		}
	}
	// Shapes: zero-size and 0-d draws.
	if x := Uniform(k, Float64, 0, 3); !slices.Equal(x.Shape(), []int{0, 3}) || x.DType() != Float64 {
		t.Errorf("Uniform(0, 3): %v %v", x.Shape(), x.DType())
	}
	if x := Normal(k, Float32); x.Ndim() != 0 || x.DType() != Float32 {
		t.Errorf("Normal(): %v %v", x.Shape(), x.DType())
	}
	// Bernoulli with p = 0 and p = 1.
	if got := floats(Bernoulli(k, 0, 100)); slices.Max(got) != 0 {
		t.Errorf("Bernoulli(0) drew a true")
	}
	if got := floats(Bernoulli(k, 1, 100)); slices.Min(got) != 1 {
		t.Errorf("Bernoulli(1) drew a false")
	}
	// A span of 2**32 takes the lower word as it is.
	x := Data[int64](RandInt(k, -1<<31, 1<<31, 1000))
	if slices.Min(x) < -1<<31 || slices.Max(x) >= 1<<31 {
		t.Errorf("RandInt over 2**32 values out of range")
	}
	// A key held in a view (a row of the split output) works like a fresh one.
	fresh := Key{Bits: FromSlice([]int32{int32(keyWords(a)[0]), int32(keyWords(a)[1])})}
	if !slices.Equal(floats(Uniform(a, Float32, 4)), floats(Uniform(fresh, Float32, 4))) {
		t.Errorf("a key view and its copy drew different values")
	}
	if s := NewKey(42).String(); s != "nd.Key(0, 42)" {
		t.Errorf("Key.String = %q", s)
	}
}

func TestRandomErrors(t *testing.T) {
	k := NewKey(0)
	mustPanicWith(t, func() { Uniform(k, Float32, 2, -1) }, "nd.Uniform", "negative dimension")
	mustPanicWith(t, func() { Uniform(k, Int32, 2) }, "nd.Uniform", "int32", "want float32 or float64")
	mustPanicWith(t, func() { Normal(k, Bool, 2) }, "nd.Normal", "bool")
	mustPanicWith(t, func() { Normal(k, Float64, -3) }, "nd.Normal", "negative dimension")
	mustPanicWith(t, func() { Bernoulli(k, 1.5, 2) }, "nd.Bernoulli", "probability 1.5 outside [0, 1]")
	mustPanicWith(t, func() { Bernoulli(k, -0.1) }, "nd.Bernoulli", "outside [0, 1]")
	mustPanicWith(t, func() { Bernoulli(k, math.NaN()) }, "nd.Bernoulli", "NaN")
	mustPanicWith(t, func() { Uniform(Key{}, Float32, 2) }, "nd.Uniform", "zero Key")
	mustPanicWith(t, func() { Uniform(Key{Bits: Zeros(Int64, 2)}, Float32, 2) }, "nd.Uniform", "int64", "want int32 of shape (2,)")
	mustPanicWith(t, func() { k.Split(-1) }, "Key.Split", "negative number of keys -1")
	mustPanicWith(t, func() { RandInt(k, 5, 5) }, "nd.RandInt", "empty range")
	mustPanicWith(t, func() { RandInt(k, 0, 1<<33) }, "nd.RandInt", "wider than 2**32")
	mustPanicWith(t, func() { Permutation(k, -2) }, "nd.Permutation", "negative length -2")
	mustPanicWith(t, func() { Uniform(k, Float32, 1<<20, 1<<12) }, "nd.Uniform", "more than one draw allows")
	mustPanicWith(t, func() { RandomBits(k, -1) }, "nd.RandomBits", "negative dimension")
}

// erf_inv against Go's math.Erfinv (a different algorithm): float64 within a
// few ulps, float32 within float32 rounding; and erf(erf_inv(x)) = x.
func TestErfInv(t *testing.T) {
	var xs []float64
	for i := -1000; i <= 1000; i++ {
		xs = append(xs, float64(i)/1000)
	}
	xs = append(xs, 1e-300, -1e-20, 0.9999999, -0.99999999999, 1-1e-15, 0.5, math.Nextafter(1, 0))
	got64 := Data[float64](wrap(prims.ErfInv(core.New(core.Float64, []int{len(xs)}, xs))))
	xs32 := make([]float32, len(xs))
	for i, x := range xs {
		xs32[i] = float32(x)
	}
	got32 := Data[float32](wrap(prims.ErfInv(core.New(core.Float32, []int{len(xs)}, xs32))))
	for i, x := range xs {
		want := math.Erfinv(x)
		if !closeTo(got64[i], want, 1e-14) {
			t.Errorf("erf_inv(%v) = %v, want %v", x, got64[i], want)
		}
		want32 := math.Erfinv(float64(xs32[i]))
		if !closeTo(float64(got32[i]), want32, 1e-6) {
			t.Errorf("float32 erf_inv(%v) = %v, want %v", xs32[i], got32[i], want32)
		}
		if math.Abs(x) < 1 && !closeTo(math.Erf(got64[i]), x, 1e-15) {
			t.Errorf("erf(erf_inv(%v)) = %v", x, math.Erf(got64[i]))
		}
	}
	special := []float64{1, -1, 1.5, -2, math.NaN(), 0, math.Copysign(0, -1)}
	got := Data[float64](wrap(prims.ErfInv(core.New(core.Float64, []int{len(special)}, special))))
	want := []float64{math.Inf(1), math.Inf(-1), math.NaN(), math.NaN(), math.NaN(), 0, 0}
	checkClose(t, "erf_inv special values", got, want, 0)
	if !math.Signbit(got[6]) {
		t.Errorf("erf_inv(-0) = %v, want -0", got[6])
	}
}

// Keys are arrays, so sampling traces: a jitted sampler draws what the
// eager one draws.
func TestRandomUnderJIT(t *testing.T) {
	f := func(k Key) *Array { return Add(Normal(k, Float32, 6), Uniform(k.Split(3)[2], Float32, 6)) }
	jf := JIT(f)
	for _, seed := range []int64{0, 1} {
		k := NewKey(seed)
		checkClose(t, "jit(normal+uniform)", floats(jf(k)), floats(f(k)), 0)
	}
}

func BenchmarkUniformFloat32(b *testing.B) {
	k := NewKey(0)
	b.SetBytes(4 << 20)
	for b.Loop() {
		Uniform(k, Float32, 1<<20)
	}
}

func BenchmarkNormalFloat32(b *testing.B) {
	k := NewKey(0)
	b.SetBytes(4 << 20)
	for b.Loop() {
		Normal(k, Float32, 1<<20)
	}
}
