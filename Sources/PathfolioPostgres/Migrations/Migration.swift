import Foundation

/// One forward-only schema change: a file `schema/NNNN_description.sql`.
public struct Migration: Sendable, Equatable {
    /// The number the file name starts with; migrations apply in this order.
    public let version: Int
    /// The file name, e.g. `0001_institutions_people_tokens.sql`.
    public let fileName: String
    /// The SQL, applied in one transaction.
    public let sql: String

    public init(version: Int, fileName: String, sql: String) {
        self.version = version
        self.fileName = fileName
        self.sql = sql
    }

    /// Reads every `NNNN_description.sql` in `directory`, ordered by version.
    public static func load(from directory: String) throws(MigrationError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadableDirectory(directory)
        }
        var migrations: [Migration] = []
        for name in names.sorted() where name.hasSuffix(".sql") {
            let digits = name.prefix(while: \.isASCIIDigit)
            guard digits.count == 4, let version = Int(digits), name.dropFirst(4).first == "_",
                  name.count > 9 else {
                throw .badFileName(name)
            }
            guard let data = FileManager.default.contents(atPath: directory + "/" + name),
                  let sql = String(data: data, encoding: .utf8) else {
                throw .unreadableFile(name)
            }
            if let earlier = migrations.first(where: { $0.version == version }) {
                throw .duplicateVersion(earlier.fileName, name)
            }
            migrations.append(Migration(version: version, fileName: name, sql: sql))
        }
        guard !migrations.isEmpty else { throw .noMigrations(directory) }
        return migrations
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
