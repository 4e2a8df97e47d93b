package core

import (
	"fmt"
	"sort"
	"sync"
)

// FusionClass says how a primitive takes part in fusion.
type FusionClass uint8

const (
	// Opaque primitives (matmul, sort, gather) run as their own kernel.
	Opaque FusionClass = iota
	// Elementwise primitives map equal-shaped inputs to an output element by element.
	Elementwise
	// Reduction primitives combine elements along axes; one may end a fused group.
	Reduction
	// Movement primitives (reshape, transpose, broadcast, slice) only change
	// how elements are indexed.
	Movement
)

// Primitive is one operation of nd with all of its rules side by side. Every
// op a user calls ends in Bind on a Primitive. Rules that a transformation
// needs and a primitive lacks are nil; the transformation reports that.
type Primitive struct {
	Name string

	// Abstract computes output avals from input avals and params. All shape
	// and dtype errors come from here (panics with *Error).
	Abstract func(args []Aval, params any) []Aval
	// Eager computes the outputs on concrete buffers; outs are the avals
	// Abstract returned.
	Eager func(args []*Array, outs []Aval, params any) []*Array
	// Fusion is the primitive's fusion class.
	Fusion FusionClass
	// Loop binds an elementwise primitive's kernel to its operands and
	// returns the loop that computes elements [lo, hi) of dst. dst and
	// each argument hold a typed slice: every element of the loop
	// (element i at index i), or, when Tiled, one block at a time
	// (element i at i-lo); a Scalar argument holds one element standing
	// for all, read again on every call. The fused executor binds each op
	// once per call and runs the loops block by block, with no dispatch
	// or allocation per block.
	Loop func(dst BlockArg, args []BlockArg, params any) func(lo, hi int)
	// ReduceRows, for a reduction, sets dst[i] to the reduction of the
	// contiguous row src[i*n : (i+1)*n] (typed slices), with the eager
	// kernel's arithmetic, so that a reduction can end a fused loop.
	ReduceRows func(dst, src any, n int)

	// JVP returns the tangents of the outputs given the primal inputs, the
	// primal outputs and the input tangents (forward mode). A nil tangent
	// is a zero. Written with the strict ops of package prims, so it is
	// itself traceable.
	JVP func(tangents, args, outs []*Array, params any) []*Array
	// VJP returns the cotangent of each input given the cotangents of the
	// outputs, the primal inputs and outputs (reverse mode). A nil
	// cotangent, in or out, is a zero; inputs that are not differentiable
	// (integers, indices) get nil. Written with the strict ops of package
	// prims.
	VJP func(cts, args, outs []*Array, params any) []*Array
	// Batch moves a batch dimension through the primitive (vmap): dims[i] is
	// the batch axis of args[i] or -1.
	Batch func(args []*Array, dims []int, params any) (outs []*Array, outDims []int)
	// Lowerings maps a target name ("onnx", "stablehlo", "c") to its rule.
	Lowerings map[string]any
}

// BlockArg is one operand of a bound loop (Primitive.Loop): a typed slice
// of the whole loop, of one block (Tiled), or of a single element
// broadcast over every block (Scalar). A destination marked Stream is a
// large output written once: the loop may store it past the caches (the
// executor fences those stores when the loop is done).
type BlockArg struct {
	Data   any
	Scalar bool
	Tiled  bool
	Stream bool
}

// String returns the primitive's name.
func (p *Primitive) String() string { return p.Name }

// Trace is a transformation in progress (jit tracing, jvp, vmap). Each trace
// has a level; when arguments belong to several traces, the one with the
// highest level (the innermost transformation) processes the call.
type Trace interface {
	Level() uint64
	Process(p *Primitive, args []*Array, params any) []*Array
}

// Bind is the only way an op runs: it hands the call to the innermost trace
// among the arguments, or evaluates it eagerly when none is traced.
func Bind(p *Primitive, args []*Array, params any) []*Array {
	var top Trace
	for _, a := range args {
		if a.trace != nil && (top == nil || a.trace.Level() > top.Level()) {
			top = a.trace
		}
	}
	if top != nil {
		return top.Process(p, args, params)
	}
	return Eval(p, args, params)
}

// Bind1 is Bind for primitives with one output.
func Bind1(p *Primitive, params any, args ...*Array) *Array {
	return Bind(p, args, params)[0]
}

// Eval checks the arguments with the abstract rule and runs the eager kernel.
func Eval(p *Primitive, args []*Array, params any) []*Array {
	var store [4]Aval
	avals := store[:0]
	for _, a := range args {
		avals = append(avals, Aval{a.dtype, a.shape})
	}
	outs := p.Abstract(avals, params)
	return p.Eager(args, outs, params)
}

var (
	registryMu sync.Mutex
	registry   = map[string]*Primitive{}
)

// Register records p under its name and returns it; names are unique.
func Register(p *Primitive) *Primitive {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[p.Name]; dup {
		panic(fmt.Sprintf("core.Register: primitive %q registered twice", p.Name))
	}
	registry[p.Name] = p
	return p
}

// Lookup returns the primitive registered under name.
func Lookup(name string) (*Primitive, bool) {
	registryMu.Lock()
	defer registryMu.Unlock()
	p, ok := registry[name]
	return p, ok
}

// Primitives returns every registered primitive, sorted by name.
func Primitives() []*Primitive {
	registryMu.Lock()
	defer registryMu.Unlock()
	ps := make([]*Primitive, 0, len(registry))
	for _, p := range registry {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Name < ps[j].Name })
	return ps
}
