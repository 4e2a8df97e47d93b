package cpu

import "math/bits"

// This file holds the Threefry-2x32 counter-based generator (Salmon et al.,
// "Parallel random numbers: as easy as 1, 2, 3", SC 2011; the Random123
// library) with 20 rounds, the function JAX's PRNG is built on, and the
// kernels that turn it into arrays of random bits the way JAX's
// threefry_random_bits does. Every output word depends only on the key and
// its position, so the work splits over cores without changing a bit.

// Threefry2x32 encrypts the counter pair (x0, x1) under the key (k0, k1)
// with 20 rounds of Threefry-2x32.
func Threefry2x32(k0, k1, x0, x1 uint32) (uint32, uint32) {
	k2 := k0 ^ k1 ^ 0x1BD11BDA
	x0 += k0
	x1 += k1
	// Five groups of four rounds; a key injection follows each group.
	x0, x1 = threefryRounds(x0, x1, 13, 15, 26, 6)
	x0 += k1
	x1 += k2 + 1
	x0, x1 = threefryRounds(x0, x1, 17, 29, 16, 24)
	x0 += k2
	x1 += k0 + 2
	x0, x1 = threefryRounds(x0, x1, 13, 15, 26, 6)
	x0 += k0
	x1 += k1 + 3
	x0, x1 = threefryRounds(x0, x1, 17, 29, 16, 24)
	x0 += k1
	x1 += k2 + 4
	x0, x1 = threefryRounds(x0, x1, 13, 15, 26, 6)
	x0 += k2
	x1 += k0 + 5
	return x0, x1
}

// threefryRounds applies four mix rounds with the given rotations.
func threefryRounds(x0, x1 uint32, r0, r1, r2, r3 int) (uint32, uint32) {
	x0 += x1
	x1 = bits.RotateLeft32(x1, r0) ^ x0
	x0 += x1
	x1 = bits.RotateLeft32(x1, r1) ^ x0
	x0 += x1
	x1 = bits.RotateLeft32(x1, r2) ^ x0
	x0 += x1
	x1 = bits.RotateLeft32(x1, r3) ^ x0
	return x0, x1
}

// threefry2x32Pair runs Threefry2x32 on two counter pairs at once, so that
// the two dependency chains overlap in the pipeline.
func threefry2x32Pair(k0, k1, x0, x1, z0, z1 uint32) (uint32, uint32, uint32, uint32) {
	k2 := k0 ^ k1 ^ 0x1BD11BDA
	x0 += k0
	x1 += k1
	z0 += k0
	z1 += k1
	x0, x1, z0, z1 = threefryRoundsPair(x0, x1, z0, z1, 13, 15, 26, 6)
	x0 += k1
	x1 += k2 + 1
	z0 += k1
	z1 += k2 + 1
	x0, x1, z0, z1 = threefryRoundsPair(x0, x1, z0, z1, 17, 29, 16, 24)
	x0 += k2
	x1 += k0 + 2
	z0 += k2
	z1 += k0 + 2
	x0, x1, z0, z1 = threefryRoundsPair(x0, x1, z0, z1, 13, 15, 26, 6)
	x0 += k0
	x1 += k1 + 3
	z0 += k0
	z1 += k1 + 3
	x0, x1, z0, z1 = threefryRoundsPair(x0, x1, z0, z1, 17, 29, 16, 24)
	x0 += k1
	x1 += k2 + 4
	z0 += k1
	z1 += k2 + 4
	x0, x1, z0, z1 = threefryRoundsPair(x0, x1, z0, z1, 13, 15, 26, 6)
	x0 += k2
	x1 += k0 + 5
	z0 += k2
	z1 += k0 + 5
	return x0, x1, z0, z1
}

func threefryRoundsPair(x0, x1, z0, z1 uint32, r0, r1, r2, r3 int) (uint32, uint32, uint32, uint32) {
	x0 += x1
	z0 += z1
	x1 = bits.RotateLeft32(x1, r0) ^ x0
	z1 = bits.RotateLeft32(z1, r0) ^ z0
	x0 += x1
	z0 += z1
	x1 = bits.RotateLeft32(x1, r1) ^ x0
	z1 = bits.RotateLeft32(z1, r1) ^ z0
	x0 += x1
	z0 += z1
	x1 = bits.RotateLeft32(x1, r2) ^ x0
	z1 = bits.RotateLeft32(z1, r2) ^ z0
	x0 += x1
	z0 += z1
	x1 = bits.RotateLeft32(x1, r3) ^ x0
	z1 = bits.RotateLeft32(z1, r3) ^ z0
	return x0, x1, z0, z1
}

// threefryGrain is the number of counter pairs worth handing to a core.
const threefryGrain = 1 << 14

// RandomBits32 fills dst with n = len(dst) random 32-bit words under key
// (k0, k1), as JAX's threefry_2x32(key, iota(n)): with h = ceil(n/2), the
// counter pairs are (j, j+h) for j < h (the last one (h-1, 0) when n is
// odd), and the two words of pair j go to dst[j] and dst[j+h]. T is int32
// (the words' bit patterns) or int64 (the words as values in [0, 2**32)).
func RandomBits32[T int32 | int64](dst []T, k0, k1 uint32) {
	n := len(dst)
	h := (n + 1) / 2
	ParallelFor(h, threefryGrain, func(lo, hi int) {
		j := lo
		for full := min(hi, n-h); j+1 < full; j += 2 {
			y0, y1, w0, w1 := threefry2x32Pair(k0, k1, uint32(j), uint32(j+h), uint32(j+1), uint32(j+1+h))
			dst[j], dst[j+1] = T(y0), T(w0)
			dst[j+h], dst[j+1+h] = T(y1), T(w1)
		}
		for ; j < hi; j++ {
			c1 := uint32(j + h)
			if j+h >= n {
				c1 = 0 // JAX pads an odd count with a zero counter
			}
			y0, y1 := Threefry2x32(k0, k1, uint32(j), c1)
			dst[j] = T(y0)
			if j+h < n {
				dst[j+h] = T(y1)
			}
		}
	})
}

// RandomBits64 fills dst with len(dst) random 64-bit words under key (k0,
// k1), as JAX's threefry_random_bits(key, 64, n): 2n 32-bit words are drawn
// from counter pairs (j, j+n), and word j is y0<<32 | y1 of pair j.
func RandomBits64(dst []int64, k0, k1 uint32) {
	n := len(dst)
	ParallelFor(n, threefryGrain, func(lo, hi int) {
		j := lo
		for ; j+1 < hi; j += 2 {
			y0, y1, w0, w1 := threefry2x32Pair(k0, k1, uint32(j), uint32(j+n), uint32(j+1), uint32(j+1+n))
			dst[j] = int64(uint64(y0)<<32 | uint64(y1))
			dst[j+1] = int64(uint64(w0)<<32 | uint64(w1))
		}
		for ; j < hi; j++ {
			y0, y1 := Threefry2x32(k0, k1, uint32(j), uint32(j+n))
			dst[j] = int64(uint64(y0)<<32 | uint64(y1))
		}
	})
}
