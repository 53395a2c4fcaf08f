#!/usr/bin/env bash
# Side-by-side speed of dockergobuild and the peer Dockerfile linters (../shared/peers) on the same files.
#
# usage: tests/bench/compare-peers.sh [FILE|FOLDER...]
#
# Without operands it takes the real Dockerfiles of the shared corpus (go/ and dotnet/): every file there but the
# manifests and the four generator templates, which are not Dockerfiles until rendered. Folders are expanded to
# their files here, so that all three tools get the very same list (the corpus names are flattened paths that
# `dockergobuild lint FOLDER` would not all take for Dockerfiles).
#
# It prints, for each tool, the best warm pass in-process (the analysis alone, passes after the first, out of
# REPEAT passes over the same in-memory texts: dockergobuild's analysisMs, the peers' validateMsPerPass) and the
# median wall time of RUNS whole-process runs (one pass, start to exit, report to /dev/null), then the ratios.
# dockergobuild is measured twice: analysing one file after another (`--jobs 1`, the peers' way: Node runs them
# on one thread) and with its default of one file per processor at once.
#
# Environment:
#   REPEAT=5        passes per in-process measurement
#   RUNS=7          whole-process runs per tool
#   ROUNDS=3        in-process measurements per tool (the best pass over all of them is kept)
#   DGB=path        a dockergobuild executable to measure instead of publishing one
#   DGB_MODE=aot    how to publish dockergobuild: aot (NativeAOT, the default when it builds here) or r2r
#   PEERS=path      the peers folder (default: ../shared/peers beside the repository)
#   CORPUS=path     the corpus folder (default: $DOCKERGOBUILD_CORPUS or ../shared/corpus)
# Needs: the .NET SDK, node (the peers need it anyway; it also reads the JSON here).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
shared=$(cd "$repo/.." && pwd)/shared
peers=${PEERS:-$shared/peers}
corpus=${CORPUS:-${DOCKERGOBUILD_CORPUS:-$shared/corpus}}
repeat=${REPEAT:-5}
runs=${RUNS:-7}
rounds=${ROUNDS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/dgb-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---- the files
files=()
add_folder() {
  while IFS= read -r -d '' file; do
    case "$(basename "$file")" in
      *.tsv | *.template) continue ;;
    esac
    case "$file" in
      *__dockerfile-templates__*) continue ;;
    esac
    files+=("$file")
  done < <(find "$1" -type f ! -name '.*' -print0 | LC_ALL=C sort -z)
}
if [ $# -eq 0 ]; then
  add_folder "$corpus/go"
  add_folder "$corpus/dotnet"
else
  for operand in "$@"; do
    if [ -d "$operand" ]; then add_folder "$operand"; else files+=("$operand"); fi
  done
fi
echo "files: ${#files[@]}"

# ---- dockergobuild
if [ -n "${DGB:-}" ]; then
  dgb=$DGB
else
  rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
  mode=${DGB_MODE:-aot}
  project="$repo/src/DockerGoBuild.Cli/DockerGoBuild.Cli.csproj"
  # NativeAOT links with clang by default; gcc does as well where there is no clang.
  linker=()
  command -v clang >/dev/null 2>&1 || linker=(-p:CppCompilerAndLinker=gcc)
  if [ "$mode" = aot ] && dotnet publish "$project" -c Release -r "$rid" -p:DockerGoBuildNativeAot=true "${linker[@]}" -o "$work/aot" >"$work/publish.log" 2>&1; then
    dgb="$work/aot/dockergobuild"
    echo "dockergobuild: NativeAOT ($rid)"
  else
    [ "$mode" = aot ] && echo "dockergobuild: NativeAOT did not build here (see below); using ReadyToRun" && tail -n 5 "$work/publish.log"
    dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$work/r2r" >"$work/publish.log" 2>&1 \
      || { cat "$work/publish.log"; exit 1; }
    dgb="$work/r2r/dockergobuild"
    echo "dockergobuild: ReadyToRun, framework-dependent ($rid)"
  fi
fi

# ---- the peers (the first call installs them)
"$peers/run.sh" dockerfilelint --summary-only "${files[0]}" >/dev/null 2>&1 || true

# Prints the JSON summary line of one in-process measurement on stdout (the linters exit 1 when they find something).
measure() {
  local out="$work/measure.out"
  case "$1" in
    dockergobuild-1) "$dgb" lint --jobs 1 --stats --repeat "$repeat" "${files[@]}" 2>"$out" >/dev/null || true ;;
    dockergobuild) "$dgb" lint --stats --repeat "$repeat" "${files[@]}" 2>"$out" >/dev/null || true ;;
    *) "$peers/run.sh" "$1" --summary-only --repeat "$repeat" "${files[@]}" >"$out" 2>/dev/null || true ;;
  esac
  tail -n 1 "$out"
}

