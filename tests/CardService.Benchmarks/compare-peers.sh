#!/usr/bin/env bash
# Measures CardService against the peers in one session and prints the Markdown tables for docs/PERFORMANCE.md.
#   tests/CardService.Benchmarks/compare-peers.sh [--rounds=3]
# Installs the peers into $PEERS_DIR (default $TMPDIR/cardservice-peers) when missing, and publishes the benchmark with
# ReadyToRun (as the service is published) so the cold-start row measures what a deployment starts.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
peers="${PEERS_DIR:-${TMPDIR:-/tmp}/cardservice-peers}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

[[ -d "$peers/node_modules/@vercel/og" ]] || PEERS_DIR="$peers" "$repo/../shared/peers/install.sh" >&2
dotnet publish "$repo/tests/CardService.Benchmarks" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o "$out" -nologo -clp:ErrorsOnly >&2
cd "$repo" && "$out/CardService.Benchmarks" compare --peers="$peers" "$@"
