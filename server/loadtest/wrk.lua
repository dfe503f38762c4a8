-- The requests of the load test (run.sh), for wrk.
--
--   wrk ... -s wrk.lua URL -- one METHOD CONTENT_TYPE [BODY_FILE]
--       the same request every time, to URL's path;
--   wrk ... -s wrk.lua URL -- mix REPO_ROOT
--       good and hostile requests in turn, to every route, counting answers by status class.
--
-- done() prints one line: RESULT rps=.. p50_us=.. p99_us=.. errors=.. then, for the mix,
-- s2xx=.. s4xx=.. s5xx=.. (errors: socket errors, connect + read + write + timeout).

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local data = f:read("*a")
  f:close()
  return data
end

local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return string.format("\\u%04x", c:byte())
  end) .. '"'
end

-- The mix: {path, content type, body}; what each should get is in the comment.
local function mix(root)
  local seed = slurp(root .. "/fixtures/text/vo2max_4x8.txt")
  local zwo = slurp(root .. "/fixtures/zwo/all_elements.zwo")
  local laughs = slurp(root .. "/fixtures/zwo/billion_laughs.zwo")
  local download = '{"name":"4x8m VO2 Max","type":"Ride","ftp":250,"description":'
    .. json_string(seed) .. '}'
  local nested = '{"duration":1}'
  for _ = 1, 9 do
    nested = '{"reps":100,"steps":[' .. nested .. ',' .. nested .. ']}'
  end
  local text, json = "text/plain", "application/json"
  return {
    { "/api/v1/parse", text, seed },                                            -- 200
    { "/api/v1/parse", json, '{"type":"Run","threshold_pace":"4:30/km",'
      .. '"description":"- 10m 70% Pace\\n3x\\n- 1km 95% Pace\\n- 2m 60% Pace"}' }, -- 200
    { "/api/v1/download-workout.zwo", json, download },                         -- 200
    { "/api/v1/import.zwo", "application/xml", zwo },                           -- 200
    { "/api/v1/import.zwo", "application/xml", laughs },                        -- 200, warnings
    { "/api/v1/parse", text, "- 10m 60%\n- 5m \255\254 50%\n" },                -- 422 utf-8
    { "/api/v1/parse", text, "3000000x\n- 1m 50%\n" },                          -- 422 limit
    { "/api/v1/parse", text, "- 1m " .. string.rep("9", 400) .. "%" },          -- 422 limit
    { "/api/v1/parse", text, string.rep("- 1s 50%\n", 100001) },                -- 422 steps
    { "/api/v1/import.zwo", "application/xml", "<workout_file><workout>"
      .. string.rep("<x>", 20000) .. "</workout></workout_file>" },            -- 422 depth
    { "/api/v1/download-workout.erg", json,
      '{"name":"n","type":"Ride","workout_doc":{"steps":[' .. nested .. ']}}' }, -- 422 steps
    { "/api/v1/parse", json, '{"description": "- 1m", "type": }' },             -- 400 json
    { "/api/v1/parse", json, '{"description": "- 1m", "type": "Chess"}' },      -- 400 type
    { "/api/v1/parse", "application/x-www-form-urlencoded", "a=1" },            -- 415
    { "/api/v1/download-workout.pdf", json, download },                         -- 404
    { "/api/v1/parse", text, string.rep(" ", 1024 * 1024 + 1) },                -- 413
  }
end

local requests = {}
local next_request = 0
local mixed = false

function init(args)
  if args[1] == "mix" then
    mixed = true
    for _, r in ipairs(mix(args[2])) do
      table.insert(requests, wrk.format("POST", r[1], { ["Content-Type"] = r[2] }, r[3]))
    end
  else
    local headers = {}
    local body = nil
    if args[3] ~= nil and args[3] ~= "" then headers["Content-Type"] = args[3] end
    if args[4] ~= nil then body = slurp(args[4]) end
    table.insert(requests, wrk.format(args[2], nil, headers, body))
  end
  -- Each thread starts at another place in the mix.
  next_request = math.random(#requests) - 1
  if mixed then
    s2xx, s4xx, s5xx, sother = 0, 0, 0, 0
    response = function(status)
      if status >= 500 then s5xx = s5xx + 1
      elseif status >= 400 then s4xx = s4xx + 1
      elseif status >= 200 and status < 300 then s2xx = s2xx + 1
      else sother = sother + 1 end
    end
  end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests_)
  local e = summary.errors
  local line = string.format("RESULT rps=%.0f p50_us=%d p99_us=%d errors=%d non2xx=%d",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status)
  local counted = false
  local totals = { s2xx = 0, s4xx = 0, s5xx = 0, sother = 0 }
  for _, t in ipairs(threads) do
    for k in pairs(totals) do
      local v = t:get(k)
      if v ~= nil then
        totals[k] = totals[k] + v
        counted = true
      end
    end
  end
  if counted then
    line = line .. string.format(" s2xx=%d s4xx=%d s5xx=%d sother=%d",
      totals.s2xx, totals.s4xx, totals.s5xx, totals.sother)
  end
  print(line)
end
