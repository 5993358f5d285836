-- wrk: every request a card no one asked for before (http-vs-nginx.sh, http-cpu.sh). The thread number, a per-thread
-- counter and a run token (RUN in the environment) make each title unique.
local threads, n = 0, 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
function init(args) token = os.getenv("RUN") or "0" end
function request()
  n = n + 1
  return wrk.format("GET", "/card?title=Uncached%20card%20" .. token .. "-" .. id .. "-" .. n .. "&category=Bench")
end
