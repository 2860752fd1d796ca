-- The plans workload's caseload read for wrk: the 500-advisee advisor reads their caseload
-- (default order, `flags`: every advisee with goals and direct states in the opening round trip).
-- PATHFOLIO_BENCH_DATA names the Lua file the driver writes (token secrets and sizes).

local data = dofile(os.getenv("PATHFOLIO_BENCH_DATA"))

function request()
    return wrk.format("GET", data.caseloadPath, { ["Authorization"] = "Bearer " .. data.caseloadToken })
end

function done(summary, latency, requests)
    io.write(string.format("RESULT requests=%d non2xx=%d seconds=%.3f socket_errors=%d\n", summary.requests,
        summary.errors.status, summary.duration / 1e6,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
