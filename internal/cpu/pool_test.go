package cpu

import (
	"sync"
	"sync/atomic"
	"testing"
)

// fork runs every piece exactly once and returns after all of them, alone,
// from several goroutines at once, and nested in a piece.
func TestForkRunsEveryPieceOnce(t *testing.T) {
	check := func(n int, nested bool) {
		counts := make([]atomic.Int32, n)
		var inner atomic.Int32
		fork(n, func(i int) {
			counts[i].Add(1)
			if nested && i == n-1 {
				fork(3, func(int) { inner.Add(1) })
			}
		})
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Errorf("fork(%d): piece %d ran %d times", n, i, c)
			}
		}
		if nested && n > 0 && inner.Load() != 3 {
			t.Errorf("fork(%d): nested fork ran %d pieces, want 3", n, inner.Load())
		}
	}
	for round := range 200 {
		for n := range 10 {
			check(n, round%2 == 1)
		}
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 100 {
				check(1+round%7, round%3 == 0)
			}
		}()
	}
	wg.Wait()
}

// A panic in the caller's piece leaves the pool usable.
func TestForkAfterPanic(t *testing.T) {
	func() {
		defer func() { _ = recover() }()
		fork(2, func(i int) {
			if i == 0 {
				panic("piece 0")
			}
		})
	}()
	if j := pool.job.Load(); j != nil {
		t.Fatal("the panicking fork still holds the job slot")
	}
	var n atomic.Int32
	fork(3, func(int) { n.Add(1) })
	if n.Load() != 3 {
		t.Fatalf("%d pieces ran, want 3", n.Load())
	}
}
