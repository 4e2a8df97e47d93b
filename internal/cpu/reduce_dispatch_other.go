//go:build !amd64 || noasm

package cpu

import "github.com/nd-go/nd/internal/core"

// Without the vector kernels the folds of rows run in Go.
var (
	sumRowsF32 rowsFold[float32] = sumRowsGo[float32]
	maxRowsF32 rowsFold[float32] = maxRowsGo[float32]
	minRowsF32 rowsFold[float32] = minRowsGo[float32]
	sumRowsF64 rowsFold[float64] = sumRowsGo[float64]
	maxRowsF64 rowsFold[float64] = maxRowsGo[float64]
	minRowsF64 rowsFold[float64] = minRowsGo[float64]
)

// argRunner returns argRun for T over a contiguous run.
func argRunner[T core.Number](isMax bool) func(x []T) int {
	return func(x []T) int { return argRun(x, isMax) }
}

func sumLeaves4F32(acc *[4][8]float32, x0, x1, x2, x3 []float32) {
	sumLeaves4Go(acc, x0, x1, x2, x3)
}

func sumLeaves4F64(acc *[4][8]float64, x0, x1, x2, x3 []float64) {
	sumLeaves4Go(acc, x0, x1, x2, x3)
}

// newArgRows returns the search of the columns of strided blocks, one per
// task: argRows here.
func newArgRows[T core.Number, I Index](isMax bool) func(out []I, x []T, rows, stride int) {
	return argRowsGo[T, I](isMax)
}
