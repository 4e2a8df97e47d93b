//go:build amd64 && !noasm

package cpu

import "testing"

// The AVX2 sums of rows, which the dispatched folds put behind the AVX-512
// ones on CPUs that have both, give the Go folds' bits too.
func TestRowsFoldsAVX2MatchGo(t *testing.T) {
	if !reduceAVX2 {
		t.Skip("no AVX2")
	}
	testRowsFolds(t, [3]rowsFold[float32]{withRowsKernel(sumRowsF32AVX2, sumRowsGo[float32], 8), maxRowsF32, minRowsF32},
		[3]rowsFold[float32]{sumRowsGo[float32], maxRowsGo[float32], minRowsGo[float32]})
	testRowsFolds(t, [3]rowsFold[float64]{withRowsKernel(sumRowsF64AVX2, sumRowsGo[float64], 4), maxRowsF64, minRowsF64},
		[3]rowsFold[float64]{sumRowsGo[float64], maxRowsGo[float64], minRowsGo[float64]})
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
