package nd

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"github.com/nd-go/nd/internal/opt"
	"github.com/nd-go/nd/ir"
)

// A random program keeps a pool of float arrays of shape (R, C) (plus
// derived shapes) and applies ops drawn from the whole op set. Eager and
// JIT runs of the same program must agree bit for bit: fusion and the
// memory plan change where values live, not the arithmetic.

type progOp struct {
	name string
	run  func(r *rand.Rand, pool []*Array) *Array // result has shape (R, C)
}

func pick(r *rand.Rand, pool []*Array) *Array { return pool[r.Intn(len(pool))] }

var progOps = []progOp{
	{"add", func(r *rand.Rand, p []*Array) *Array { return Add(pick(r, p), pick(r, p)) }},
	{"sub", func(r *rand.Rand, p []*Array) *Array { return Sub(pick(r, p), pick(r, p)) }},
	{"mul", func(r *rand.Rand, p []*Array) *Array { return Mul(pick(r, p), pick(r, p)) }},
	{"div", func(r *rand.Rand, p []*Array) *Array { return Div(pick(r, p), Add(Abs(pick(r, p)), 1)) }},
	{"scalar", func(r *rand.Rand, p []*Array) *Array { return Mul(pick(r, p), 0.5).Add(1.25) }},
	{"maximum", func(r *rand.Rand, p []*Array) *Array { return Maximum(pick(r, p), pick(r, p)) }},
	{"pow", func(r *rand.Rand, p []*Array) *Array { return Pow(Abs(pick(r, p)), 1.5) }},
	{"tanh", func(r *rand.Rand, p []*Array) *Array { return Tanh(pick(r, p)) }},
	{"exp", func(r *rand.Rand, p []*Array) *Array { return Exp(Neg(Abs(pick(r, p)))) }},
	{"log1p", func(r *rand.Rand, p []*Array) *Array { return Log1p(Abs(pick(r, p))) }},
	{"sqrt", func(r *rand.Rand, p []*Array) *Array { return Sqrt(Abs(pick(r, p))) }},
	{"sin", func(r *rand.Rand, p []*Array) *Array { return Sin(pick(r, p)) }},
	{"sigmoid", func(r *rand.Rand, p []*Array) *Array { return Sigmoid(pick(r, p)) }},
	{"erf", func(r *rand.Rand, p []*Array) *Array { return Erf(pick(r, p)) }},
	{"fma", func(r *rand.Rand, p []*Array) *Array { return FMA(pick(r, p), pick(r, p), pick(r, p)) }},
	{"cos", func(r *rand.Rand, p []*Array) *Array { return Cos(pick(r, p).Mul(40)) }},
	{"log", func(r *rand.Rand, p []*Array) *Array { return Log(Abs(pick(r, p)).Add(0.5)) }},
	{"expm1", func(r *rand.Rand, p []*Array) *Array { return Expm1(pick(r, p)) }},
	{"floor", func(r *rand.Rand, p []*Array) *Array { return Floor(pick(r, p).Mul(3)) }},
	{"where", func(r *rand.Rand, p []*Array) *Array { return Where(Greater(pick(r, p), 0), pick(r, p), pick(r, p)) }},
	{"clip", func(r *rand.Rand, p []*Array) *Array { return Clip(pick(r, p), -0.5, 0.5) }},
	{"cast", func(r *rand.Rand, p []*Array) *Array {
		return pick(r, p).AsType(Int32).AsType(pick(r, p).DType())
	}},
	{"sum_rows", func(r *rand.Rand, p []*Array) *Array { return Add(pick(r, p), KeepDims(Sum, pick(r, p), 1)) }},
	{"mean_cols", func(r *rand.Rand, p []*Array) *Array { return Sub(pick(r, p), KeepDims(Mean, pick(r, p), 0)) }},
	{"sumsq_rows", func(r *rand.Rand, p []*Array) *Array {
		y := pick(r, p)
		return Sub(pick(r, p), KeepDims(Sum, y.Mul(y), 1))
	}},
	{"mean_rows", func(r *rand.Rand, p []*Array) *Array { return Add(pick(r, p), KeepDims(Mean, Tanh(pick(r, p)), 1)) }},
	{"max_all", func(r *rand.Rand, p []*Array) *Array { return Div(pick(r, p), Max(Abs(pick(r, p))).Add(1)) }},
	{"softmax", func(r *rand.Rand, p []*Array) *Array { return Softmax(pick(r, p), r.Intn(2)) }},
	{"logsumexp", func(r *rand.Rand, p []*Array) *Array { return Add(pick(r, p), KeepDims(LogSumExp, pick(r, p), 1)) }},
	{"cumsum", func(r *rand.Rand, p []*Array) *Array { return CumSum(pick(r, p), r.Intn(2)) }},
	{"transpose", func(r *rand.Rand, p []*Array) *Array {
		x := pick(r, p)
		return Transpose(Transpose(x).Mul(2))
	}},
	{"reshape", func(r *rand.Rand, p []*Array) *Array {
		x := pick(r, p)
		return x.Reshape(-1).Add(1).Reshape(x.Shape()...)
	}},
	{"flip", func(r *rand.Rand, p []*Array) *Array { return Flip(pick(r, p), r.Intn(2)) }},
	{"matmul", func(r *rand.Rand, p []*Array) *Array {
		x := pick(r, p)
		return MatMul(x, MatMul(Transpose(pick(r, p)), x)).Mul(0.01)
	}},
	{"concat", func(r *rand.Rand, p []*Array) *Array {
		x, y := pick(r, p), pick(r, p)
		return SliceAxes(Concatenate([]*Array{x, y}, 1), S(), S(1, 1+x.Shape()[1]))
	}},
	{"sort", func(r *rand.Rand, p []*Array) *Array { return Sort(pick(r, p), 1) }},
	{"take", func(r *rand.Rand, p []*Array) *Array {
		x := pick(r, p)
		n := x.Shape()[0]
		idx := make([]int64, n)
		for i := range idx {
			idx[i] = int64(r.Intn(n))
		}
		return Take(x, FromSlice(idx), 0)
	}},
	{"cond", func(r *rand.Rand, p []*Array) *Array {
		x, y := pick(r, p), pick(r, p)
		return Cond(Greater(Sum(x), 0), func(v *Array) *Array { return v.Mul(y) }, func(v *Array) *Array { return v.Sub(y) }, x)
	}},
	{"fori", func(r *rand.Rand, p []*Array) *Array {
		x := pick(r, p)
		return ForLoop(0, 3, func(i, c *Array) *Array { return Tanh(c.Add(i.AsType(c.DType()))) }, x)
	}},
}

