package nd

import (
	"fmt"
	"math"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/prims"
)

// Key is a key of nd's counter-based pseudo-random number generator, as in
// JAX: there is no hidden global state; every sampling function takes a
// Key and is a pure function of it, and a Key is used once and Split into
// fresh keys for further draws. The generator is Threefry-2x32 with 20
// rounds (Random123, JAX's default), and every function draws the same bits
// as its JAX counterpart (jax.random with the default, non-partitionable
// threefry), whatever GOMAXPROCS is and on every machine.
//
// The key's bits are an Array (int32 of shape (2,), the bit patterns of
// Threefry's two uint32 key words) rather than Go integers so that a Key
// passed to a traced function is traced like any other Array, and the
// sampling ops are primitives (random_bits) that a trace records.
type Key struct {
	// Bits holds the two key words as int32 bit patterns, shape (2,).
	Bits *Array
}

// NewKey returns the key for seed, as JAX's PRNGKey(seed): the words are
// the high and the low 32 bits of seed.
func NewKey(seed int64) Key {
	u := uint64(seed)
	return Key{Bits: wrap(core.New(core.Int32, []int{2}, []int32{int32(uint32(u >> 32)), int32(uint32(u))}))}
}

// keyArray returns k's bits, checking that k is a key.
func keyArray(op string, k Key) *core.Array {
	if k.Bits == nil {
		core.Panicf(op, "zero Key: make keys with nd.NewKey or Key.Split")
	}
	c := k.Bits.c()
	if av := c.Aval(); av.DType != core.Int32 || !core.EqualShapes(av.Shape, []int{2}) {
		core.Panicf(op, "key bits are %v of shape %v, want int32 of shape (2,)", av.DType, core.ShapeString(av.Shape))
	}
	return c
}

// Split returns n new keys derived from k, as jax.random.split(k, n): the
// keys are the rows of Threefry's output for the counters 0 ... 2n-1.
// Use one of them in place of k and keep the others for later draws.
func (k Key) Split(n int) []Key {
	c := keyArray("Key.Split", k)
	if n < 0 {
		core.Panicf("Key.Split", "negative number of keys %d", n)
	}
	rows := prims.RandomBits(c, 32, core.Int32, []int{n, 2})
	keys := make([]Key, n)
	for i := range keys {
		row := prims.Slice(rows, []int{i, 0}, []int{i + 1, 2}, []int{1, 1})
		keys[i] = Key{Bits: wrap(prims.Reshape(row, []int{2}))}
	}
	return keys
}

// String formats k as nd.Key(w0, w1) with its two words as unsigned
// numbers, or nd.Key(Traced<int32[2]>) while traced.
func (k Key) String() string {
	switch {
	case k.Bits == nil:
		return "nd.Key(nil)"
	case k.Bits.c().IsSymbolic():
		return "nd.Key(Traced<" + tracedAvalString(k.Bits.c().Aval()) + ">)"
	}
	w := Data[int32](k.Bits)
	if len(w) != 2 {
		return "nd.Key(" + tracedAvalString(k.Bits.c().Aval()) + ")"
	}
	return fmt.Sprintf("nd.Key(%d, %d)", uint32(w[0]), uint32(w[1]))
}

// RandomBits returns random 32-bit words of the given shape drawn under k,
// as jax.random.bits(k, shape) (uint32 in JAX): since nd has no uint32, the
// result is int64 with values in [0, 2**32).
func RandomBits(k Key, shape ...int) *Array {
	c := keyArray("nd.RandomBits", k)
	checkRandomShape("nd.RandomBits", shape)
	return wrap(prims.RandomBits(c, 32, core.Int64, clone(shape)))
}

// checkRandomShape panics on a negative dimension or a shape too large for
// one draw.
func checkRandomShape(op string, shape []int) {
	checkShape(op, shape)
	if n := core.ShapeSize(shape); int64(n) > prims.MaxRandomWords/2 {
		core.Panicf(op, "shape %v has %d elements, more than one draw allows (%d)", core.ShapeString(shape), n, prims.MaxRandomWords/2)
	}
}

// checkRandomFloat panics unless dtype is a float dtype.
func checkRandomFloat(op string, dtype DType) {
	if !dtype.IsFloat() {
		core.Panicf(op, "dtype %v: want float32 or float64", dtype)
	}
}

// uniform01 returns floats of dtype uniform in [0, 1) under key c.
func uniform01(c *core.Array, dtype DType, shape []int) *core.Array {
	bits, bdt := 32, core.Int32
	if dtype == Float64 {
		bits, bdt = 64, core.Int64
	}
	return prims.UnitFloat(prims.RandomBits(c, bits, bdt, clone(shape)))
}

