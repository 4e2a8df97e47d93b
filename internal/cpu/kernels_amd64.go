//go:build amd64 && !noasm

package cpu

import (
	"golang.org/x/sys/cpu"

	"github.com/nd-go/nd/internal/core"
)

// vectorLevel is the instruction set of the vector kernels this CPU runs.
type vectorLevel int

const (
	levelGo vectorLevel = iota
	levelAVX2
	levelAVX512
)

// cpuLevel is the best level this CPU has: AVX-512 needs F, BW (byte
// masks), DQ (64-bit multiply and conversions), VL (masked XMM and YMM
// moves), BMI2 (the tail mask) and FMA; the fma kernels of AVX2 need FMA
// besides AVX2.
var cpuLevel = func() vectorLevel {
	x := cpu.X86
	switch {
	case x.HasAVX512F && x.HasAVX512BW && x.HasAVX512DQ && x.HasAVX512VL && x.HasBMI2 && x.HasFMA:
		return levelAVX512
	case x.HasAVX2:
		return levelAVX2
	}
	return levelGo
}()

func init() { useVectorLevel(cpuLevel) }

// useVectorLevel fills the kernel tables with the kernels of level l (and
// empties them for levelGo); tests run each level the CPU has.
func useVectorLevel(l vectorLevel) {
	clear(vectorBinary)
	clear(vectorSelect)
	clear(vectorConvert)
	clear(vectorFMA)
	clear(vectorUnary)
	arithF32, arithF64 = arithGoF32, arithGoF64
	switch l {
	case levelAVX512:
		useAVX512()
	case levelAVX2:
		useAVX2()
	}
}

