#!/usr/bin/env bash
# Publishes the Functions app as the Azure Functions Flex Consumption package and zips it.
#   infra/publish.sh [OUT_DIR]      default OUT_DIR: ../publish (outside the repository, as the host requires)
#   RID=linux-x64                   the target (Flex Consumption runs linux-x64)
# ReadyToRun (shorter cold start), zipped on Linux so executables keep their exec bit, fonts included.
# An isolated worker package: framework-dependent, because Flex's dotnet-isolated 10.0 runtime brings .NET; the root holds
# host.json, functions.metadata (the functions the worker SDK indexed), worker.config.json and the worker.
# Deploy the zip as docs/DEPLOY.md shows (az functionapp deployment source config-zip).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$repo/../publish}" && cd "${1:-$repo/../publish}" && pwd)"
app="$out/cardservice"
rid="${RID:-linux-x64}"
project="$repo/src/CardService.Functions"

case "$app/" in "$repo"/*) echo "error: publish outside the repository (got $app)" >&2; exit 2 ;; esac
command -v zip >/dev/null || { echo "error: zip is not installed (apt-get install zip)" >&2; exit 1; }

model="isolated worker"; self_contained=false

rm -rf "$app" "$out/cardservice.zip"
dotnet publish "$project" -c Release -r "$rid" --self-contained "$self_contained" \
  -p:PublishReadyToRun=true -o "$app" -nologo -clp:ErrorsOnly

# The package's root must hold what the Functions host reads, and the fonts the renderer loads.
require() { [[ -e "$app/$1" ]] || { echo "error: $1 is missing from $app ($model)" >&2; exit 1; }; }
require host.json
require appsettings.json
require fonts/Inter-Regular.otf
require CardService.Functions.dll
require functions.metadata
require worker.config.json
if grep -q '"customHandler"' "$app/host.json"; then
  echo "error: host.json configures a custom handler; the isolated worker needs none" >&2; exit 1
fi

(cd "$app" && zip -qr "$out/cardservice.zip" .)
echo "published $app ($model, $rid, self-contained: $self_contained)"
echo "zipped    $out/cardservice.zip ($(du -h "$out/cardservice.zip" | cut -f1))"
