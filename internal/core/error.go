package core

import (
	"fmt"
	"runtime"
	"strings"
)

// Error is the panic value of a programmer error in an op (a shape or dtype
// mismatch, a bad axis): it names the op, says what was wrong, and points
// at the caller's line outside nd.
type Error struct {
	Op   string // user-facing op name, e.g. "nd.Add"
	Msg  string // what was wrong, with the shapes and values involved
	File string // caller's file (outside nd), "" if unknown
	Line int
}

// Error formats the error as "nd.Add: shapes (2, 3) and (4,) cannot be
// broadcast together (at main.go:12)".
func (e *Error) Error() string {
	if e.File == "" {
		return e.Op + ": " + e.Msg
	}
	return fmt.Sprintf("%s: %s (at %s:%d)", e.Op, e.Msg, e.File, e.Line)
}

// Errorf returns an *Error for op with a formatted message and the location
// of the first caller outside nd's own packages.
func Errorf(op, format string, args ...any) *Error {
	file, line := CallerOutside()
	return &Error{Op: op, Msg: fmt.Sprintf(format, args...), File: file, Line: line}
}

// Panicf panics with Errorf(op, format, args...).
func Panicf(op, format string, args ...any) {
	panic(Errorf(op, format, args...))
}

const modulePath = "github.com/nd-go/nd"

// CallerOutside returns the file and line of the innermost stack frame that
// is not inside nd's library packages (the root package and internal/...).
// Test files and the module's commands and examples count as callers.
func CallerOutside() (string, int) {
	var pcs [48]uintptr
	n := runtime.Callers(2, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if !insideLibrary(f) {
			return shortFile(f.File), f.Line
		}
		if !more {
			return "", 0
		}
	}
}

func insideLibrary(f runtime.Frame) bool {
	if strings.HasSuffix(f.File, "_test.go") {
		return false
	}
	fn := f.Function
	if strings.HasPrefix(fn, "runtime.") || strings.HasPrefix(fn, "reflect.") {
		return true
	}
	if !strings.HasPrefix(fn, modulePath) {
		return false
	}
	rest := fn[len(modulePath):]
	return strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, "/internal/")
}

// shortFile keeps the last two path elements, enough to find the line.
func shortFile(path string) string {
	i := strings.LastIndexByte(path, '/')
	if i < 0 {
		return path
	}
	if j := strings.LastIndexByte(path[:i], '/'); j >= 0 {
		return path[j+1:]
	}
	return path
}