func useAVX2() {
	if arithAVX2 {
		arithF32 = [4]BinaryKernels[float32, float32]{
			checkedF32(addF32VVAVX2, addF32VSAVX2, addF32SVAVX2),
			checkedF32(subF32VVAVX2, subF32VSAVX2, subF32SVAVX2),
			checkedF32(mulF32VVAVX2, mulF32VSAVX2, mulF32SVAVX2),
			checkedF32(divF32VVAVX2, divF32VSAVX2, divF32SVAVX2),
		}
		arithF64 = [4]BinaryKernels[float64, float64]{
			checkedF64(addF64VVAVX2, addF64VSAVX2, addF64SVAVX2),
			checkedF64(subF64VVAVX2, subF64VSAVX2, subF64SVAVX2),
			checkedF64(mulF64VVAVX2, mulF64VSAVX2, mulF64SVAVX2),
			checkedF64(divF64VVAVX2, divF64VSAVX2, divF64SVAVX2),
		}
	}
	const t32, t64 = 7, 3 // the elements past whole YMM vectors
	setUnary(t32, t64, [8]func(d, x []float32){negF32AVX2, absF32AVX2, sqrtF32AVX2, floorF32AVX2, ceilF32AVX2, roundF32AVX2, signF32AVX2, rsqrtF32AVX2},
		[8]func(d, x []float64){negF64AVX2, absF64AVX2, sqrtF64AVX2, floorF64AVX2, ceilF64AVX2, roundF64AVX2, signF64AVX2, rsqrtF64AVX2})
	setBinary("max/float32", t32, maxF32VVAVX2, maxF32VSAVX2, maxF32SVAVX2)
	setBinary("min/float32", t32, minF32VVAVX2, minF32VSAVX2, minF32SVAVX2)
	setBinary("max/float64", t64, maxF64VVAVX2, maxF64VSAVX2, maxF64SVAVX2)
	setBinary("min/float64", t64, minF64VVAVX2, minF64VSAVX2, minF64SVAVX2)
	setBinary("add/int32", t32, addI32VVAVX2, addI32VSAVX2, addI32SVAVX2)
	setBinary("sub/int32", t32, subI32VVAVX2, subI32VSAVX2, subI32SVAVX2)
	setBinary("mul/int32", t32, mulI32VVAVX2, mulI32VSAVX2, mulI32SVAVX2)
	setBinary("add/int64", t64, addI64VVAVX2, addI64VSAVX2, addI64SVAVX2)
	setBinary("sub/int64", t64, subI64VVAVX2, subI64VSAVX2, subI64SVAVX2)
	setCompares("float32", t32, [6]func([]bool, []float32, []float32){cmpEqF32VVAVX2, cmpNeF32VVAVX2, cmpLtF32VVAVX2, cmpLeF32VVAVX2, cmpGtF32VVAVX2, cmpGeF32VVAVX2},
		[6]func([]bool, []float32, float32){cmpEqF32VSAVX2, cmpNeF32VSAVX2, cmpLtF32VSAVX2, cmpLeF32VSAVX2, cmpGtF32VSAVX2, cmpGeF32VSAVX2})
	setCompares("float64", t64, [6]func([]bool, []float64, []float64){cmpEqF64VVAVX2, cmpNeF64VVAVX2, cmpLtF64VVAVX2, cmpLeF64VVAVX2, cmpGtF64VVAVX2, cmpGeF64VVAVX2},
		[6]func([]bool, []float64, float64){cmpEqF64VSAVX2, cmpNeF64VSAVX2, cmpLtF64VSAVX2, cmpLeF64VSAVX2, cmpGtF64VSAVX2, cmpGeF64VSAVX2})
	setCompares("int32", t32, [6]func([]bool, []int32, []int32){cmpEqI32VVAVX2, cmpNeI32VVAVX2, cmpLtI32VVAVX2, cmpLeI32VVAVX2, cmpGtI32VVAVX2, cmpGeI32VVAVX2},
		[6]func([]bool, []int32, int32){cmpEqI32VSAVX2, cmpNeI32VSAVX2, cmpLtI32VSAVX2, cmpLeI32VSAVX2, cmpGtI32VSAVX2, cmpGeI32VSAVX2})
	setCompares("int64", t64, [6]func([]bool, []int64, []int64){cmpEqI64VVAVX2, cmpNeI64VVAVX2, cmpLtI64VVAVX2, cmpLeI64VVAVX2, cmpGtI64VVAVX2, cmpGeI64VVAVX2},
		[6]func([]bool, []int64, int64){cmpEqI64VSAVX2, cmpNeI64VSAVX2, cmpLtI64VSAVX2, cmpLeI64VSAVX2, cmpGtI64VSAVX2, cmpGeI64VSAVX2})

	vectorSelect["float32"] = selectVec[float32]{SelectKernels[float32]{selectF32VVAVX2, selectF32VSAVX2, selectF32SVAVX2}, t32}
	vectorSelect["float64"] = selectVec[float64]{SelectKernels[float64]{selectF64VVAVX2, selectF64VSAVX2, selectF64SVAVX2}, t64}
	vectorSelect["int32"] = selectVec[int32]{SelectKernels[int32]{selectI32VVAVX2, selectI32VSAVX2, selectI32SVAVX2}, t32}
	vectorSelect["int64"] = selectVec[int64]{SelectKernels[int64]{selectI64VVAVX2, selectI64VSAVX2, selectI64SVAVX2}, t64}

	vectorConvert["float32>float64"] = convertVec[float32, float64]{convertF32ToF64AVX2, t64}
	vectorConvert["float64>float32"] = convertVec[float64, float32]{convertF64ToF32AVX2, t64}
	vectorConvert["int32>float32"] = convertVec[int32, float32]{convertI32ToF32AVX2, t32}
	vectorConvert["int32>float64"] = convertVec[int32, float64]{convertI32ToF64AVX2, t64}
	vectorConvert["float32>int32"] = convertVec[float32, int32]{convertF32ToI32AVX2, t32}
	vectorConvert["float64>int32"] = convertVec[float64, int32]{convertF64ToI32AVX2, t64}
	vectorConvert["int32>int64"] = convertVec[int32, int64]{convertI32ToI64AVX2, t64}

	if !cpu.X86.HasFMA {
		return
	}
	vectorFMA["float32"] = fmaVec[float32]{TernaryKernels[float32]{
		fmaF32VVVAVX2, fmaF32VVSAVX2, fmaF32VSVAVX2, fmaF32SVVAVX2, fmaF32VSSAVX2, fmaF32SVSAVX2, fmaF32SSVAVX2}, t32}
	vectorFMA["float64"] = fmaVec[float64]{TernaryKernels[float64]{
		fmaF64VVVAVX2, fmaF64VVSAVX2, fmaF64VSVAVX2, fmaF64SVVAVX2, fmaF64VSSAVX2, fmaF64SVSAVX2, fmaF64SSVAVX2}, t64}
}

