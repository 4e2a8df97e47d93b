package ad

import "math/rand"

// Cases of fma's rules: a*b + c is smooth everywhere, so any operands do.
func init() {
	r := rand.New(rand.NewSource(12))
	for _, shape := range [][]int{{}, {5}, {2, 3}} {
		addCase("fma", nil, randArray(r, -2, 2, shape...), randArray(r, -2, 2, shape...), randArray(r, -2, 2, shape...))
	}
}
