package nd

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestJITRunsAndCaches(t *testing.T) {
	var traces int
	f := func(a, b *Array) *Array {
		traces++
		return a.Mul(b).Add(1)
	}
	var log bytes.Buffer
	j := NewJIT(f, LogCompiles(&log))
	x, y := FromSlice([]float32{1, 2, 3}), FromSlice([]float32{4, 5, 6})
	want := Data[float32](f(x, y))
	traces = 0
	for range 3 {
		if got := Data[float32](j.Func(x, y)); !slices.Equal(got, want) {
			t.Fatalf("jit = %v, want %v", got, want)
		}
	}
	if traces != 1 {
		t.Fatalf("traced %d times, want 1", traces)
	}
	// A new shape retraces and the log says which argument changed.
	j.Func(FromSlice([]float32{1, 2}), FromSlice([]float32{4, 5}))
	if s := j.Stats(); s.Misses != 2 || s.Hits != 2 {
		t.Fatalf("stats %+v, want 2 misses and 2 hits", s)
	}
	if !strings.Contains(log.String(), "arg0: float32(3,) -> float32(2,)") {
		t.Fatalf("compile log does not explain the miss:\n%s", log.String())
	}
}

type mlpParams struct {
	W      *Array
	B      []*Array
	Scale  float64
	Hidden map[string]*Array
}

func TestJITTreeArguments(t *testing.T) {
	f := func(p mlpParams, x *Array) (mlpParams, *Array) {
		y := x.Mul(p.W).Add(p.B[0]).Mul(p.Scale).Add(p.Hidden["h"])
		return mlpParams{W: y, B: p.B, Scale: p.Scale * 2}, y
	}
	p := mlpParams{W: FromSlice([]float64{2}), B: []*Array{FromSlice([]float64{1})}, Scale: 3, Hidden: map[string]*Array{"h": FromSlice([]float64{0.5})}}
	x := FromSlice([]float64{1, 2})
	wantP, wantY := f(p, x)
	var infos []CompileInfo
	jf := JIT(f, OnCompile(func(ci CompileInfo) { infos = append(infos, ci) }))
	gotP, gotY := jf(p, x)
	if !slices.Equal(Data[float64](gotY), Data[float64](wantY)) || !slices.Equal(Data[float64](gotP.W), Data[float64](wantP.W)) || gotP.Scale != 6 {
		t.Fatalf("jit tree result %v %v, want %v %v", Data[float64](gotY), gotP.Scale, Data[float64](wantY), wantP.Scale)
	}
	p.Scale = 4
	jf(p, x)
	if len(infos) != 2 || !strings.Contains(infos[1].Why, "arg0.Scale: static value 3 -> 4") {
		t.Fatalf("static change not explained: %+v", infos)
	}
}

func TestJITConcurrentOneTrace(t *testing.T) {
	var mu sync.Mutex
	traces := 0
	j := NewJIT(func(a *Array) *Array {
		mu.Lock()
		traces++
		mu.Unlock()
		return a.Mul(a)
	})
	x := FromSlice([]float32{3})
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := j.Func(x).Item(); got != 9 {
				t.Errorf("got %v", got)
			}
		}()
	}
	wg.Wait()
	if traces != 1 {
		t.Fatalf("%d traces for one signature, want 1", traces)
	}
}

func TestJITPanicLeavesCacheClean(t *testing.T) {
	fail := true
	j := NewJIT(func(a *Array) *Array {
		if fail {
			panic("boom")
		}
		return a.Neg()
	})
	func() {
		defer func() { recover() }()
		j.Func(FromSlice([]float32{1}))
	}()
	fail = false
	if got := j.Func(FromSlice([]float32{1})).Item(); got != -1 {
		t.Fatalf("after a failed trace got %v, want -1", got)
	}
}

func TestJITConcreteValueErrorNamesLine(t *testing.T) {
	f := JIT(func(a *Array) *Array {
		if a.Item() > 0 { // not allowed while tracing
			return a
		}
		return a.Neg()
	})
	mustPanicWith(t, func() { f(FromSlice([]float32{1})) }, "jit_test.go:", "nd.Cond")
}

var escaped *Array

func TestJITEscapedTracer(t *testing.T) {
	f := JIT(func(a *Array) *Array {
		escaped = a.Mul(2)
		return a
	})
	f(FromSlice([]float32{1}))
	mustPanicWith(t, func() { Add(escaped, 1) }, "escaped", "jit_test.go:")
}

func TestMakeIRGolden(t *testing.T) {
	prog, err := MakeIR(func(a, b *Array) *Array {
		return a.Mul(b).Add(Exp(a)).Mul(0.5)
	}, Zeros(Float32, 4), Zeros(Float32, 4))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "makeir_chain.txt", prog.String())
}

// golden compares got with testdata/name, rewriting it when ND_UPDATE_GOLDEN=1.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if os.Getenv("ND_UPDATE_GOLDEN") == "1" {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with ND_UPDATE_GOLDEN=1 to create it)", err)
	}
	if strings.TrimSpace(string(want)) != strings.TrimSpace(got) {
		t.Fatalf("%s differs from golden file:\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestIRGoldenOptimized(t *testing.T) {
	cases := []struct {
		name string
		f    any
		args []any
	}{
		{"chain_optimized.txt", func(a, b, c *Array) *Array { return a.Mul(b).Add(c).Mul(0.5).Add(Tanh(a)) },
			[]any{Zeros(Float32, 8), Zeros(Float32, 8), Zeros(Float32, 8)}},
		{"softmax_optimized.txt", func(x *Array) *Array { return Softmax(x, -1) }, []any{Zeros(Float32, 2, 3)}},
		{"cond.txt", func(x *Array) *Array {
			return Cond(Greater(Sum(x), 0), func(v *Array) *Array { return v.Mul(2) }, func(v *Array) *Array { return Exp(v) }, x)
		}, []any{Zeros(Float64, 3)}},
	}
	for _, c := range cases {
		var got string
		args := make([]reflect.Value, len(c.args))
		for i, a := range c.args {
			args[i] = reflect.ValueOf(a)
		}
		f := reflect.ValueOf(JIT(c.f, OnCompile(func(ci CompileInfo) { got = ci.Optimized.String() })))
		f.Call(args)
		golden(t, c.name, got)
	}
}
