package jit

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/nd-go/nd/internal/core"
)

// A Go value that holds arrays (a struct, slice, map, pointer, or an array
// itself) is a tree: its arrays are the leaves, everything else is static.
// Flatten walks it in a fixed order (fields in order, slice elements in
// order, map entries by sorted key) so that the same structure always gives
// the same leaves in the same places.

// Leaf is one array found in a tree, with its path ("arg0.W[2]").
type Leaf struct {
	Path  string
	Array *core.Array
}

// Static is a non-array value found in a tree, with its path and its
// printed form (part of the cache key).
type Static struct {
	Path  string
	Value string
}

// Flat is a flattened list of Go values.
type Flat struct {
	Leaves  []Leaf
	Statics []Static
	Shape   string // the tree structure, Go types, static values and array types
	paths   bool
}

// Flattener flattens and rebuilds trees whose leaves have type LeafType
// (a pointer type whose pointee is convertible to core.Array).
type Flattener struct {
	LeafType reflect.Type
}

func (f Flattener) leafOf(v reflect.Value) *core.Array {
	if v.IsNil() {
		return nil
	}
	return (*core.Array)(v.UnsafePointer())
}

// Flatten walks values (function arguments or results) and returns their
// leaves, static values and structure, with each leaf's and static's path
// ("arg0.W[2]"). A nil array is an error.
func (f Flattener) Flatten(prefix string, values []reflect.Value) (*Flat, error) {
	return f.flatten(prefix, values, true)
}

// FlattenFast is Flatten without paths: the cheap form for cache lookups.
func (f Flattener) FlattenFast(values []reflect.Value) (*Flat, error) {
	return f.flatten("", values, false)
}

func (f Flattener) flatten(prefix string, values []reflect.Value, paths bool) (*Flat, error) {
	fl := &Flat{paths: paths}
	var sb strings.Builder
	for i, v := range values {
		path := ""
		if paths {
			path = prefix + strconv.Itoa(i)
		}
		if err := f.walk(fl, &sb, path, v); err != nil {
			return nil, err
		}
		sb.WriteByte(';')
	}
	fl.Shape = sb.String()
	return fl, nil
}

// sub returns the path of a child, or "" when paths are off.
func (fl *Flat) sub(path, format string, arg any) string {
	if !fl.paths {
		return ""
	}
	return path + fmt.Sprintf(format, arg)
}

// writeAval appends an array type to the key: dtype code and dimensions.
func writeAval(sb *strings.Builder, av core.Aval) {
	sb.WriteByte('A')
	sb.WriteByte(byte('0' + av.DType))
	var buf [20]byte
	for _, d := range av.Shape {
		sb.WriteByte(',')
		sb.Write(strconv.AppendInt(buf[:0], int64(d), 10))
	}
}

