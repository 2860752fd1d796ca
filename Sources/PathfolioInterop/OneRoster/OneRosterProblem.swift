/// How serious a ``OneRosterProblem`` is.
public enum OneRosterSeverity: String, Sendable, Hashable, Codable {
    /// The package cannot be imported (see ``OneRosterPackage`` for the policy).
    case error
    /// Something odd but understood; the import may proceed.
    case warning
}

/// A problem found in a OneRoster package, located by file, line and column.
public struct OneRosterProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file name inside the package (`users.csv`, `manifest.csv`, …).
    public var file: String
    /// The physical line (1-based; the header is line 1), or `nil` when the problem concerns the
    /// whole file (a missing file, an undeclared file).
    public var line: Int?
    /// The column header concerned, when there is one.
    public var column: String?
    /// A human-readable explanation.
    public var message: String
    /// Error or warning.
    public var severity: OneRosterSeverity

    /// Creates a problem.
    public init(file: String, line: Int?, column: String? = nil, message: String, severity: OneRosterSeverity) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += " [\(column)]" }
        return "\(severity.rawValue): \(place): \(message)"
    }
}
