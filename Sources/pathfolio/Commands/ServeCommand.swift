import Foundation
import PathfolioAPI
import PathfolioCrypto
import PathfolioHTTP
import PathfolioPostgres

/// `pathfolio serve`: checks that the database is fully migrated, then serves the API until
/// SIGTERM or SIGINT, finishing requests in flight.
enum ServeCommand {
    static let allowedOptions: Set<String> = ["database-url", "listen", "schema", "pool-size", "key-encryption-key-file"]

    static func run(_ options: CommandLineOptions) async throws {
        try options.rejectUnknown(allowed: allowedOptions)
        let url = try DatabaseURL.value(options)
        let migrations = try MigrateCommand.loadMigrations(options)
        let keyEncryptionKey = try KeyEncryptionKeySource.load(options)
        if keyEncryptionKey == nil {
            FileHandle.standardError.write(Data("pathfolio: no key-encryption key (\(KeyEncryptionKeySource.variable) or \(KeyEncryptionKeySource.fileVariable)): credentials cannot be signed; the JWKS and verifying work.\n".utf8))
        }
        let pool = try makePool(url: url, options: options)
        try await pool.withConnection { connection in
            try await MigrationRunner(migrations: migrations).verify(on: connection)
        }
        try await serve(pool: pool, keyEncryptionKey: keyEncryptionKey, options: options) { port in
            Console.say("Pathfolio is serving on http://\(listenHost(options)):\(port)/ (Ctrl-C to stop)")
        }
    }

    static func makePool(url: String, options: CommandLineOptions) throws -> PostgresPool {
        let size = try options.positiveInteger("pool-size", environment: "PATHFOLIO_POOL_SIZE", default: 16)
        return try PostgresPool(configuration: .init(connectionString: url, maximumConnections: size))
    }

    static func listenAddress(_ options: CommandLineOptions) -> String {
        options.value("listen", environment: "PATHFOLIO_LISTEN") ?? "127.0.0.1:8080"
    }

    static func listenHost(_ options: CommandLineOptions) -> String {
        let address = listenAddress(options)
        guard let colon = address.lastIndex(of: ":") else { return address }
        let host = String(address[..<colon])
        return host.isEmpty ? "0.0.0.0" : host
    }

    /// Serves until a shutdown signal; `started` gets the bound port.
    static func serve(pool: PostgresPool, keyEncryptionKey: KeyEncryptionKey?, options: CommandLineOptions,
                      started: (Int) -> Void) async throws {
        var configuration: HTTPServerConfiguration
        do {
            configuration = try HTTPServerConfiguration(listen: listenAddress(options))
        } catch {
            throw CommandError.usage("cannot understand the listen address \(listenAddress(options)): \(error)")
        }
        configuration.errorRenderer = ProblemDetails.serverErrorRenderer
        let application = PathfolioApplication(pool: pool, keyEncryptionKey: keyEncryptionKey, accessLog: AccessLogMiddleware.standardOutput)
        let server = HTTPServer(configuration: configuration, responder: application.router())
        do {
            try server.start()
        } catch .addressInUse(let address) {
            throw CommandError.failed("\(address) is already in use; stop what is listening there or pass --listen HOST:PORT")
        } catch {
            throw CommandError.failed("cannot listen on \(listenAddress(options)): \(error)")
        }
        let signals = ShutdownSignals { await server.shutdown(grace: .seconds(10)) }
        started(server.localPort ?? 0)
        await server.waitUntilStopped()
        signals.cancel()
        await pool.close()
    }
}
