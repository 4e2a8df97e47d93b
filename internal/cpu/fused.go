package cpu

import (
	"sync"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/ir"
)

// FusedParams are the params of a fused equation: the body, a program of
// movement ops on its inputs followed by elementwise ops that all produce
// arrays of one shape.
type FusedParams struct {
	Body *ir.Program
	plan *fusedPlan
	once *sync.Once
}

// NewFusedParams returns the params of a fused equation running body.
func NewFusedParams(body *ir.Program) FusedParams {
	return FusedParams{Body: body, plan: new(fusedPlan), once: new(sync.Once)}
}

// String prints the body, so IR text shows what was fused.
func (p FusedParams) String() string { return p.Body.String() }

// Fused is the primitive of a fused group: one loop over blocks of the
// output that runs every elementwise op of the body on the block while it
// sits in L1, with no full-size temporaries.
var Fused = core.Register(&core.Primitive{
	Name: "fused",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		body := params.(FusedParams).Body
		outs := make([]core.Aval, len(body.Outputs))
		for i, v := range body.Outputs {
			outs[i] = v.Type
		}
		return outs
	},
	Eager: func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		return RunFused(params.(FusedParams), args, nil)
	},
	Fusion: core.Opaque,
})

// RunFused runs a fused equation. dsts, when not nil, holds for each output
// a C-contiguous array of the output's type to write into (nil entries are
// allocated); it may be one of args when the plan says the input dies here.
func RunFused(p FusedParams, args, dsts []*core.Array) []*core.Array {
	p.once.Do(func() { *p.plan = planFused(p.Body) })
	return p.plan.run(args, dsts)
}

// fusedPlan is a fused body laid out for execution: slots instead of
// variables, the movement steps that prepare views of the inputs, the
// elementwise ops run block by block, and an optional reduction over
// trailing axes that ends the loop (each output element reduces one row of
// rowLen values).
type fusedPlan struct {
	nslots   int
	inputs   []int // slot of each body input
	consts   []int
	values   []*core.Array
	views    []fusedStep // movement ops, run once per call on whole arrays
	ops      []fusedStep // elementwise ops, run per block
	reduce   *fusedStep  // the reduction ending the loop, or nil
	outputs  []int       // slot of each body output
	produced []bool      // slot is written by an op of the loop
	dtypes   []core.DType
	shapes   [][]int
	shape    []int // the elementwise ops' shape
	rowLen   int   // elements reduced into one output (1 without reduction)
}

type fusedStep struct {
	prim   *core.Primitive
	params any
	ins    []int
	out    int
	aval   core.Aval
}

func planFused(body *ir.Program) fusedPlan {
	slot := map[*ir.Var]int{}
	p := fusedPlan{}
	slotOf := func(v *ir.Var) int {
		if s, ok := slot[v]; ok {
			return s
		}
		slot[v] = len(slot)
		p.dtypes = append(p.dtypes, v.Type.DType)
		p.shapes = append(p.shapes, v.Type.Shape)
		return slot[v]
	}
	for _, v := range body.Inputs {
		p.inputs = append(p.inputs, slotOf(v))
	}
	for i, v := range body.Consts {
		p.consts = append(p.consts, slotOf(v))
		p.values = append(p.values, body.ConstValues[i])
	}
	for _, e := range body.Eqns {
		s := fusedStep{prim: e.Prim, params: e.Params, aval: e.Outs[0].Type}
		for _, v := range e.Ins {
			s.ins = append(s.ins, slotOf(v))
		}
		s.out = slotOf(e.Outs[0])
		switch e.Prim.Fusion {
		case core.Movement:
			p.views = append(p.views, s)
		case core.Reduction:
			p.reduce = &s
		default:
			p.ops = append(p.ops, s)
			p.shape = s.aval.Shape
		}
	}
	for _, v := range body.Outputs {
		p.outputs = append(p.outputs, slotOf(v))
	}
	p.nslots = len(slot)
	p.produced = make([]bool, p.nslots)
	for _, s := range p.ops {
		p.produced[s.out] = true
	}
	p.rowLen = 1
	if p.reduce != nil {
		p.produced[p.reduce.out] = true
		p.rowLen = core.ShapeSize(p.shape) / max(1, p.reduce.aval.Size())
	}
	return p
}

func (p *fusedPlan) run(args, dsts []*core.Array) []*core.Array {
	env := make([]*core.Array, p.nslots)
	for i, s := range p.inputs {
		env[s] = args[i]
	}
	for i, s := range p.consts {
		env[s] = p.values[i]
	}
	var one [1]*core.Array
	for _, v := range p.views {
		in := one[:0]
		for _, s := range v.ins {
			in = append(in, env[s])
		}
		env[v.out] = v.prim.Eager(in, []core.Aval{v.aval}, v.params)[0]
	}
	// Outputs written by the loop get fresh contiguous arrays (or dsts).
	direct := make([]any, p.nslots)
	for i, s := range p.outputs {
		if p.produced[s] && direct[s] == nil {
			if dsts != nil && dsts[i] != nil {
				env[s] = dsts[i]
			} else {
				env[s] = core.Empty(p.dtypes[s], p.shapes[s])
			}
			off := env[s].Offset()
			direct[s] = sliceAny(env[s].Buffer(), off, off+env[s].Size())
		}
	}
	n := core.ShapeSize(p.shape)
	if p.reduce != nil && p.rowLen == 0 {
		// Reducing empty rows: every output is the identity.
		p.reduce.prim.ReduceRows(direct[p.reduce.out], sliceAny(core.MakeBuffer(p.dtypes[p.reduce.ins[0]], 0), 0, 0), 0)
		n = 0
	}
	if n > 0 {
		rows := n / p.rowLen
		parallelTasks(rows, n, func(lo, hi int) { p.runRows(env, direct, lo, hi) })
	}
	outs := make([]*core.Array, len(p.outputs))
	for i, s := range p.outputs {
		outs[i] = env[s]
	}
	return outs
}

