package cpu

import (
	"sort"
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
// variables, the movement steps that prepare views of the inputs, and the
// elementwise ops and row reductions run block by block. With reductions
// the body is a row program: blocks hold whole rows of rowLen elements, and
// the loop runs in stages, each ending with its reductions, whose row
// values (row scalars) later stages read.
type fusedPlan struct {
	nslots   int
	inputs   []int // slot of each body input
	consts   []int
	values   []*core.Array
	views    []fusedStep // movement ops on inputs, run once per call
	aliases  []fusedStep // movement ops of row scalars, views of the results
	ops      []fusedStep // elementwise ops, in stage order
	reduces  []fusedStep // reductions over trailing axes, in stage order
	stages   int
	outputs  []int  // slot of each body output
	produced []bool // slot is written by an op of the loop
	rowOf    []int  // for a row-scalar slot, the reduction slot it reads; else -1
	dtypes   []core.DType
	shapes   [][]int
	shape    []int // the elementwise ops' shape
	rowLen   int   // elements reduced into one row value (1 without reduction)
}

type fusedStep struct {
	prim   *core.Primitive
	params any
	ins    []int
	out    int
	aval   core.Aval
	stage  int
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
		p.rowOf = append(p.rowOf, -1)
		return slot[v]
	}
	for _, v := range body.Inputs {
		p.inputs = append(p.inputs, slotOf(v))
	}
	for i, v := range body.Consts {
		p.consts = append(p.consts, slotOf(v))
		p.values = append(p.values, body.ConstValues[i])
	}
	stage := map[int]int{} // slot -> first stage that can read it
	for _, e := range body.Eqns {
		s := fusedStep{prim: e.Prim, params: e.Params, aval: e.Outs[0].Type}
		for _, v := range e.Ins {
			s.ins = append(s.ins, slotOf(v))
		}
		s.out = slotOf(e.Outs[0])
		for _, in := range s.ins {
			s.stage = max(s.stage, stage[in])
		}
		switch {
		case e.Prim.Fusion == core.Movement && p.rowOf[s.ins[0]] >= 0:
			p.rowOf[s.out] = p.rowOf[s.ins[0]]
			stage[s.out] = stage[s.ins[0]]
			p.aliases = append(p.aliases, s)
		case e.Prim.Fusion == core.Movement:
			p.views = append(p.views, s)
		case e.Prim.Fusion == core.Reduction:
			p.rowOf[s.out] = s.out
			stage[s.out] = s.stage + 1
			p.reduces = append(p.reduces, s)
			p.rowLen = max(1, e.Ins[0].Type.Size()) / max(1, s.aval.Size())
		default:
			stage[s.out] = s.stage
			p.ops = append(p.ops, s)
			p.shape = s.aval.Shape
		}
		p.stages = max(p.stages, s.stage+1)
	}
	for _, v := range body.Outputs {
		p.outputs = append(p.outputs, slotOf(v))
	}
	p.nslots = len(slot)
	p.produced = make([]bool, p.nslots)
	for _, s := range p.ops {
		p.produced[s.out] = true
	}
	for _, s := range p.reduces {
		p.produced[s.out] = true
	}
	if p.rowLen == 0 {
		p.rowLen = 1
	}
	sortByStage := func(steps []fusedStep) {
		sort.SliceStable(steps, func(i, j int) bool { return steps[i].stage < steps[j].stage })
	}
	sortByStage(p.ops)
	sortByStage(p.reduces)
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
	// Outputs written by the loop, and every reduction's row values, get
	// fresh contiguous arrays (or dsts).
	direct := make([]any, p.nslots)
	give := func(s int, a *core.Array) {
		env[s] = a
		off := a.Offset()
		direct[s] = sliceAny(a.Buffer(), off, off+a.Size())
	}
	for i, s := range p.outputs {
		if p.produced[s] && direct[s] == nil {
			if dsts != nil && dsts[i] != nil {
				give(s, dsts[i])
			} else {
				give(s, core.Uninit(p.dtypes[s], p.shapes[s]))
			}
		}
	}
	for _, r := range p.reduces {
		if direct[r.out] == nil {
			give(r.out, core.Uninit(p.dtypes[r.out], p.shapes[r.out]))
		}
	}
	n := core.ShapeSize(p.shape)
	if len(p.reduces) > 0 && n == 0 {
		// Reducing empty rows: every row value is the identity.
		for _, r := range p.reduces {
			r.prim.ReduceRows(direct[r.out], sliceAny(core.MakeBuffer(p.dtypes[r.ins[0]], 0), 0, 0), 0)
		}
	}
	if n > 0 {
		rows := n / p.rowLen
		parallelTasks(rows, n, func(lo, hi int) { p.runRows(env, direct, lo, hi) })
	}
	for _, a := range p.aliases { // row scalars reshaped or broadcast: views
		env[a.out] = a.prim.Eager([]*core.Array{env[a.ins[0]]}, []core.Aval{a.aval}, a.params)[0]
	}
	outs := make([]*core.Array, len(p.outputs))
	for i, s := range p.outputs {
		outs[i] = env[s]
	}
	return outs
}

