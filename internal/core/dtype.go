package core

import "fmt"

// DType names the element type of an Array's buffer.
type DType uint8

// The element types nd supports. Invalid is the zero value. Room is left
// between Float32 and Float64 in spirit, not in numbering: new types (float16,
// bfloat16) are appended at the end so serialized programs stay valid.
const (
	Invalid DType = iota
	Bool
	Uint8
	Int32
	Int64
	Float32
	Float64
	numDTypes
)

var dtypeNames = [numDTypes]string{"invalid", "bool", "uint8", "int32", "int64", "float32", "float64"}
var dtypeSizes = [numDTypes]int{0, 1, 1, 4, 8, 4, 8}

// DTypes lists every valid dtype in promotion order.
var DTypes = []DType{Bool, Uint8, Int32, Int64, Float32, Float64}

// String returns the NumPy name of the dtype ("float32").
func (d DType) String() string {
	if d < numDTypes {
		return dtypeNames[d]
	}
	return fmt.Sprintf("dtype(%d)", uint8(d))
}

// Size returns the number of bytes one element takes.
func (d DType) Size() int {
	if d < numDTypes {
		return dtypeSizes[d]
	}
	return 0
}

// Valid reports whether d is one of the supported dtypes.
func (d DType) Valid() bool { return d > Invalid && d < numDTypes }

// IsFloat reports whether d is a floating-point dtype.
func (d DType) IsFloat() bool { return d == Float32 || d == Float64 }

// IsInt reports whether d is an integer dtype (uint8, int32, int64).
func (d DType) IsInt() bool { return d == Uint8 || d == Int32 || d == Int64 }

// ParseDType returns the dtype with the given NumPy name.
func ParseDType(name string) (DType, bool) {
	for i, n := range dtypeNames {
		if n == name && i != 0 {
			return DType(i), true
		}
	}
	return Invalid, false
}

// promoteTable is np.promote_types restricted to nd's dtypes (indices are
// DType-1). Note int32/int64 with float32 gives float64, as in NumPy.
var promoteTable = [6][6]DType{
	//          bool     uint8    int32    int64    float32  float64
	/*bool*/ {Bool, Uint8, Int32, Int64, Float32, Float64},
	/*uint8*/ {Uint8, Uint8, Int32, Int64, Float32, Float64},
	/*int32*/ {Int32, Int32, Int32, Int64, Float64, Float64},
	/*int64*/ {Int64, Int64, Int64, Int64, Float64, Float64},
	/*float32*/ {Float32, Float32, Float64, Float64, Float32, Float64},
	/*float64*/ {Float64, Float64, Float64, Float64, Float64, Float64},
}

// Promote returns the dtype NumPy's promote_types gives for a and b.
func Promote(a, b DType) DType { return promoteTable[a-1][b-1] }

// PromoteWeak returns the result dtype of combining an array of dtype a with
// a weakly typed Go scalar of dtype w (bool, int64 or float64), following
// NEP 50: the scalar takes the array's dtype unless its kind is higher, in
// which case the default dtype of the scalar's kind is used.
func PromoteWeak(a, w DType) DType {
	switch {
	case w == Bool:
		return a
	case w.IsInt():
		if a == Bool {
			return Int64
		}
		return a
	default:
		if a.IsFloat() {
			return a
		}
		return Float64
	}
}
