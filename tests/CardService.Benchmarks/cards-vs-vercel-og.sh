#!/usr/bin/env bash
# `cardservice cards` on the 85-post corpus blog against @vercel/og rendering 85 cards, each as one process, in one run.
#   tests/CardService.Benchmarks/cards-vs-vercel-og.sh [ROUNDS (default 5)]
# Packs the tool and installs it into a temp tool path (as a user installs it), copies ../shared/corpus/jekyll-blog to a
# temp folder, installs the peers into $PEERS_DIR when missing, then runs the four commands round-robin ROUNDS times
# (so machine load hits all of them alike) and prints a Markdown table of median wall times (process start included).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-5}"
peers="${PEERS_DIR:-${TMPDIR:-/tmp}/cardservice-peers}"
blog_source="$repo/../shared/corpus/jekyll-blog"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[[ -d "$blog_source/_posts" ]] || { echo "the corpus is absent: expected the Jekyll blog at $blog_source" >&2; exit 2; }
[[ -d "$peers/node_modules/@vercel/og" ]] || PEERS_DIR="$peers" "$repo/../shared/peers/install.sh" >&2

dotnet pack "$repo/src/CardService.Cli" -c Release -o "$work/pack" -nologo -clp:ErrorsOnly >&2
dotnet tool install --tool-path "$work/tool" --add-source "$work/pack" CardService.Cli >&2
tool="$work/tool/cardservice"
mkdir -p "$work/blog" && cp -r "$blog_source/_posts" "$blog_source/_config.yml" "$work/blog/"

# Wall milliseconds of one command, output discarded; a failing command stops the benchmark.
ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

declare -a start_ms scratch_ms rerun_ms peer_ms
for ((i = 0; i < rounds; i++)); do
  start_ms+=("$(ms "$tool" --version)")
  rm -rf "$work/blog/seo" "$work/blog/.cardservice"
  scratch_ms+=("$(ms "$tool" cards "$work/blog")")
  [[ $(find "$work/blog/seo" -name '*.png' | wc -l) -eq 84 ]] || { echo "expected 84 cards" >&2; exit 1; }
  rerun_ms+=("$(ms "$tool" cards "$work/blog")")
  peer_ms+=("$(ms node "$repo/../shared/peers/peer-card.mjs" 85 --engine=vercel-og --font=dejavu --warmup=0 --peers="$peers")")
done

start=$(printf '%s\n' "${start_ms[@]}" | median)
scratch=$(printf '%s\n' "${scratch_ms[@]}" | median)
rerun=$(printf '%s\n' "${rerun_ms[@]}" | median)
peer=$(printf '%s\n' "${peer_ms[@]}" | median)
echo "| command (one process each, wall time incl. start; median of $rounds rounds, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)) | ms | runs |"
echo "|---|---:|---|"
echo "| \`cardservice --version\` (process start) | $start | ${start_ms[*]} |"
echo "| \`cardservice cards <blog>\` from scratch (84 files for 85 posts) | $scratch | ${scratch_ms[*]} |"
echo "| \`cardservice cards <blog>\` again, nothing changed | $rerun | ${rerun_ms[*]} |"
echo "| \`node peer-card.mjs 85 --engine=vercel-og --font=dejavu --warmup=0\` | $peer | ${peer_ms[*]} |"
echo
awk -v s="$scratch" -v p="$peer" -v r="$rerun" -v b="$start" 'BEGIN {
  printf "from scratch / @vercel/og = %.3f (target <= 0.2); no-change re-run - process start = %d ms (target < 300)\n", s / p, r - b }'
