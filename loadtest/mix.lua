-- wrk script for the DXP load test: mostly reads, some record uploads, spread over many
-- callers (organisations and tokens). Run by loadtest/run.sh; usage:
--   wrk -c 100 -t 2 -d 60s --latency -s loadtest/mix.lua http://HOST:PORT -- TARGETS.lua
-- TARGETS.lua (written by run.sh) returns
--   { clients = { {token=..., org=..., read=SUBMISSION_ID, draft=SUBMISSION_ID}, ... },
--     learner = '<one learner record as JSON, with __LID__ and __SIC__ placeholders>',
--     batch = 20, weights = { submission=.., problems=.., due=.., records=.., upload=.. } }
-- Each request takes the next client in turn, so the load is spread evenly over the callers.
-- Uploads POST `batch` learners with localIds and studentIdentificationCodes never used
-- before (thread number + counter), to a Draft submission: every upload is a real write.

local threads = {}
local thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("thread_id", thread_number)
  table.insert(threads, thread)
end

local targets, clients, learner, batch, schedule
local next_client, uploads_sent = 0, 0
counts = {}        -- per kind: requests sent
statuses = {}      -- per status code: responses
bad = {}           -- a few sample bodies of non-2xx responses

function init(args)
  targets = dofile(args[1])
  clients = targets.clients
  learner = targets.learner
  batch = targets.batch
  batch_size = batch -- global: done() reads it from a thread
  -- A fixed, shuffled-by-stride schedule of kinds from the weights (100 slots).
  schedule = {}
  for _, kind in ipairs({ "submission", "problems", "due", "records", "upload" }) do
    for _ = 1, targets.weights[kind] do table.insert(schedule, kind) end
  end
  local n, shuffled, i = #schedule, {}, 1
  for k = 1, n do
    shuffled[k] = schedule[i]
    i = (i + 37 - 1) % n + 1 -- 37 is coprime with 100: visits every slot once
  end
  schedule = shuffled
  next_client = (thread_id * 7919) % #clients
  for _, kind in ipairs({ "submission", "problems", "due", "records", "upload" }) do counts[kind] = 0 end
end

local files = { "learners", "course-enrolments", "courses" }
local after = { learners = { "", "LRN-6004-000004", "LRN-6004-000008" },
                ["course-enrolments"] = { "", "ENR-6004-000003-1", "ENR-6004-000008-1" },
                courses = { "", "CRS-6004-010" } }
local step = 0

local function upload_body()
  local parts = {}
  for i = 1, batch do
    uploads_sent = uploads_sent + 1
    local sic = string.format("L%d%08d", thread_id, uploads_sent) -- at most 10 characters (LR-004)
    -- an NSN of its own: 3xx,xxx,xxx, the thread in the ten millions
    local nsn = string.format("%d", 300000000 + thread_id * 10000000 + uploads_sent)
    local record = learner:gsub("__LID__", "LT-" .. sic):gsub("__SIC__", sic):gsub('"__NSN__"', nsn)
    parts[i] = record
  end
  return '{"records":[' .. table.concat(parts, ",") .. ']}'
end

function request()
  step = step + 1
  next_client = next_client % #clients + 1
  local c = clients[next_client]
  local kind = schedule[(step - 1) % #schedule + 1]
  counts[kind] = counts[kind] + 1
  local headers = { ["Authorization"] = "Bearer " .. c.token }
  local base = "/api/v1/submissions/"
  if kind == "submission" then
    -- alternately the validated (Rejected) return and the Draft being written to
    local id = (step % 2 == 0) and c.read or c.draft
    return wrk.format("GET", base .. id, headers)
  elseif kind == "problems" then
    return wrk.format("GET", base .. c.read .. "/problems?limit=50", headers)
  elseif kind == "due" then
    return wrk.format("GET", "/api/v1/due", headers)
  elseif kind == "records" then
    local file = files[step % #files + 1]
    local cursors = after[file]
    local cursor = cursors[math.floor(step / 3) % #cursors + 1]
    local path = base .. c.read .. "/" .. file .. "?limit=50"
    if cursor ~= "" then path = path .. "&after=" .. cursor end
    return wrk.format("GET", path, headers)
  else
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", base .. c.draft .. "/learners", headers, upload_body())
  end
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if (status < 200 or status > 299) and #bad < 5 then
    table.insert(bad, key .. " " .. string.sub(body or "", 1, 300))
  end
end

function done(summary, latency, requests)
  local total_counts, total_statuses, samples = {}, {}, {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("counts") or {}) do total_counts[k] = (total_counts[k] or 0) + v end
    for k, v in pairs(t:get("statuses") or {}) do total_statuses[k] = (total_statuses[k] or 0) + v end
    for _, b in ipairs(t:get("bad") or {}) do if #samples < 5 then table.insert(samples, b) end end
  end
  local secs = summary.duration / 1e6
  local non2xx = 0
  local line = {}
  for k, v in pairs(total_statuses) do
    table.insert(line, k .. "=" .. v)
    local s = tonumber(k)
    if s < 200 or s > 299 then non2xx = non2xx + v end
  end
  table.sort(line)
  local kinds = {}
  for _, k in ipairs({ "submission", "problems", "due", "records", "upload" }) do
    table.insert(kinds, k .. "=" .. (total_counts[k] or 0))
  end
  local e = summary.errors
  local batch = threads[1]:get("batch_size")
  io.write("\n--- dxp load test summary ---\n")
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f\n",
    summary.requests, secs, summary.requests / secs))
  io.write(string.format("RESULT latency_ms p50=%.2f p90=%.2f p99=%.2f max=%.2f mean=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000))
  io.write(string.format("RESULT errors non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    non2xx, e.connect, e.read, e.write, e.timeout))
  io.write("RESULT statuses " .. table.concat(line, " ") .. "\n")
  io.write("RESULT sent " .. table.concat(kinds, " ") .. " (records per upload: " .. batch .. ")\n")
  for _, b in ipairs(samples) do io.write("SAMPLE " .. b .. "\n") end
end
