import PathfolioPostgres

/// A pgbench script built from the service's own statements (their SQL text as the stores
/// build it), so the reference runs exactly what the service sends, one round trip each.
/// pgbench cannot bind the service's typed parameters: each `$n` becomes a SQL expression the
/// caller gives (a constant or an expression of pgbench variables), in placeholder order.
struct PgbenchScript {
    private(set) var text = ""

    init(comment: String) {
        text = comment.split(separator: "\n", omittingEmptySubsequences: false).map { "-- " + $0 }.joined(separator: "\n") + "\n"
    }

    /// Appends `query` (preceded by `-- label`), its placeholders replaced by `values`.
    mutating func add(_ label: String, _ query: PostgresQuery, _ values: [String] = []) {
        precondition(query.bindings.count == values.count,
                     "\(label): \(query.bindings.count) parameters, \(values.count) values given")
        var sql = ""
        var characters = query.sql[...]
        while let character = characters.popFirst() {
            guard character == "$", characters.first?.isNumber == true else { sql.append(character); continue }
            let digits = characters.prefix(while: \.isNumber)
            characters = characters.dropFirst(digits.count)
            sql += values[Int(digits)! - 1]
        }
        precondition(!sql.contains(";"), "\(label): pgbench ends a command at ';'")
        text += "-- \(label)\n\(sql);\n"
    }

    mutating func add(_ sql: String) {
        text += sql + ";\n"
    }
}
