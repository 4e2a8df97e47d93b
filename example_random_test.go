package nd_test

import (
	"fmt"

	"github.com/nd-go/nd"
)

// Keys are split, never reused: each draw takes a fresh key.
func ExampleKey_Split() {
	key := nd.NewKey(0)
	fmt.Println(key)
	keys := key.Split(2)
	key, sub := keys[0], keys[1]
	fmt.Println(key, sub)
	fmt.Println(nd.Uniform(sub, nd.Float32, 3))
	// Output:
	// nd.Key(0, 0)
	// nd.Key(4146024105, 967050713) nd.Key(2718843009, 1272950319)
	// array([0.87241435, 0.11105156, 0.27708054], dtype=float32)
}

func ExampleUniform() {
	key := nd.NewKey(0)
	fmt.Println(nd.Uniform(key, nd.Float32))
	fmt.Println(nd.Uniform(key, nd.Float64, 2, 2))
	// Output:
	// array(0.41845703, dtype=float32)
	// array([[0.53222649, 0.34965687],
	//        [0.35358648, 0.95243876]])
}

func ExampleNormal() {
	// The same numbers as JAX's jax.random.normal(jax.random.PRNGKey(0), (10,)).
	fmt.Println(nd.Normal(nd.NewKey(0), nd.Float32, 10))
	// Output:
	// array([-0.3721109 ,  0.26423115, -0.18252768, -0.7368197 , -0.44030377,
	//        -0.1521442 , -0.67135346, -0.5908641 ,  0.73168886,  0.5673026 ],
	//       dtype=float32)
}

func ExampleBernoulli() {
	fmt.Println(nd.Bernoulli(nd.NewKey(1), 0.3, 8))
	// Output:
	// array([ True, False,  True, False, False,  True,  True,  True])
}

func ExampleRandInt() {
	fmt.Println(nd.RandInt(nd.NewKey(2), 1, 7, 10)) // ten dice
	// Output:
	// array([3, 1, 6, 4, 6, 5, 3, 5, 1, 3])
}

func ExamplePermutation() {
	fmt.Println(nd.Permutation(nd.NewKey(3), 8))
	// Output:
	// array([2, 4, 7, 0, 6, 3, 1, 5])
}
