#!/usr/bin/env bash
# Contract test of the API against its own OpenAPI document (GET /openapi.json), with
# Schemathesis: starts the built `pathfolio dev` (private PostgreSQL, demo institution) on a free
# loopback port in a temporary folder, then runs five passes:
#   1. as the demo admin, every operation but token revocation (learner records answer 404 to
#      admins);
#   2. as the demo assessor, set up to teach a demo learner (directly and in a class): evidence,
#      reviews, progress, classes (the class mastery grid);
#   3. as the demo advisor, with a plan for that learner: plans, goals, comments, templates, the
#      caseload;
#   4. as the demo registrar, with a certified transcript of that learner: transcripts in every
#      format, certification, revocation, the bulk export of the demo class, disclosures;
#   5. as the admin again, token revocation.
# The demo gets a signing key of each algorithm first (`pathfolio keys rotate`), for the JWKS.
# Every Schemathesis check is on (server errors, status codes, content types, headers, response
# schemas, negative and positive data, auth, …; deploy/schemathesis.toml lists the documented
# exceptions). Any finding fails the script. The server is always stopped and the folder removed.
#
# Usage: deploy/schemathesis.sh [path to the pathfolio binary, default .build/debug/pathfolio]
# SCHEMATHESIS_MAX_EXAMPLES (default 25) bounds the cases per operation and phase;
# SCHEMATHESIS_SEED (default 1) makes a run repeatable — set another to explore further;
# SCHEMATHESIS_LOG_DIR keeps the server's log, and each pass's log and HAR record, there.
set -euo pipefail
cd "$(dirname "$0")/.."

binary="${1:-.build/debug/pathfolio}"
schemathesis_version="4.32.5"
max_examples="${SCHEMATHESIS_MAX_EXAMPLES:-25}"
seed="${SCHEMATHESIS_SEED:-1}"
[ -x "$binary" ] || { echo "schemathesis.sh: no $binary; run swift build first" >&2; exit 1; }

if [ "$(python3 -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null)" != "$schemathesis_version" ]; then
    python3 -m pip install --quiet "schemathesis==$schemathesis_version"
fi

work="$(mktemp -d)"
# As root, `pathfolio dev` runs PostgreSQL as an unprivileged user, who must reach the folder.
chmod 755 "$work"
server_pid=""
stop() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -INT "$server_pid" 2>/dev/null || true  # dev stops its PostgreSQL on Ctrl-C
        for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
        if kill -0 "$server_pid" 2>/dev/null; then
            kill -KILL "$server_pid" 2>/dev/null || true
        fi
        wait "$server_pid" 2>/dev/null || true
    fi
    # Should dev have died without stopping it, PostgreSQL's postmaster pid is in its data folder.
    # (Checked against its command line, so a stale file never names another process.)
    if [ -f "$work/dev/pgdata/postmaster.pid" ]; then
        postmaster="$(head -1 "$work/dev/pgdata/postmaster.pid")"
        if tr '\0' ' ' < "/proc/$postmaster/cmdline" 2>/dev/null | grep -qF "$work/dev/pgdata"; then
            kill -QUIT "$postmaster" 2>/dev/null || true
            sleep 1
        fi
    fi
    if [ -n "${SCHEMATHESIS_LOG_DIR:-}" ]; then
        mkdir -p "$SCHEMATHESIS_LOG_DIR" && cp "$work"/*.log "$work"/*.har "$SCHEMATHESIS_LOG_DIR"/ 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM  # so that the EXIT trap runs when interrupted too

"$binary" dev --data-dir "$work/dev" --listen 127.0.0.1:0 > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do
    grep -q "admin token" "$work/server.log" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; echo "schemathesis.sh: pathfolio dev did not start" >&2; exit 1; }
    sleep 0.5
done
base="$(grep -o 'serving on http://[^ ]*' "$work/server.log" | head -1 | sed 's/^serving on //; s:/$::')"
admin_token="$(grep -o 'admin token: *pf_[A-Za-z0-9_-]*' "$work/server.log" | head -1 | sed 's/.*: *//')"
[ -n "$base" ] && [ -n "$admin_token" ] || { cat "$work/server.log"; echo "schemathesis.sh: no address or token in the dev output" >&2; exit 1; }
echo "pathfolio dev at $base (data in $work)"

# A small client for the setup below, through the API itself.
api() {
    python3 - "$base" "$@" <<'PY'
import json, sys, urllib.request
base, token, method, path = sys.argv[1:5]
request = urllib.request.Request(base + path, method=method, headers={"Authorization": "Bearer " + token})
if len(sys.argv) > 5:
    request.data = sys.argv[5].encode()
    request.add_header("Content-Type", "application/json")
with urllib.request.urlopen(request) as response:
    sys.stdout.write(response.read().decode())
PY
}
first_id() { python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])'; }
learner_id="$(api "$admin_token" GET "/v1/people?role=learner" | first_id)"
assessor_id="$(api "$admin_token" GET "/v1/people?role=assessor" | first_id)"
advisor_id="$(api "$admin_token" GET "/v1/people?role=advisor" | first_id)"
# A class of the demo learner, taught by the demo assessor (put in again before pass 2: pass 1
# may take them out).
class_id="$(api "$admin_token" POST /v1/classes '{"title": "Demo class", "code": "DEMO"}' \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')"
class_members() {
    api "$admin_token" PUT "/v1/classes/$class_id/learners/$learner_id" > /dev/null
    api "$admin_token" PUT "/v1/classes/$class_id/assessors/$assessor_id" > /dev/null
}
class_members
# Signing keys of both algorithms for the demo (through `pathfolio keys rotate`, with dev's database and
# key-encryption key), so the JWKS has an RSA and an OKP key to check against its schema.
for algorithm in RS256 EdDSA; do
    DATABASE_URL="host=$work/dev/socket dbname=pathfolio user=pathfolio_app" \
        PATHFOLIO_KEY_ENCRYPTION_KEY_FILE="$work/dev/key-encryption-key" \
        "$binary" keys rotate --institution demo --algorithm "$algorithm" > /dev/null