func useAVX512() {
	arithF32 = [4]BinaryKernels[float32, float32]{
		checkedF32(addF32VVAVX512, addF32VSAVX512, addF32SVAVX512),
		checkedF32(subF32VVAVX512, subF32VSAVX512, subF32SVAVX512),
		checkedF32(mulF32VVAVX512, mulF32VSAVX512, mulF32SVAVX512),
		checkedF32(divF32VVAVX512, divF32VSAVX512, divF32SVAVX512),
	}
	arithF64 = [4]BinaryKernels[float64, float64]{
		checkedF64(addF64VVAVX512, addF64VSAVX512, addF64SVAVX512),
		checkedF64(subF64VVAVX512, subF64VSAVX512, subF64SVAVX512),
		checkedF64(mulF64VVAVX512, mulF64VSAVX512, mulF64SVAVX512),
		checkedF64(divF64VVAVX512, divF64VSAVX512, divF64SVAVX512),
	}
	streamF32 := [4]BinaryKernels[float32, float32]{
		checkedF32(addF32VVStreamAVX512, addF32VSStreamAVX512, addF32SVStreamAVX512),
		checkedF32(subF32VVStreamAVX512, subF32VSStreamAVX512, subF32SVStreamAVX512),
		checkedF32(mulF32VVStreamAVX512, mulF32VSStreamAVX512, mulF32SVStreamAVX512),
		checkedF32(divF32VVStreamAVX512, divF32VSStreamAVX512, divF32SVStreamAVX512),
	}
	streamF64 := [4]BinaryKernels[float64, float64]{
		checkedF64(addF64VVStreamAVX512, addF64VSStreamAVX512, addF64SVStreamAVX512),
		checkedF64(subF64VVStreamAVX512, subF64VSStreamAVX512, subF64SVStreamAVX512),
		checkedF64(mulF64VVStreamAVX512, mulF64VSStreamAVX512, mulF64SVStreamAVX512),
		checkedF64(divF64VVStreamAVX512, divF64VSStreamAVX512, divF64SVStreamAVX512),
	}
	for i := range arithF32 {
		arithF32[i].Stream = streamed(arithF32[i], streamF32[i])
		arithF64[i].Stream = streamed(arithF64[i], streamF64[i])
	}
	setUnary(0, 0, [8]func(d, x []float32){negF32AVX512, absF32AVX512, sqrtF32AVX512, floorF32AVX512, ceilF32AVX512, roundF32AVX512, signF32AVX512, rsqrtF32AVX512},
		[8]func(d, x []float64){negF64AVX512, absF64AVX512, sqrtF64AVX512, floorF64AVX512, ceilF64AVX512, roundF64AVX512, signF64AVX512, rsqrtF64AVX512})
	setBinary("max/float32", 0, maxF32VVAVX512, maxF32VSAVX512, maxF32SVAVX512)
	setBinary("min/float32", 0, minF32VVAVX512, minF32VSAVX512, minF32SVAVX512)
	setBinary("max/float64", 0, maxF64VVAVX512, maxF64VSAVX512, maxF64SVAVX512)
	setBinary("min/float64", 0, minF64VVAVX512, minF64VSAVX512, minF64SVAVX512)
	setBinary("add/int32", 0, addI32VVAVX512, addI32VSAVX512, addI32SVAVX512)
	setBinary("sub/int32", 0, subI32VVAVX512, subI32VSAVX512, subI32SVAVX512)
	setBinary("mul/int32", 0, mulI32VVAVX512, mulI32VSAVX512, mulI32SVAVX512)
	setBinary("add/int64", 0, addI64VVAVX512, addI64VSAVX512, addI64SVAVX512)
	setBinary("sub/int64", 0, subI64VVAVX512, subI64VSAVX512, subI64SVAVX512)
	setBinary("mul/int64", 0, mulI64VVAVX512, mulI64VSAVX512, mulI64SVAVX512)
	setStream("max/float32", maxF32VVStreamAVX512, maxF32VSStreamAVX512, maxF32SVStreamAVX512)
	setStream("min/float32", minF32VVStreamAVX512, minF32VSStreamAVX512, minF32SVStreamAVX512)
	setStream("max/float64", maxF64VVStreamAVX512, maxF64VSStreamAVX512, maxF64SVStreamAVX512)
	setStream("min/float64", minF64VVStreamAVX512, minF64VSStreamAVX512, minF64SVStreamAVX512)
	setStream("add/int32", addI32VVStreamAVX512, addI32VSStreamAVX512, addI32SVStreamAVX512)
	setStream("sub/int32", subI32VVStreamAVX512, subI32VSStreamAVX512, subI32SVStreamAVX512)
	setStream("mul/int32", mulI32VVStreamAVX512, mulI32VSStreamAVX512, mulI32SVStreamAVX512)
	setStream("add/int64", addI64VVStreamAVX512, addI64VSStreamAVX512, addI64SVStreamAVX512)
	setStream("sub/int64", subI64VVStreamAVX512, subI64VSStreamAVX512, subI64SVStreamAVX512)
	setStream("mul/int64", mulI64VVStreamAVX512, mulI64VSStreamAVX512, mulI64SVStreamAVX512)
	vectorFMA["float32"] = fmaVec[float32]{TernaryKernels[float32]{
		fmaF32VVVAVX512, fmaF32VVSAVX512, fmaF32VSVAVX512, fmaF32SVVAVX512, fmaF32VSSAVX512, fmaF32SVSAVX512, fmaF32SSVAVX512}, 0}
	vectorFMA["float64"] = fmaVec[float64]{TernaryKernels[float64]{
		fmaF64VVVAVX512, fmaF64VVSAVX512, fmaF64VSVAVX512, fmaF64SVVAVX512, fmaF64VSSAVX512, fmaF64SVSAVX512, fmaF64SSVAVX512}, 0}

	setCompares("float32", 0, [6]func([]bool, []float32, []float32){cmpEqF32VVAVX512, cmpNeF32VVAVX512, cmpLtF32VVAVX512, cmpLeF32VVAVX512, cmpGtF32VVAVX512, cmpGeF32VVAVX512},
		[6]func([]bool, []float32, float32){cmpEqF32VSAVX512, cmpNeF32VSAVX512, cmpLtF32VSAVX512, cmpLeF32VSAVX512, cmpGtF32VSAVX512, cmpGeF32VSAVX512})
	setCompares("float64", 0, [6]func([]bool, []float64, []float64){cmpEqF64VVAVX512, cmpNeF64VVAVX512, cmpLtF64VVAVX512, cmpLeF64VVAVX512, cmpGtF64VVAVX512, cmpGeF64VVAVX512},
		[6]func([]bool, []float64, float64){cmpEqF64VSAVX512, cmpNeF64VSAVX512, cmpLtF64VSAVX512, cmpLeF64VSAVX512, cmpGtF64VSAVX512, cmpGeF64VSAVX512})
	setCompares("int32", 0, [6]func([]bool, []int32, []int32){cmpEqI32VVAVX512, cmpNeI32VVAVX512, cmpLtI32VVAVX512, cmpLeI32VVAVX512, cmpGtI32VVAVX512, cmpGeI32VVAVX512},
		[6]func([]bool, []int32, int32){cmpEqI32VSAVX512, cmpNeI32VSAVX512, cmpLtI32VSAVX512, cmpLeI32VSAVX512, cmpGtI32VSAVX512, cmpGeI32VSAVX512})
	setCompares("int64", 0, [6]func([]bool, []int64, []int64){cmpEqI64VVAVX512, cmpNeI64VVAVX512, cmpLtI64VVAVX512, cmpLeI64VVAVX512, cmpGtI64VVAVX512, cmpGeI64VVAVX512},
		[6]func([]bool, []int64, int64){cmpEqI64VSAVX512, cmpNeI64VSAVX512, cmpLtI64VSAVX512, cmpLeI64VSAVX512, cmpGtI64VSAVX512, cmpGeI64VSAVX512})

	vectorSelect["float32"] = selectVec[float32]{SelectKernels[float32]{selectF32VVAVX512, selectF32VSAVX512, selectF32SVAVX512}, 0}
	vectorSelect["float64"] = selectVec[float64]{SelectKernels[float64]{selectF64VVAVX512, selectF64VSAVX512, selectF64SVAVX512}, 0}
	vectorSelect["int32"] = selectVec[int32]{SelectKernels[int32]{selectI32VVAVX512, selectI32VSAVX512, selectI32SVAVX512}, 0}
	vectorSelect["int64"] = selectVec[int64]{SelectKernels[int64]{selectI64VVAVX512, selectI64VSAVX512, selectI64SVAVX512}, 0}

	vectorConvert["float32>float64"] = convertVec[float32, float64]{convertF32ToF64AVX512, 0}
	vectorConvert["float64>float32"] = convertVec[float64, float32]{convertF64ToF32AVX512, 0}
	vectorConvert["int32>float32"] = convertVec[int32, float32]{convertI32ToF32AVX512, 0}
	vectorConvert["int64>float64"] = convertVec[int64, float64]{convertI64ToF64AVX512, 0}
	vectorConvert["int32>float64"] = convertVec[int32, float64]{convertI32ToF64AVX512, 0}
	vectorConvert["int64>float32"] = convertVec[int64, float32]{convertI64ToF32AVX512, 0}
	vectorConvert["float32>int32"] = convertVec[float32, int32]{convertF32ToI32AVX512, 0}
	vectorConvert["float64>int64"] = convertVec[float64, int64]{convertF64ToI64AVX512, 0}
	vectorConvert["float32>int64"] = convertVec[float32, int64]{convertF32ToI64AVX512, 0}
	vectorConvert["float64>int32"] = convertVec[float64, int32]{convertF64ToI32AVX512, 0}
	vectorConvert["int32>int64"] = convertVec[int32, int64]{convertI32ToI64AVX512, 0}
	vectorConvert["int64>int32"] = convertVec[int64, int32]{convertI64ToI32AVX512, 0}
}

