// Package npy reads and writes NumPy's .npy and .npz files.
//
// A .npy file holds one n-dimensional array: a magic string, a format
// version, a header (a Python dict literal giving the element type, the
// memory order and the shape) and the elements. An [Array] is that content
// in Go: a dtype name, a shape and a slice of native Go values in C
// (row-major) order. [Read] accepts format versions 1.0, 2.0 and 3.0,
// either byte order and Fortran order, which it converts to C order;
// [Write] writes what np.save (NumPy 1.23 and later) writes for the same
// array, byte for byte: little-endian, C order, format 1.0 unless the
// header needs 2.0.
// A .npz file is a zip archive of .npy files, one per named array, stored
// or deflated; [ReadNPZ] and [WriteNPZ] handle it. The element types are
// those with a Go counterpart: bool, int8 to int64, uint8 to uint64,
// float32, float64, complex64 and complex128; structured, object, string,
// datetime and float16 arrays are rejected with an error.
//
// Input is not trusted: malformed or hostile files give an error that says
// what is wrong and where, never a panic, and memory grows only as element
// data actually arrives, however large the shape a header claims.
// [WriteFile] and [WriteNPZ] replace a file atomically, so a failed write
// leaves no partial file behind.
//
// The package stands alone: it depends on the standard library only and
// knows nothing of the rest of nd.
package npy
