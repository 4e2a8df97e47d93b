package prims

import (
	"math"

	"github.com/nd-go/nd/internal/core"
	"github.com/nd-go/nd/internal/cpu"
)

// This file holds the random family: random_bits (Threefry-2x32 bits from a
// key array, JAX's threefry_random_bits), unit_float (bits to floats in
// [0, 1), JAX's mantissa construction) and erf_inv (the inverse error
// function that turns uniform samples into normal ones). A key is an int32
// array of shape (2,) holding the bit patterns of Threefry's two uint32 key
// words, so keys are ordinary arrays that a trace can follow.

// KeyWords returns the two uint32 words of a concrete key array.
func KeyWords(key *core.Array) (uint32, uint32) {
	w := core.Data[int32](key)
	return uint32(w[0]), uint32(w[1])
}

// MaxRandomWords bounds the 32-bit words one random_bits call may draw: the
// counters are uint32 and JAX's scheme counts them with iota(uint32).
const MaxRandomWords int64 = math.MaxUint32 - 1

// RandomBitsParams are the params of random_bits: the output shape, the
// width of each value (32 or 64) and the output dtype. Width 32 gives int32
// bit patterns (DType Int32) or the unsigned values in [0, 2**32) (DType
// Int64); width 64 gives int64 bit patterns (DType Int64).
type RandomBitsParams struct {
	Shape []int
	Bits  int
	DType core.DType
}

var randomBitsP = core.Register(&core.Primitive{
	Name: "random_bits",
	Abstract: func(in []core.Aval, params any) []core.Aval {
		p := params.(RandomBitsParams)
		checkKeyAval("random_bits", in[0])
		for _, d := range p.Shape {
			if d < 0 {
				core.Panicf("random_bits", "negative dimension in shape %v", core.ShapeString(p.Shape))
			}
		}
		switch {
		case p.Bits == 32 && (p.DType == core.Int32 || p.DType == core.Int64):
		case p.Bits == 64 && p.DType == core.Int64:
		default:
			core.Panicf("random_bits", "%d-bit values as %v: want 32 bits as int32 or int64, or 64 bits as int64", p.Bits, p.DType)
		}
		if words := core.ShapeSize(p.Shape) * (p.Bits / 32); int64(words) > MaxRandomWords {
			core.Panicf("random_bits", "shape %v needs %d random words, more than %d", core.ShapeString(p.Shape), words, MaxRandomWords)
		}
		return []core.Aval{{DType: p.DType, Shape: p.Shape}}
	},
	Eager: func(args []*core.Array, outs []core.Aval, params any) []*core.Array {
		out := allocWritten(outs)
		k0, k1 := KeyWords(args[0])
		switch d := out.Buffer().(type) {
		case []int32:
			cpu.RandomBits32(d, k0, k1)
		case []int64:
			if params.(RandomBitsParams).Bits == 64 {
				cpu.RandomBits64(d, k0, k1)
			} else {
				cpu.RandomBits32(d, k0, k1)
			}
		}
		return out1(out)
	},
	Fusion: core.Opaque,
})

// checkKeyAval panics unless av is the aval of a key: int32 of shape (2,).
func checkKeyAval(op string, av core.Aval) {
	if av.DType != core.Int32 || len(av.Shape) != 1 || av.Shape[0] != 2 {
		core.Panicf(op, "key is %v, want int32[2]", av)
	}
}

// RandomBits returns random values of the given shape drawn under key (an
// int32 array of shape (2,)) with Threefry-2x32, as JAX's
// threefry_random_bits(key, bits, shape); see RandomBitsParams for bits and
// dtype.
func RandomBits(key *core.Array, bits int, dtype core.DType, shape []int) *core.Array {
	return core.Bind1(randomBitsP, RandomBitsParams{Shape: shape, Bits: bits, DType: dtype}, key)
}

