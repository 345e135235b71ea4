-- wrk script of `make bench` (bench/run.sh). Arguments after `--`: a mode, a tag unique to the wrk run, and
-- optionally a bearer token sent with every GET and PATCH (the app's reads and changes need a signed-in caller).
--   get           GET the URL given to wrk
--   post-valid    POST /users, valid, with a new e-mail on every request: b<tag>-<thread>-<n>@example.com
--   post-invalid  POST /users with a body that fails validation (the 422 path)
--   patch         PATCH the URL given to wrk (the token's own user) with a new name on every request, no If-Match
-- done() (bench/result.lua) prints one RESULT line for run.sh; latencies there are in microseconds.

local next_thread = 1

function setup(thread)
  thread:set("thread_no", next_thread)
  next_thread = next_thread + 1
end

local mode, tag, fixed
local n = 0
local headers = { ["Content-Type"] = "application/json" }
local patch_headers = { ["Content-Type"] = "application/json" }
local invalid_body = '{"name":"Ada Lovelace","email":"not-an-e-mail","password":"correct horse battery"}'

function init(args)
  mode = args[1] or "get"
  tag = args[2] or tostring(os.time())
  -- the same Lua call per request in every mode, so the load generator costs the same for each scenario
  local token = args[3]
  if token and token ~= "" then
    patch_headers["Authorization"] = "Bearer " .. token
  end
  if mode == "post-invalid" then
    fixed = wrk.format("POST", "/users", headers, invalid_body)
  elseif token and token ~= "" then
    fixed = wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
  else
    fixed = wrk.format("GET")
  end
end

function request()
  if mode == "post-valid" then
    n = n + 1
    local body = string.format(
      '{"name":"Bench User","email":"b%s-%d-%d@example.com","password":"correct horse battery"}', tag, thread_no, n)
    return wrk.format("POST", "/users", headers, body)
  elseif mode == "patch" then
    n = n + 1
    return wrk.format("PATCH", nil, patch_headers, string.format('{"name":"Bench User %s-%d-%d"}', tag, thread_no, n))
  end
  return fixed
end

-- done(): the RESULT line, from the file beside this one
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "result.lua")

