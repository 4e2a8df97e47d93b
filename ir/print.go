package ir

import (
	"fmt"
	"reflect"
	"strings"
)

// String returns the program's stable text form, for example
//
//	{ lambda ; a:f32[16] b:f32[16] . let
//	    c:f32[16] = mul a b
//	  in (c) }
//
// Variables are renamed a, b, ... in order of definition, so the text does
// not depend on IDs. Constants appear before the ";".
func (p *Program) String() string {
	var b strings.Builder
	names := map[*Var]string{}
	name := func(v *Var) string {
		if s, ok := names[v]; ok {
			return s
		}
		s := varName(len(names))
		names[v] = s
		return s
	}
	decl := func(vs []*Var) string {
		parts := make([]string, len(vs))
		for i, v := range vs {
			parts[i] = name(v) + ":" + typeString(v.Type)
		}
		return strings.Join(parts, " ")
	}
	consts := decl(p.Consts)
	inputs := decl(p.Inputs)
	fmt.Fprintf(&b, "{ lambda %s; %s . let\n", spaceAfter(consts), inputs)
	for _, e := range p.Eqns {
		outs := decl(e.Outs)
		ins := make([]string, len(e.Ins))
		for i, v := range e.Ins {
			ins[i] = name(v)
		}
		params := strings.ReplaceAll(ParamString(e.Params), "\n", "\n      ")
		fmt.Fprintf(&b, "    %s = %s%s %s\n", outs, e.Prim.Name, params, strings.Join(ins, " "))
	}
	outs := make([]string, len(p.Outputs))
	for i, v := range p.Outputs {
		outs[i] = name(v)
	}
	fmt.Fprintf(&b, "  in (%s) }", strings.Join(outs, ", "))
	return b.String()
}

func spaceAfter(s string) string {
	if s == "" {
		return ""
	}
	return s + " "
}

// varName returns a, b, ..., z, ba, bb, ... as jaxprs name variables.
func varName(i int) string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	s := ""
	for {
		s = string(letters[i%26]) + s
		i /= 26
		if i == 0 {
			return s
		}
	}
}

var shortDType = map[string]string{"bool": "bool", "uint8": "u8", "int32": "i32", "int64": "i64", "float32": "f32", "float64": "f64"}

// typeString formats a type as f32[2,3].
func typeString(t Type) string {
	dims := make([]string, len(t.Shape))
	for i, d := range t.Shape {
		dims[i] = fmt.Sprint(d)
	}
	return shortDType[t.DType.String()] + "[" + strings.Join(dims, ",") + "]"
}

// ParamString formats an equation's params as [name=value ...] with field
// names in lower snake case, or "" when there are none.
func ParamString(params any) string {
	if params == nil {
		return ""
	}
	v := reflect.ValueOf(params)
	if v.Kind() != reflect.Struct {
		return fmt.Sprintf("[%v]", params)
	}
	var parts []string
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		parts = append(parts, snake(f.Name)+"="+valueString(v.Field(i)))
	}
	if len(parts) == 0 {
		return ""
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func valueString(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = valueString(v.Index(i))
		}
		return "(" + strings.Join(parts, ",") + ")"
	case reflect.Pointer:
		if v.IsNil() {
			return "nil"
		}
		if s, ok := v.Interface().(fmt.Stringer); ok {
			return s.String()
		}
		return valueString(v.Elem())
	}
	if s, ok := v.Interface().(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprint(v.Interface())
}

func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
