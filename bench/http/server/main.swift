// The benchmark's server: GET /healthz and a fixed 1 KB JSON at GET /bench/1k (the same bytes nginx serves).
// Usage: PathfolioHTTPBenchServer [port]   (or PORT=…); listens on 127.0.0.1 only.
// It also shows how an executable wires SIGTERM/SIGINT to a graceful shutdown.
import Dispatch
import Foundation
import PathfolioHTTP

let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init)
    ?? ProcessInfo.processInfo.environment["PORT"].flatMap(Int.init) ?? 8080

/// 1,024 bytes of JSON; bench/http/run.sh writes the same bytes for nginx with `--print-body`.
let body: [UInt8] = {
    let prefix = "{\"status\":\"ok\",\"padding\":\""
    let suffix = "\"}\n"
    let fill = String(repeating: "x", count: 1024 - prefix.utf8.count - suffix.utf8.count)
    return Array((prefix + fill + suffix).utf8)
}()

if CommandLine.arguments.contains("--print-body") {
    FileHandle.standardOutput.write(Data(body))
    exit(0)
}

var router = Router()
router.get("/healthz") { _ in .text("ok\n") }
router.get("/bench/1k") { _ in .json(body) }

var configuration = HTTPServerConfiguration(address: ListenAddress(host: "127.0.0.1", port: port))
configuration.maxConnections = 20_000
let server = HTTPServer(configuration: configuration, responder: router)
do {
    try server.start()
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
print("listening on 127.0.0.1:\(server.localPort ?? port)")

let signalSources = installShutdownOnSignals(server)

/// SIGTERM/SIGINT → graceful shutdown. The default action is ignored and the signals are observed on a
/// dispatch queue (a C signal handler may not call into Swift concurrency). `nonisolated`: the handler runs
/// on a global queue, not the main actor that top-level code belongs to.
nonisolated func installShutdownOnSignals(_ server: HTTPServer) -> [any DispatchSourceSignal] {
    [SIGTERM, SIGINT].map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            Task { await server.shutdown(grace: .seconds(10)) }
        }
        source.resume()
        return source
    }
}

await server.waitUntilStopped()
_ = signalSources
