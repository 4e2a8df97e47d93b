//go:build !amd64 || noasm

package cpu

import "github.com/nd-go/nd/internal/core"

// loadBlock copies src into dst[:len(src)]: the fused executor's load of
// an input block.
func loadBlock[T core.Element](dst, src []T) { copy(dst, src) }

// storeStream copies src into dst[:len(src)] (with non-temporal stores on
// amd64).
func storeStream[T core.Element](dst, src []T) { copy(dst, src) }
