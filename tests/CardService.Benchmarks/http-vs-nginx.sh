#!/usr/bin/env bash
# CardService over HTTP against nginx serving the same PNG as a static file, on loopback, in ONE run (docs/PERFORMANCE.md).
#   tests/CardService.Benchmarks/http-vs-nginx.sh [--rounds=3] [--seconds=10] [--soak=60] [--connections=32] [--fill-max=300]
#     [--app=DIR] [--set KEY=VALUE]...
# (--set passes one app setting, e.g. --set CardCache:MaxBytes=0, as the environment variable CardCache__MaxBytes;
#  --app=DIR runs an app already published there instead of publishing one.)
# Installs wrk and nginx from Debian when missing, publishes the app (ReadyToRun, as deployed), starts it and nginx on
# 127.0.0.1, then measures with wrk (2 threads):
#   1. a cached card (200) and nginx's static file, alternating app/nginx for ROUNDS rounds (median requests/s, its p99);
#   2. the 304 path (If-None-Match = the card's ETag) and nginx's 304 for its own ETag, the same way;
#   3. uncached renders (every request a new title) at CONNECTIONS connections; peak RSS (VmHWM) of the app after it;
#   4. a soak at saturation (uncached renders) for SOAK seconds: errors, and mean RSS of the first vs the last 10 s; before
#      it, new cards until the card cache is full (at most --fill-max=300 seconds), so its filling is not counted as growth.
# Both servers log every request (the app its JSON line, nginx its access log), each to a file. wrk waits up to 10 s for an
# answer (its default, 2 s, counts a render queued behind others on a loaded machine as an error).
# Prints a Markdown table and the ratios; exits 1 when a target is missed, 2 when it cannot run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
rounds=3 seconds=10 soak=60 connections=32 fill_max=300
app_settings=() app_dir=""
while (($#)); do
  case "$1" in
    --rounds=*) rounds="${1#*=}" ;;
    --seconds=*) seconds="${1#*=}" ;;
    --soak=*) soak="${1#*=}" ;;
    --connections=*) connections="${1#*=}" ;;
    --fill-max=*) fill_max="${1#*=}" ;;
    --app=*) app_dir="${1#*=}" ;;
    --set) shift; key="${1%%=*}"; app_settings+=("${key//:/__}=${1#*=}") ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  echo "installing wrk and nginx-light from Debian" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk nginx-light >&2 \
    || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk nginx-light >&2; } \
    || { echo "wrk and nginx are needed (apt-get install wrk nginx-light)" >&2; exit 2; }
fi

work="$(mktemp -d)"
app_pid="" nginx_pid="" sampler_pid=""
cleanup() {
  [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null || true
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

source "$repo/tests/CardService.Benchmarks/app.sh"
start_app "$app_dir" "$work" ${app_settings[@]+"${app_settings[@]}"}
nginx_port="$(free_port)"

card_path="/card?title=Ten%20ways%20to%20cache%20a%20social%20card&category=Performance&siteName=bench.example"
mkdir -p "$work/static"
etag="$(curl -fsS -D - -o "$work/static/card.png" "$base$card_path" | awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }')"
[[ -n "$etag" ]] || { echo "no ETag on the card" >&2; exit 2; }

mkdir -p "$work/nginx/logs"
# nginx's workers drop to an unprivileged user: they must be able to read the file.
chmod 755 "$work" && chmod -R a+rX "$work/static"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log $work/nginx/logs/access.log;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { image/png png; }
  client_body_temp_path $work/nginx/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/static;
    location / { etag on; add_header Cache-Control "public, max-age=31536000, immutable"; }
  }
}
EOF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port/card.png"
for _ in $(seq 1 100); do curl -fs -o /dev/null "$nginx_url" && break; sleep 0.1; done
nginx_etag="$(curl -fsS -D - -o /dev/null "$nginx_url" | awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }')"
cmp -s "$work/static/card.png" <(curl -fsS "$nginx_url") || { echo "nginx does not serve the card's bytes" >&2; exit 2; }
[[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$base$card_path")" == 304 ]] || { echo "the app did not answer 304" >&2; exit 2; }
[[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $nginx_etag" "$nginx_url")" == 304 ]] || { echo "nginx did not answer 304" >&2; exit 2; }