func (f Flattener) walk(fl *Flat, sb *strings.Builder, path string, v reflect.Value) error {
	if !v.IsValid() {
		sb.WriteString("nil")
		fl.Statics = append(fl.Statics, Static{path, "nil"})
		return nil
	}
	t := v.Type()
	if t == f.LeafType {
		a := f.leafOf(v)
		if a == nil {
			return fmt.Errorf("%s is a nil array", path)
		}
		fl.Leaves = append(fl.Leaves, Leaf{path, a})
		writeAval(sb, a.Aval())
		return nil
	}
	if !containsLeaf(t, f.LeafType, map[reflect.Type]bool{}) {
		s := staticString(v)
		fl.Statics = append(fl.Statics, Static{path, s})
		fmt.Fprintf(sb, "%s=%s", t, s)
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			fmt.Fprintf(sb, "%s(nil)", t)
			return nil
		}
		fmt.Fprintf(sb, "%s(", t)
		if err := f.walk(fl, sb, path, v.Elem()); err != nil {
			return err
		}
		sb.WriteString(")")
	case reflect.Struct:
		fmt.Fprintf(sb, "%s{", t)
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			if !sf.IsExported() {
				if containsLeaf(sf.Type, f.LeafType, map[reflect.Type]bool{}) {
					return fmt.Errorf("%s.%s: unexported field holds arrays; export it so it can be traced", path, sf.Name)
				}
				continue
			}
			if err := f.walk(fl, sb, fl.sub(path, ".%s", sf.Name), v.Field(i)); err != nil {
				return err
			}
			sb.WriteByte(',')
		}
		sb.WriteString("}")
	case reflect.Slice, reflect.Array:
		fmt.Fprintf(sb, "%s[%d:", t, v.Len())
		for i := 0; i < v.Len(); i++ {
			if err := f.walk(fl, sb, fl.sub(path, "[%d]", i), v.Index(i)); err != nil {
				return err
			}
			sb.WriteByte(',')
		}
		sb.WriteString("]")
	case reflect.Map:
		keys := sortedKeys(v)
		fmt.Fprintf(sb, "%s{", t)
		for _, k := range keys {
			ks := staticString(k)
			fmt.Fprintf(sb, "%s:", ks)
			if err := f.walk(fl, sb, fl.sub(path, "[%s]", ks), v.MapIndex(k)); err != nil {
				return err
			}
			sb.WriteByte(',')
		}
		sb.WriteString("}")
	default:
		return fmt.Errorf("%s: cannot trace a value of type %s", path, t)
	}
	return nil
}

func sortedKeys(m reflect.Value) []reflect.Value {
	keys := m.MapKeys()
	sort.Slice(keys, func(i, j int) bool { return staticString(keys[i]) < staticString(keys[j]) })
	return keys
}

// staticString is the printed form of a static value in the cache key.
func staticString(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return fmt.Sprintf("%s@%#x", v.Type(), v.Pointer())
	}
	return fmt.Sprintf("%#v", v.Interface())
}

// containsLeaf reports whether a value of type t may hold a leaf.
func containsLeaf(t, leaf reflect.Type, seen map[reflect.Type]bool) bool {
	if t == leaf {
		return true
	}
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return containsLeaf(t.Elem(), leaf, seen)
	case reflect.Map:
		return containsLeaf(t.Elem(), leaf, seen)
	case reflect.Interface:
		return true
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if containsLeaf(t.Field(i).Type, leaf, seen) {
				return true
			}
		}
	}
	return false
}

// Rebuild returns copies of values with their leaves replaced, in Flatten's
// order, by leaves[0], leaves[1], ... (given as values of LeafType).
func (f Flattener) Rebuild(values []reflect.Value, leaves []reflect.Value) []reflect.Value {
	out := make([]reflect.Value, len(values))
	for i, v := range values {
		out[i] = f.rebuild(v, &leaves)
	}
	return out
}

func (f Flattener) rebuild(v reflect.Value, leaves *[]reflect.Value) reflect.Value {
	if !v.IsValid() {
		return v
	}
	t := v.Type()
	if t == f.LeafType {
		l := (*leaves)[0]
		*leaves = (*leaves)[1:]
		return l
	}
	if !containsLeaf(t, f.LeafType, map[reflect.Type]bool{}) {
		return v
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(f.rebuild(v.Elem(), leaves))
		return p
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		n := reflect.New(t).Elem()
		n.Set(f.rebuild(v.Elem(), leaves))
		return n
	case reflect.Struct:
		n := reflect.New(t).Elem()
		n.Set(v)
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() {
				n.Field(i).Set(f.rebuild(v.Field(i), leaves))
			}
		}
		return n
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		n := reflect.MakeSlice(t, v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			n.Index(i).Set(f.rebuild(v.Index(i), leaves))
		}
		return n
	case reflect.Array:
		n := reflect.New(t).Elem()
		for i := 0; i < v.Len(); i++ {
			n.Index(i).Set(f.rebuild(v.Index(i), leaves))
		}
		return n
	case reflect.Map:
		n := reflect.MakeMapWithSize(t, v.Len())
		for _, k := range sortedKeys(v) {
			n.SetMapIndex(k, f.rebuild(v.MapIndex(k), leaves))
		}
		return n
	}
	return v
}