// unit_float: int32 bits → float32 and int64 bits → float64 in [0, 1). The
// top mantissa-width bits become the mantissa of a float in [1, 2), from
// which 1 is subtracted: JAX's uniform, exactly.
var unitFloatP = core.Register(&core.Primitive{
	Name: "unit_float",
	Abstract: func(in []core.Aval, _ any) []core.Aval {
		switch in[0].DType {
		case core.Int32:
			return []core.Aval{{DType: core.Float32, Shape: in[0].Shape}}
		case core.Int64:
			return []core.Aval{{DType: core.Float64, Shape: in[0].Shape}}
		}
		core.Panicf("unit_float", "operand dtype %v: want int32 or int64 random bits", in[0].DType)
		return nil
	},
	Eager: func(args []*core.Array, outs []core.Aval, _ any) []*core.Array {
		out := allocWritten(outs)
		switch d := out.Buffer().(type) {
		case []float32:
			cpu.Unary(d, args[0], unitFloat32Loop)
		case []float64:
			cpu.Unary(d, args[0], unitFloat64Loop)
		}
		return out1(out)
	},
	Loop: func(dst core.BlockArg, args []core.BlockArg, _ any) func(int, int) {
		if _, ok := dst.Data.([]float32); ok {
			return bindUnary(dst, args[0], unitFloat32Loop)
		}
		return bindUnary(dst, args[0], unitFloat64Loop)
	},
	Fusion: core.Elementwise,
})

func unitFloat32Loop(d []float32, x []int32) {
	d = d[:len(x)]
	for i, v := range x {
		d[i] = math.Float32frombits(uint32(v)>>9|0x3f800000) - 1
	}
}

func unitFloat64Loop(d []float64, x []int64) {
	d = d[:len(x)]
	for i, v := range x {
		d[i] = math.Float64frombits(uint64(v)>>12|0x3ff0000000000000) - 1
	}
}

// UnitFloat maps random bits (int32 or int64) to floats (float32 or
// float64) uniform in [0, 1), as JAX's uniform does.
func UnitFloat(bits *core.Array) *core.Array { return core.Bind1(unitFloatP, nil, bits) }

// erf_inv: the inverse error function, with Giles' polynomials ("Approximating
// the erfinv function", GPU Computing Gems, 2011) as XLA computes it: the
// single-precision one for float32, the double-precision one for float64.
// erf_inv(±1) = ±Inf and |x| > 1 gives NaN. The arithmetic is written so
// that no platform fuses a multiply-add and the logarithm is nd's own, so
// every machine gets the same bits.
var erfInvP = defUnary("erf_inv", floating, floatUnary(erfInvLoop32, erfInvLoop64))

// ErfInv returns the inverse error function of x (float32 or float64).
func ErfInv(x *core.Array) *core.Array { return core.Bind1(erfInvP, nil, x) }

func erfInvLoop32(d, x []float32) {
	d = d[:len(x)]
	for i, v := range x {
		d[i] = erfInv32(v)
	}
}

func erfInvLoop64(d, x []float64) {
	d = d[:len(x)]
	for i, v := range x {
		d[i] = erfInv64(v)
	}
}

var erfInv32Small = [...]float32{2.81022636e-08, 3.43273939e-07, -3.5233877e-06,
	-4.39150654e-06, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941}
var erfInv32Large = [...]float32{-0.000200214257, 0.000100950558, 0.00134934322,
	-0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682}

func erfInv32(x float32) float32 {
	switch {
	case x != x || x < -1 || x > 1:
		return float32(math.NaN())
	case x == 1 || x == -1:
		return float32(math.Inf(int(x)))
	}
	// w = -log(1 - x²), from the float64 product (exact for a float32 x up
	// to rounding of the last bit) and nd's logarithm, rounded once.
	xd := float64(x)
	w := float32(-detLog(float64((1 - xd) * (1 + xd))))
	c := &erfInv32Small
	if w < 5 {
		w -= 2.5
	} else {
		c = &erfInv32Large
		w = float32(math.Sqrt(float64(w))) - 3
	}
	p := c[0]
	for _, k := range c[1:] {
		p = float32(p*w) + k
	}
	return p * x
}

