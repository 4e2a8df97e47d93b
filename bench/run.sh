#!/usr/bin/env bash
# Runs nd's benchmarks beside their references in one go, so every ratio in
# a note comes from one run on one machine: the machine's limits
# (../shared/bench/limits.sh), NumPy on the same workloads
# (../shared/bench/numpy_suite.py, Debian's python3-numpy), and the Go
# benchmarks (nd against hand-written loops and Gonum) on 1 and 2 cores.
#
# Usage: bash bench/run.sh [go-bench-regexp]   (default: all)
set -u
cd "$(dirname "$0")/.."
shared=../shared/bench
pattern=${1:-.}

echo "## machine limits"
if [ -f "$shared/limits.sh" ] && command -v gcc >/dev/null; then
	sh "$shared/limits.sh" 64 1 2 2>&1 | tail -n 20
else
	echo "(limits.sh or gcc missing)"
fi

echo "## numpy (float32, one BLAS thread)"
if /usr/bin/python3 -c 'import numpy' 2>/dev/null && [ -f "$shared/numpy_suite.py" ]; then
	OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$shared/numpy_suite.py" --only ew1,chain,softmax,sum_all,mean_ax0,mean_ax1,matmul
else
	echo "(python3-numpy missing: apt-get install python3-numpy)"
fi

echo "## nd (go test -bench, -cpu 1,2)"
go test ./bench -run XXX -bench "$pattern" -cpu 1,2 -benchtime 5x -benchmem
