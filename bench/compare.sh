#!/usr/bin/env bash
# Prints every speed bar of issues 3, 4 and 5 as one Markdown table of
# ratios, each nd figure set beside its reference measured in the same
# invocation at the same thread count: the machine's limits
# (../shared/bench/limits.sh), NumPy (../shared/bench/numpy_suite.py with
# Debian's python3-numpy) and nd's Go benchmarks at -cpu 1 and 2.
#
# The Go benchmarks run in rounds (one process per round, every benchmark
# once at -cpu 1 then 2) rather than with -count N in one process, so that a
# burst of load from another job on a shared machine hits nd and its Go
# reference alike; each figure is the median over the rounds. numpy_suite.py
# already reports the median of at least 5 timed runs, so it runs once per
# BLAS thread count. Only BLAS work (matmul, mlp_step) depends on
# OPENBLAS_NUM_THREADS, so the 2-thread NumPy run times just those two; the
# 2-thread rows of the other workloads compare with the 1-thread figures.
#
# Usage: bash bench/compare.sh [-n rounds] [-q] [-t benchtime] [-k dir | -r dir]
#   -n N   rounds of Go benchmarks, median taken (default 5)
#   -q     quick smoke test: 1 round, -benchtime 0.2s
#   -t T   go test -benchtime for every round (default 1s)
#   -k D   keep the raw outputs (limits, numpy, go rounds) in directory D
#   -r D   measure nothing: print the table again from the raw outputs kept in D
set -u
cd "$(dirname "$0")/.."
shared=../shared/bench

rounds=5 benchtime=1s keep= reuse=
while getopts 'n:qt:k:r:h' opt; do
	case $opt in
	n) rounds=$OPTARG ;;
	q) rounds=1 benchtime=0.2s ;;
	t) benchtime=$OPTARG ;;
	k) keep=$OPTARG ;;
	r) reuse=$OPTARG ;;
	*) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
	esac
done
case $rounds in '' | *[!0-9]* | 0) echo "compare.sh: -n wants a positive count, got '$rounds'" >&2; exit 2 ;; esac

if [ -n "$reuse" ]; then
	raw=$reuse
	rounds=$(ls "$raw"/go[0-9]*.txt 2>/dev/null | wc -l)
elif [ -n "$keep" ]; then
	raw=$keep
	mkdir -p "$raw" || exit 1
else
	raw=$(mktemp -d)
	trap 'rm -rf "$raw"' EXIT
fi

# Bars, one per line: label | threads | nd benchmark | reference | bar | bytes
#   reference: go:<Benchmark> (same binary, same -cpu), np:<numpy_suite workload>,
#              or max:<ns> (an upper limit on nd's time per op)
#   bar:       ratio = reference time / nd time must be >= bar
#   bytes:     logical bytes read + written (numpy_suite.py's count) for the
#              memory-bound rows, whose GB/s is set beside the triad bandwidth
bars='#3 chain 16M: JIT vs eager|1 2|BenchmarkChainJIT|go:BenchmarkChainEager|2|268435456
#3 chain 16M: JIT vs fused Go loop|1 2|BenchmarkChainJIT|go:BenchmarkChainGoLoop|1|268435456
#3 softmax 4096x4096: JIT vs eager|1 2|BenchmarkSoftmaxJIT|go:BenchmarkSoftmaxEager|1.5|134217728
#3 JIT call, 3 small arrays|1 2|BenchmarkJITCallOverhead|max:2000|1|
#3 trace+compile 200 eqns|1 2|BenchmarkJITCompile200|max:5000000|1|
#4 MLP step: JIT(ValueAndGrad) vs eager|1 2|BenchmarkMLPStepJIT|go:BenchmarkMLPStepEager|1.5|
#5 x*2 16M vs NumPy|1|BenchmarkMulScalarF32_16M|np:ew1|1|134217728
#5 x*2 16M vs NumPy|2|BenchmarkMulScalarF32_16M|np:ew1|1.5|134217728
#5 sum 64M vs NumPy|1 2|BenchmarkSumF32_64M|np:sum_all|1|268435456
#5 mean axis 0 8192x8192 vs NumPy|1 2|BenchmarkMeanF32_8192x8192_Axis0|np:mean_ax0|1|268435456
#5 mean axis 1 8192x8192 vs NumPy|1 2|BenchmarkMeanF32_8192x8192_Axis1|np:mean_ax1|1|268435456
#5 chain 16M JIT vs NumPy|1|BenchmarkChainJIT|np:chain|3|268435456
#5 softmax 4096x4096 JIT vs NumPy|1 2|BenchmarkSoftmaxJIT|np:softmax|2.5|134217728
#5 MatMul 2048 float32 vs NumPy|1 2|BenchmarkMatMulF32_2048|np:matmul|0.7|
#5 MLP step JIT vs NumPy|1 2|BenchmarkMLPStepJIT|np:mlp_step|1|'

