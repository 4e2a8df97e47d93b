package cpu

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// This file holds the helpers that run the pieces of a parallel loop
// beside its caller (fork). They are goroutines that stay: after a job
// each spins a short while (helperSpin) watching for the next one before
// it parks, because waking a parked thread takes tens of microseconds on
// a virtual machine, as long as a whole medium-sized loop, and a program
// such as a training step forks many times in a row. The caller also runs
// the pieces no helper has taken, so a fork never waits on a helper that
// has not woken yet.

// helperSpin is how long an idle helper watches for a new job before it
// parks.
const helperSpin = 100 * time.Microsecond

// forkJob is one fork: pieces 1..n-1 of fn for the helpers (piece 0 is the
// caller's).
type forkJob struct {
	fn      func(piece int)
	n       int32
	claimed atomic.Int32 // pieces handed out, piece 0 included
	pending atomic.Int32 // pieces 1..n-1 not finished
	done    chan struct{}
}

// run runs the pieces left unclaimed, returning when there are none.
func (j *forkJob) run() {
	for {
		i := j.claimed.Add(1) - 1
		if i >= j.n {
			return
		}
		j.fn(int(i))
		if j.pending.Add(-1) == 0 {
			close(j.done)
		}
	}
}

// pool is the helpers' shared state: the one job they serve at a time,
// how many of them are parked, the channel that wakes them and how many
// have been started.
var pool struct {
	job     atomic.Pointer[forkJob] // the fork in flight, if any
	parked  atomic.Int32            // helpers waiting on wake
	wake    chan struct{}
	mu      sync.Mutex
	helpers int
}

// fork calls fn(0), ..., fn(n-1): fn(0) on the calling goroutine and the
// others on the helpers or, where none has taken them yet, the caller;
// it returns when all have returned.
// A fork inside another (from fn, or from another goroutine while one is
// in flight) starts goroutines of its own.
func fork(n int, fn func(piece int)) {
	if n <= 1 {
		if n == 1 {
			fn(0)
		}
		return
	}
	j := &forkJob{fn: fn, n: int32(n), done: make(chan struct{})}
	j.claimed.Store(1)
	j.pending.Store(int32(n - 1))
	if !pool.job.CompareAndSwap(nil, j) {
		forkGoroutines(n, fn)
		return
	}
	// Free the slot however fn returns: a panic in a piece (an error
	// raised inside a kernel) must not leave later forks without helpers.
	defer pool.job.CompareAndSwap(j, nil)
	startHelpers(n - 1)
	for range min(int(pool.parked.Load()), n-1) {
		select {
		case pool.wake <- struct{}{}:
		default:
		}
	}
	fn(0)
	j.run()
	pool.job.CompareAndSwap(j, nil)
	if j.pending.Load() != 0 {
		<-j.done
	}
}

// forkGoroutines is fork with a goroutine per piece.
func forkGoroutines(n int, fn func(piece int)) {
	var wg sync.WaitGroup
	for i := 1; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(i)
		}()
	}
	fn(0)
	wg.Wait()
}

// startHelpers makes sure at least min(want, GOMAXPROCS-1) helpers run.
func startHelpers(want int) {
	want = min(want, runtime.GOMAXPROCS(0)-1)
	pool.mu.Lock()
	defer pool.mu.Unlock()
	if pool.wake == nil {
		pool.wake = make(chan struct{}, 256)
	}
	for ; pool.helpers < min(want, cap(pool.wake)); pool.helpers++ {
		go helper()
	}
}

// helper runs the pieces of each fork it finds, spinning for helperSpin
// after each before it parks.
func helper() {
	for {
		if j := pool.job.Load(); j != nil && j.claimed.Load() < j.n {
			j.run()
			continue
		}
		if spinForJob() {
			continue
		}
		pool.parked.Add(1)
		// A fork that stored its job before the count rose sent no wake
		// for this helper: look once more before parking.
		if j := pool.job.Load(); j != nil && j.claimed.Load() < j.n {
			pool.parked.Add(-1)
			continue
		}
		<-pool.wake
		pool.parked.Add(-1)
	}
}

// spinForJob watches for a job with unclaimed pieces for helperSpin and
// reports whether one came.
func spinForJob() bool {
	start := time.Now()
	for i := 0; ; i++ {
		if j := pool.job.Load(); j != nil && j.claimed.Load() < j.n {
			return true
		}
		if i%64 == 63 {
			if time.Since(start) > helperSpin {
				return false
			}
			runtime.Gosched()
		}
	}
}