func setBinary[T, U core.Element](key string, tail int, vv func([]U, []T, []T), vs func([]U, []T, T), sv func([]U, T, []T)) {
	vectorBinary[key] = binaryVec[T, U]{k: BinaryKernels[T, U]{VV: vv, VS: vs, SV: sv}, tail: tail}
}

// setStream adds the streaming twins of the kernels set under key (with
// no tail).
func setStream[T core.Element](key string, vv func([]T, []T, []T), vs func([]T, []T, T), sv func([]T, T, []T)) {
	v := vectorBinary[key].(binaryVec[T, T])
	v.stream = &BinaryKernels[T, T]{VV: vv, VS: vs, SV: sv}
	vectorBinary[key] = v
}

// setCompares registers eq, ne, lt, le, gt, ge (in that order) over
// dtype d. The kernels with a scalar first operand are those with it
// second and the mirrored comparison (s < b is b > s, NaNs included).
func setCompares[T core.Element](d string, tail int, vv [6]func([]bool, []T, []T), vs [6]func([]bool, []T, T)) {
	mirror := [6]int{0, 1, 4, 5, 2, 3}
	for j, op := range [6]string{"eq", "ne", "lt", "le", "gt", "ge"} {
		m := vs[mirror[j]]
		setBinary(op+"/"+d, tail, vv[j], vs[j], func(dst []bool, s T, b []T) { m(dst, b, s) })
	}
}

// unaryNames are the ops of the unary kernels, in setUnary's order.
var unaryNames = [8]string{"neg", "abs", "sqrt", "floor", "ceil", "round", "sign", "rsqrt"}

// setUnary registers the float unary kernels, which leave len%(t32+1) and len%(t64+1) elements to the Go loops.
func setUnary(t32, t64 int, f32 [8]func(d, x []float32), f64 [8]func(d, x []float64)) {
	for i, k := range f32 {
		vectorUnary[unaryNames[i]+"/float32"] = unaryVec[float32]{k, t32}
	}
	for i, k := range f64 {
		vectorUnary[unaryNames[i]+"/float64"] = unaryVec[float64]{k, t64}
	}
}
