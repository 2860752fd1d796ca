#!/usr/bin/env bash
# Benchmarks PathfolioHTTP against nginx in one run, on this machine, loopback only:
#   wrk -t2 -d10s at 16, 64 and 256 connections against GET /bench/1k (the same 1,024 JSON bytes from both),
#   prints requests/s for each and the ratio service/nginx; then the server's RSS with 10,000 idle
#   keep-alive connections. Usage: bench/http/run.sh [seconds-per-run]   (from anywhere)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-10}"
SERVICE_PORT="${SERVICE_PORT:-18080}"
NGINX_PORT="${NGINX_PORT:-18081}"
IDLE_CONNECTIONS="${IDLE_CONNECTIONS:-10000}"

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then echo "please install: ${need[*]}" >&2; exit 1; fi
    apt-get install -y "${need[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

swift build -c release --product PathfolioHTTPBenchServer >/dev/null
SERVER=.build/release/PathfolioHTTPBenchServer

WORK="$(mktemp -d)"
chmod 755 "$WORK"
mkdir -p "$WORK/www/bench" "$WORK/logs"
"$SERVER" --print-body > "$WORK/www/bench/1k"
printf 'ok\n' > "$WORK/www/healthz"
chmod -R a+rX "$WORK/www"
nginx_user=""
if [ "$(id -u)" -eq 0 ]; then nginx_user="user nobody nogroup;"; fi
cat > "$WORK/nginx.conf" <<CONF
$nginx_user
worker_processes 2;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 20000; }
http {
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/www;
        location = /bench/1k { default_type application/json; }
        location = /healthz { default_type text/plain; }
    }
}
CONF

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/logs/error.log" &
pids+=($!)
"$SERVER" "$SERVICE_PORT" >/dev/null &
SERVER_PID=$!
pids+=($SERVER_PID)
for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$SERVICE_PORT/healthz" >/dev/null 2>&1 && curl -sf "http://127.0.0.1:$NGINX_PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
cmp <(curl -s "http://127.0.0.1:$SERVICE_PORT/bench/1k") <(curl -s "http://127.0.0.1:$NGINX_PORT/bench/1k") \
    || { echo "the two servers do not serve the same bytes" >&2; exit 1; }

rps() { wrk -t2 -c"$1" -d"${DURATION}s" "$2" | awk '/Requests\/sec/ {print $2}'; }
echo "GET /bench/1k, 1,024-byte JSON, wrk -t2 -d${DURATION}s, 2 cores shared by server and load generator"
printf '%-12s %14s %14s %8s\n' connections service_rps nginx_rps ratio
for c in 16 64 256; do
    s=$(rps "$c" "http://127.0.0.1:$SERVICE_PORT/bench/1k")
    n=$(rps "$c" "http://127.0.0.1:$NGINX_PORT/bench/1k")
    printf '%-12s %14s %14s %8s\n' "$c" "$s" "$n" "$(awk -v s="$s" -v n="$n" 'BEGIN { printf "%.2f", s / n }')"
done

echo
python3 bench/http/idle_clients.py "$SERVICE_PORT" "$SERVER_PID" "$IDLE_CONNECTIONS"
