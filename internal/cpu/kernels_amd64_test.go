//go:build amd64 && !noasm

package cpu

// testLevel is a vector level the tests run.
type testLevel struct {
	name string
	use  func()
}

// levelsForTest returns the levels this CPU has, best first, and the Go
// loops alone.
func levelsForTest() []testLevel {
	var ls []testLevel
	for l := cpuLevel; l >= levelGo; l-- {
		ls = append(ls, testLevel{[]string{"Go", "AVX2", "AVX512"}[l], func() { useVectorLevel(l) }})
	}
	return ls
}

func levelsRestore() { useVectorLevel(cpuLevel) }
