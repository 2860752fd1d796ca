-- W2 for wrk: a random learner reads their own progress (every competency's state).
-- PATHFOLIO_BENCH_DATA names the Lua file the driver writes (token secrets and sizes).

local data = dofile(os.getenv("PATHFOLIO_BENCH_DATA"))
local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("tid", counter)
end

function init(args)
    math.randomseed(os.time() * 1000 + tid)
end

function request()
    local i = math.random(1, data.learners)
    return wrk.format("GET", string.format("/v1/learners/10000000-0000-4000-8000-%012d/progress", i), {
        ["Authorization"] = "Bearer " .. data.learnerTokens[i],
    })
end

function done(summary, latency, requests)
    io.write(string.format("RESULT requests=%d non2xx=%d seconds=%.3f socket_errors=%d\n", summary.requests,
        summary.errors.status, summary.duration / 1e6,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
