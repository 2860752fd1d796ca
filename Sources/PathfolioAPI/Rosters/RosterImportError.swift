import PathfolioHTTP
public import PathfolioInterop

/// Why a roster import was refused; nothing of it was written.
public enum RosterImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The package has errors: every one of them, by file and line (warnings left out).
    case rejected([OneRosterProblem])
    /// The upload is not a readable ZIP archive (or exceeds its limits).
    case archive(ZipError)

    public var description: String {
        switch self {
        case .rejected(let problems): "the package has \(problems.count) error\(problems.count == 1 ? "" : "s")"
        case .archive(let error): "\(error)"
        }
    }

    /// 422 listing every problem with its file, line and column; 400 for an unreadable archive.
    public var problem: ProblemDetails {
        switch self {
        case .rejected(let problems):
            ProblemDetails(status: .unprocessableContent,
                           detail: "The OneRoster package was not imported (\(description)); nothing was written.",
                           errors: problems.map { ProblemDetails.FieldError(file: $0.file, line: $0.line, column: $0.column, detail: $0.message) })
        case .archive(let error):
            ProblemDetails(status: .badRequest, detail: "The body is not a usable ZIP archive: \(error).")
        }
    }
}
