import Foundation

/// `pathfolio`: the command line of SPEC §2.2.
let usage = """
    Usage: pathfolio COMMAND [OPTIONS]

    Commands:
      dev        Run the service on a private PostgreSQL under a data folder (created on first run),
                 migrated, with a demo institution and a new admin token.
                   --data-dir DIR      data folder (env PATHFOLIO_DATA_DIR; default ./.pathfolio)
                   --listen HOST:PORT  (env PATHFOLIO_LISTEN; default 127.0.0.1:8080)
                   The key-encryption key for signing keys is DIR/key-encryption-key (made on
                   first run) unless PATHFOLIO_KEY_ENCRYPTION_KEY(_FILE) names one.
      serve      Serve the API on an existing, migrated database.
                   --database-url URL  libpq URL or keywords (env DATABASE_URL), e.g.
                                       postgresql://pathfolio_app@db1,db2/pathfolio?target_session_attrs=read-write
                   --listen HOST:PORT  (env PATHFOLIO_LISTEN; default 127.0.0.1:8080)
                   --pool-size N       connections to PostgreSQL (env PATHFOLIO_POOL_SIZE; default 16)
                   --key-encryption-key-file FILE  the key that seals signing keys at rest (env
                                       PATHFOLIO_KEY_ENCRYPTION_KEY_FILE; or the key itself, base64
                                       of 32 bytes, in PATHFOLIO_KEY_ENCRYPTION_KEY; make one with
                                       `openssl rand -base64 32`). Without one, signing answers 503;
                                       the JWKS and verifying still work.
      migrate    Apply pending migrations from schema/ (run as the database owner).
                   --status            list each migration's state and change nothing
                   --database-url URL  (env DATABASE_URL)

      token create  Make a bearer token for a person and print it once (only its hash is stored).
                   --institution SLUG  the person's institution (the demo's is `demo`)
                   --person ID         the person's id
                   --label TEXT        what the token is for
                   --expires WHEN      YYYY-MM-DD (end of that day, UTC) or an RFC 3339 time; default never
                   --database-url URL  (env DATABASE_URL)

      import case FILE  Import a CASE framework package (CFPackage JSON, 1.0 or 1.1) into an
                 institution, in one transaction; prints what was created, updated, unchanged and
                 retired, and every warning. Importing it again changes nothing; a newer version
                 updates in place and retires the items it dropped.
                   --institution SLUG  the institution (the demo's is `demo`)
                   --database-url URL  (env DATABASE_URL)

      import oneroster DIR|ZIP  Import a OneRoster 1.1 or 1.2 CSV package (a folder of CSV files, or
                 a ZIP of them at its root or in one folder) into an institution, in one
                 transaction. A package with any error is refused whole (every problem printed
                 as file:line, exit 1, nothing written); otherwise prints what was created,
                 updated, unchanged and removed per table, and every warning. Importing the same
                 package again changes nothing.
                   --institution SLUG  the institution (the demo's is `demo`)
                   --dry-run           check and count, write nothing
                   --database-url URL  (env DATABASE_URL)

      export transcripts  Download the bulk transcript export from the running service (as the token's
                 registrar: disclosures are recorded) to FILE, with a progress bar on a terminal.
                 FILE appears only when complete (written as FILE.partial, then renamed).
                   --org ID | --class ID | --cohort NAME   whose transcripts (exactly one)
                   --format csv|ndjson|clr   default csv
                   --out FILE          where to write it
                   --as-of WHEN        YYYY-MM-DD or an RFC 3339 time; default now
                   --purpose TEXT, --party TEXT   recorded with the disclosures
                   --url URL           the service (env PATHFOLIO_URL; default http://127.0.0.1:8080)
                   --token TOKEN       a registrar's bearer token (env PATHFOLIO_TOKEN)

      keys rotate  Make a new current signing key for an institution and print its kid; the old
                 key of that algorithm is retired: it signs no more and stays published in the
                 JWKS for the credentials it signed.
                   --institution SLUG  the institution
                   --algorithm ALG     RS256 or EdDSA (default: the institution's setting)
                   --key-encryption-key-file FILE  (env PATHFOLIO_KEY_ENCRYPTION_KEY_FILE, or the
                                       key itself in PATHFOLIO_KEY_ENCRYPTION_KEY): the key the
                                       service runs with; rotating refuses any other
                   --database-url URL  (env DATABASE_URL)
      keys list  List an institution's signing keys: kid, algorithm, created, current or retired.
                   --institution SLUG  the institution
                   --database-url URL  (env DATABASE_URL)

      mastery rebuild  Recompute every mastery projection from the ledger of reviews.
                   --check             change nothing; list every difference (exit 1 if any)
                   --institution SLUG  only this institution
                   --database-url URL  (env DATABASE_URL)

    Common options:
      --schema DIR   the migrations folder (env PATHFOLIO_SCHEMA_DIR; default ./schema, or the
                     one the executable was built beside)
      --help         this text
    """

let arguments = CommandLine.arguments.dropFirst()
guard let command = arguments.first, !["--help", "-h", "help"].contains(command) else {
    Console.say(usage)
    exit(arguments.isEmpty ? 2 : 0)
}

do {
    // `token`, `keys`, `export` and `mastery` take a verb (`token create`), `import` a kind and a file
    // (`import case FILE`); every other command takes options only.
    let verb = ["token", "mastery", "import", "export", "keys"].contains(command)
        ? arguments.dropFirst().first.flatMap { $0.hasPrefix("--") ? nil : $0 } : nil
    var rest = arguments.dropFirst(verb == nil ? 1 : 2)
    var operand: String?
    if command == "import", let first = rest.first, !first.hasPrefix("--") {
        operand = first
        rest = rest.dropFirst()
    }
    let options = try CommandLineOptions(rest, flagNames: ["status", "check", "help", "dry-run"])
    if options.flag("help") {
        Console.say(usage)
        exit(0)
    }
    switch command {
    case "dev": try await DevCommand.run(options)
    case "serve": try await ServeCommand.run(options)
    case "migrate": try await MigrateCommand.run(options)
    case "token": try await TokenCommand.run(options, subcommand: verb)
    case "import": try await ImportCommand.run(options, kind: verb, path: operand)
    case "mastery": try await MasteryCommand.run(options, subcommand: verb)
    case "export": try await ExportCommand.run(options, subcommand: verb)
    case "keys": try await KeysCommand.run(options, subcommand: verb)
    default: throw CommandError.usage("unknown command \(command)")
    }
} catch let error as CommandError {
    FileHandle.standardError.write(Data("pathfolio: \(error)\n".utf8))
    exit(error.exitStatus)
} catch {
    FileHandle.standardError.write(Data("pathfolio: \(error)\n".utf8))
    exit(1)
}
