import Foundation

/// Finds the folder of SQL migrations: `--schema`, else `PATHFOLIO_SCHEMA_DIR`, else
/// `./schema`, else `../share/pathfolio/schema` beside the executable (an installed
/// layout), else the repository the executable was built in.
enum SchemaDirectory {
    static func locate(_ options: CommandLineOptions) throws(CommandError) -> String {
        if let explicit = options.value("schema", environment: "PATHFOLIO_SCHEMA_DIR") {
            return explicit
        }
        let manager = FileManager.default
        var candidates = [manager.currentDirectoryPath + "/schema"]
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(executable.appendingPathComponent("../share/pathfolio/schema").standardized.path)
        var folder = executable
        for _ in 0..<6 {
            candidates.append(folder.appendingPathComponent("schema").path)
            folder.deleteLastPathComponent()
        }
        for candidate in candidates where manager.fileExists(atPath: candidate + "/0001_institutions_people_tokens.sql") {
            return candidate
        }
        throw .failed("cannot find the schema/ folder of migrations; pass --schema DIR or set PATHFOLIO_SCHEMA_DIR")
    }
}
