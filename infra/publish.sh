#!/usr/bin/env bash
# Publishes the Functions app as an Azure Functions custom-handler payload and zips it.
#   infra/publish.sh [OUT_DIR]      default OUT_DIR: ../publish (outside the repository, as the host requires)
# Self-contained for linux-x64 with ReadyToRun (shorter cold start), zipped on Linux so the executable keeps its exec bit.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$repo/../publish}" && cd "${1:-$repo/../publish}" && pwd)"
app="$out/cardservice"

case "$app/" in "$repo"/*) echo "error: publish outside the repository (got $app)" >&2; exit 2 ;; esac

rm -rf "$app" "$out/cardservice.zip"
dotnet publish "$repo/src/CardService.Functions" -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun=true -o "$app" -nologo -clp:ErrorsOnly

# The payload's root must hold what the Functions host reads: host.json, the executable, one folder per function, the fonts.
for required in host.json CardService.Functions appsettings.json fonts/Inter-Regular.otf; do
  [[ -e "$app/$required" ]] || { echo "error: $required is missing from $app" >&2; exit 1; }
done
for manifest in "$repo"/src/CardService.Functions/Functions/*/function.json; do
  name="$(basename "$(dirname "$manifest")")"
  [[ -f "$app/$name/function.json" ]] || { echo "error: $name/function.json is missing from $app" >&2; exit 1; }
done

command -v zip >/dev/null || { echo "error: zip is not installed (apt-get install zip)" >&2; exit 1; }
(cd "$app" && zip -qr "$out/cardservice.zip" .)
echo "published $app"
echo "zipped    $out/cardservice.zip ($(du -h "$out/cardservice.zip" | cut -f1))"
