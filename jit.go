package nd

import (
	"fmt"
	"io"
	"os"
	"reflect"
	"runtime"
	"time"

	"github.com/nd-go/nd/internal/ad"
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/jit"
	"github.com/nd-go/nd/internal/opt"
	"github.com/nd-go/nd/ir"
)

var (
	arrayPtrType = reflect.TypeOf((*Array)(nil))
	errorType    = reflect.TypeOf((*error)(nil)).Elem()
	flattener    = jit.Flattener{LeafType: arrayPtrType}
)

// JITOption configures a jitted function.
type JITOption func(*jitConfig)

type jitConfig struct {
	cacheSize int
	log       io.Writer
	onCompile func(CompileInfo)
}

// CacheSize bounds the number of compiled signatures a jitted function
// keeps (least recently used are evicted; default 64).
func CacheSize(n int) JITOption { return func(c *jitConfig) { c.cacheSize = n } }

// LogCompiles writes a line to w each time the jitted function traces and
// compiles, saying why (which argument changed, from what to what). Setting
// the environment variable ND_LOG_COMPILES=1 does the same on stderr.
func LogCompiles(w io.Writer) JITOption { return func(c *jitConfig) { c.log = w } }

// OnCompile calls f with the details of each trace and compile.
func OnCompile(f func(CompileInfo)) JITOption { return func(c *jitConfig) { c.onCompile = f } }

// CompileInfo describes one cache miss of a jitted function.
type CompileInfo struct {
	Func      string        // the traced function's name
	Why       string        // what changed since the previous signature
	Program   *ir.Program   // the traced program
	Optimized *ir.Program   // the program after the optimization passes
	Trace     time.Duration // time spent tracing
	Compile   time.Duration // time spent optimizing and compiling
}

// JITStats counts what a jitted function's cache did.
type JITStats struct {
	Hits, Misses, Evictions int
	TraceTime, CompileTime  time.Duration
}

// Jitted is a function compiled by NewJIT: Func is the callable with f's Go
// type; Stats reports its cache.
type Jitted[F any] struct {
	Func  F
	cache *jit.Cache[*compiled]
	fn    reflect.Value
	name  string
	cfg   jitConfig
}

type compiled struct {
	prog    *ir.Program // as traced: what runs when the call is itself traced
	exe     *jit.Executable
	results []reflect.Value // f's results while tracing: the template results are rebuilt from
}

// JIT returns a function of the same Go type as f that traces f once per
// input signature (each Array argument's shape and dtype, every other
// argument's value, the structure of structs, slices and maps holding
// Arrays), caches the traced program, and runs the compiled program on
// later calls with the same signature. f must be a func whose arguments and
// results are Arrays or Go values holding them.
func JIT[F any](f F, opts ...JITOption) F { return NewJIT(f, opts...).Func }

// NewJIT is JIT that also gives access to the cache's statistics.
func NewJIT[F any](f F, opts ...JITOption) *Jitted[F] {
	fv := reflect.ValueOf(f)
	if fv.Kind() != reflect.Func || fv.IsNil() {
		core.Panicf("nd.JIT", "want a non-nil func, got %T", f)
	}
	j := &Jitted[F]{fn: fv, name: funcName(fv)}
	for _, o := range opts {
		o(&j.cfg)
	}
	if j.cfg.log == nil && os.Getenv("ND_LOG_COMPILES") == "1" {
		j.cfg.log = os.Stderr
	}
	j.cache = jit.NewCache[*compiled](j.cfg.cacheSize)
	j.Func = reflect.MakeFunc(fv.Type(), j.call).Interface().(F)
	return j
}

// Stats returns the counters of j's cache.
func (j *Jitted[F]) Stats() JITStats {
	s := j.cache.Stats()
	return JITStats{Hits: s.Hits, Misses: s.Misses, Evictions: s.Evictions, TraceTime: s.TraceTime, CompileTime: s.CompileTime}
}

func funcName(fv reflect.Value) string {
	if fn := runtime.FuncForPC(fv.Pointer()); fn != nil {
		return fn.Name()
	}
	return "func"
}

func (j *Jitted[F]) call(args []reflect.Value) []reflect.Value {
	fl, err := flattener.FlattenFast(args)
	if err != nil {
		if fl, err = flattener.Flatten("arg", args); err != nil { // again, for the error's path
			return j.fail(err)
		}
	}
	signature := func() *jit.Signature {
		full, _ := flattener.Flatten("arg", args)
		return jit.NewSignature(full)
	}
	var why string
	c := j.cache.Get(fl.Shape, signature, func() *compiled { return j.compile(args, fl, why) }, func(w string) { why = w })
	inputs := make([]*core.Array, len(fl.Leaves))
	traced := false
	for i, l := range fl.Leaves {
		inputs[i] = l.Array
		traced = traced || l.Array.IsSymbolic()
	}
	var outs []*core.Array
	if traced {
		// Called inside another transformation (Grad, an outer JIT): run
		// the traced program through Bind so that transformation sees it.
		outs, _ = ad.Forward(c.prog, inputs)
	} else {
		outs = c.exe.Run(inputs)
	}
	leaves := make([]reflect.Value, len(outs))
	for i, o := range outs {
		leaves[i] = reflect.ValueOf(wrap(o))
	}
	return flattener.Rebuild(c.results, leaves)
}

