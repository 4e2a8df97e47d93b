// Command nd is nd's command-line tool. `nd demo` takes a short tour of the
// library: arrays, broadcasting, a reduction, a matmul, and a timing table
// of nd against a hand-written Go loop and against the same work done on
// boxed values, the Go analogue of pure Python against NumPy.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "nd:", err)
		os.Exit(2)
	}
}

const usage = `usage: nd <command> [flags]

commands:
  demo    a short tour of nd with a timing table (flags: -n elements, -quick)
`

func run(args []string, w io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(w, usage)
		return nil
	}
	switch args[0] {
	case "demo":
		fs := flag.NewFlagSet("demo", flag.ContinueOnError)
		n := fs.Int("n", 1<<22, "elements in the timing table's arrays")
		quick := fs.Bool("quick", false, "small sizes and one repetition (for tests)")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if *n <= 0 {
			return fmt.Errorf("demo: -n must be positive, got %d", *n)
		}
		return demo(w, *n, *quick)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(w, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}
