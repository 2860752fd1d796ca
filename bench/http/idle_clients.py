#!/usr/bin/env python3
"""Opens N keep-alive connections to 127.0.0.1:PORT, makes one request on each (so each is an idle
keep-alive connection, not a half-open one the header timeout would close), then holds them all open
and prints the server's RSS (from /proc/PID/status) before and after. Loopback only."""
import resource, socket, sys, time

port, pid, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 1000), hard))

def rss_kib():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])

before = rss_kib()
request = b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n"
conns = []
for i in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(request)
    conns.append(s)
answered = 0
for s in conns:
    s.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data or not data.endswith(b"ok\n"):
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    if data.startswith(b"HTTP/1.1 200"):
        answered += 1
time.sleep(2)
after = rss_kib()
# Still open and still served after the idle period?
alive = 0
for s in conns[:: max(1, count // 100)]:
    s.sendall(request)
    if s.recv(4096).startswith(b"HTTP/1.1 200"):
        alive += 1
print(f"idle connections: {count} (answered {answered}, sampled alive {alive}/{len(conns[:: max(1, count // 100)])})")
print(f"server RSS before: {before / 1024:.1f} MiB, with {count} idle: {after / 1024:.1f} MiB, "
      f"per connection: {(after - before) * 1024 / count:.0f} bytes")
for s in conns:
    s.close()
