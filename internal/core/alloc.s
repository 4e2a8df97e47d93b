// This file lets alloc.go declare mallocgc without a body (the compiler
// accepts bodiless functions only in packages with assembly).
