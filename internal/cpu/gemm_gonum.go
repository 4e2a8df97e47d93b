package cpu

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"

	"github.com/nd-go/nd/internal/core"
)

// Gonum's pure-Go BLAS uses SIMD assembly for its inner loops, which the
// Go compiler cannot emit from Go code: on an AMD EPYC core its Sgemm runs
// 1024×1024 float32 products at about 20 GFLOP/s against 9.4 for nd's
// packed kernel (Dgemm 11.5 against 9.3). So float products whose operands
// BLAS can describe (row-major or transposed, unit stride) go to Gonum
// where nd has no assembly micro-kernel (not amd64 with AVX2 and FMA, or
// built with the noasm tag); the assembly kernels (gemm_amd64.s) run six
// (AVX2) to ten (AVX-512) times faster than Gonum and take every float
// product otherwise.
//
// Gonum skips the terms whose A element is zero, so 0·Inf and 0·NaN do not
// give NaN there as IEEE (and NumPy) would: products with a non-finite
// element stay with nd's kernel, which checks every value once (O(mk+kn)
// against the O(mnk) product).

// blasGemm computes dst = a·b with Gonum's BLAS and reports true when T is
// a float type, both operands have a BLAS layout and every element is
// finite; otherwise it does nothing and reports false.
func blasGemm[T core.Number](m, n, k int, a, b Matrix[T], dst []T) bool {
	if k == 0 {
		return false
	}
	tA, lda, okA := blasLayout(a.RS, a.CS, m, k)
	tB, ldb, okB := blasLayout(b.RS, b.CS, k, n)
	if !okA || !okB {
		return false
	}
	switch d := any(dst).(type) {
	case []float32:
		a, b := any(a).(Matrix[float32]), any(b).(Matrix[float32])
		if !allFinite(a, m, k) || !allFinite(b, k, n) {
			return false
		}
		gonum.Implementation{}.Sgemm(tA, tB, m, n, k, 1, a.Buf[a.Off:], lda, b.Buf[b.Off:], ldb, 0, d, max(n, 1))
		return true
	case []float64:
		a, b := any(a).(Matrix[float64]), any(b).(Matrix[float64])
		if !allFinite(a, m, k) || !allFinite(b, k, n) {
			return false
		}
		gonum.Implementation{}.Dgemm(tA, tB, m, n, k, 1, a.Buf[a.Off:], lda, b.Buf[b.Off:], ldb, 0, d, max(n, 1))
		return true
	}
	return false
}

// blasLayout describes a rows×cols matrix with strides rs, cs as BLAS
// does: row-major with leading dimension ld (NoTrans) or the transpose of
// a row-major cols×rows matrix (Trans). Strides of size-1 axes do not
// matter and are normalized first.
func blasLayout(rs, cs, rows, cols int) (blas.Transpose, int, bool) {
	if cols == 1 {
		cs = 1
	}
	if rows == 1 {
		rs = max(cols, 1)
	}
	if cs == 1 && rs >= max(cols, 1) {
		return blas.NoTrans, rs, true
	}
	if rows == 1 {
		rs = 1
	}
	if cols == 1 {
		cs = max(rows, 1)
	}
	if rs == 1 && cs >= max(rows, 1) {
		return blas.Trans, cs, true
	}
	return blas.NoTrans, 0, false
}

// allFinite reports whether no element of the rows×cols matrix a is NaN or
// ±Inf.
func allFinite[T float32 | float64](a Matrix[T], rows, cols int) bool {
	for i := range rows {
		pos := a.Off + i*a.RS
		for range cols {
			// v-v is NaN exactly when v is NaN or infinite.
			v := float64(a.Buf[pos])
			if math.IsNaN(v - v) {
				return false
			}
			pos += a.CS
		}
	}
	return true
}
