// Pool benchmark: simple indexed selects through PostgresPool from N concurrent tasks vs
// `pgbench -S` with N clients, on the same private cluster, in one run. Prints the ratio.
// Usage: swift run -c release PathfolioPoolBench [seconds-per-run] [clients ...]
import Foundation
import PathfolioPostgres

let arguments = CommandLine.arguments.dropFirst()
let seconds = arguments.first.flatMap(Int.init) ?? 10
let clientCounts = arguments.dropFirst().compactMap(Int.init).isEmpty ? [4, 16, 64] : arguments.dropFirst().compactMap(Int.init)
let scale = 10  // pgbench_accounts: 1,000,000 rows

let root = NSTemporaryDirectory() + "pathfolio-bench-\(getpid())"
let cluster = try LocalPostgresCluster(root: root)
try cluster.initialize(settings: ["max_connections": "200", "shared_buffers": "'256MB'"], durable: false)
try cluster.start()
defer {
    try? cluster.stop(immediate: true)
    try? FileManager.default.removeItem(atPath: root)
}

func shell(_ command: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

let pgbench = "\(cluster.binDirectory)/pgbench -h \(cluster.socketDirectory) -U postgres"
print("initialising pgbench_accounts (scale \(scale))…")
_ = try shell("\(pgbench) -i -q -s \(scale) postgres")

func pgbenchTPS(clients: Int, mode: String) throws -> Double {
    let output = try shell("\(pgbench) -S -M \(mode) -n -c \(clients) -j 2 -T \(seconds) postgres")
    guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
          let value = Double(line.dropFirst(6).prefix(while: { $0 != " " })) else {
        fatalError("pgbench printed no tps:\n\(output)")
    }
    return value
}

func poolTPS(clients: Int) async throws -> Double {
    let pool = try PostgresPool(configuration: .init(
        connectionString: cluster.connectionString(database: "postgres"), maximumConnections: clients))
    let accounts = 100_000 * scale
    let deadline = ContinuousClock.now + .seconds(seconds)
    let started = ContinuousClock.now
    let total = try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<clients {
            group.addTask {
                var done = 0
                while ContinuousClock.now < deadline {
                    let aid = Int32.random(in: 1...Int32(accounts))
                    let rows = try await pool.query("SELECT abalance FROM pgbench_accounts WHERE aid = \(aid)")
                    _ = try rows[0].decode(Int32.self, at: 0)
                    done += 1
                }
                return done
            }
        }
        return try await group.reduce(0, +)
    }
    let elapsed = ContinuousClock.now - started
    await pool.close()
    let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Double(total) / elapsedSeconds
}

print("clients  pool tx/s  pgbench -S simple  ratio  pgbench -S extended  ratio")
for clients in clientCounts {
    let pool = try await poolTPS(clients: clients)
    let simple = try pgbenchTPS(clients: clients, mode: "simple")
    let extended = try pgbenchTPS(clients: clients, mode: "extended")
    print(String(format: "%7d  %9.0f  %17.0f  %5.2f  %19.0f  %5.2f", clients, pool, simple, pool / simple, extended, pool / extended))
}
