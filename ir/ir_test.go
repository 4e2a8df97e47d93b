package ir_test

import (
	"strings"
	"testing"

	"github.com/nd-go/nd/internal/core"
	_ "github.com/nd-go/nd/internal/prims" // registers the primitives
	"github.com/nd-go/nd/ir"
)

func TestVerifyCatchesBadPrograms(t *testing.T) {
	add, _ := core.Lookup("add")
	f32 := ir.Type{DType: core.Float32, Shape: []int{3}}
	a, b, c := &ir.Var{ID: 0, Type: f32}, &ir.Var{ID: 1, Type: f32}, &ir.Var{ID: 2, Type: f32}
	good := &ir.Program{Inputs: []*ir.Var{a, b}, Eqns: []*ir.Eqn{{Prim: add, Ins: []*ir.Var{a, b}, Outs: []*ir.Var{c}}}, Outputs: []*ir.Var{c}}
	if err := ir.Verify(good); err != nil {
		t.Fatalf("good program: %v", err)
	}
	if got := good.String(); got != "{ lambda ; a:f32[3] b:f32[3] . let\n    c:f32[3] = add a b\n  in (c) }" {
		t.Fatalf("text form:\n%s", got)
	}
	wrong := &ir.Var{ID: 3, Type: ir.Type{DType: core.Float64, Shape: []int{3}}}
	cases := []struct {
		name string
		p    *ir.Program
		want string
	}{
		{"use before definition", &ir.Program{Inputs: []*ir.Var{a}, Eqns: []*ir.Eqn{{Prim: add, Ins: []*ir.Var{a, b}, Outs: []*ir.Var{c}}}, Outputs: []*ir.Var{c}}, "used before definition"},
		{"defined twice", &ir.Program{Inputs: []*ir.Var{a, b}, Eqns: []*ir.Eqn{{Prim: add, Ins: []*ir.Var{a, b}, Outs: []*ir.Var{a}}}, Outputs: []*ir.Var{a}}, "defined twice"},
		{"wrong output type", &ir.Program{Inputs: []*ir.Var{a, b}, Eqns: []*ir.Eqn{{Prim: add, Ins: []*ir.Var{a, b}, Outs: []*ir.Var{wrong}}}, Outputs: []*ir.Var{wrong}}, "primitive gives"},
		{"abstract eval fails", &ir.Program{Inputs: []*ir.Var{a, wrong}, Eqns: []*ir.Eqn{{Prim: add, Ins: []*ir.Var{a, wrong}, Outs: []*ir.Var{c}}}, Outputs: []*ir.Var{c}}, "dtypes"},
		{"undefined output", &ir.Program{Inputs: []*ir.Var{a}, Outputs: []*ir.Var{c}}, "not defined"},
	}
	for _, tc := range cases {
		err := ir.Verify(tc.p)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Verify = %v, want an error containing %q", tc.name, err, tc.want)
		}
	}
}