// Uniform returns samples of the given float dtype and shape uniform in
// [0, 1), as jax.random.uniform(k, shape, dtype): the mantissa of each
// value is random (23 bits for float32, 52 for float64), so every value is a
// multiple of 2**-23 (2**-52).
func Uniform(k Key, dtype DType, shape ...int) *Array {
	c := keyArray("nd.Uniform", k)
	checkRandomFloat("nd.Uniform", dtype)
	checkRandomShape("nd.Uniform", shape)
	return wrap(uniform01(c, dtype, shape))
}

// Normal returns samples of the given float dtype and shape from the
// standard normal distribution, as jax.random.normal(k, shape, dtype): a
// uniform sample u in (-1, 1) becomes sqrt(2) * erfinv(u). The inverse
// error function is nd's own polynomial (Giles' approximation, as XLA's), so
// values match JAX to a few units in the last place and are identical on
// every machine.
func Normal(k Key, dtype DType, shape ...int) *Array {
	c := keyArray("nd.Normal", k)
	checkRandomFloat("nd.Normal", dtype)
	checkRandomShape("nd.Normal", shape)
	u := wrap(uniform01(c, dtype, shape))
	// JAX: uniform(lo, 1) with lo the float after -1, that is u*(1-lo) + lo,
	// where 1-lo rounds to 2 in either dtype.
	lo := math.Nextafter(-1, 0)
	if dtype == Float32 {
		lo = float64(math.Nextafter32(-1, 0))
	}
	v := Add(Mul(u, 2), lo)
	return Mul(wrap(prims.ErfInv(v.c())), math.Sqrt2)
}

// Bernoulli returns bool samples of the given shape that are true with
// probability p, as jax.random.bernoulli(k, p, shape): a float32 uniform
// sample below float32(p). p must lie in [0, 1].
func Bernoulli(k Key, p float64, shape ...int) *Array {
	c := keyArray("nd.Bernoulli", k)
	if !(p >= 0 && p <= 1) {
		core.Panicf("nd.Bernoulli", "probability %v outside [0, 1]", p)
	}
	checkRandomShape("nd.Bernoulli", shape)
	return Less(wrap(uniform01(c, Float32, shape)), p)
}

// RandInt returns int64 samples of the given shape uniform over the
// integers in [lo, hi), as jax.random.randint(k, shape, lo, hi, int32):
// two 32-bit words per value are reduced modulo hi-lo with JAX's uint32
// arithmetic, so the values match JAX's whenever lo and hi fit int32. The
// range hi-lo must be between 1 and 2**32.
func RandInt(k Key, lo, hi int64, shape ...int) *Array {
	const op = "nd.RandInt"
	keyArray(op, k)
	if lo >= hi {
		core.Panicf(op, "empty range: lo=%d >= hi=%d", lo, hi)
	}
	span := uint64(hi) - uint64(lo)
	if span > 1<<32 {
		core.Panicf(op, "range [%d, %d) is wider than 2**32", lo, hi)
	}
	checkRandomShape(op, shape)
	keys := k.Split(2)
	higher := wrap(prims.RandomBits(keyArray(op, keys[0]), 32, core.Int64, clone(shape)))
	lower := wrap(prims.RandomBits(keyArray(op, keys[1]), 32, core.Int64, clone(shape)))
	if span == 1<<32 {
		// uint32(span) is 0 in JAX, and x % 0 is x in XLA: the offset is
		// the lower word.
		return Add(lower, lo)
	}
	// (higher*2**32 + lower) mod span, with each step in wrapping uint32
	// arithmetic as JAX does it (the mask keeps the low 32 bits).
	s := int64(span)
	const mask int64 = 1<<32 - 1
	mult := (int64(1) << 16) % s
	mult = mult * mult % s
	rem := func(x *Array) *Array { return binary(op, prims.Rem, x, s) }
	offset := BitwiseAnd(Mul(rem(higher), mult), mask)
	offset = BitwiseAnd(Add(offset, rem(lower)), mask)
	return Add(rem(offset), lo)
}

// Permutation returns a random permutation of 0, 1, ..., n-1 (int64), as
// jax.random.permutation(k, n): the integers are sorted by random 32-bit
// keys, in as many rounds (each with a fresh key) as make ties unlikely.
func Permutation(k Key, n int) *Array {
	const op = "nd.Permutation"
	keyArray(op, k)
	if n < 0 {
		core.Panicf(op, "negative length %d", n)
	}
	checkRandomShape(op, []int{n})
	x := Arange(Int64, 0, float64(n), 1)
	rounds := int(math.Ceil(3 * math.Log(float64(max(1, n))) / math.Log(math.MaxUint32)))
	for range rounds {
		keys := k.Split(2)
		k = keys[0]
		sortKeys := prims.RandomBits(keyArray(op, keys[1]), 32, core.Int64, []int{n})
		x = wrap(prims.Sort([]*core.Array{sortKeys, x.c()}, 0, 1)[1])
	}
	return x
}
