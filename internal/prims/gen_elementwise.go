//go:build ignore

// gen_elementwise writes elementwise_loops.go: the typed block loops of every
// elementwise primitive. Each op is one line below (a constraint, an output
// type and a Go statement over x, y that assigns d[i]); the generator expands
// it into a unary loop, or into the VV, VS and SV loops of a binary op plus a
// constructor of its cpu.BinaryKernels. Written out, the loops would be
// several thousand near-identical lines; here each op's meaning is one line.
//
// Run with `go generate ./internal/prims`.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"text/template"
)

// op is one loop family. Cons is a type-set constraint for a generic loop
// over T, or "bool" for a loop over bool alone. Out is "T" or "bool".
type op struct {
	Name, Cons, Out, Body string
}

func (o op) Generic() bool { return o.Cons != "bool" }

// T is the element type as written in the loop.
func (o op) T() string {
	if o.Generic() {
		return "T"
	}
	return "bool"
}

func (o op) O() string {
	if o.Out == "T" {
		return o.T()
	}
	return o.Out
}

// TP is the type parameter list of a generic loop; TA the instantiation.
func (o op) TP() string {
	if o.Generic() {
		return "[T " + o.Cons + "]"
	}
	return ""
}

func (o op) TA() string {
	if o.Generic() {
		return "[T]"
	}
	return ""
}

// f64 computes a float op in float64 (exact for float64; for float32 the
// float64 result rounded once).
func f64(expr string) string { return "d[i] = T(" + expr + ")" }

var unary = []op{
	{"neg", "core.Number", "T", "d[i] = -x"},
	{"absInt", "elemInt", "T", "if x < 0 { d[i] = -x } else { d[i] = x }"},
	{"absFloat", "core.Float", "T", f64("math.Abs(float64(x))")},
	{"signInt", "elemInt", "T", "var one T = 1\nswitch { case x > 0: d[i] = one; case x < 0: d[i] = -one; default: d[i] = 0 }"},
	{"signFloat", "core.Float", "T", "switch { case x > 0: d[i] = 1; case x < 0: d[i] = -1; case x == 0: d[i] = 0; default: d[i] = x }"},
	{"floor", "core.Float", "T", f64("math.Floor(float64(x))")},
	{"ceil", "core.Float", "T", f64("math.Ceil(float64(x))")},
	{"round", "core.Float", "T", f64("math.RoundToEven(float64(x))")},
	{"exp", "core.Float", "T", f64("math.Exp(float64(x))")},
	{"expm1", "core.Float", "T", f64("math.Expm1(float64(x))")},
	{"log", "core.Float", "T", f64("math.Log(float64(x))")},
	{"log1p", "core.Float", "T", f64("math.Log1p(float64(x))")},
	{"sqrt", "core.Float", "T", f64("math.Sqrt(float64(x))")},
	{"rsqrt", "core.Float", "T", f64("1 / math.Sqrt(float64(x))")},
	{"sin", "core.Float", "T", f64("math.Sin(float64(x))")},
	{"cos", "core.Float", "T", f64("math.Cos(float64(x))")},
	{"tan", "core.Float", "T", f64("math.Tan(float64(x))")},
	{"tanh", "core.Float", "T", f64("math.Tanh(float64(x))")},
	{"logistic", "core.Float", "T", "if v := float64(x); v >= 0 { d[i] = T(1 / (1 + math.Exp(-v))) } else { e := math.Exp(v); d[i] = T(e / (1 + e)) }"},
	{"erf", "core.Float", "T", f64("math.Erf(float64(x))")},
	// x-x is 0 for finite x and NaN for ±Inf and NaN.
	{"isFinite", "core.Float", "bool", "d[i] = x-x == 0"},
	{"notInt", "elemInt", "T", "d[i] = ^x"},
	{"notBool", "bool", "T", "d[i] = !x"},
}