// runRows runs the loop over rows [lo, hi) (elements lo*rowLen up to
// hi*rowLen), a block of whole rows at a time.
func (p *fusedPlan) runRows(env []*core.Array, direct []any, lo, hi int) {
	L := p.rowLen
	rowsPerBlock := max(1, Block/L)
	bs := min(rowsPerBlock, hi-lo) * L  // elements per block
	scratch := make([]any, p.nslots)    // per-slot block buffers
	readers := make([]reader, p.nslots) // inputs read from whole arrays
	for _, op := range p.ops {
		for _, s := range op.ins {
			if !p.produced[s] && readers[s].a == nil {
				readers[s] = newReader(env[s], bs)
			}
		}
		if direct[op.out] == nil && scratch[op.out] == nil {
			scratch[op.out] = core.MakeBuffer(p.dtypes[op.out], bs)
		}
	}
	var argStore [4]core.BlockArg
	for r := lo; r < hi; r += rowsPerBlock {
		re := min(r+rowsPerBlock, hi)
		b, e := r*L, re*L
		for _, op := range p.ops {
			args := argStore[:0]
			for _, s := range op.ins {
				if p.produced[s] {
					args = append(args, core.BlockArg{Data: p.blockOf(s, direct, scratch, b, e)})
					continue
				}
				args = append(args, readers[s].block(b, e))
			}
			op.prim.Block(p.blockOf(op.out, direct, scratch, b, e), args, op.params)
		}
		if red := p.reduce; red != nil {
			src := p.blockOf(red.ins[0], direct, scratch, b, e)
			red.prim.ReduceRows(sliceAny(direct[red.out], r, re), src, L)
		}
	}
}

// blockOf returns elements [b, e) of a slot written by the loop: a piece of
// its output array, or its scratch block.
func (p *fusedPlan) blockOf(s int, direct, scratch []any, b, e int) any {
	if direct[s] != nil {
		return sliceAny(direct[s], b, e)
	}
	return sliceAny(scratch[s], 0, e-b)
}

// reader yields blocks of an array in C order: a subslice when contiguous,
// one element when it is a broadcast scalar, a gathered copy otherwise.
type reader struct {
	a       *core.Array
	flat    any
	scalar  any
	scratch any
	rowLen  int // > 0 when the array is a broadcast along its last axis
}

func newReader(a *core.Array, blockSize int) reader {
	r := reader{a: a}
	switch {
	case isBroadcastScalar(a):
		r.scalar = sliceAny(a.Buffer(), a.Offset(), a.Offset()+1)
	case a.IsContiguous():
		r.flat = sliceAny(a.Buffer(), a.Offset(), a.Offset()+a.Size())
	default:
		r.scratch = core.MakeBuffer(a.DType(), blockSize)
		if n := a.Ndim(); n > 0 && a.Strides()[n-1] == 0 {
			r.rowLen = a.Shape()[n-1]
		}
	}
	return r
}

func (r *reader) block(lo, hi int) core.BlockArg {
	switch {
	case r.scalar != nil:
		return core.BlockArg{Data: r.scalar, Scalar: true}
	case r.flat != nil:
		return core.BlockArg{Data: sliceAny(r.flat, lo, hi)}
	case r.rowLen > 0 && lo/r.rowLen == (hi-1)/r.rowLen:
		// A block within one row of a last-axis broadcast (a column
		// m[:, None] against x[i, :]): one value stands for the block.
		return core.BlockArg{Data: gatherAny(r.scratch, r.a, lo, lo+1), Scalar: true}
	}
	return core.BlockArg{Data: gatherAny(r.scratch, r.a, lo, hi)}
}

func isBroadcastScalar(a *core.Array) bool {
	for i, s := range a.Strides() {
		if s != 0 && a.Shape()[i] != 1 {
			return false
		}
	}
	return a.Size() > 0
}

// sliceAny returns buf[lo:hi] for a typed slice held in an interface.
func sliceAny(buf any, lo, hi int) any {
	switch b := buf.(type) {
	case []bool:
		return b[lo:hi]
	case []uint8:
		return b[lo:hi]
	case []int32:
		return b[lo:hi]
	case []int64:
		return b[lo:hi]
	case []float32:
		return b[lo:hi]
	case []float64:
		return b[lo:hi]
	}
	panic("cpu: not a typed buffer")
}

// gatherAny gathers elements [lo, hi) of a into scratch and returns them.
func gatherAny(scratch any, a *core.Array, lo, hi int) any {
	switch s := scratch.(type) {
	case []bool:
		core.GatherBlock(s[:hi-lo], a, lo)
		return s[:hi-lo]
	case []uint8:
		core.GatherBlock(s[:hi-lo], a, lo)
		return s[:hi-lo]
	case []int32:
		core.GatherBlock(s[:hi-lo], a, lo)
		return s[:hi-lo]
	case []int64:
		core.GatherBlock(s[:hi-lo], a, lo)
		return s[:hi-lo]
	case []float32:
		core.GatherBlock(s[:hi-lo], a, lo)
		return s[:hi-lo]
	case []float64:
		core.GatherBlock(s[:hi-lo], a, lo)
		return s[:hi-lo]
	}
	panic("cpu: not a typed buffer")
}