goBenches=$(printf '%s\n' "$bars" | awk -F'|' '{ print $3; if ($4 ~ /^go:/) print substr($4, 4) }' | sort -u | paste -sd'|')
npAll=ew1,chain,softmax,sum_all,mean_ax0,mean_ax1,matmul,mlp_step
npBLAS=matmul,mlp_step

if [ -n "$reuse" ]; then
	cat "$raw/meta.txt"
else
	echo "# nd speed bars, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- . 2>/dev/null || echo '+dirty'), $(go version | cut -d' ' -f3-), -benchtime $benchtime" | tee "$raw/meta.txt"
	echo "# limits.sh 64 1 2 ..." >&2
	if [ -f "$shared/limits.sh" ] && command -v gcc >/dev/null; then
		sh "$shared/limits.sh" 64 1 2 >"$raw/limits.txt" 2>&1
	else
		echo "(limits.sh or gcc missing)" >"$raw/limits.txt"
	fi

	: >"$raw/numpy1.txt"
	: >"$raw/numpy2.txt"
	if /usr/bin/python3 -c 'import numpy' 2>/dev/null && [ -f "$shared/numpy_suite.py" ]; then
		echo "# numpy_suite.py, OPENBLAS_NUM_THREADS=1 ..." >&2
		OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$shared/numpy_suite.py" --only "$npAll" >"$raw/numpy1.txt" 2>&1
		echo "# numpy_suite.py, OPENBLAS_NUM_THREADS=2 ..." >&2
		OPENBLAS_NUM_THREADS=2 /usr/bin/python3 "$shared/numpy_suite.py" --only "$npBLAS" >"$raw/numpy2.txt" 2>&1
	else
		echo "# python3-numpy missing (apt-get install python3-numpy): no NumPy references" >&2
	fi

	echo "# go test -c ./bench ..." >&2
	if ! go test -c -o "$raw/bench.test" ./bench >"$raw/build.txt" 2>&1; then
		cat "$raw/build.txt" >&2
		echo "compare.sh: the bench package does not build" >&2
		exit 1
	fi
	for r in $(seq "$rounds"); do
		echo "# go benchmarks, round $r of $rounds ..." >&2
		(cd bench && "$raw/bench.test" -test.run '^$' -test.bench "^($goBenches)\$" \
			-test.cpu 1,2 -test.benchtime "$benchtime") >"$raw/go$r.txt" 2>&1 ||
			echo "# round $r exited non-zero; see $raw/go$r.txt (-k keeps it)" >&2
	done
fi

