package nd

import (
	"fmt"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/npy"
)

// Save writes a to path in NumPy's .npy format. The file is written to a
// temporary name and renamed into place, so a failed write leaves any
// existing file untouched.
func Save(path string, a *Array) error {
	if a.c().IsSymbolic() {
		return fmt.Errorf("nd.Save %s: cannot save a traced array", path)
	}
	return npy.WriteFile(path, toNPY(a))
}

// Load reads an array from a .npy file. Files of dtypes nd lacks (int16,
// uint32, ...) are an error naming the dtype.
func Load(path string) (*Array, error) {
	f, err := npy.ReadFile(path)
	if err != nil {
		return nil, err
	}
	a, err := fromNPY(f)
	if err != nil {
		return nil, fmt.Errorf("nd.Load %s: %w", path, err)
	}
	return a, nil
}

// SaveNPZ writes named arrays to path as a NumPy .npz archive, deflated when
// compress is set (np.savez_compressed), atomically as Save does.
func SaveNPZ(path string, arrays map[string]*Array, compress bool) error {
	m := make(map[string]*npy.Array, len(arrays))
	for name, a := range arrays {
		if a == nil || a.c().IsSymbolic() {
			return fmt.Errorf("nd.SaveNPZ %s: array %q is nil or traced", path, name)
		}
		m[name] = toNPY(a)
	}
	return npy.WriteNPZ(path, m, compress)
}

// LoadNPZ reads every array of a .npz archive, keyed by name.
func LoadNPZ(path string) (map[string]*Array, error) {
	m, err := npy.ReadNPZ(path)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Array, len(m))
	for name, f := range m {
		a, err := fromNPY(f)
		if err != nil {
			return nil, fmt.Errorf("nd.LoadNPZ %s: array %q: %w", path, name, err)
		}
		out[name] = a
	}
	return out, nil
}

func toNPY(a *Array) *npy.Array {
	c := core.Contiguous(a.c())
	var data any
	switch a.DType() {
	case Bool:
		data = core.Data[bool](c)
	case Uint8:
		data = core.Data[uint8](c)
	case Int32:
		data = core.Data[int32](c)
	case Int64:
		data = core.Data[int64](c)
	case Float32:
		data = core.Data[float32](c)
	case Float64:
		data = core.Data[float64](c)
	}
	return &npy.Array{DType: a.DType().String(), Shape: a.Shape(), Data: data}
}

func fromNPY(f *npy.Array) (*Array, error) {
	d, ok := core.ParseDType(f.DType)
	if !ok {
		return nil, fmt.Errorf("dtype %s is not supported by nd", f.DType)
	}
	shape := append([]int{}, f.Shape...)
	return wrap(core.New(d, shape, f.Data)), nil
}
