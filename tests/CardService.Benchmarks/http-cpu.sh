#!/usr/bin/env bash
# CPU time and allocations the app spends per request over HTTP, a measure a loaded machine bends far less than requests/s
# (docs/PERFORMANCE.md, "CPU per request").
#   tests/CardService.Benchmarks/http-cpu.sh [--app=DIR] [--seconds=10] [--connections=32] [--set KEY=VALUE]...
# Publishes the app (ReadyToRun, as deployed) unless --app names a published folder, starts it on 127.0.0.1 with its stdout
# redirected to a file (so the request log is JSON, as in a container), and for each kind of request — a cached card (200),
# the 304 path, uncached renders (every request a new title) — runs wrk and reads the app's user+sys CPU time from
# /proc/PID/stat before and after, and the bytes the app's managed heap allocated meanwhile (dotnet-counters' rate of
# dotnet.gc.heap.total_allocated, summed over the run; the tool is installed into ~/.dotnet/tools-bench when missing).
# Prints a Markdown row per kind: requests answered, app CPU ms, CPU ms per request, bytes allocated per request.
# --set KEY=VALUE passes an app setting (as the environment variable KEY with ':' written '__').
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
seconds=10 connections=32 app_dir=""
settings=()
while (($#)); do
  case "$1" in
    --app=*) app_dir="${1#*=}" ;;
    --seconds=*) seconds="${1#*=}" ;;
    --connections=*) connections="${1#*=}" ;;
    --set) shift; settings+=("$1") ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
counters="$(command -v dotnet-counters || echo "$HOME/.dotnet/tools-bench/dotnet-counters")"
if [[ ! -x "$counters" ]]; then
  echo "installing dotnet-counters" >&2
  dotnet tool install --tool-path "$HOME/.dotnet/tools-bench" dotnet-counters --version 10.0.750501 >&2 \
    || { echo "dotnet-counters is needed (dotnet tool install dotnet-counters)" >&2; exit 2; }
fi

work="$(mktemp -d)"
app_pid=""
cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

source "$repo/tests/CardService.Benchmarks/app.sh"
start_app "$app_dir" "$work" ${settings[@]+"${settings[@]}"}

card_path="/card?title=Ten%20ways%20to%20cache%20a%20social%20card&category=Performance&siteName=bench.example"
etag="$(curl -fsS -D - -o /dev/null "$base$card_path" | awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }')"
echo "wrk.headers[\"If-None-Match\"] = os.getenv(\"INM\")" >"$work/inm.lua"

# utime + stime of the app in clock ticks (fields 14 and 15 of /proc/PID/stat; the name in field 2 has no spaces here).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$app_pid/stat"; }
tick_ms=$((1000 / $(getconf CLK_TCK)))

measure() {
  local name="$1"; shift
  local before after out requests allocated collector
  "$counters" collect -p "$app_pid" --counters System.Runtime --refresh-interval 1 --format csv -o "$work/counters.csv" \
    --duration "$(printf '%02d:%02d:%02d' $((seconds / 3600)) $((seconds % 3600 / 60)) $((seconds % 60)))" >/dev/null 2>&1 &
  collector=$!
  before="$(cpu_ticks)"
  out="$(wrk --timeout 10s -t2 -c"$connections" -d"${seconds}s" "$@")"
  after="$(cpu_ticks)"
  wait "$collector" || true
  requests="$(awk '/requests in/ { print $1 }' <<<"$out")"
  # One row per second: the bytes allocated in that second.
  allocated="$(awk -F, '$3 ~ /^dotnet.gc.heap.total_allocated/ { s += $5 } END { printf "%.0f", s }' "$work/counters.csv" 2>/dev/null || echo 0)"
  awk -v n="$name" -v r="$requests" -v t="$((after - before))" -v ms="$tick_ms" -v a="$allocated" 'BEGIN {
    printf "| %s | %d | %.0f | %.3f | %.0f |\n", n, r, t * ms, t * ms / r, a / r }'
}

echo "warming up" >&2
wrk -t2 -c"$connections" -d3s "$base$card_path" >/dev/null
INM="$etag" wrk -t2 -c"$connections" -d3s -s "$work/inm.lua" "$base$card_path" >/dev/null
RUN="w$RANDOM" wrk -t2 -c"$connections" -d3s -s "$repo/tests/CardService.Benchmarks/uncached.lua" "$base" >/dev/null

echo "| request ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$connections ${seconds}s) | requests | app CPU ms | CPU ms per request | bytes allocated per request |"
echo "|---|---:|---:|---:|---:|"
measure "cached card (200)" "$base$card_path"
INM="$etag" measure "If-None-Match → 304" -s "$work/inm.lua" "$base$card_path"
RUN="u$RANDOM" measure "uncached render" -s "$repo/tests/CardService.Benchmarks/uncached.lua" "$base"
echo "app log lines: $(grep -c '"CardService.Requests"' "$work/app.log" || true); load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
