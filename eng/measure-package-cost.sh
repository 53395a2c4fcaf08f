#!/usr/bin/env bash
# Measures what adding DockerGoBuild.Analyzers costs the sample's build: packs the package, makes two copies of
# samples/ (one with a PackageReference to it, one without), restores both, then times alternating full rebuilds
# (--no-incremental, so the compiler and the analyzers run every time) and prints the medians.
# Usage: eng/measure-package-cost.sh [RUNS]   (default 7 runs of each, after one warm-up build of each)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
work="$(mktemp -d /tmp/dgb-cost.XXXXXX)"
version="0.0.0-cost.$(date +%Y%m%d%H%M%S)"
export NUGET_PACKAGES="$work/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

dotnet pack src/DockerGoBuild.Analyzers.Package -c Release -o "$work/feed" -p:PackageVersion="$version" > "$work/pack.log"

for variant in with without; do
  dir="$work/$variant"
  mkdir -p "$dir"
  cp -r samples/Samples.sln samples/docker-compose.yml samples/sidecar samples/src "$dir/"
  rm -rf "$dir"/src/*/bin "$dir"/src/*/obj
  reference=""
  if [ "$variant" = with ]; then
    reference="<ItemGroup><PackageReference Include=\"DockerGoBuild.Analyzers\" Version=\"$version\" PrivateAssets=\"all\" /></ItemGroup>"
  fi
  cat > "$dir/Directory.Build.props" <<PROPS
<Project>
  <PropertyGroup>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <DockerGoBuildRepositoryRootPath>\$(MSBuildThisFileDirectory)</DockerGoBuildRepositoryRootPath>
  </PropertyGroup>
  $reference
</Project>
PROPS
  cat > "$dir/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="dgb-cost-feed" value="$work/feed" /></packageSources></configuration>
CONFIG
  dotnet restore "$dir/Samples.sln" > "$work/restore-$variant.log"
  dotnet build "$dir/Samples.sln" --no-restore --no-incremental -nodeReuse:false > "$work/warmup-$variant.log"
done
grep -q "warning DGB010" "$work/warmup-with.log" || { echo "the build with the package shows no DGB010 warning"; exit 1; }
! grep -q "warning DGB" "$work/warmup-without.log" || { echo "the build without the package shows DGB warnings"; exit 1; }

: > "$work/times"
# Alternating runs so that a change in the machine's load hits both variants alike. Two measures: the wall time of a
# normal build (the compiler server shared across builds, as on a developer's machine), and the CPU time (user+sys)
# of a build with the compiler in-process (UseSharedCompilation=false, so that its work is counted in the process
# tree), which other work on a shared machine disturbs much less than wall time.
for run in $(seq "$runs"); do
  for variant in with without; do
    /usr/bin/time -f "wall $variant %e" -o "$work/t" dotnet build "$work/$variant/Samples.sln" --no-restore --no-incremental -nodeReuse:false > "$work/build.log"
    cat "$work/t" >> "$work/times"
    /usr/bin/time -f "cpu $variant %U %S" -o "$work/t" dotnet build "$work/$variant/Samples.sln" --no-restore --no-incremental -nodeReuse:false -p:UseSharedCompilation=false > "$work/build.log"
    cat "$work/t" >> "$work/times"
  done
done

# The package's own share of a build, measured inside the same build (so the machine's load cancels out): the time
# of its discovery target (MSBuild's performance summary) plus its analyzer's execution time (the compiler's
# ReportAnalyzer), against that build's elapsed time.
for run in $(seq "$runs"); do
  dotnet build "$work/with/Samples.sln" --no-restore --no-incremental -nodeReuse:false -clp:PerformanceSummary -p:ReportAnalyzer=true -v:d > "$work/instrumented.log"
  python3 - "$work/instrumented.log" >> "$work/times" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read()
target_ms = sum(int(m) for m in re.findall(r"^\s+(\d+) ms\s+DockerGoBuildAddDockerfiles\s+\d+ calls", text, re.M))
analyzer_s = sum(float(m) for m in re.findall(r"^\s+([\d.]+)\s+\S+\s+DockerGoBuild\.Analyzers\.DockerfileAnalyzer \(", text, re.M))
h, m, sec = re.findall(r"Time Elapsed (\d+):(\d+):([\d.]+)", text)[-1]
elapsed = int(h) * 3600 + int(m) * 60 + float(sec)
print(f"share with {target_ms / 1000 + analyzer_s} {elapsed}")
PY
done

python3 - "$work/times" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    if line.startswith("share "):
        continue
    measure, variant, *values = line.split()
    times.setdefault(measure, {}).setdefault(variant, []).append(sum(float(v) for v in values))
for measure, label in (("wall", "wall time, shared compiler"), ("cpu", "CPU time (user+sys), in-process compiler")):
    print(label)
    for variant in ("without", "with"):
        print(f"  {variant:8} median {statistics.median(times[measure][variant]):6.2f} s   runs: {' '.join(f'{t:.2f}' for t in times[measure][variant])}")
    w, wo = statistics.median(times[measure]["with"]), statistics.median(times[measure]["without"])
    print(f"  difference of the medians: {w - wo:+.2f} s ({(w - wo) / wo * 100:+.1f}%)")
shares = [line.split()[2:] for line in open(sys.argv[1]) if line.startswith("share ")]
own = [float(a) for a, _ in shares]
elapsed = [float(b) for _, b in shares]
percent = [float(a) / float(b) * 100 for a, b in shares]
print("the package's own time inside a build with it (discovery target + analyzer execution)")
print(f"  median {statistics.median(own) * 1000:.0f} ms of a median {statistics.median(elapsed):.2f} s build: median share {statistics.median(percent):.1f}%   runs: {' '.join(f'{p:.1f}%' for p in percent)}")
PY
rm -rf "$work"
