-- wrk script of bench/million.sh: GETs request paths read from a file, one a line, in turn, each with the admin's
-- bearer token. Arguments after `--`: the file and the token. Each thread starts at another line, so two threads
-- do not ask for the same page at the same time. done() (bench/result.lua) prints one RESULT line.

local next_thread = 0

function setup(thread)
  thread:set("thread_no", next_thread)
  next_thread = next_thread + 1
end

local prepared = {}
local i = 0

function init(args)
  local file, token = args[1], args[2]
  local headers = { ["Authorization"] = "Bearer " .. token }
  for path in io.lines(file) do
    if path ~= "" then
      prepared[#prepared + 1] = wrk.format("GET", path, headers)
    end
  end
  if #prepared == 0 then
    error("no request path in " .. file)
  end
  -- built once: each request only picks the next one; the threads' starts spread by the golden ratio
  i = math.floor(thread_no * #prepared * 0.618) % #prepared
end

function request()
  i = i % #prepared + 1
  return prepared[i]
end

-- done(): the RESULT line, from the file beside this one
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "result.lua")

