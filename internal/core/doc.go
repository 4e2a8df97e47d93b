// Package core holds what every other part of nd stands on: the dtypes and
// NumPy's promotion table, the Array header (dtype, shape, strides, offset
// over one typed buffer, or a trace and payload when symbolic), the
// strided reader every kernel uses for non-contiguous inputs, the
// Primitive with its rule slots, Bind (the only way an op runs) and the
// Trace interface transformations implement, and Error, the panic value of
// programmer errors. It knows no kernels, no primitives and no user API.
package core
