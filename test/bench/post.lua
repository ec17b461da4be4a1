-- wrk script: POSTs the GraphQL body found in the file named by WRK_BODY_FILE (set by test/bench/run.ts).
local file = assert(io.open(os.getenv("WRK_BODY_FILE"), "r"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
