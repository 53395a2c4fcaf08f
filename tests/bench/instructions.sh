#!/usr/bin/env bash
# Counts the machine instructions of one warm analysis pass over the corpus, exactly: a measure of work that other
# load on the machine does not disturb, for comparing two versions of the code where wall times are too noisy.
#
# usage: tests/bench/instructions.sh [OUT_DIR]
#
# It publishes dockergobuild with NativeAOT (symbols kept), runs `lint --jobs 1 --repeat N` over the corpus files
# (the same list as compare-peers.sh) under callgrind for N = 1 and N = 4, and prints
#   (instructions of the 4-pass run - instructions of the 1-pass run) / 3
# for the whole process and for each function (inclusive and self), so that process start, file reading, the first
# pass and the report cancel out; then how much more the 1-pass run costs than a warm pass. OUT_DIR (default: a
# temporary folder, removed) keeps the published binary, the callgrind files and the per-pass tables incl.pass and
# self.pass.
#
# Instructions are not time: a cache miss costs many, a vector instruction does the work of several. Confirm a
# change that matters with compare-peers.sh or BenchmarkDotNet on a quiet machine.
#
# Environment: CORPUS=path (default: $DOCKERGOBUILD_CORPUS or ../shared/corpus).
# Needs: the .NET SDK with NativeAOT's prerequisites (clang or gcc), valgrind (callgrind, callgrind_annotate),
# objcopy (binutils).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${CORPUS:-${DOCKERGOBUILD_CORPUS:-$(cd "$repo/.." && pwd)/shared/corpus}}
if [ $# -ge 1 ]; then
  out=$1
  mkdir -p "$out"
else
  out=$(mktemp -d "${TMPDIR:-/tmp}/dgb-instructions.XXXXXX")
  trap 'rm -rf "$out"' EXIT
fi

files=()
for folder in "$corpus/go" "$corpus/dotnet"; do
  while IFS= read -r -d '' file; do
    case "$file" in
      *.tsv | *.template | *__dockerfile-templates__*) continue ;;
    esac
    files+=("$file")
  done < <(find "$folder" -type f ! -name '.*' -print0 | LC_ALL=C sort -z)
done

linker=()
command -v clang >/dev/null 2>&1 || linker=(-p:CppCompilerAndLinker=gcc)
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
# The link step does not rerun when only StripSymbols changes: remove a stripped binary an earlier publish left.
rm -rf "$repo/src/DockerGoBuild.Cli/bin/Release/net10.0/$rid/native"
dotnet publish "$repo/src/DockerGoBuild.Cli/DockerGoBuild.Cli.csproj" -c Release -r "$rid" -p:DockerGoBuildNativeAot=true \
  -p:StripSymbols=false "${linker[@]}" -o "$out/bin" >"$out/publish.log" 2>&1 || { tail -n 30 "$out/publish.log"; exit 1; }
# The symbol table names the functions; the DWARF that NativeAOT writes is more than valgrind 3.19 can read.
objcopy --strip-debug "$out/bin/dockergobuild" "$out/dockergobuild"
nm "$out/dockergobuild" >/dev/null 2>&1 || { echo "the published binary has no symbol table" >&2; exit 1; }

# One "count name" line per function; callgrind_annotate prints "count (share) file:function [object]".
functions() {
  callgrind_annotate "$@" --threshold=100 2>/dev/null | sed -n '/file:function/,$p' | grep -E '^ *[0-9,]+ ' \
    | sed -E 's/^ *([0-9,]+) \([^)]*\) +[^:]*:([^ ]+).*/\1 \2/' | tr -d ','
}

for passes in 1 4; do
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.$passes" "$out/dockergobuild" lint --jobs 1 --repeat "$passes" "${files[@]}" \
    >/dev/null 2>"$out/valgrind.$passes" || true
  functions --inclusive=yes "$out/callgrind.$passes" >"$out/incl.$passes"
  functions "$out/callgrind.$passes" >"$out/self.$passes"
done

per_pass() {
  awk 'NR == FNR { one[$2] = $1; next } { d = ($1 - one[$2]) / 3; if (d > 0) printf "%12.0f %s\n", d, $2 }' "$out/$1.1" "$out/$1.4" \
    | sort -rn | sed -E 's/DockerGoBuild_Dockerfiles_DockerGoBuild_Dockerfiles_//' >"$out/$1.pass"
}
per_pass incl
per_pass self

total() { grep -o 'Collected : [0-9]*' "$out/valgrind.$1" | grep -o '[0-9]*'; }
echo "files: ${#files[@]}"
warm=$((($(total 4) - $(total 1)) / 3))
echo "instructions per warm pass: $warm"
# The first pass also pays for what is done once (tables and strings a thread keeps, static data): a change that
# widens this gap makes later passes cheaper than the first, e.g. by remembering what it read of texts seen in an
# earlier pass, which a warm pass over the same files then measures as saved work.
echo "instructions of the first pass beyond a warm one (with process start and report): $(($(total 1) - warm))"
echo "--- inclusive: parse, build model, RUN commands, cache analysis, rules"
grep -E ' (Syntax_DockerfileParser__Parse|Semantics_BuildModel__Create|Semantics_RunCommands__Collect|Semantics_CacheAnalysis__Compute|Rules_[A-Za-z]+Rule__Analyze|Rules_DirectiveFacts__Compute)$' "$out/incl.pass"
echo "--- self, top 20"
head -n 20 "$out/self.pass"
