//go:build amd64 && !noasm

package cpu

// The padding every vector math loop of an AVX2 kernel shares
// (mathf32, mathlog and mathtrig dispatch).

// vecAll runs the kernel k, when ok (the CPU has it), which does the first len(s)&^(lanes-1)
// elements, over all of s: the last len(s)%lanes go through a copy padded
// with zeros. The vector kernels' bits differ from the scalar functions'
// by an ulp here and there, so an element must not take the scalar path
// merely because it fell at the end of a block: eager and fused loops
// cut blocks differently and must agree bit for bit.
func vecAll[T float32 | float64](ok bool, d, s []T, lanes int, k func(d, s []T)) int {
	if !ok {
		return 0
	}
	n := len(s) &^ (lanes - 1)
	if n > 0 {
		k(d[:n], s[:n])
	}
	if r := len(s) - n; r > 0 {
		var in, out [8]T
		copy(in[:], s[n:])
		k(out[:lanes], in[:lanes])
		copy(d[n:], out[:r])
	}
	return len(s)
}
