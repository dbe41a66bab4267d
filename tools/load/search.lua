-- wrk script: cycles through the queries in the file named by the QUERIES environment variable
-- (one URL-encoded query per line), hitting /v1/search?q=... with each in turn.
local queries = {}
local path = os.getenv("QUERIES")
for line in io.lines(path) do
  if #line > 0 then table.insert(queries, line) end
end
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/v1/search?q=" .. queries[i] .. "&limit=5")
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d rps=%.1f p50_us=%d p99_us=%d\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99)))
end
