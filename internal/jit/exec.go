package jit

import (
	"fmt"
	"sync"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
	"github.com/nd-go/nd/internal/opt"
	"github.com/nd-go/nd/ir"
)

// Executable runs a compiled program on concrete arrays.
type Executable struct {
	prog  *ir.Program
	steps []step
	nvars int
	pool  bufferPool
}

type step struct {
	prim    *core.Primitive
	params  any
	ins     []int
	outs    []int
	avals   []core.Aval
	inPlace int   // input index whose buffer the output takes, or -1
	release []int // slots whose buffers die after this step
}

// Compile turns an optimized program into an executable: variables become
// slots of a dense table, each equation calls its kernel directly with its
// output types known in advance, and the memory plan's dead buffers are
// reused (in place, or through a pool kept across calls).
func Compile(p *ir.Program) *Executable {
	p, plan := opt.PlanMemory(p)
	x := &Executable{prog: p, nvars: p.NumVars()}
	for i, e := range p.Eqns {
		s := step{prim: e.Prim, params: e.Params, inPlace: plan.InPlace[i]}
		for _, v := range e.Ins {
			s.ins = append(s.ins, v.ID)
		}
		for _, v := range e.Outs {
			s.outs = append(s.outs, v.ID)
			s.avals = append(s.avals, v.Type)
		}
		for _, v := range plan.Release[i] {
			s.release = append(s.release, v.ID)
		}
		x.steps = append(x.steps, s)
	}
	return x
}

// Program returns the program the executable runs.
func (x *Executable) Program() *ir.Program { return x.prog }

// Run executes the program on inputs (concrete arrays of the program's
// input types) and returns its outputs. It is safe for concurrent use.
func (x *Executable) Run(inputs []*core.Array) []*core.Array {
	p := x.prog
	if len(inputs) != len(p.Inputs) {
		panic(fmt.Sprintf("jit: %d inputs for a program of %d", len(inputs), len(p.Inputs)))
	}
	env := make([]*core.Array, x.nvars)
	for i, v := range p.Inputs {
		env[v.ID] = inputs[i]
	}
	for i, v := range p.Consts {
		env[v.ID] = p.ConstValues[i]
	}
	var argStore [4]*core.Array
	for _, s := range x.steps {
		args := argStore[:0]
		for _, id := range s.ins {
			args = append(args, env[id])
		}
		var outs []*core.Array
		if s.prim == cpu.Fused {
			outs = cpu.RunFused(s.params.(cpu.FusedParams), args, x.destinations(s, args))
		} else {
			outs = s.prim.Eager(args, s.avals, s.params)
		}
		for i, id := range s.outs {
			env[id] = outs[i]
		}
		for _, id := range s.release {
			x.pool.put(env[id])
			env[id] = nil
		}
	}
	outs := make([]*core.Array, len(p.Outputs))
	for i, v := range p.Outputs {
		outs[i] = env[v.ID]
	}
	return outs
}

// destinations picks the output buffers of a fused step: the dying input
// the plan names, or buffers from the pool.
func (x *Executable) destinations(s step, args []*core.Array) []*core.Array {
	dsts := make([]*core.Array, len(s.avals))
	for i, av := range s.avals {
		if i == 0 && s.inPlace >= 0 {
			in := args[s.inPlace]
			dsts[i] = core.New(av.DType, av.Shape, in.Buffer())
			continue
		}
		dsts[i] = x.pool.get(av)
	}
	return dsts
}

// bufferPool keeps dead intermediate buffers by dtype and size for reuse by
// later steps and later calls.
type bufferPool struct {
	mu   sync.Mutex
	free map[poolKey][]any
}

type poolKey struct {
	dtype core.DType
	size  int
}

func (bp *bufferPool) put(a *core.Array) {
	if a == nil || a.Offset() != 0 || !a.IsContiguous() || a.Size() == 0 {
		return
	}
	bp.mu.Lock()
	defer bp.mu.Unlock()
	if bp.free == nil {
		bp.free = map[poolKey][]any{}
	}
	k := poolKey{a.DType(), a.Size()}
	bp.free[k] = append(bp.free[k], a.Buffer())
}

// get returns a pooled buffer of av's type as an array, or nil.
func (bp *bufferPool) get(av core.Aval) *core.Array {
	bp.mu.Lock()
	defer bp.mu.Unlock()
	k := poolKey{av.DType, av.Size()}
	bufs := bp.free[k]
	if len(bufs) == 0 {
		return nil
	}
	buf := bufs[len(bufs)-1]
	bp.free[k] = bufs[:len(bufs)-1]
	return core.New(av.DType, av.Shape, buf)
}
