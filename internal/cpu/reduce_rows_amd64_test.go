//go:build amd64 && !noasm

package cpu

import "testing"

// The AVX2 folds of rows, which the dispatched folds put behind the
// AVX-512 ones on CPUs that have both, give the Go folds' bits too.
func TestRowsFoldsAVX2MatchGo(t *testing.T) {
	if !reduceAVX2 {
		t.Skip("no AVX2")
	}
	testRowsFolds(t, [3]rowsFold[float32]{withRowsKernel(sumRowsF32AVX2, sumRowsGo[float32], 8),
		withRowsKernel(maxRowsF32AVX2, maxRowsGo[float32], 8), withRowsKernel(minRowsF32AVX2, minRowsGo[float32], 8)},
		[3]rowsFold[float32]{sumRowsGo[float32], maxRowsGo[float32], minRowsGo[float32]})
	testRowsFolds(t, [3]rowsFold[float64]{withRowsKernel(sumRowsF64AVX2, sumRowsGo[float64], 4),
		withRowsKernel(maxRowsF64AVX2, maxRowsGo[float64], 4), withRowsKernel(minRowsF64AVX2, minRowsGo[float64], 4)},
		[3]rowsFold[float64]{sumRowsGo[float64], maxRowsGo[float64], minRowsGo[float64]})
}

// The AVX2 searches down strided columns, which the AVX-512 ones replace
// on CPUs that have both, give argRows's answers too.
func TestArgRowsAVX2MatchGo(t *testing.T) {
	if !reduceAVX2 {
		t.Skip("no AVX2")
	}
	defer func(v bool) { reduceAVX512 = v }(reduceAVX512)
	reduceAVX512 = false
	testArgRowsAll(t)
}

// The AVX2 arg searches, which the AVX-512 ones replace for the floats on
// CPUs that have both, give argRun's answers too.
func TestArgRunnerAVX2MatchesArgRun(t *testing.T) {
	if !reduceAVX2 {
		t.Skip("no AVX2")
	}
	defer func(v bool) { reduceAVX512 = v }(reduceAVX512)
	reduceAVX512 = false
	testArgRunners(t)
}

// The AVX2 max and min leaves, which the AVX-512 ones replace on CPUs
// that have both, give the scalar loops' bits too.
func TestExtremesAVX2MatchScalarLoops(t *testing.T) {
	if !arithAVX2 {
		t.Skip("no AVX2")
	}
	defer func(v bool) { reduceAVX512 = v }(reduceAVX512)
	reduceAVX512 = false
	TestExtremesMatchScalarLoops(t)
}