// fail reports a bad call: as the error result when f returns one last,
// as a panic with *Error otherwise.
func (j *Jitted[F]) fail(err error) []reflect.Value {
	t := j.fn.Type()
	if n := t.NumOut(); n > 0 && t.Out(n-1) == errorType {
		outs := make([]reflect.Value, n)
		for i := range n - 1 {
			outs[i] = reflect.Zero(t.Out(i))
		}
		outs[n-1] = reflect.ValueOf(fmt.Errorf("nd.JIT(%s): %w", j.name, err))
		return outs
	}
	panic(core.Errorf("nd.JIT", "%s: %v", j.name, err))
}

func (j *Jitted[F]) compile(args []reflect.Value, fl *jit.Flat, why string) *compiled {
	t0 := time.Now()
	prog, results, captures := traceToProgram(j.fn, args, fl)
	if len(captures) > 0 {
		core.Panicf("nd.JIT", "%s uses %d arrays traced by an enclosing transformation (closed over); pass them as arguments", j.name, len(captures))
	}
	t1 := time.Now()
	optimized := opt.Optimize(prog)
	exe := jit.Compile(optimized)
	t2 := time.Now()
	j.cache.AddTimes(t1.Sub(t0), t2.Sub(t1))
	info := CompileInfo{Func: j.name, Why: why, Program: prog, Optimized: optimized, Trace: t1.Sub(t0), Compile: t2.Sub(t1)}
	if j.cfg.log != nil {
		fmt.Fprintf(j.cfg.log, "nd.JIT: compiling %s (%d equations, trace %v, compile %v): %s\n",
			j.name, len(prog.Eqns), info.Trace, info.Compile, info.Why)
	}
	if j.cfg.onCompile != nil {
		j.cfg.onCompile(info)
	}
	return &compiled{prog: prog, exe: exe, results: results}
}

// traceToProgram runs fn on symbolic stand-ins for the arrays of args and
// returns the recorded program, fn's results (with symbolic leaves) and the
// arrays of enclosing traces fn captured (the program's extra inputs).
// A panic in fn kills the trace and propagates.
func traceToProgram(fn reflect.Value, args []reflect.Value, fl *jit.Flat) (*ir.Program, []reflect.Value, []*core.Array) {
	t := jit.NewTrace()
	ok := false
	defer func() {
		if !ok {
			t.Kill()
		}
	}()
	syms := make([]reflect.Value, len(fl.Leaves))
	for i, l := range fl.Leaves {
		syms[i] = reflect.ValueOf(wrap(t.Input(l.Array.Aval())))
	}
	results := fn.Call(flattener.Rebuild(args, syms))
	rfl, err := flattener.Flatten("result", results)
	if err != nil {
		core.Panicf("nd.JIT", "%v", err)
	}
	outs := make([]*core.Array, len(rfl.Leaves))
	for i, l := range rfl.Leaves {
		outs[i] = l.Array
	}
	prog := t.Finish(outs)
	ok = true
	return prog, results, t.Captures()
}

// MakeIR traces f on args (as JIT would, without caching or running) and
// returns the program, like jax.make_jaxpr. Arrays in args are traced;
// every other value is static.
func MakeIR(f any, args ...any) (prog *ir.Program, err error) {
	fv := reflect.ValueOf(f)
	if fv.Kind() != reflect.Func || fv.IsNil() {
		return nil, fmt.Errorf("nd.MakeIR: want a non-nil func, got %T", f)
	}
	ft := fv.Type()
	if ft.NumIn() != len(args) && !ft.IsVariadic() {
		return nil, fmt.Errorf("nd.MakeIR: %s takes %d arguments, got %d", funcName(fv), ft.NumIn(), len(args))
	}
	vals := make([]reflect.Value, len(args))
	for i, a := range args {
		if a == nil {
			vals[i] = reflect.Zero(ft.In(min(i, ft.NumIn()-1)))
			continue
		}
		vals[i] = reflect.ValueOf(a)
		if want := ft.In(min(i, ft.NumIn()-1)); !ft.IsVariadic() && !vals[i].Type().AssignableTo(want) {
			return nil, fmt.Errorf("nd.MakeIR: argument %d has type %s, %s wants %s", i, vals[i].Type(), funcName(fv), want)
		}
	}
	fl, err := flattener.Flatten("arg", vals)
	if err != nil {
		return nil, fmt.Errorf("nd.MakeIR: %w", err)
	}
	prog, _, captures := traceToProgram(fv, vals, fl)
	if len(captures) > 0 {
		return nil, fmt.Errorf("nd.MakeIR: %s uses %d traced arrays of an enclosing trace", funcName(fv), len(captures))
	}
	return prog, nil
}
