-- POST a JSON body with a unique value per request:
--   WRK_BODY='{"course":1,"phone":"%s"}'  (%s becomes <run>-<thread>-<n>)
-- so every request is a new registration, never a duplicate.
-- WRK_ORIGIN, when set, is sent as Origin (unsafe methods need one).
local counter = 0
local run = os.getenv("BENCH_RUN_ID") or tostring(os.time())
local template = os.getenv("WRK_BODY") or '{"course":1,"phone":"%s"}'
local headers = { ["Content-Type"] = "application/json" }
if os.getenv("WRK_ORIGIN") then headers["Origin"] = os.getenv("WRK_ORIGIN") end
local threads = 0

setup = function(thread)
  -- runs in the main state; sets the global thread_no in the thread's state
  thread:set("thread_no", threads)
  threads = threads + 1
end

request = function()
  counter = counter + 1
  local body = string.format(template, run .. "-" .. (thread_no or 0) .. "-" .. counter)
  return wrk.format("POST", nil, headers, body)
end
