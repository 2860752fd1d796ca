#!/usr/bin/env bash
# Fuzzes HTTPRequestParser and ChunkedBodyDecoder with libFuzzer.
#   fuzz/run.sh 60            run for 60 seconds
#   fuzz/run.sh -runs=10000000  run a number of executions
# Builds fuzz/.build/fuzz-parser with swiftc (-sanitize=fuzzer,address) from the parser sources and
# fuzz/FuzzParser.swift; runs on a copy of fuzz/corpus (new inputs go to fuzz/.build/corpus, the seed corpus
# in git stays small); exits non-zero if libFuzzer finds a crash (the input is saved in fuzz/.build/).
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFTC="${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}"
SRC=Sources/PathfolioHTTP
OUT=fuzz/.build
mkdir -p "$OUT/corpus"
arg="${1:-60}"
if [[ "$arg" == -* ]]; then limit=("$arg"); else limit=("-max_total_time=$arg"); fi

"$SWIFTC" -parse-as-library -sanitize=fuzzer,address -O -g \
    -module-name PathfolioHTTPFuzz \
    "$SRC"/Parser/*.swift \
    "$SRC"/Message/HTTPRequestHead.swift "$SRC"/Message/HTTPBodyFraming.swift "$SRC"/Message/HTTPHeaders.swift "$SRC"/Message/HTTPMethod.swift \
    "$SRC"/Message/HTTPVersion.swift "$SRC"/Message/HTTPStatus.swift \
    fuzz/FuzzParser.swift -o "$OUT/fuzz-parser"

cp -n fuzz/corpus/* "$OUT/corpus/" 2>/dev/null || true
exec "$OUT/fuzz-parser" "$OUT/corpus" "${limit[@]}" -max_len=4096 -artifact_prefix="$OUT/" \
    -print_final_stats=1 -dict=fuzz/http.dict