// runRows runs the loop over rows [lo, hi) (elements lo*rowLen up to
// hi*rowLen), a block of whole rows at a time, stage by stage.
func (p *fusedPlan) runRows(env []*core.Array, direct []any, lo, hi int) {
	L := p.rowLen
	rowsPerBlock := max(1, Block/L)
	if len(p.reduces) > 0 {
		// Row programs keep a row per block when rows are long, so that row
		// values are read as scalars rather than repeated along the block.
		rowsPerBlock = max(1, rowBlock/L)
	}
	bs := min(rowsPerBlock, hi-lo) * L  // elements per block
	scratch := make([]any, p.nslots)    // per-slot block buffers
	readers := make([]reader, p.nslots) // inputs read from whole arrays
	for _, op := range p.ops {
		for _, s := range op.ins {
			switch {
			case p.rowOf[s] >= 0:
				if rowsPerBlock > 1 && scratch[s] == nil {
					scratch[s] = core.MakeBuffer(p.dtypes[s], bs)
				}
			case !p.produced[s] && readers[s].a == nil:
				readers[s] = newReader(env[s], bs)
			}
		}
		if direct[op.out] == nil && scratch[op.out] == nil {
			scratch[op.out] = core.MakeBuffer(p.dtypes[op.out], bs)
		}
	}
	for _, red := range p.reduces {
		if in := red.ins[0]; !p.produced[in] && readers[in].a == nil {
			// A reduction reads whole elements: no scalar shortcuts.
			readers[in] = reader{a: env[in], scratch: core.MakeBuffer(env[in].DType(), bs)}
			if env[in].IsContiguous() {
				off := env[in].Offset()
				readers[in].flat = sliceAny(env[in].Buffer(), off, off+env[in].Size())
			}
		}
	}
	var argStore [4]core.BlockArg
	for r := lo; r < hi; r += rowsPerBlock {
		re := min(r+rowsPerBlock, hi)
		b, e := r*L, re*L
		oi, ri := 0, 0
		for st := 0; st < p.stages; st++ {
			for ; oi < len(p.ops) && p.ops[oi].stage == st; oi++ {
				op := p.ops[oi]
				args := argStore[:0]
				for _, s := range op.ins {
					switch {
					case p.rowOf[s] >= 0:
						args = append(args, p.rowValues(s, direct, scratch, r, re))
					case p.produced[s]:
						args = append(args, core.BlockArg{Data: p.blockOf(s, direct, scratch, b, e)})
					default:
						args = append(args, readers[s].block(b, e))
					}
				}
				op.prim.Block(p.blockOf(op.out, direct, scratch, b, e), args, op.params)
			}
			for ; ri < len(p.reduces) && p.reduces[ri].stage == st; ri++ {
				red := p.reduces[ri]
				var src any
				if in := red.ins[0]; p.produced[in] {
					src = p.blockOf(in, direct, scratch, b, e)
				} else {
					src = readers[in].block(b, e).Data
				}
				red.prim.ReduceRows(sliceAny(direct[red.out], r, re), src, L)
			}
		}
	}
}

// rowBlock is the block size of row programs, in elements.
const rowBlock = 2048

// rowValues returns a row scalar for rows [r, re) as a block operand: one
// value when the block is one row, else each row's value repeated along
// its row.
func (p *fusedPlan) rowValues(s int, direct, scratch []any, r, re int) core.BlockArg {
	vals := sliceAny(direct[p.rowOf[s]], r, re)
	if re-r == 1 {
		return core.BlockArg{Data: vals, Scalar: true}
	}
	out := sliceAny(scratch[s], 0, (re-r)*p.rowLen)
	repeatRows(out, vals, p.rowLen)
	return core.BlockArg{Data: out}
}

// repeatRows sets dst[i*n : (i+1)*n] to vals[i] for each i.
func repeatRows(dst, vals any, n int) {
	switch d := dst.(type) {
	case []bool:
		repeatEach(d, vals.([]bool), n)
	case []uint8:
		repeatEach(d, vals.([]uint8), n)
	case []int32:
		repeatEach(d, vals.([]int32), n)
	case []int64:
		repeatEach(d, vals.([]int64), n)
	case []float32:
		repeatEach(d, vals.([]float32), n)
	case []float64:
		repeatEach(d, vals.([]float64), n)
	}
}

func repeatEach[T core.Element](dst, vals []T, n int) {
	for i, v := range vals {
		row := dst[i*n : (i+1)*n]
		for j := range row {
			row[j] = v
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
