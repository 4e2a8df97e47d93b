package nd

import (
	"reflect"

	"github.com/nd-go/nd/internal/ad"
	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// Vmap returns a function that applies f to every slice of a batch at
// once, like jax.vmap: the batched function takes arrays with an extra
// batch axis and returns results with one. inAxes gives, for each array of
// the argument in order (see JIT for how values are walked), the axis that
// is the batch (-1: not batched, shared by the whole batch); nil means axis
// 0 for every array. outAxes places the batch axis in each result array;
// nil means 0. f is traced once and each primitive's batch rule rewrites it
// for the batch: a matmul becomes one batched matmul, not a loop.
func Vmap[T, R any](f func(T) R, inAxes, outAxes []int) func(T) R {
	return func(x T) R {
		const op = "nd.Vmap"
		xv := reflect.ValueOf(&x).Elem()
		fl, err := flattener.Flatten("arg", []reflect.Value{xv})
		if err != nil {
			core.Panicf(op, "%v", err)
		}
		if inAxes != nil && len(inAxes) != len(fl.Leaves) {
			core.Panicf(op, "%d in axes for an argument holding %d arrays", len(inAxes), len(fl.Leaves))
		}
		// Move each batch axis first and check the batch sizes agree.
		batch := -1
		leaves := make([]*core.Array, len(fl.Leaves))
		dims := make([]int, len(fl.Leaves))
		unbatched := make([]reflect.Value, len(fl.Leaves))
		for i, l := range fl.Leaves {
			a, axis := l.Array, 0
			if inAxes != nil {
				axis = inAxes[i]
			}
			if axis < 0 {
				leaves[i], dims[i] = a, -1
				unbatched[i] = reflect.ValueOf(wrap(a))
				continue
			}
			axis = normAxis(op, axis, a.Ndim())
			a = moveAxis(a, axis, 0)
			if batch >= 0 && a.Shape()[0] != batch {
				core.Panicf(op, "%s has batch size %d along axis %d, others %d", l.Path, a.Shape()[0], axis, batch)
			}
			batch = a.Shape()[0]
			leaves[i], dims[i] = a, 0
			// One slice stands for the batch while tracing.
			unbatched[i] = reflect.ValueOf(wrap(core.Empty(a.DType(), a.Shape()[1:])))
		}
		if batch < 0 {
			core.Panicf(op, "no array of the argument is batched")
		}
		t := traceForDiff(op, reflect.ValueOf(f), flattener.Rebuild([]reflect.Value{xv}, unbatched)[0])
		in := append(leaves, t.inputs[t.nLeaves:]...)
		inDims := append(dims, make([]int, len(t.inputs)-t.nLeaves)...)
		for i := t.nLeaves; i < len(inDims); i++ {
			inDims[i] = -1
		}
		outs, odims := ad.Vmap(t.prog, in, inDims)
		if outAxes != nil && len(outAxes) != len(outs) {
			core.Panicf(op, "%d out axes for a result holding %d arrays", len(outAxes), len(outs))
		}
		for i, o := range outs {
			if odims[i] < 0 {
				o = prims.BroadcastLeading(o, batch)
			}
			if outAxes != nil {
				o = moveAxis(o, 0, normAxis(op, outAxes[i], o.Ndim()))
			}
			outs[i] = o
		}
		return flattener.Rebuild(t.results, valuesOf(outs))[0].Interface().(R)
	}
}

// moveAxis moves axis from to position to (np.moveaxis), as a transpose.
func moveAxis(a *core.Array, from, to int) *core.Array {
	if from == to {
		return a
	}
	perm := make([]int, 0, a.Ndim())
	for i := range a.Ndim() {
		if i != from {
			perm = append(perm, i)
		}
	}
	perm = append(perm[:to], append([]int{from}, perm[to:]...)...)
	return prims.Transpose(a, perm)
}