var erfInv64Small = [...]float64{-3.6444120640178196996e-21, -1.685059138182016589e-19,
	1.2858480715256400167e-18, 1.115787767802518096e-17, -1.333171662854620906e-16,
	2.0972767875968561637e-17, 6.6376381343583238325e-15, -4.0545662729752068639e-14,
	-8.1519341976054721522e-14, 2.6335093153082322977e-12, -1.2975133253453532498e-11,
	-5.4154120542946279317e-11, 1.051212273321532285e-09, -4.1126339803469836976e-09,
	-2.9070369957882005086e-08, 4.2347877827932403518e-07, -1.3654692000834678645e-06,
	-1.3882523362786468719e-05, 0.0001867342080340571352, -0.00074070253416626697512,
	-0.0060336708714301490533, 0.24015818242558961693, 1.6536545626831027356}
var erfInv64Mid = [...]float64{2.2137376921775787049e-09, 9.0756561938885390979e-08,
	-2.7517406297064545428e-07, 1.8239629214389227755e-08, 1.5027403968909827627e-06,
	-4.013867526981545969e-06, 2.9234449089955446044e-06, 1.2475304481671778723e-05,
	-4.7318229009055733981e-05, 6.8284851459573175448e-05, 2.4031110387097893999e-05,
	-0.0003550375203628474796, 0.00095328937973738049703, -0.0016882755560235047313,
	0.0024914420961078508066, -0.0037512085075692412107, 0.005370914553590063617,
	1.0052589676941592334, 3.0838856104922207635}
var erfInv64Large = [...]float64{-2.7109920616438573243e-11, -2.5556418169965252055e-10,
	1.5076572693500548083e-09, -3.7894654401267369937e-09, 7.6157012080783393804e-09,
	-1.4960026627149240478e-08, 2.9147953450901080826e-08, -6.7711997758452339498e-08,
	2.2900482228026654717e-07, -9.9298272942317002539e-07, 4.5260625972231537039e-06,
	-1.9681778105531670567e-05, 7.5995277030017761139e-05, -0.00021503011930044477347,
	-0.00013871931833623122026, 1.0103004648645343977, 4.8499064014085844221}

func erfInv64(x float64) float64 {
	switch {
	case x != x || x < -1 || x > 1:
		return math.NaN()
	case x == 1 || x == -1:
		return math.Inf(int(x))
	}
	w := -detLog(float64((1 - x) * (1 + x)))
	var c []float64
	switch {
	case w < 6.25:
		c, w = erfInv64Small[:], w-3.125
	case w < 16:
		c, w = erfInv64Mid[:], math.Sqrt(w)-3.25
	default:
		c, w = erfInv64Large[:], math.Sqrt(w)-5
	}
	p := c[0]
	for _, k := range c[1:] {
		p = float64(p*w) + k
	}
	return p * x
}

// detLog is the natural logarithm computed the same way on every platform:
// the algorithm of Go's portable math.log (FreeBSD's e_log.c), with each
// product rounded before it is added so that no compiler fuses a
// multiply-add (math.Log itself uses assembly on some platforms).
func detLog(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01 /* 3fe62e42 fee00000 */
		ln2Lo = 1.90821492927058770002e-10 /* 3dea39ef 35793c76 */
		l1    = 6.666666666666735130e-01   /* 3FE55555 55555593 */
		l2    = 3.999999999940941908e-01   /* 3FD99999 9997FA04 */
		l3    = 2.857142874366239149e-01   /* 3FD24924 94229359 */
		l4    = 2.222219843214978396e-01   /* 3FCC71C5 1D8E78AF */
		l5    = 1.818357216161805012e-01   /* 3FC74664 96CB03DE */
		l6    = 1.531383769920937332e-01   /* 3FC39A09 D078C69F */
		l7    = 1.479819860511658591e-01   /* 3FC2F112 DF3E5244 */
	)
	switch {
	case x != x || math.IsInf(x, 1):
		return x
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	}
	f1, ki := math.Frexp(x)
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	f := f1 - 1
	k := float64(ki)
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	t1 := s2 * (l1 + float64(s4*(l3+float64(s4*(l5+float64(s4*l7))))))
	t2 := s4 * (l2 + float64(s4*(l4+float64(s4*l6))))
	r := t1 + t2
	hfsq := 0.5 * f * f
	return float64(k*ln2Hi) - ((hfsq - (float64(s*(hfsq+r)) + float64(k*ln2Lo))) - f)
}