// randomProgram returns a function of n inputs applying steps random ops;
// the op choices are fixed by seed, so tracing and eager runs agree.
func randomProgram(seed int64, steps int) (func(xs []*Array) []*Array, []string) {
	r := rand.New(rand.NewSource(seed))
	type choice struct {
		op   progOp
		seed int64
	}
	var choices []choice
	var names []string
	for range steps {
		op := progOps[r.Intn(len(progOps))]
		choices = append(choices, choice{op, r.Int63()})
		names = append(names, op.name)
	}
	return func(xs []*Array) []*Array {
		pool := append([]*Array(nil), xs...)
		for _, c := range choices {
			pool = append(pool, c.op.run(rand.New(rand.NewSource(c.seed)), pool))
		}
		return pool[len(xs):]
	}, names
}

func TestJITMatchesEagerOnRandomPrograms(t *testing.T) {
	n := 75
	if testing.Short() {
		n = 15
	}
	// Shapes span one block, several with a partial last one, and rows
	// longer than a row program's block.
	shapes := [][2]int{{3, 5}, {17, 33}, {64, 200}, {37, 300}, {3, 2500}}
	for seed := int64(0); seed < int64(n); seed++ {
		sh := shapes[seed%int64(len(shapes))]
		dtype := []DType{Float32, Float64}[seed%2]
		f, names := randomProgram(seed, 8)
		k := NewKey(seed).Split(3)
		xs := []*Array{Normal(k[0], dtype, sh[0], sh[1]), Normal(k[1], dtype, sh[0], sh[1]), Uniform(k[2], dtype, sh[0], sh[1])}
		verifyEveryPass(t, f, xs)
		want := f(xs)
		got := JIT(f)(xs)
		for i := range want {
			if err := sameBits(got[i], want[i]); err != nil {
				t.Fatalf("seed %d (%v, %v), step %d (%s): %v", seed, dtype, sh, i, names[i], err)
			}
		}
	}
}

// sameBits reports the first element where a and b differ in bits (NaNs of
// any payload count as equal), or a shape or dtype difference.
func sameBits(a, b *Array) error {
	if a.DType() != b.DType() || fmt.Sprint(a.Shape()) != fmt.Sprint(b.Shape()) {
		return fmt.Errorf("got %v%v, want %v%v", a.DType(), a.Shape(), b.DType(), b.Shape())
	}
	x, y := floats(a), floats(b)
	for i := range x {
		if math.Float64bits(x[i]) != math.Float64bits(y[i]) && !(math.IsNaN(x[i]) && math.IsNaN(y[i])) {
			return fmt.Errorf("element %d: jit %v, eager %v", i, x[i], y[i])
		}
	}
	return nil
}

// verifyEveryPass traces f and checks the program after each pass of the
// pipeline, and after memory planning.
func verifyEveryPass(t *testing.T, f func([]*Array) []*Array, xs []*Array) {
	t.Helper()
	p, err := MakeIR(f, xs)
	if err != nil {
		t.Fatal(err)
	}
	if err := ir.Verify(p); err != nil {
		t.Fatalf("traced program: %v\n%v", err, p)
	}
	for _, pass := range opt.Pipeline {
		p = pass.Run(p)
		if err := ir.Verify(p); err != nil {
			t.Fatalf("after %s: %v\n%v", pass.Name, err, p)
		}
	}
	planned, _ := opt.PlanMemory(p)
	if err := ir.Verify(planned); err != nil {
		t.Fatalf("after memory planning: %v\n%v", err, planned)
	}
}
