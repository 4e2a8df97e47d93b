package jit

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/nd-go/nd/internal/core"
)

func sig(key string) *Signature { return &Signature{Structure: key, key: key} }

func TestCacheLRUEviction(t *testing.T) {
	c := NewCache[int](2)
	builds := 0
	get := func(k string) int {
		return c.Get(k, func() *Signature { return sig(k) }, func() int { builds++; return len(k) }, nil)
	}
	get("a")
	get("bb")
	get("a")   // a is now most recent
	get("ccc") // evicts bb
	if c.Len() != 2 {
		t.Fatalf("len %d, want 2", c.Len())
	}
	get("a") // still cached
	if builds != 3 {
		t.Fatalf("%d builds, want 3", builds)
	}
	get("bb") // rebuilt
	if s := c.Stats(); builds != 4 || s.Evictions != 2 || s.Hits != 2 || s.Misses != 4 {
		t.Fatalf("builds %d stats %+v", builds, s)
	}
}

func TestCacheConcurrentMissBuildsOnce(t *testing.T) {
	c := NewCache[int](4)
	var builds atomic.Int32
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			v := c.Get("k", func() *Signature { return sig("k") }, func() int { builds.Add(1); return 7 }, nil)
			if v != 7 {
				t.Errorf("got %d", v)
			}
		}()
	}
	close(start)
	wg.Wait()
	if builds.Load() != 1 {
		t.Fatalf("%d builds for one key, want 1", builds.Load())
	}
}

func TestCacheFailedBuildIsRetried(t *testing.T) {
	c := NewCache[int](4)
	func() {
		defer func() { recover() }()
		c.Get("k", func() *Signature { return sig("k") }, func() int { panic("trace failed") }, nil)
	}()
	if c.Len() != 0 {
		t.Fatalf("failed build left %d entries", c.Len())
	}
	if v := c.Get("k", func() *Signature { return sig("k") }, func() int { return 1 }, nil); v != 1 {
		t.Fatalf("got %d", v)
	}
}

func TestSignatureDiff(t *testing.T) {
	f32 := func(shape ...int) core.Aval { return core.Aval{DType: core.Float32, Shape: shape} }
	old := &Signature{Leaves: []LeafType{{"arg0", f32(3)}, {"arg1.W", f32(2, 2)}}, Statics: []Static{{"arg2", "5"}}, key: "x"}
	cur := &Signature{Leaves: []LeafType{{"arg0", f32(4)}, {"arg1.W", f32(2, 2)}}, Statics: []Static{{"arg2", "6"}}, key: "y"}
	want := "arg0: float32(3,) -> float32(4,); arg2: static value 5 -> 6"
	if got := cur.Diff(old); got != want {
		t.Fatalf("Diff = %q\nwant %q", got, want)
	}
	if got := cur.Diff(nil); got != "first call" {
		t.Fatalf("Diff(nil) = %q", got)
	}
	_ = fmt.Sprint
}