var binary = []op{
	{"add", "core.Number", "T", "d[i] = x + y"},
	{"sub", "core.Number", "T", "d[i] = x - y"},
	{"mul", "core.Number", "T", "d[i] = x * y"},
	// Integer division truncates; a zero divisor gives 0, as in NumPy.
	{"divInt", "elemInt", "T", "if y == 0 { d[i] = 0 } else { d[i] = x / y }"},
	{"divFloat", "core.Float", "T", "d[i] = x / y"},
	{"remInt", "elemInt", "T", "if y == 0 { d[i] = 0 } else { d[i] = x % y }"},
	{"remFloat", "core.Float", "T", f64("math.Mod(float64(x), float64(y))")},
	{"powInt", "elemInt", "T", "d[i] = intPow(x, y)"},
	{"powFloat", "core.Float", "T", f64("math.Pow(float64(x), float64(y))")},
	{"atan2", "core.Float", "T", f64("math.Atan2(float64(x), float64(y))")},
	// np.maximum: NaN propagates; of two zeros the second operand wins.
	{"maxNum", "core.Number", "T", "if x > y || x != x { d[i] = x } else { d[i] = y }"},
	{"minNum", "core.Number", "T", "if x < y || x != x { d[i] = x } else { d[i] = y }"},
	{"maxBool", "bool", "T", "d[i] = x || y"},
	{"minBool", "bool", "T", "d[i] = x && y"},
	{"eq", "core.Element", "bool", "d[i] = x == y"},
	{"ne", "core.Element", "bool", "d[i] = x != y"},
	{"ltNum", "core.Number", "bool", "d[i] = x < y"},
	{"leNum", "core.Number", "bool", "d[i] = x <= y"},
	{"gtNum", "core.Number", "bool", "d[i] = x > y"},
	{"geNum", "core.Number", "bool", "d[i] = x >= y"},
	// False < True, as in NumPy.
	{"ltBool", "bool", "bool", "d[i] = !x && y"},
	{"leBool", "bool", "bool", "d[i] = !x || y"},
	{"gtBool", "bool", "bool", "d[i] = x && !y"},
	{"geBool", "bool", "bool", "d[i] = x || !y"},
	{"andInt", "elemInt", "T", "d[i] = x & y"},
	{"orInt", "elemInt", "T", "d[i] = x | y"},
	{"xorInt", "elemInt", "T", "d[i] = x ^ y"},
	{"andBool", "bool", "T", "d[i] = x && y"},
	{"orBool", "bool", "T", "d[i] = x || y"},
	{"xorBool", "bool", "T", "d[i] = x != y"},
}

var tmpl = template.Must(template.New("").Parse(`// Code generated by gen_elementwise.go; DO NOT EDIT.

package prims

import (
	"math"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

{{range .Unary}}
func {{.Name}}Loop{{.TP}}(d []{{.O}}, s []{{.T}}) {
	d = d[:len(s)]
	for i, x := range s {
		{{.Body}}
	}
}
{{end}}
{{range .Binary}}
func {{.Name}}VV{{.TP}}(d []{{.O}}, a, b []{{.T}}) {
	d, b = d[:len(a)], b[:len(a)]
	for i, x := range a {
		y := b[i]
		{{.Body}}
	}
}

func {{.Name}}VS{{.TP}}(d []{{.O}}, a []{{.T}}, y {{.T}}) {
	d = d[:len(a)]
	for i, x := range a {
		{{.Body}}
	}
}

func {{.Name}}SV{{.TP}}(d []{{.O}}, x {{.T}}, b []{{.T}}) {
	d = d[:len(b)]
	for i, y := range b {
		{{.Body}}
	}
}

func {{.Name}}Kernels{{.TP}}() cpu.BinaryKernels[{{.T}}, {{.O}}] {
	return cpu.BinaryKernels[{{.T}}, {{.O}}]{VV: {{.Name}}VV{{.TA}}, VS: {{.Name}}VS{{.TA}}, SV: {{.Name}}SV{{.TA}}}
}
{{end}}`))

func main() {
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, map[string][]op{"Unary": unary, "Binary": binary}); err != nil {
		panic(err)
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		os.Stdout.Write(buf.Bytes())
		panic(fmt.Sprint("gofmt: ", err))
	}
	if err := os.WriteFile("elementwise_loops.go", src, 0o644); err != nil {
		panic(err)
	}
}
