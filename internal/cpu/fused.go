package cpu

import (
	"slices"
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

	// The loop runs over blocks of rowsPerBlock rows, blockLen elements.
	// Inputs are read in place where contiguous and outputs written in
	// place; every other slot the ops read or write lives in a block
	// buffer (buf[s], -1 for none; bufTypes[i] is buffer i's dtype): the
	// values computed inside the loop, and the blocks of inputs that must
	// be gathered. A slot's buffer is reused once its last reader has run,
	// so the block's working set stays small. loads are the input slots
	// the loop reads (full when a reduction reads them: no scalar
	// shortcut), outs the outputs it writes.
	rowsPerBlock, blockLen int
	buf                    []int
	bufTypes               []core.DType
	loads, outs            []int
	full                   []bool
	rowReads               [][2]int   // row-value slots the ops read, with the index of their reduction
	work                   *sync.Pool // of *fusedWork
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
	p.ops = costlyFirst(p.ops, p.produced)
	sortByStage(p.reduces)
	for s := range p.nslots {
		read := slices.ContainsFunc(p.ops, func(op fusedStep) bool { return slices.Contains(op.ins, s) })
		if p.rowOf[s] >= 0 && read {
			ri := slices.IndexFunc(p.reduces, func(r fusedStep) bool { return r.out == p.rowOf[s] })
			p.rowReads = append(p.rowReads, [2]int{s, ri})
		}
	}
	p.assignBuffers()
	p.work = &sync.Pool{New: func() any { return p.newWork() }}
	return p
}

// costlyOps are the elementwise primitives whose kernels spend many
// cycles per element (polynomials and divisions).
var costlyOps = map[string]bool{
	"exp": true, "expm1": true, "log": true, "log1p": true, "tanh": true, "logistic": true,
	"sin": true, "cos": true, "tan": true, "erf": true, "pow": true, "atan2": true,
}

// costlyFirst reorders the ops of each stage so that a costly op runs as
// soon as its operands are ready: when it reads an input that is also
// read by a cheap op, its long arithmetic over the block overlaps the
// memory loads that bring the input in: bench/jit_test.go's chain ran
// about 15% faster on one core than with tanh last.
// The order stays a topological one.
func costlyFirst(ops []fusedStep, produced []bool) []fusedStep {
	producer := map[int]int{} // slot -> index of the op that writes it
	for i, op := range ops {
		producer[op.out] = i
	}
	waits := make([]int, len(ops)) // operands whose producer has not run
	users := make([][]int, len(ops))
	for i, op := range ops {
		for _, s := range op.ins {
			if j, ok := producer[s]; ok && produced[s] {
				waits[i]++
				users[j] = append(users[j], i)
			}
		}
	}
	out := make([]fusedStep, 0, len(ops))
	done := make([]bool, len(ops))
	for range ops {
		pick, stage := -1, -1
		for i, op := range ops {
			if done[i] || waits[i] > 0 || stage >= 0 && op.stage != stage {
				continue
			}
			if pick < 0 {
				pick, stage = i, op.stage
			} else if costlyOps[op.prim.Name] && !costlyOps[ops[pick].prim.Name] {
				pick = i
			}
		}
		done[pick] = true
		for _, u := range users[pick] {
			waits[u]--
		}
		out = append(out, ops[pick])
	}
	return out
}

