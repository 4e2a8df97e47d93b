package cpu

import (
	"math"
	"math/rand"
	"os"
	"runtime"
	"testing"

	"github.com/nd-go/nd/internal/core"
)

// specialF64 are the values the folds must treat as the Go loops do:
// NaNs with payloads, infinities, signed zeros, denormals.
var specialF64 = []float64{
	math.NaN(), math.Float64frombits(0x7ff8000000000001), math.Float64frombits(0xfff8000000000002),
	math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 5e-324, -1e-310, 1.5e-45, -1e-40,
}

// fillRows returns n values: normal ones, and with special a sprinkle of
// specialF64.
func fillRows[T core.Float](r *rand.Rand, n int, special bool) []T {
	x := make([]T, n)
	for i := range x {
		x[i] = T(r.NormFloat64())
		if special && r.Intn(8) == 0 {
			x[i] = T(specialF64[r.Intn(len(specialF64))])
		}
		if special && r.Intn(16) == 0 {
			x[i] = 0 // ties between zeros of both signs
		}
	}
	return x
}

func sameBits[T core.Float](a, b T) bool {
	switch v := any(a).(type) {
	case float32:
		return math.Float32bits(v) == math.Float32bits(any(b).(float32))
	default:
		return math.Float64bits(any(a).(float64)) == math.Float64bits(any(b).(float64))
	}
}

// The dispatched folds (AVX2 kernels where the CPU has them) give the bits
// of the Go folds for every column count 0..33 and some longer, row counts
// across the pass sizes, unaligned starts, strides wider than a row, both
// starting modes, and special values.
func TestRowsFoldsMatchGo(t *testing.T) {
	testRowsFolds(t, [3]rowsFold[float32]{sumRowsF32, maxRowsF32, minRowsF32}, [3]rowsFold[float32]{sumRowsGo[float32], maxRowsGo[float32], minRowsGo[float32]})
	testRowsFolds(t, [3]rowsFold[float64]{sumRowsF64, maxRowsF64, minRowsF64}, [3]rowsFold[float64]{sumRowsGo[float64], maxRowsGo[float64], minRowsGo[float64]})
}

func testRowsFolds[T core.Float](t *testing.T, got, want [3]rowsFold[T]) {
	r := rand.New(rand.NewSource(5))
	cols := []int{100, 257}
	for c := 0; c <= 33; c++ {
		cols = append(cols, c)
	}
	for _, c := range cols {
		for _, rows := range []int{1, 2, 3, 5, 7, 8, 9, 12, 15, 16, 17, 31} {
			for _, off := range []int{0, 1, 3} {
				stride := c + r.Intn(3)
				x := fillRows[T](r, off+(rows-1)*stride+c, off != 1)[off:]
				init := fillRows[T](r, c, true)
				for op := range got {
					for _, accumulate := range []bool{false, true} {
						g, w := append([]T(nil), init...), append([]T(nil), init...)
						got[op](g, x, rows, stride, accumulate)
						want[op](w, x, rows, stride, accumulate)
						for j := range w {
							if !sameBits(g[j], w[j]) {
								t.Fatalf("op %d cols %d rows %d stride %d off %d acc %v: column %d = %v, want %v (init %v, x %v)", op, c, rows, stride, off, accumulate, j, g[j], w[j], init[j], x[j])
							}
						}
					}
				}
			}
		}
	}
}

// goSumReducerF32 is SumReducer[float32] with the Go folds: the reference
// for the bits of the kernels' reductions.
var goSumReducerF32 = Reducer[float32]{Run: pairwiseSum[float32], Rows: func(dst, x []float32, rows, stride int) {
	pairwiseRows(dst, x, rows, stride, sumRowsGo[float32])
}}

