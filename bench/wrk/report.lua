-- Appended to every wrk script by bench/lib.sh: writes the run's numbers as
-- one JSON line to $WRK_JSON (requests, duration, errors, latency percentiles).
done = function(summary, latency, requests)
  local f = assert(io.open(os.getenv("WRK_JSON"), "w"))
  local e = summary.errors
  f:write(string.format(
    '{"requests":%d,"duration_us":%d,"non2xx":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
  f:close()
end
