package cpu

import (
	"math"
	"math/rand"
	"testing"
)

// The lane-parallel max and min (Go, AVX2 and AVX-512) give runMax's and
// runMin's bits: the same value, the first NaN's payload, the first zero's
// sign.
func TestExtremesMatchScalarLoops(t *testing.T) {
	testExtremes[float32](t)
	testExtremes[float64](t)
}

func testExtremes[T float32 | float64](t *testing.T) {
	r := rand.New(rand.NewSource(3))
	negZero := T(math.Copysign(0, -1))
	nan1, nan2 := T(math.NaN()), T(math.NaN())
	switch p := any(&nan1).(type) {
	case *float32:
		*p = math.Float32frombits(0x7fc00001)
		*any(&nan2).(*float32) = math.Float32frombits(0xffc00002)
	case *float64:
		*p = math.Float64frombits(0x7ff8000000000001)
		*any(&nan2).(*float64) = math.Float64frombits(0xfff8000000000002)
	}
	bits := func(v T) uint64 {
		if f, ok := any(v).(float32); ok {
			return uint64(math.Float32bits(f))
		}
		return math.Float64bits(float64(v))
	}
	for _, n := range []int{1, 7, 63, 64, 65, 100, 127, 128, 129, 200, 255, 256, 257, 1000, 4099} {
		for trial := range 12 {
			x := make([]T, n)
			for i := range x {
				x[i] = T(r.NormFloat64())
			}
			switch trial {
			case 1:
				x[r.Intn(n)] = T(math.NaN())
			case 2:
				x[r.Intn(n)] = nan1
				x[r.Intn(n)] = nan2
			case 3:
				for i := range x {
					x[i] = -T(math.Abs(float64(x[i])))
				}
				x[r.Intn(n)] = negZero
				x[r.Intn(n)] = 0
			case 4:
				x[r.Intn(n)] = T(math.Inf(1))
				x[r.Intn(n)] = T(math.Inf(-1))
			case 5:
				for i := range x {
					x[i] = T(math.Abs(float64(x[i])))
				}
				x[r.Intn(n)] = 0
				x[r.Intn(n)] = negZero
			case 6: // a NaN past the vector lanes
				x[n-1] = T(math.NaN())
			case 7: // the extremes past the vector lanes
				x[n-1] = 100
				x[max(0, n-2)] = -100
			}
			for _, isMax := range []bool{true, false} {
				want := runMin(x)
				lanes := runMin8(x)
				if isMax {
					want, lanes = runMax(x), runMax8(x)
				}
				got := runExtreme(x, isMax)
				if bits(got) != bits(want) || bits(lanes) != bits(want) {
					t.Fatalf("%T n=%d trial %d max=%v: got %v (%#x), lanes %v, want %v (%#x)", x[0], n, trial, isMax, got, bits(got), lanes, want, bits(want))
				}
			}
		}
	}
}

// The vector arg searches (AVX2 where the CPU has it) give argRun's
// answers: the first of equal extremes, the first NaN, zeros of either sign
// equal, over lengths 1..33 and longer, unaligned starts and every dtype
// with a kernel.
func TestArgRunnerMatchesArgRun(t *testing.T) { testArgRunners(t) }

func testArgRunners(t *testing.T) {
	testArgRunner(t, func(r *rand.Rand) float32 { return float32(argTestValue(r)) })
	testArgRunner(t, argTestValue)
	testArgRunner(t, func(r *rand.Rand) int32 { return argTestInt[int32](r, math.MinInt32, math.MaxInt32) })
	testArgRunner(t, func(r *rand.Rand) int64 { return argTestInt[int64](r, math.MinInt64, math.MaxInt64) })
}

// argTestValue draws from a few repeated values (ties in many lanes) and
// the special ones.
func argTestValue(r *rand.Rand) float64 {
	switch r.Intn(40) {
	case 0:
		return math.NaN()
	case 1:
		return math.Inf(1)
	case 2:
		return math.Inf(-1)
	case 3:
		return math.Copysign(0, -1)
	case 4:
		return 5e-324
	}
	return float64(r.Intn(7) - 3)
}

func argTestInt[T int32 | int64](r *rand.Rand, lo, hi T) T {
	switch r.Intn(30) {
	case 0:
		return lo
	case 1:
		return hi
	}
	return T(r.Intn(7) - 3)
}

func testArgRunner[T float32 | float64 | int32 | int64](t *testing.T, draw func(*rand.Rand) T) {
	r := rand.New(rand.NewSource(17))
	lengths := []int{63, 64, 65, 100, 127, 128, 129, 255, 256, 257, 1000, 4099}
	for n := 1; n <= 33; n++ {
		lengths = append(lengths, n)
	}
	for _, n := range lengths {
		for trial := range 24 {
			off := trial % 4
			x := make([]T, n+off)
			for i := range x {
				x[i] = draw(r)
				if trial%3 == 0 && x[i] != x[i] {
					x[i] = 1 // most runs without NaNs
				}
			}
			x = x[off:]
			switch trial {
			case 5: // all equal
				for i := range x {
					x[i] = 2
				}
			case 6, 9: // one NaN, last (past the whole groups) or first
				var nan T // zero for the integers
				switch p := any(&nan).(type) {
				case *float32:
					*p = float32(math.NaN())
				case *float64:
					*p = math.NaN()
				}
				for i := range x {
					if x[i] != x[i] {
						x[i] = 3
					}
				}
				if trial == 6 {
					x[n-1] = nan
				} else {
					x[0] = nan
				}
			}
			for _, isMax := range []bool{true, false} {
				if got, want := argRunner[T](isMax)(x), argRun(x, isMax); got != want {
					t.Fatalf("%T n=%d trial %d max=%v: got %d, want %d (%v)", x[0], n, trial, isMax, got, want, x)
				}
			}
		}
	}
}