done
# Learner-record, relationship and class operations are aimed at these (deploy/schemathesis.toml);
# plan operations at a plan made before pass 3 (until then, ids of nothing).
export PATHFOLIO_LEARNER_ID="$learner_id" PATHFOLIO_ASSESSOR_ID="$assessor_id" PATHFOLIO_ADVISOR_ID="$advisor_id" \
    PATHFOLIO_CLASS_ID="$class_id"
export PATHFOLIO_PLAN_ID="00000000-0000-4000-8000-000000000000" PATHFOLIO_GOAL_ID="00000000-0000-4000-8000-000000000000"

status=0
run_pass() {
    local name="$1" token="$2"; shift 2
    local report=()
    if [ -n "${SCHEMATHESIS_LOG_DIR:-}" ]; then report=(--report har --report-har-path "$work/$name.har"); fi
    # One worker: with two, Schemathesis 4.32.5 under Python 3.11 now and then fails inside itself
    # ("SystemError: AST constructor recursion depth mismatch", a Runtime Error, not a finding).
    echo "== schemathesis ($name): max $max_examples examples per operation, seed $seed"
    if timeout 300 schemathesis --config-file deploy/schemathesis.toml --no-color run "$base/openapi.json" \
        -H "Authorization: Bearer $token" --max-examples "$max_examples" --seed "$seed" --workers 1 \
        ${report[@]+"${report[@]}"} "$@" \
        > "$work/$name.log" 2>&1; then
        sed -n '/= SUMMARY =/,$p' "$work/$name.log"
    else
        cat "$work/$name.log"
        echo "schemathesis ($name) found problems" >&2
        status=1
    fi
}

# Schemathesis feeds ids from earlier responses into later requests: a pass that may revoke
# tokens would revoke its own (then everything answers 401 and nothing more is tested), and one
# that may remove relationships would remove those set up for the next pass. So: revocation is
# tested last, on its own, and pass 2's setup happens after pass 1.
# Pass 4's caller: the demo registrar, with a certified transcript of the learner to read and revoke
# (made now: deploy/schemathesis.toml names it, and every pass loads that file).
registrar_id="$(api "$admin_token" GET "/v1/people?role=registrar" | first_id)"
registrar_token="$(api "$admin_token" POST /v1/tokens "{\"personId\": \"$registrar_id\", \"label\": \"schemathesis\"}" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
export PATHFOLIO_CERTIFICATE_ID="$(api "$registrar_token" POST "/v1/learners/$learner_id/transcript/certify" '{}' \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')"
run_pass admin "$admin_token" --exclude-operation-id revokeToken

# Pass 2's caller: the demo assessor, teaching the learner, and the demo class.
api "$admin_token" PUT "/v1/assessors/$assessor_id/learners/$learner_id" > /dev/null
class_members
assessor_token="$(api "$admin_token" POST /v1/tokens "{\"personId\": \"$assessor_id\", \"label\": \"schemathesis\"}" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
run_pass assessor "$assessor_token" --include-tag evidence --include-tag progress --include-tag classes

# Pass 3's caller: the demo advisor, advising the learner, with a plan (one goal) and a template
# to aim the plan operations at (deploy/schemathesis.toml); templates are the admin's in pass 1.
api "$admin_token" PUT "/v1/advisors/$advisor_id/advisees/$learner_id" > /dev/null
advisor_token="$(api "$admin_token" POST /v1/tokens "{\"personId\": \"$advisor_id\", \"label\": \"schemathesis\"}" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
plan="$(api "$advisor_token" POST "/v1/learners/$learner_id/plans" \
    '{"title": "Schemathesis plan", "startDate": "2026-09-01", "targetDate": "2027-06-30", "goals": [{"statement": "Add fractions", "kind": "academic", "targetCompetencyIds": ["5e1f7ac0-0000-4000-8000-000000000001"], "dueDate": "2027-01-31"}]}')"
export PATHFOLIO_PLAN_ID="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["id"])' "$plan")"
export PATHFOLIO_GOAL_ID="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["goals"][0]["id"])' "$plan")"
run_pass advisor "$advisor_token" --include-tag plans --include-tag caseload

run_pass registrar "$registrar_token" --include-tag transcripts

# Listing tokens gives revocation real ids to work on (its own token's among them).
run_pass revocation "$admin_token" --include-operation-id revokeToken --include-operation-id listTokens

if grep -q '"status":5[0-9][0-9]' "$work/server.log"; then
    echo "the server's access log has 5xx answers:" >&2
    grep '"status":5[0-9][0-9]' "$work/server.log" >&2
    status=1
fi
exit "$status"