# The sources are told apart by a tag on each line: L (limits), N1/N2
# (numpy at 1/2 BLAS threads), G (go benchmarks), B (bars).
{
	sed 's/^/L /' "$raw/limits.txt"
	sed 's/^/N1 /' "$raw/numpy1.txt"
	sed 's/^/N2 /' "$raw/numpy2.txt"
	cat "$raw"/go[0-9]*.txt | sed 's/^/G /'
	printf '%s\n' "$bars" | sed 's/^/B|/'
} | awk -v rounds="$rounds" '
function median(key,    m, i, j, a, x) {
	m = cnt[key]
	if (m == 0) return ""
	for (i = 1; i <= m; i++) a[i] = val[key, i]
	for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
	return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
function dur(ns) {
	if (ns == "") return "n/a"
	ns += 0
	if (ns < 1e3) return sprintf("%.0f ns", ns)
	if (ns < 1e6) return sprintf("%.2f µs", ns / 1e3)
	return sprintf("%.2f ms", ns / 1e6)
}
# limits: "median(3 runs) threads=1 triad_GBs 15.96"
$1 == "L" && $4 ~ /^threads=/ { t = substr($4, 9); sub(/_GBs$/, "", $5); lim[t, $5] = $6 + 0; next }
$1 == "L" { next }
$1 ~ /^N[12]$/ && $2 == "#" { npHeader[substr($1, 2)] = substr($0, 6); next }
$1 ~ /^N[12]$/ && NF >= 5 { np[substr($1, 2), $2] = $3 * 1e9; next }
$1 == "G" && $2 ~ /^Benchmark/ {
	name = $2; t = 1
	if (match(name, /-[0-9]+$/)) { t = substr(name, RSTART + 1); name = substr(name, 1, RSTART - 1) }
	for (k = 3; k < NF; k++) if ($(k + 1) == "ns/op") { key = name SUBSEP t; val[key, ++cnt[key]] = $k + 0 }
	next
}
/^B\|/ { bar[++nbar] = substr($0, 3); next }
END {
	print ""
	printf "Machine: copy %s / %s GB/s, triad %s / %s GB/s on 1 / 2 threads (limits.sh).\n",
		lim[1, "copy"], lim[2, "copy"], lim[1, "triad"], lim[2, "triad"]
	if (1 in npHeader) printf "NumPy: %s\n", npHeader[1]
	printf "nd: median of %d round(s) of `go test -bench` per figure; ratio = reference time / nd time.\n\n", rounds
	print "| bar | threads | nd | reference | ratio | bar value | verdict | nd GB/s | % of triad |"
	print "| --- | ---: | ---: | --- | ---: | ---: | :---: | ---: | ---: |"
	pass = fail = unknown = 0
	for (b = 1; b <= nbar; b++) {
		split(bar[b], f, "|")
		nthr = split(f[2], threads, " ")
		for (i = 1; i <= nthr; i++) {
			t = threads[i]
			ndt = median(f[3] SUBSEP t)
			kind = substr(f[4], 1, index(f[4], ":") - 1); ref = substr(f[4], index(f[4], ":") + 1)
			if (kind == "go") { rt = median(ref SUBSEP t); rdesc = ref; sub(/^Benchmark/, "", rdesc); rtxt = dur(rt) " " rdesc }
			else if (kind == "np") {
				# BLAS work runs at the row'"'"'s thread count; the rest of NumPy is single-threaded.
				nt = (t == 2 && ((2, ref) in np)) ? 2 : 1
				rt = ((nt, ref) in np) ? np[nt, ref] : ""
				rtxt = dur(rt) " NumPy " ref (nt == 2 ? " (2 BLAS threads)" : "")
			} else { rt = ref + 0; rtxt = dur(rt) " (limit)" }
			bv = (kind == "max") ? "< " dur(ref) : "≥ " f[5] "x"
			if (ndt == "" || rt == "" || ndt == 0) { ratio = "n/a"; verdict = "?"; unknown++ }
			else {
				r = rt / ndt; ratio = sprintf("%.2fx", r)
				if (r >= f[5]) { verdict = "✓"; pass++ } else { verdict = "✗"; fail++ }
			}
			gbs = pct = ""
			if (f[6] != "" && ndt != "") {
				gbs = sprintf("%.1f", f[6] / ndt)
				if (lim[t, "triad"] > 0) {
					pct = sprintf("%.0f%%", 100 * f[6] / ndt / lim[t, "triad"])
					if (f[6] / ndt > lim[t, "triad"]) over = 1
				}
			}
			nddesc = f[3]; sub(/^Benchmark/, "", nddesc)
			printf "| %s | %s | %s %s | %s | %s | %s | %s | %s | %s |\n", f[1], t, dur(ndt), nddesc, rtxt, ratio, bv, verdict, gbs, pct
		}
	}
	printf "\n%d met, %d missed, %d not measured.\n", pass, fail, unknown
	if (over) print "Some rows exceed 100% of triad: other load slowed the limits.sh run; its figures are lower bounds here."
}'
