//go:build !amd64 || noasm

package cpu

type testLevel struct {
	name string
	use  func()
}

func levelsForTest() []testLevel { return []testLevel{{"Go", func() {}}} }

func levelsRestore() {}