// The searches down the columns of strided blocks (the vector kernels
// where the CPU has them) give argRows's answers: the first of equal
// extremes, the first NaN, over column counts around the vector widths,
// 1 to 17 rows, strides past the columns and unaligned starts.
func TestArgRowsMatchGo(t *testing.T) { testArgRowsAll(t) }

func testArgRowsAll(t *testing.T) {
	testArgRows[float32, int64](t, func(r *rand.Rand) float32 { return float32(argTestValue(r)) })
	testArgRows[float32, int32](t, func(r *rand.Rand) float32 { return float32(argTestValue(r)) })
	testArgRows[float64, int64](t, argTestValue)
	testArgRows[float64, int32](t, argTestValue)
	testArgRows[int32, int64](t, func(r *rand.Rand) int32 { return argTestInt[int32](r, math.MinInt32, math.MaxInt32) })
}

func testArgRows[T float32 | float64 | int32, I Index](t *testing.T, draw func(*rand.Rand) T) {
	r := rand.New(rand.NewSource(23))
	cols := []int{63, 64, 65, 100, 257, rowsTile}
	for c := 1; c <= 40; c++ {
		cols = append(cols, c)
	}
	for _, isMax := range []bool{true, false} {
		search, ref := newArgRows[T, I](isMax), argRowsGo[T, I](isMax)
		for _, c := range cols {
			for _, rows := range []int{1, 2, 3, 4, 5, 7, 9, 17} {
				off, stride := r.Intn(4), c+r.Intn(3)
				x := make([]T, off+(rows-1)*stride+c)
				for i := range x {
					x[i] = draw(r)
					if r.Intn(3) == 0 && x[i] != x[i] {
						x[i] = 1 // fewer NaNs
					}
				}
				x = x[off:]
				got, want := make([]I, c+1), make([]I, c)
				got[c] = -7 // must stay
				search(got[:c], x, rows, stride)
				ref(want, x, rows, stride)
				for j := range want {
					if got[j] != want[j] {
						t.Fatalf("%T->%T max=%v cols %d rows %d stride %d: column %d at %d, want %d", x[0], got[0], isMax, c, rows, stride, j, got[j], want[j])
					}
				}
				if got[c] != -7 {
					t.Fatalf("cols %d: wrote past the end", c)
				}
			}
		}
	}
}

// Values NumPy 1.24 gives: np.argmax([1, nan, 3, nan]) = 1 (the first
// NaN), np.argmax([0., -0.]) = 0, np.argmin([-0., 0.]) = 0,
// np.argmax([2, 5, 5, 1]*20) = 1, np.argmin([inf]*70 + [nan]) = 70.
func TestArgRunNumPy(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	rep := func(v []float64, k int) []float64 {
		var out []float64
		for range k {
			out = append(out, v...)
		}
		return out
	}
	for _, c := range []struct {
		x     []float64
		isMax bool
		want  int
	}{
		{[]float64{1, nan, 3, nan}, true, 1},
		{[]float64{1, nan, 3, nan}, false, 1},
		{[]float64{0, math.Copysign(0, -1)}, true, 0},
		{[]float64{math.Copysign(0, -1), 0}, false, 0},
		{rep([]float64{2, 5, 5, 1}, 20), true, 1},
		{append(rep([]float64{inf}, 70), nan), false, 70},
	} {
		x32 := make([]float32, len(c.x))
		for i, v := range c.x {
			x32[i] = float32(v)
		}
		if got, got32 := argRunner[float64](c.isMax)(c.x), argRunner[float32](c.isMax)(x32); got != c.want || got32 != c.want {
			t.Errorf("arg(max=%v) of %v: got %d (float32 %d), want %d", c.isMax, c.x, got, got32, c.want)
		}
	}
}

// BenchmarkArgMaxF32 is the search of a 64K float32 run (in cache) with the
// vector kernel where there is one; BenchmarkArgMaxF32Go is argRun.
func BenchmarkArgMaxF32(b *testing.B) { benchArgMax(b, argRunner[float32](true)) }
func BenchmarkArgMaxF32Go(b *testing.B) {
	benchArgMax(b, func(x []float32) int { return argRun(x, true) })
}

func benchArgMax(b *testing.B, run func([]float32) int) {
	r := rand.New(rand.NewSource(1))
	x := make([]float32, 1<<16)
	for i := range x {
		x[i] = float32(r.NormFloat64())
	}
	b.SetBytes(4 << 16)
	for b.Loop() {
		run(x)
	}
}
