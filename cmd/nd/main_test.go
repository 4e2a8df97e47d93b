package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestDemoQuick(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"demo", "-quick"}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"array([[0., 1., 2.],", "dtype=float32)", "fused[", "boxed", "hand-written Go loop", "nd.JIT"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestBadCommand(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"nope"}, &out); err == nil || !strings.Contains(err.Error(), `unknown command "nope"`) {
		t.Fatalf("err = %v", err)
	}
	if err := run([]string{"demo", "-n", "0"}, &out); err == nil {
		t.Fatal("demo -n 0 succeeded")
	}
}