# wrk output → "requests/s p99_ms errors" (errors: socket errors plus non-2xx/3xx answers).
run_wrk() {
  local out
  out="$(wrk --latency --timeout 10s -t2 "$@")"
  echo "$out" >>"$work/wrk.log"
  awk '
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } p99 = v }
    /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { errors += $5 }
    END { printf "%.0f %.2f %d\n", rps, p99, errors }' <<<"$out"
}

median_row() { sort -n -k1 | awk '{ row[NR] = $0 } END { print row[int((NR + 1) / 2)] }'; }

inm_lua="$work/inm.lua"
echo "wrk.headers[\"If-None-Match\"] = os.getenv(\"INM\")" >"$inm_lua"
uncached_lua="$repo/tests/CardService.Benchmarks/uncached.lua"

echo "warming up" >&2
wrk -t2 -c"$connections" -d3s "$base$card_path" >/dev/null
wrk -t2 -c"$connections" -d3s "$nginx_url" >/dev/null

: >"$work/app200" && : >"$work/nginx200" && : >"$work/app304" && : >"$work/nginx304"
for ((r = 1; r <= rounds; r++)); do
  echo "round $r/$rounds" >&2
  run_wrk -c"$connections" -d"${seconds}s" "$base$card_path" >>"$work/app200"
  run_wrk -c"$connections" -d"${seconds}s" "$nginx_url" >>"$work/nginx200"
  INM="$etag" run_wrk -c"$connections" -d"${seconds}s" -s "$inm_lua" "$base$card_path" >>"$work/app304"
  INM="$nginx_etag" run_wrk -c"$connections" -d"${seconds}s" -s "$inm_lua" "$nginx_url" >>"$work/nginx304"
done
read -r app200_rps app200_p99 app200_err < <(median_row <"$work/app200")
read -r nginx200_rps nginx200_p99 nginx200_err < <(median_row <"$work/nginx200")
read -r app304_rps app304_p99 app304_err < <(median_row <"$work/app304")
read -r nginx304_rps nginx304_p99 nginx304_err < <(median_row <"$work/nginx304")

rss_mb() { awk -v k="$2:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
rss_before="$(rss_mb "$app_pid" VmRSS)"
echo "uncached renders at $connections connections" >&2
uncached_from="$(wc -l <"$work/wrk.log")"
read -r unc_rps unc_p99 unc_err < <(RUN="u$RANDOM" run_wrk -c"$connections" -d"${seconds}s" -s "$uncached_lua" "$base")
peak="$(rss_mb "$app_pid" VmHWM)"

# The soak's new cards fill the card cache (CardCache:MaxBytes, 64 MiB unless --set); RSS growing while it fills is not a
# leak. So fill it first, with as many new cards as it holds at the rate just measured (at most --fill-max seconds).
cache_bytes=$((64 * 1024 * 1024))
for setting in ${app_settings[@]+"${app_settings[@]}"}; do
  [[ "$setting" == CardCache__MaxBytes=* ]] && cache_bytes="${setting#*=}"
done
card_bytes="$(tail -n +"$((uncached_from + 1))" "$work/wrk.log" | awk '/requests in/ {
  v = $5; m = 1; if (v ~ /KB$/) m = 1024; else if (v ~ /MB$/) m = 1048576; else if (v ~ /GB$/) m = 1073741824
  sub(/[KMG]?B$/, "", v); if ($1 > 0) printf "%.0f", v * m / $1 }')"
