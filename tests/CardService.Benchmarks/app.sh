# shellcheck shell=bash
# The app under test for the HTTP benchmarks (http-cpu.sh, http-vs-nginx.sh), which source this file:
#   start_app DIR WORK [SETTING=VALUE]...
# DIR is a published app, or empty to publish this tree into WORK/app (ReadyToRun, as deployed). Each SETTING is an app
# setting such as CardCache:MaxBytes, passed as the environment variable CardCache__MaxBytes. The app listens on a free
# port of 127.0.0.1 with the workstation GC, its stdout and stderr in WORK/app.log (so the request log is JSON, as in a
# container). Returns once /healthz answers, with app_pid (the server's own pid, whose /proc the benchmarks read) and
# base set; exits 2 with the app's log when it does not start. The caller stops it: kill "$app_pid" in its EXIT trap.

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_app() {
  local dir="$1" work="$2" repo port setting key
  shift 2
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  local env_settings=()
  for setting in "$@"; do key="${setting%%=*}"; env_settings+=("${key//:/__}=${setting#*=}"); done
  if [[ -z "$dir" ]]; then
    echo "publishing the app" >&2
    dotnet publish "$repo/src/CardService.Functions" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
      -o "$work/app" -nologo -clp:ErrorsOnly >&2
    dir="$work/app"
  fi

  port="$(free_port)"
  # The subshell execs env, which execs the app: app_pid is the server itself, not a shell.
  (cd "$dir" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" DOTNET_gcServer=0 ${env_settings[@]+"${env_settings[@]}"} \
    ./CardService.Functions >"$work/app.log" 2>&1) &
  app_pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 300); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "$base/healthz" >/dev/null || { echo "the app did not start:" >&2; cat "$work/app.log" >&2; exit 2; }
}