// Sums, maxima and minima over leading and middle axes of odd shapes agree
// with a float64 reference (sums within 1e-5 relative to the sum of
// magnitudes; max and min exactly), and sums give the bits of the Go folds.
func TestReduceLeadingAxes(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	cases := []struct {
		shape   []int
		reduced []bool
	}{
		{[]int{7, 13}, []bool{true, false}},
		{[]int{1, 100}, []bool{true, false}},
		{[]int{100, 1}, []bool{true, false}},
		{[]int{1000, 3}, []bool{true, false}},
		{[]int{513, 37}, []bool{true, false}},
		{[]int{5, 130, 9}, []bool{false, true, false}},
		{[]int{4, 70, 33}, []bool{false, true, false}},
		{[]int{3, 4, 200, 17}, []bool{true, true, false, false}},
		{[]int{300, 2, 2000}, []bool{true, false, false}},
	}
	for _, c := range cases {
		x := fillRows[float32](r, core.ShapeSize(c.shape), false)
		a := core.New(core.Float32, c.shape, x)
		data, outer, red, inner := reduceLayout[float32](a, c.reduced, false)
		n := outer * inner
		sum, goSum := make([]float32, n), make([]float32, n)
		mx, mn := make([]float32, n), make([]float32, n)
		Reduce(sum, a, c.reduced, SumReducer[float32]())
		Reduce(goSum, a, c.reduced, goSumReducerF32)
		Reduce(mx, a, c.reduced, MaxReducer[float32]())
		Reduce(mn, a, c.reduced, MinReducer[float32]())
		for o := range outer {
			for j := range inner {
				var s, abs float64
				wmx, wmn := math.Inf(-1), math.Inf(1)
				for i := range red {
					v := float64(data[(o*red+i)*inner+j])
					s += v
					abs += math.Abs(v)
					wmx, wmn = max(wmx, v), min(wmn, v)
				}
				k := o*inner + j
				if math.Abs(float64(sum[k])-s) > 1e-5*abs || !sameBits(sum[k], goSum[k]) {
					t.Fatalf("shape %v reduced %v: sum[%d] = %v (Go folds %v), want %v", c.shape, c.reduced, k, sum[k], goSum[k], s)
				}
				if float64(mx[k]) != wmx || float64(mn[k]) != wmn {
					t.Fatalf("shape %v reduced %v: max, min [%d] = %v, %v, want %v, %v", c.shape, c.reduced, k, mx[k], mn[k], wmx, wmn)
				}
			}
		}
	}
}

// NaN propagates through max, min and sum over a leading axis; Inf
// through sum; the sum of +Inf and -Inf is NaN.
func TestReduceLeadingAxesSpecials(t *testing.T) {
	const rows, cols = 300, 19
	x := make([]float32, rows*cols)
	for i := range x {
		x[i] = float32(i%7) - 3
	}
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	x[150*cols+2] = nan
	x[299*cols+4] = nan
	x[0*cols+5] = inf
	x[77*cols+6] = inf
	x[78*cols+6] = -inf
	a := core.New(core.Float32, []int{rows, cols}, x)
	reduced := []bool{true, false}
	sum, mx, mn := make([]float32, cols), make([]float32, cols), make([]float32, cols)
	Reduce(sum, a, reduced, SumReducer[float32]())
	Reduce(mx, a, reduced, MaxReducer[float32]())
	Reduce(mn, a, reduced, MinReducer[float32]())
	for _, j := range []int{2, 4} {
		if !math.IsNaN(float64(sum[j])) || !math.IsNaN(float64(mx[j])) || !math.IsNaN(float64(mn[j])) {
			t.Errorf("column %d with a NaN: sum %v max %v min %v, want NaN", j, sum[j], mx[j], mn[j])
		}
	}
	if sum[5] != inf || mx[5] != inf || mn[5] != -3 {
		t.Errorf("column 5 with +Inf: sum %v max %v min %v, want +Inf +Inf -3", sum[5], mx[5], mn[5])
	}
	if !math.IsNaN(float64(sum[6])) || mx[6] != inf || mn[6] != -inf {
		t.Errorf("column 6 with +Inf and -Inf: sum %v max %v min %v, want NaN +Inf -Inf", sum[6], mx[6], mn[6])
	}
	if sum[0] != sumColumn(x, cols, 0) { // small integers: exact
		t.Errorf("column 0: sum %v, want %v", sum[0], sumColumn(x, cols, 0))
	}
}

func sumColumn(x []float32, cols, j int) float32 {
	var s float64
	for i := j; i < len(x); i += cols {
		s += float64(x[i])
	}
	return float32(s)
}

// The column sums of rows values near 1 stay within a few ulps of the
// float64 sum: the order is pairwise over the rows, so the error grows with
// log(rows), not rows. ND_EXHAUSTIVE=1 runs the 8192x8192 case.
func TestColumnSumAccuracy(t *testing.T) {
	rows, cols := 8192, 256
	if os.Getenv("ND_EXHAUSTIVE") != "" {
		cols = 8192
	}
	r := rand.New(rand.NewSource(11))
	x := make([]float32, rows*cols)
	for i := range x {
		x[i] = 1 + float32(r.Float64())*1e-3
	}
	sum := make([]float32, cols)
	Reduce(sum, core.New(core.Float32, []int{rows, cols}, x), []bool{true, false}, SumReducer[float32]())
	worst, seqWorst := 0.0, 0.0
	for j := range cols {
		var ref float64
		var seq float32
		for i := range rows {
			ref += float64(x[i*cols+j])
			seq += x[i*cols+j]
		}
		worst = max(worst, math.Abs(float64(sum[j])-ref)/ref)
		seqWorst = max(seqWorst, math.Abs(float64(seq)-ref)/ref)
	}
	// eps(float32) = 6e-8; the bound allows a dozen roundings' worth.
	if worst > 1e-6 {
		t.Errorf("worst relative error %.3g, want <= 1e-6 (a running float32 sum: %.3g)", worst, seqWorst)
	}
	t.Logf("%dx%d: worst relative error %.3g; running float32 sum %.3g", rows, cols, worst, seqWorst)
}

