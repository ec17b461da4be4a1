-- wrk script (test/bench/run.ts): the method, body and headers of one request, from the environment.
-- WRK_METHOD (GET by default), WRK_BODY_FILE (a file whose bytes are the body), WRK_HEADERS ("name: value" lines, "|"-separated).
wrk.method = os.getenv("WRK_METHOD") or "GET"
local bodyFile = os.getenv("WRK_BODY_FILE")
if bodyFile and bodyFile ~= "" then
  local file = assert(io.open(bodyFile, "r"))
  wrk.body = file:read("*a")
  file:close()
end
local headers = os.getenv("WRK_HEADERS") or ""
for pair in string.gmatch(headers, "[^|]+") do
  local name, value = string.match(pair, "^%s*([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end
