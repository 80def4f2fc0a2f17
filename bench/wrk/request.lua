-- One wrk script for every endpoint of bench/run, driven by the environment:
--   BENCH_METHOD  GET (default) or POST
--   BENCH_PATHS   space-separated paths, taken in turn (each thread starts elsewhere)
--   BENCH_COOKIE  the duban_session cookie's value (signed-in routes)
--   BENCH_CSRF    the session's CSRF token (state-changing routes)
--   BENCH_BODY    a JSON request body
-- done() prints one machine-readable line:
--   RESULT <requests/s> <p50 µs> <p99 µs> <socket errors> <non-2xx responses> <requests>
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local cookie = os.getenv("BENCH_COOKIE")
local csrf = os.getenv("BENCH_CSRF")

local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS") or "/", "%S+") do
  paths[#paths + 1] = p
end

local headers = {}
if cookie and cookie ~= "" then headers["Cookie"] = "duban_session=" .. cookie end
if csrf and csrf ~= "" then headers["X-CSRF-Token"] = csrf end
if body and body ~= "" then headers["Content-Type"] = "application/json" end

local created = 0
function setup(thread)
  thread:set("offset", created * 7919)
  created = created + 1
end

offset = 0
local n = 0
function request()
  n = n + 1
  return wrk.format(method, paths[((offset + n) % #paths) + 1], headers, body)
end

-- wrk counts every response with status >= 400 in errors.status (Duban's API answers no 1xx
-- or 3xx on these routes); no response() hook, which would make wrk parse every body.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %d %d %d %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status,
    summary.requests))
end