// The bits of a reduction over a leading axis do not depend on GOMAXPROCS.
func TestReduceLeadingAxesIndependentOfWorkers(t *testing.T) {
	r := rand.New(rand.NewSource(13))
	shape := []int{3000, 300}
	x := fillRows[float32](r, core.ShapeSize(shape), false)
	a := core.New(core.Float32, shape, x)
	var got [2][]float32
	for i, procs := range []int{1, 2} {
		prev := runtime.GOMAXPROCS(procs)
		got[i] = make([]float32, shape[1])
		Reduce(got[i], a, []bool{true, false}, SumReducer[float32]())
		runtime.GOMAXPROCS(prev)
	}
	for j := range got[0] {
		if !sameBits(got[0][j], got[1][j]) {
			t.Fatalf("column %d: %v with one worker, %v with two", j, got[0][j], got[1][j])
		}
	}
}

// BenchmarkSumAxis0F32_8192x8192 sums a 256 MB float32 matrix over its
// rows (the column sums; nd.Mean(x, 0) without the scaling).
func BenchmarkSumAxis0F32_8192x8192(b *testing.B) {
	benchReduceAxis0(b, SumReducer[float32]())
}

// BenchmarkMaxAxis0F32_8192x8192 is the column maxima of the same matrix.
func BenchmarkMaxAxis0F32_8192x8192(b *testing.B) {
	benchReduceAxis0(b, MaxReducer[float32]())
}

func benchReduceAxis0(b *testing.B, red Reducer[float32]) {
	const n = 8192
	x := make([]float32, n*n)
	for i := range x {
		x[i] = float32(i%1000) / 1000
	}
	a := core.New(core.Float32, []int{n, n}, x)
	out := make([]float32, n)
	b.SetBytes(4 * n * n)
	for b.Loop() {
		Reduce(out, a, []bool{true, false}, red)
	}
}

// The streaming float32 and float64 sums give the bits of the Go pairwise sum: lengths
// 0..33, around the leaf and node sizes, long ones, unaligned starts, and
// special values.
func TestPairwiseSumStreamF32(t *testing.T) {
	r := rand.New(rand.NewSource(19))
	lengths := []int{255, 256, 257, 511, 512, 513, 527, 528, 529, 1000, 1024, 1055, 4096, 65536, 100003}
	for n := range 34 {
		lengths = append(lengths, n)
	}
	for range 8 {
		lengths = append(lengths, r.Intn(100000))
	}
	for _, n := range lengths {
		for _, off := range []int{0, 1, 3} {
			for _, special := range []bool{false, true} {
				x := fillRows[float32](r, n+off, special)[off:]
				// Of two NaNs, which one a Go addition returns depends on how
				// the compiler orders the operands of the commutative add:
				// any NaN for a NaN, otherwise the same bits.
				got, want := pairwiseSumStreamF32(x), pairwiseSum(x)
				if !sameBits(got, want) && !(got != got && want != want) {
					t.Fatalf("n=%d off=%d special=%v: got %v (%#x), want %v (%#x)", n, off, special, got, math.Float32bits(got), want, math.Float32bits(want))
				}
				x64 := fillRows[float64](r, n+off, special)[off:]
				got64, want64 := pairwiseSumStreamF64(x64), pairwiseSum(x64)
				if !sameBits(got64, want64) && !(got64 != got64 && want64 != want64) {
					t.Fatalf("float64 n=%d off=%d special=%v: got %v, want %v", n, off, special, got64, want64)
				}
			}
		}
	}
}

// BenchmarkSumF32_64M is the float32 sum of a 256 MB run on one goroutine
// (SumReducer's Run); BenchmarkSumF32_64M_Go is the Go pairwise sum.
func BenchmarkSumF32_64M(b *testing.B)    { benchSum64M(b, pairwiseSumStreamF32) }
func BenchmarkSumF32_64M_Go(b *testing.B) { benchSum64M(b, pairwiseSum[float32]) }

func benchSum64M(b *testing.B, sum func([]float32) float32) {
	x := make([]float32, 1<<26)
	for i := range x {
		x[i] = float32(i%1000) / 1000
	}
	b.SetBytes(4 << 26)
	for b.Loop() {
		sum(x)
	}
}