// assignBuffers gives every slot the loop touches a block buffer, reusing
// the buffer of a slot whose last reader has run (elementwise kernels may
// write over an operand they are reading at the same index).
func (p *fusedPlan) assignBuffers() {
	n := core.ShapeSize(p.shape)
	rows := n / p.rowLen
	block := fuseBlockCheap
	for _, op := range p.ops {
		if costlyOps[op.prim.Name] {
			block = fuseBlock
		}
	}
	p.rowsPerBlock = max(1, block/p.rowLen)
	if len(p.reduces) > 0 {
		// Row programs keep a row per block when rows are long, so that
		// row values are read as scalars rather than repeated along it.
		p.rowsPerBlock = max(1, rowBlock/p.rowLen)
	}
	p.blockLen = min(p.rowsPerBlock, rows) * p.rowLen
	p.buf = make([]int, p.nslots)
	p.full = make([]bool, p.nslots)
	last := make([]int, p.nslots) // position of the last reader
	for i := range p.buf {
		p.buf[i], last[i] = -1, -1
	}
	// Walk the loop in execution order: ops of a stage, then its reductions.
	walk := func(op func(pos int, s fusedStep), red func(pos int, s fusedStep)) {
		pos, oi, ri := 0, 0, 0
		for st := 0; st < p.stages; st++ {
			for ; oi < len(p.ops) && p.ops[oi].stage == st; oi++ {
				op(pos, p.ops[oi])
				pos++
			}
			for ; ri < len(p.reduces) && p.reduces[ri].stage == st; ri++ {
				red(pos, p.reduces[ri])
				pos++
			}
		}
	}
	needsLoad := func(s int) bool { return !p.produced[s] && p.rowOf[s] < 0 }
	walk(func(pos int, op fusedStep) {
		for _, s := range op.ins {
			last[s] = pos
			if needsLoad(s) && !slices.Contains(p.loads, s) {
				p.loads = append(p.loads, s)
			}
		}
	}, func(pos int, red fusedStep) {
		s := red.ins[0]
		last[s] = pos
		if needsLoad(s) {
			p.full[s] = true
			if !slices.Contains(p.loads, s) {
				p.loads = append(p.loads, s)
			}
		}
	})
	for _, s := range p.outputs {
		if p.produced[s] && p.rowOf[s] < 0 && !slices.Contains(p.outs, s) {
			p.outs = append(p.outs, s)
		}
	}
	var free []int
	take := func(s int) {
		for i, b := range free {
			if p.bufTypes[b] == p.dtypes[s] {
				p.buf[s] = b
				free = slices.Delete(free, i, i+1)
				return
			}
		}
		p.buf[s] = len(p.bufTypes)
		p.bufTypes = append(p.bufTypes, p.dtypes[s])
	}
	release := func(pos int, ins []int) {
		for _, s := range ins {
			if p.buf[s] >= 0 && last[s] == pos && !slices.Contains(free, p.buf[s]) {
				free = append(free, p.buf[s])
			}
		}
	}
	for _, s := range p.loads {
		take(s)
	}
	walk(func(pos int, op fusedStep) {
		release(pos, op.ins)
		if !slices.Contains(p.outs, op.out) {
			take(op.out)
		}
	}, func(pos int, red fusedStep) {
		release(pos, red.ins)
	})
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
		parallelTasks(n/p.rowLen, n, func(lo, hi int) {
			w := p.work.Get().(*fusedWork)
			p.runRows(w, env, direct, lo, hi)
			p.work.Put(w)
		})
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

// fusedWork is one worker's scratch space for a plan: a block-sized
// buffer for each buffer index, and for each row-value slot its values
// repeated along rows.
type fusedWork struct {
	bufs []any // typed slices of blockLen elements
	rows []any
}

func (p *fusedPlan) newWork() *fusedWork {
	w := &fusedWork{bufs: make([]any, len(p.bufTypes)), rows: make([]any, p.nslots)}
	for _, op := range p.ops {
		if i := p.buf[op.out]; i >= 0 && w.bufs[i] == nil {
			w.bufs[i] = core.MakeBufferUninit(p.bufTypes[i], p.blockLen)
		}
	}
	if p.rowsPerBlock > 1 {
		for _, op := range p.ops {
			for _, s := range op.ins {
				if p.rowOf[s] >= 0 && w.rows[s] == nil {
					w.rows[s] = core.MakeBufferUninit(p.dtypes[s], p.blockLen)
				}
			}
		}
	}
	return w
}

// gatherBuf returns buffer i, which holds gathered blocks of an input; it
// is allocated on first use, since most inputs are read in place.
func (w *fusedWork) gatherBuf(p *fusedPlan, i int) any {
	if w.bufs[i] == nil {
		w.bufs[i] = core.MakeBufferUninit(p.bufTypes[i], p.blockLen)
	}
	return w.bufs[i]
}

// runRows runs the loop over rows [lo, hi) (elements lo*rowLen up to
// hi*rowLen), a block of whole rows at a time, stage by stage. Each op's
// loop is bound once to its operands (Primitive.Loop); per block, the
// inputs that are read neither in place nor as a scalar are gathered
// into their block buffers, and after each reduction the row values
// that later stages read are set.
func (p *fusedPlan) runRows(w *fusedWork, env []*core.Array, direct []any, lo, hi int) {
	L := p.rowLen
	args := make([]core.BlockArg, p.nslots)
	var gathers []func(b, e int)
	for _, s := range p.loads {
		r := newReader(env[s], p.full[s])
		switch {
		case r.scalar != nil:
			args[s] = core.BlockArg{Data: r.scalar, Scalar: true}
		case r.flat != nil:
			args[s] = core.BlockArg{Data: r.flat}
		case p.rowsPerBlock == 1 && r.rowLen > 0 && r.rowLen%L == 0:
			// A last-axis broadcast (a column m[:, None] against x[i, :])
			// whose rows hold whole blocks: one value stands for a block.
			one := core.MakeBufferUninit(p.dtypes[s], 1)
			args[s] = core.BlockArg{Data: one, Scalar: true}
			gathers = append(gathers, func(b, _ int) { gatherAny(one, r.a, b, b+1) })
		default:
			buf := w.gatherBuf(p, p.buf[s])
			args[s] = core.BlockArg{Data: buf, Tiled: true}
			gathers = append(gathers, func(b, e int) { gatherAny(buf, r.a, b, e) })
		}
	}
	stream := false
	for s := range p.nslots {
		switch {
		case direct[s] != nil:
			// A large output (not a reduction's row values): written
			// once, block by block, so the ops may stream it past the
			// caches.
			big := p.rowOf[s] < 0 && core.ShapeSize(p.shapes[s])*p.dtypes[s].Size() >= StreamMin
			args[s] = core.BlockArg{Data: direct[s], Stream: big}
			stream = stream || big
		case p.buf[s] >= 0 && p.produced[s]:
			args[s] = core.BlockArg{Data: w.bufs[p.buf[s]], Tiled: true}
		}
	}
	// Row values read by the ops of later stages: a scalar when a block
	// is one row, else each row's value repeated along it; set after the
	// reduction that computes them.
	rowSets := make([][]func(r, re int), len(p.reduces))
	for _, rr := range p.rowReads {
		s, ri := rr[0], rr[1]
		vals := direct[p.rowOf[s]]
		if p.rowsPerBlock == 1 {
			one := core.MakeBufferUninit(p.dtypes[s], 1)
			args[s] = core.BlockArg{Data: one, Scalar: true}
			rowSets[ri] = append(rowSets[ri], func(r, _ int) { copyAny(one, vals, r) })
		} else {
			args[s] = core.BlockArg{Data: w.rows[s], Tiled: true}
			rows := w.rows[s]
			rowSets[ri] = append(rowSets[ri], func(r, re int) { repeatRows(rows, vals, r, re, L) })
		}
	}
	loops := make([]func(b, e int), len(p.ops))
	in := make([]core.BlockArg, 0, 4)
	for i, op := range p.ops {
		in = in[:0]
		for _, s := range op.ins {
			in = append(in, args[s])
		}
		loops[i] = op.prim.Loop(args[op.out], in, op.params)
	}
	if stream {
		defer StoreFence()
	}
	if len(p.reduces) == 0 && len(gathers) == 0 {
		// The common case, a plain elementwise loop over inputs read in
		// place: nothing but the ops' loops per block.
		for b := lo; b < hi; b += p.rowsPerBlock {
			e := min(b+p.rowsPerBlock, hi)
			for _, f := range loops {
				f(b, e)
			}
		}
		return
	}
	for r := lo; r < hi; r += p.rowsPerBlock {
		re := min(r+p.rowsPerBlock, hi)
		b, e := r*L, re*L
		for _, g := range gathers {
			g(b, e)
		}
		oi, ri := 0, 0
		for st := 0; st < p.stages; st++ {
			for ; oi < len(p.ops) && p.ops[oi].stage == st; oi++ {
				loops[oi](b, e)
			}
			for ; ri < len(p.reduces) && p.reduces[ri].stage == st; ri++ {
				red := p.reduces[ri]
				src := args[red.ins[0]]
				if src.Tiled {
					src.Data = sliceAny(src.Data, 0, e-b)
				} else {
					src.Data = sliceAny(src.Data, b, e)
				}
				red.prim.ReduceRows(sliceAny(direct[red.out], r, re), src.Data, L)
				for _, set := range rowSets[ri] {
					set(r, re)
				}
			}
		}
	}
}

// rowBlock is the block size of row programs, in elements.
const rowBlock = 2048

// fuseBlock is the block size of plain fused loops, in elements: small
// enough that the loads of the next block's inputs, which the hardware
// prefetchers start while the current block's ops run out of L1, overlap
// the arithmetic, so the loop streams memory as fast as a single pass
// would; large enough that the ops' calls cost little. (Measured on the
// chain of bench/jit_test.go, one core: 256 elements 8 ms by hand-written
// calls, 512 9 ms, 1024 11 ms, 16384 13 ms.)
const fuseBlock = 256

// fuseBlockCheap is the block size of plain fused loops of cheap ops
// alone (no costlyOps): the blocks' ops then run so fast that tiles of 256
// leave the streams idle between blocks. (Measured on one core, 16M
// float32: (a*b+c)*0.5+a 10.3-11.4 ms in blocks of 256, 7.0-7.9 in blocks
// of 128, 8.7-9.3 in blocks of 64; with tanh(a) for a, 128 is 5% slower
// than 256.)
const fuseBlockCheap = 128

// repeatRows sets dst[i*n : (i+1)*n] to vals[r+i] for each row r+i in
// [r, re).
func repeatRows(dst, vals any, r, re, n int) {
	switch d := dst.(type) {
	case []bool:
		repeatEach(d, vals.([]bool)[r:re], n)
	case []uint8:
		repeatEach(d, vals.([]uint8)[r:re], n)
	case []int32:
		repeatEach(d, vals.([]int32)[r:re], n)
	case []int64:
		repeatEach(d, vals.([]int64)[r:re], n)
	case []float32:
		repeatEach(d, vals.([]float32)[r:re], n)
	case []float64:
		repeatEach(d, vals.([]float64)[r:re], n)
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

// copyAny sets dst[0] to src[i] (typed slices of one dtype).
func copyAny(dst, src any, i int) {
	switch d := dst.(type) {
	case []bool:
		d[0] = src.([]bool)[i]
	case []uint8:
		d[0] = src.([]uint8)[i]
	case []int32:
		d[0] = src.([]int32)[i]
	case []int64:
		d[0] = src.([]int64)[i]
	case []float32:
		d[0] = src.([]float32)[i]
	case []float64:
		d[0] = src.([]float64)[i]
	}
}

// reader says how the loop reads an input array in C order: in place
// when contiguous, as one element when it is a broadcast scalar, else by
// gathering each block into its block buffer.
type reader struct {
	a      *core.Array
	flat   any
	scalar any
	rowLen int // > 0 when the array is a broadcast along its last axis
}

// newReader returns the reader of a. With full, the loop needs every
// element (a reduction reads it), so there are no scalar shortcuts.
func newReader(a *core.Array, full bool) reader {
	r := reader{a: a}
	switch {
	case !full && isBroadcastScalar(a):
		r.scalar = sliceAny(a.Buffer(), a.Offset(), a.Offset()+1)
	case a.IsContiguous():
		r.flat = sliceAny(a.Buffer(), a.Offset(), a.Offset()+a.Size())
	case !full:
		if n := a.Ndim(); n > 0 && a.Strides()[n-1] == 0 {
			r.rowLen = a.Shape()[n-1]
		}
	}
	return r
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

// gatherAny gathers elements [lo, hi) of a into scratch.
func gatherAny(scratch any, a *core.Array, lo, hi int) {
	switch s := scratch.(type) {
	case []bool:
		core.GatherBlock(s[:hi-lo], a, lo)
	case []uint8:
		core.GatherBlock(s[:hi-lo], a, lo)
	case []int32:
		core.GatherBlock(s[:hi-lo], a, lo)
	case []int64:
		core.GatherBlock(s[:hi-lo], a, lo)
	case []float32:
		core.GatherBlock(s[:hi-lo], a, lo)
	case []float64:
		core.GatherBlock(s[:hi-lo], a, lo)
	}
}
