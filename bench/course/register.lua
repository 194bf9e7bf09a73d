-- wrk script: public self-registrations, each a new person (distinct
-- 12-digit citizen ID and phone) at one of the bridge points listed in
-- $COURSE_CODES (one code per line), so the load spreads over the sites as
-- a national opening does. $COURSE_RUN (100–999) keeps runs apart.
local counter = 0
local run = tonumber(os.getenv("COURSE_RUN") or "100")
local course = os.getenv("COURSE_ID") or "1"
local headers = { ["Content-Type"] = "application/json" }
if os.getenv("WRK_ORIGIN") then headers["Origin"] = os.getenv("WRK_ORIGIN") end
local codes = {}
for line in io.lines(os.getenv("COURSE_CODES")) do codes[#codes + 1] = line end
local threads = 0

setup = function(thread)
  thread:set("thread_no", threads)
  threads = threads + 1
end

request = function()
  counter = counter + 1
  local t = thread_no or 0
  local cccd = string.format("%03d%02d%07d", run, t, counter)
  local phone = string.format("09%02d%06d", t, counter % 1000000)
  local code = codes[(counter * 7 + t * 7919) % #codes + 1]
  local body = string.format(
    '{"course":%s,"bridge_point":"%s","cccd":"%s","full_name":"Nguyễn Văn Đo Tải %d",' ..
    '"position":"Bí thư Đảng ủy xã","unit":"Đảng ủy xã","phone":"%s","category":"commune_leader"}',
    course, code, cccd, counter, phone)
  return wrk.format("POST", nil, headers, body)
end