fill_seconds="$(awk -v c="$cache_bytes" -v b="${card_bytes:-0}" -v r="$unc_rps" -v max="$fill_max" 'BEGIN {
  s = (b > 0 && r > 0) ? c / (b * r) * 1.1 : 0; if (s > max) s = max; printf "%d", s + (s > 0) }')"
if ((fill_seconds > 0)); then
  echo "filling the card cache: new cards for ${fill_seconds}s (${card_bytes} bytes each, $cache_bytes bytes of cache)" >&2
  RUN="f$RANDOM" run_wrk -c"$connections" -d"${fill_seconds}s" -s "$uncached_lua" "$base" >/dev/null
fi

echo "soak: uncached renders at $connections connections for ${soak}s" >&2
: >"$work/rss"
(while sleep 1; do rss_mb "$app_pid" VmRSS >>"$work/rss" && echo >>"$work/rss"; done) &
sampler_pid=$!
read -r soak_rps soak_p99 soak_err < <(RUN="s$RANDOM" run_wrk -c"$connections" -d"${soak}s" -s "$uncached_lua" "$base")
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
samples="$(grep -c . "$work/rss")"
first10="$(grep . "$work/rss" | head -n 10 | awk '{ s += $1 } END { printf "%.1f", s / NR }')"
last10="$(grep . "$work/rss" | tail -n 10 | awk '{ s += $1 } END { printf "%.1f", s / NR }')"
soak_peak="$(rss_mb "$app_pid" VmHWM)"

logged="$(grep -c '"CardService.Requests"' "$work/app.log" || true)"
# Every uncached request must have drawn a card: the lines that say so should match the two uncached runs' requests.
drawn="$(grep -c '"CacheTier":"rendered"' "$work/app.log" || true)"
echo "| run ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$connections, ${seconds}s, median of $rounds alternating rounds) | requests/s | p99 ms | errors |"
echo "|---|---:|---:|---:|"
echo "| CardService, cached card (200, $(stat -c %s "$work/static/card.png") bytes) | $app200_rps | $app200_p99 | $app200_err |"
echo "| nginx, the same PNG as a static file | $nginx200_rps | $nginx200_p99 | $nginx200_err |"
echo "| CardService, If-None-Match → 304 | $app304_rps | $app304_p99 | $app304_err |"
echo "| nginx, If-None-Match → 304 | $nginx304_rps | $nginx304_p99 | $nginx304_err |"
echo "| CardService, uncached renders | $unc_rps | $unc_p99 | $unc_err |"
echo "| CardService, soak ${soak}s uncached at saturation | $soak_rps | $soak_p99 | $soak_err |"
echo
echo "RSS MB: before renders $rss_before; peak (VmHWM) after $connections-connection uncached renders $peak; soak (after ${fill_seconds}s filling the card cache): mean of first 10 s $first10, last 10 s $last10 ($samples samples), VmHWM $soak_peak"
echo "app request log lines written: $logged, of which cards drawn: $drawn (uncached requests: $(awk '/requests in/ { n += $1 } END { print n }' <(tail -n +"$((uncached_from + 1))" "$work/wrk.log")))"
echo
awk -v a="$app200_rps" -v n="$nginx200_rps" -v a3="$app304_rps" -v n3="$nginx304_rps" -v f="$first10" -v l="$last10" -v e="$soak_err" -v pk="$peak" 'BEGIN {
  cached = a / n; notmod = a3 / n3; vs200 = a3 / a; growth = (l - f) / f
  printf "cached / nginx = %.2f (target >= 0.8); 304 / cached 200 = %.2f (target >= 1.0); 304 / nginx 304 = %.2f\n", cached, vs200, notmod
  printf "peak RSS under renders = %.0f MB (target < 256); soak errors = %d (target 0); soak RSS growth first→last 10 s = %+.1f%% (target < 10%%)\n", pk, e, growth * 100
  exit !(cached >= 0.8 && vs200 >= 1.0 && pk < 256 && e == 0 && growth < 0.10)
}'
