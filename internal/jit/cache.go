package jit

import (
	"container/list"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/nd-go/nd/internal/core"
)

// Signature is the cache key of a call: the arguments' tree structure, each
// array's dtype and shape, and each static value. Two calls with equal
// signatures run the same compiled program.
type Signature struct {
	Structure string
	Leaves    []LeafType
	Statics   []Static
	key       string
}

// LeafType is the path and abstract value of one array argument.
type LeafType struct {
	Path string
	Type core.Aval
}

// NewSignature returns the signature of flattened arguments (flattened
// with paths, for Diff).
func NewSignature(fl *Flat) *Signature {
	s := &Signature{Structure: fl.Shape, Statics: fl.Statics, key: fl.Shape}
	for _, l := range fl.Leaves {
		s.Leaves = append(s.Leaves, LeafType{l.Path, l.Array.Aval()})
	}
	return s
}

// Key returns the signature as a string usable as a map key.
func (s *Signature) Key() string { return s.key }

// Diff explains how s differs from old, naming each changed argument by its
// path: "arg0: float32(3,) -> float32(4,)". It returns "" when they are
// equal.
func (s *Signature) Diff(old *Signature) string {
	if old == nil {
		return "first call"
	}
	var diffs []string
	oldLeaves := map[string]core.Aval{}
	for _, l := range old.Leaves {
		oldLeaves[l.Path] = l.Type
	}
	for _, l := range s.Leaves {
		o, ok := oldLeaves[l.Path]
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("%s: new array %v", l.Path, l.Type))
		case o.String() != l.Type.String():
			diffs = append(diffs, fmt.Sprintf("%s: %v -> %v", l.Path, o, l.Type))
		}
	}
	oldStatics := map[string]string{}
	for _, st := range old.Statics {
		oldStatics[st.Path] = st.Value
	}
	for _, st := range s.Statics {
		o, ok := oldStatics[st.Path]
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("%s: new static value %s", st.Path, st.Value))
		case o != st.Value:
			diffs = append(diffs, fmt.Sprintf("%s: static value %s -> %s", st.Path, o, st.Value))
		}
	}
	if len(diffs) == 0 && s.key != old.key {
		diffs = append(diffs, "argument structure changed")
	}
	return strings.Join(diffs, "; ")
}

// Stats counts what a cache did.
type Stats struct {
	Hits, Misses, Evictions int
	TraceTime, CompileTime  time.Duration
}

// Cache maps signatures to compiled values, at most Capacity of them, with
// least-recently-used eviction. Concurrent lookups of one missing signature
// build it once; the others wait for it.
type Cache[V any] struct {
	mu       sync.Mutex
	capacity int
	entries  map[string]*cacheEntry[V]
	order    *list.List // front: most recently used
	stats    Stats
	last     *Signature
}

type cacheEntry[V any] struct {
	sig   *Signature
	ready chan struct{}
	val   V
	ok    bool
	elem  *list.Element
}

// NewCache returns an empty cache holding at most capacity entries
// (capacity <= 0 means 64).
func NewCache[V any](capacity int) *Cache[V] {
	if capacity <= 0 {
		capacity = 64
	}
	return &Cache[V]{capacity: capacity, entries: map[string]*cacheEntry[V]{}, order: list.New()}
}

// Get returns the value cached under key (a Flat's Shape), building it
// with build on a miss. On a miss, signature gives the full signature of
// the call and onMiss is called (outside the lock) with the explanation. If
// build panics, nothing is cached, the panic propagates, and a later call
// builds again.
func (c *Cache[V]) Get(key string, signature func() *Signature, build func() V, onMiss func(why string)) V {
	for {
		c.mu.Lock()
		if e, ok := c.entries[key]; ok {
			c.order.MoveToFront(e.elem)
			c.mu.Unlock()
			<-e.ready
			if e.ok {
				c.mu.Lock()
				c.stats.Hits++
				c.mu.Unlock()
				return e.val
			}
			continue // the builder failed and removed the entry: try again
		}
		sig := signature()
		e := &cacheEntry[V]{sig: sig, ready: make(chan struct{})}
		e.elem = c.order.PushFront(e)
		c.entries[key] = e
		c.stats.Misses++
		why := sig.Diff(c.last)
		c.last = sig
		for c.order.Len() > c.capacity {
			old := c.order.Back().Value.(*cacheEntry[V])
			c.order.Remove(old.elem)
			delete(c.entries, old.sig.key)
			c.stats.Evictions++
		}
		c.mu.Unlock()
		if onMiss != nil {
			onMiss(why)
		}
		return c.fill(e, build)
	}
}

func (c *Cache[V]) fill(e *cacheEntry[V], build func() V) V {
	defer func() {
		if !e.ok {
			c.mu.Lock()
			if c.entries[e.sig.key] == e {
				delete(c.entries, e.sig.key)
				c.order.Remove(e.elem)
			}
			c.mu.Unlock()
		}
		close(e.ready)
	}()
	e.val = build()
	e.ok = true
	return e.val
}

// AddTimes adds tracing and compiling time to the stats.
func (c *Cache[V]) AddTimes(trace, compile time.Duration) {
	c.mu.Lock()
	c.stats.TraceTime += trace
	c.stats.CompileTime += compile
	c.mu.Unlock()
}

// Stats returns a snapshot of the counters.
func (c *Cache[V]) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

// Len returns the number of cached entries.
func (c *Cache[V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
