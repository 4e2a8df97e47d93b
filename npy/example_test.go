package npy_test

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/nd-go/nd/npy"
)

func Example() {
	a := &npy.Array{DType: "float64", Shape: []int{2, 3}, Data: []float64{1, 2, 3, 4, 5, 6}}
	var b bytes.Buffer
	if err := npy.Write(&b, a); err != nil {
		log.Fatal(err)
	}
	got, err := npy.Read(&b)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.DType, got.Shape, got.Data.([]float64))
	// Output: float64 [2 3] [1 2 3 4 5 6]
}

func ExampleWriteNPZ() {
	dir, err := os.MkdirTemp("", "npy-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "weights.npz")
	arrays := map[string]*npy.Array{
		"w": {DType: "float32", Shape: []int{2, 2}, Data: []float32{1, 0, 0, 1}},
		"b": {DType: "float32", Shape: []int{2}, Data: []float32{0.5, -0.5}},
	}
	if err := npy.WriteNPZ(path, arrays, true); err != nil {
		log.Fatal(err)
	}
	// In Python: np.load(path)["w"]
	read, err := npy.ReadNPZ(path)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(read["w"].Shape, read["w"].Data, read["b"].Data)
	// Output: [2 2] [1 0 0 1] [0.5 -0.5]
}
