package nd

import "github.com/nd-go/nd/internal/core"

// DType is the element type of an Array.
type DType = core.DType

// The dtypes nd supports.
const (
	Bool    = core.Bool
	Uint8   = core.Uint8
	Int32   = core.Int32
	Int64   = core.Int64
	Float32 = core.Float32
	Float64 = core.Float64
)

// PromoteTypes returns the dtype NumPy's promote_types gives for a and b.
func PromoteTypes(a, b DType) DType { return core.Promote(a, b) }

// ParseDType returns the dtype with the given NumPy name ("float32").
func ParseDType(name string) (DType, bool) { return core.ParseDType(name) }
