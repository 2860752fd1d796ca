-- W1 for wrk: an assessor submits text evidence for one of their learners claiming three
-- consecutive standards of a random strand, then reviews it (accepted, a random 1-4 rating per
-- standard). Both requests carry an Idempotency-Key. Each connection alternates: the reply to
-- an evidence POST queues its review, which the thread's next request sends.
-- PATHFOLIO_BENCH_DATA names the Lua file the driver writes (token secrets and sizes).

local data = dofile(os.getenv("PATHFOLIO_BENCH_DATA"))
local threads = {}
local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("tid", counter)
    table.insert(threads, thread)
end

local queue = {}
local sent = 0
local run = ""
evidenceOK, reviewOK, failed = 0, 0, 0

function init(args)
    math.randomseed(os.time() * 1000 + tid)
    -- Keys must not repeat across runs against the same database.
    run = string.format("%d-%06d", os.time(), math.random(0, 999999))
end

local function learnerID(i) return string.format("10000000-0000-4000-8000-%012d", i) end
local function competencyID(s, j) return string.format("c0000000-0000-4000-8000-00000%03d%04d", s, j) end

local function post(path, token, body)
    sent = sent + 1
    return wrk.format("POST", path, {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = "w1-" .. run .. "-" .. tid .. "-" .. sent,
    }, body)
end

function request()
    local review = table.remove(queue)
    if review then return post(review.path, review.token, review.body) end
    local i = math.random(1, data.learners)
    local a = math.floor((i - 1) / data.perAssessor) + 1
    local s = math.random(1, data.strands)
    local j = math.random(1, data.leaves - 2)
    local body = string.format(
        '{"kind":"text","title":"Bench work","text":"Worked example with a model and an equation.","competencyIds":["%s","%s","%s"]}',
        competencyID(s, j), competencyID(s, j + 1), competencyID(s, j + 2))
    return post("/v1/learners/" .. learnerID(i) .. "/evidence", data.assessors[a], body)
end

function response(status, headers, body)
    if status ~= 201 then
        failed = failed + 1
        if failed <= 3 then io.stderr:write("W1 unexpected " .. status .. ": " .. body:sub(1, 300) .. "\n") end
        return
    end
    local location = headers["Location"] or headers["location"]
    if not location then
        reviewOK = reviewOK + 1
        return
    end
    evidenceOK = evidenceOK + 1
    local i = tonumber(body:match('"learnerId":"10000000%-0000%-4000%-8000%-(%d+)"'))
    local a = math.floor((i - 1) / data.perAssessor) + 1
    local ratings = {}
    for id in body:match('"competencyIds":%[(.-)%]'):gmatch('"([%x%-]+)"') do
        ratings[#ratings + 1] = string.format('{"competencyId":"%s","points":%d}', id, math.random(1, 4))
    end
    queue[#queue + 1] = {
        path = location .. "/reviews",
        token = data.assessors[a],
        body = '{"outcome":"accepted","ratings":[' .. table.concat(ratings, ",") .. ']}',
    }
end

function done(summary, latency, requests)
    local e, r, f = 0, 0, 0
    for _, thread in ipairs(threads) do
        e = e + thread:get("evidenceOK")
        r = r + thread:get("reviewOK")
        f = f + thread:get("failed")
    end
    io.write(string.format("RESULT evidence=%d reviews=%d failed=%d seconds=%.3f socket_errors=%d\n", e, r, f,
        summary.duration / 1e6,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
