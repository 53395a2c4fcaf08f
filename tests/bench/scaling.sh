#!/usr/bin/env bash
# Whether the analysis's work grows linearly with the file's size: counts, exactly, the instructions of one warm
# `lint --jobs 1` pass over the generated 1 MB and 10 MB files (the BenchmarkDotNet inputs), and prints their ratio
# in all and without the garbage collector's functions and the clearing of fresh memory. What remains is the
# analysis's own work; what the collector adds on the large file is its work on what the analysis keeps alive.
# Time ratios (BenchmarkDotNet) also pay for cache misses, which instructions do not show.
#
# usage: tests/bench/scaling.sh BIN_DIR
#   BIN_DIR: the OUT_DIR of tests/bench/instructions.sh, which holds the published, symbol-table-only dockergobuild.
# Needs: valgrind (callgrind, callgrind_annotate).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=$1/dockergobuild
[ -x "$bin" ] || { echo "no $bin: run tests/bench/instructions.sh $1 first" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/dgb-scaling.XXXXXX")
trap 'rm -rf "$work"' EXIT
dotnet run -c Release --project "$repo/tests/DockerGoBuild.Benchmarks" -- inputs --write "$work" >/dev/null

# One "count name" line per function (self counts).
functions() {
  callgrind_annotate "$1" --threshold=100 2>/dev/null | sed -n '/file:function/,$p' | grep -E '^ *[0-9,]+ ' \
    | sed -E 's/^ *([0-9,]+) \([^)]*\) +[^:]*:([^ ]+).*/\1 \2/' | tr -d ','
}

declare -A all own
for size in 1MB 10MB; do
  for passes in 1 2; do
    valgrind --tool=callgrind --callgrind-out-file="$work/$size.$passes" "$bin" lint --jobs 1 --repeat "$passes" \
      "$work/generated-$size.Dockerfile" >/dev/null 2>&1 || true
    functions "$work/$size.$passes" >"$work/$size.$passes.self"
  done
  # The second pass alone: the two-pass run less the one-pass run, function by function.
  read -r all[$size] own[$size] < <(awk 'NR == FNR { one[$2] = $1; next }
    { d = $1 - one[$2]; total += d; if ($2 !~ /gc_heap|GCHeap|WKS::|memset/) own += d }
    END { printf "%d %d\n", total, own }' "$work/$size.1.self" "$work/$size.2.self")
  echo "generated-$size: ${all[$size]} instructions a warm pass, $((all[$size] - own[$size])) of them the collector's and fresh memory's"
done
awk -v a1="${all[1MB]}" -v a10="${all[10MB]}" -v o1="${own[1MB]}" -v o10="${own[10MB]}" \
  'BEGIN { printf "10 MB / 1 MB instructions: %.2fx in all, %.2fx without the collector and fresh memory (size 10.0x)\n", a10 / a1, o10 / o1 }'