# Runs one whole process; prints its wall time in milliseconds.
whole_process() {
  local start end
  start=$EPOCHREALTIME
  case "$1" in
    dockergobuild-1) "$dgb" lint --jobs 1 "${files[@]}" >/dev/null 2>&1 || true ;;
    dockergobuild) "$dgb" lint "${files[@]}" >/dev/null 2>&1 || true ;;
    *) "$peers/run.sh" "$1" "${files[@]}" >/dev/null 2>&1 || true ;;
  esac
  end=$EPOCHREALTIME
  node -e "console.log(((${end/./} - ${start/./}) / 1000).toFixed(1))"
}

tools=(dockergobuild-1 dockergobuild dockerfile-utils dockerfilelint)
for tool in "${tools[@]}"; do
  : >"$work/$tool.passes"
  for ((round = 0; round < rounds; round++)); do
    measure "$tool" >>"$work/$tool.passes"
  done
  : >"$work/$tool.wall"
  for ((run = 0; run < runs; run++)); do
    whole_process "$tool" >>"$work/$tool.wall"
  done
done

node - "$work" "$repeat" "${tools[@]}" <<'EOF'
const fs = require('fs');
const [work, repeat, ...tools] = process.argv.slice(2);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const rows = {};
for (const tool of tools) {
  const summaries = fs.readFileSync(`${work}/${tool}.passes`, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const passes = summaries.map((s) => s.analysisMs ?? s.validateMsPerPass);
  // Warm: every pass after the first of its process (with one pass, that pass).
  const warm = passes.flatMap((p) => (p.length > 1 ? p.slice(1) : p));
  const wall = fs.readFileSync(`${work}/${tool}.wall`, 'utf8').trim().split('\n').map(Number);
  const s = summaries[0];
  const name = tool === 'dockergobuild-1' ? 'dockergobuild -j1' : tool === 'dockergobuild' ? `dockergobuild -j${s.jobs}` : tool;
  rows[tool] = { name, files: s.files, lines: s.lines, bytes: s.bytes, diagnostics: s.diagnostics, best: Math.min(...warm), first: median(passes.map((p) => p[0])), wall: median(wall), walls: wall };
}
console.log(`\nin-process: best warm pass of ${repeat} passes (ms), whole process: median wall time (ms)`);
console.log('tool               files  lines    bytes  diagnostics   best-warm  first-pass  whole-process');
for (const tool of tools) {
  const r = rows[tool];
  console.log(`${r.name.padEnd(17)} ${String(r.files).padStart(6)} ${String(r.lines).padStart(6)} ${String(r.bytes).padStart(8)} ${String(r.diagnostics).padStart(12)} ${r.best.toFixed(3).padStart(11)} ${r.first.toFixed(3).padStart(11)} ${r.wall.toFixed(1).padStart(14)}`);
}
console.log('');
for (const ours of tools.slice(0, 2).map((tool) => rows[tool])) {
  for (const tool of tools.slice(2)) {
    const r = rows[tool];
    console.log(`${tool}: in-process ${(r.best / ours.best).toFixed(1)}x slower than ${ours.name}, whole process ${(r.wall / ours.wall).toFixed(1)}x slower`);
  }
}
console.log(`\nwhole-process runs (ms): ${tools.map((t) => `${rows[t].name} [${rows[t].walls.join(', ')}]`).join('; ')}`);
EOF
