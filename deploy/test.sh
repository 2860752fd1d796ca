#!/usr/bin/env bash
# The second README command (and CI's): installs what is missing, then runs the whole test
# suite — a 60-second libFuzzer run of the HTTP parser, validation of the OpenAPI document,
# Schemathesis against `pathfolio dev` (deploy/schemathesis.sh), schema validation of the CASE
# exports, and `swift test` (unit tests, and
# integration tests against a private PostgreSQL the tests start themselves). `swift test`'s
# summary is the last thing printed. FUZZ_SECONDS=0 skips the fuzz run,
# SCHEMATHESIS_MAX_EXAMPLES=0 the Schemathesis run.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-dependencies.sh

fuzz_seconds="${FUZZ_SECONDS:-60}"
if [ "$fuzz_seconds" -gt 0 ]; then
    echo "== fuzzing the HTTP parser for ${fuzz_seconds}s"
    fuzz/run.sh "$fuzz_seconds" > fuzz/.last-run.log 2>&1 || { tail -40 fuzz/.last-run.log; echo "fuzzing found a crash" >&2; exit 1; }
    grep -E "^stat::number_of_executed_units|Done [0-9]+ runs" fuzz/.last-run.log || true
fi

swift build --build-tests

echo "== the OpenAPI document (GET /openapi.json) against the OpenAPI 3.1 specification"
openapi="$(mktemp -d)"
OPENAPI_EXPORT_DIR="$openapi" swift test --skip-build --filter OpenAPIDocumentTests > "$openapi/run.log" 2>&1 || { cat "$openapi/run.log"; exit 1; }
[ "$(python3 -c 'import importlib.metadata as m; print(m.version("openapi-spec-validator"))' 2>/dev/null)" = "0.9.0" ] \
    || python3 -m pip install --quiet "openapi-spec-validator==0.9.0"
python3 -m openapi_spec_validator "$openapi/openapi.json"
rm -rf "$openapi"

if [ "${SCHEMATHESIS_MAX_EXAMPLES:-25}" -gt 0 ]; then
    echo "== Schemathesis: the running service against its OpenAPI document"
    deploy/schemathesis.sh .build/debug/pathfolio
fi

echo "== CASE 1.1 exports of the real frameworks against the official JSON Schemas"
# The writer's exports (CASEExportTests), and the REST bodies read back from PostgreSQL after
# importing each framework (StoredCASEReadTests, files stored-*.json).
exports=$(mktemp -d)
trap 'rm -rf "$exports"' EXIT
CASE_EXPORT_DIR="$exports" swift test --skip-build --filter 'CASEExportTests|StoredCASEReadTests' > "$exports/run.log" 2>&1 || { cat "$exports/run.log"; exit 1; }
python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install --quiet jsonschema
for kind in package document documents item association; do
    python3 Tests/PathfolioInteropTests/validate_case_export.py --formats --kind "$kind" "$exports"/*."$kind".json
done

echo "== CLR 2.0 transcript credentials against the official CLR 2.0 and Open Badges 3.0 JSON Schemas"
# The builder's credential (ClrTranscriptCredentialTests) and the payload of a CLR VC-JWT the
# running API signed (TranscriptCredentialTests).
clr_exports=$(mktemp -d)
CLR_EXPORT_DIR="$clr_exports" swift test --skip-build --filter 'ClrTranscriptCredentialTests|TranscriptCredentialTests' > "$clr_exports/run.log" 2>&1 || { cat "$clr_exports/run.log"; exit 1; }
python3 Tests/PathfolioInteropTests/validate_clr_export.py "$clr_exports"/*.clr.json
rm -rf "$clr_exports"

echo "== swift test"
swift test --skip-build
