import PathfolioHTTP
public import PathfolioInterop

/// Why a framework import was refused; nothing of the package was stored.
public enum FrameworkImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The package cannot be understood (not JSON, no document identifier, an unreadable
    /// identifier, an association with both ends outside the package and unknown, a shape
    /// that is not CASE's): what kind, where (a JSON pointer into the package) and why.
    case malformed(kind: CASEImportError.Kind, pointer: String, message: String)
    /// The package's `precedes` associations (with the hierarchy), together with the
    /// institution's other frameworks, would close a cycle. `codes` runs along it (human
    /// coding schemes, or ids where an item has none), repeating the first at the end;
    /// `pointer` names the package's association that closes it when the package alone does.
    case cycle(codes: [String], pointer: String?)

    /// The error for a refusal by the CASE reader.
    init(_ error: CASEImportError) {
        if error.kind == .cycle {
            self = .cycle(codes: error.cycle, pointer: error.pointer)
        } else {
            self = .malformed(kind: error.kind, pointer: error.pointer, message: error.message)
        }
    }

    /// A sentence for people.
    public var description: String {
        switch self {
        case .malformed(_, let pointer, let message): "\(pointer.isEmpty ? "/" : pointer): \(message)"
        case .cycle(let codes, _): "the prerequisites would close a cycle: \(codes.joined(separator: " → "))"
        }
    }

    /// The problem document: 400 with the pointer for a package that cannot be understood,
    /// 422 naming the cycle for one that would close a cycle.
    public var problem: ProblemDetails {
        switch self {
        case .malformed(_, let pointer, let message):
            ProblemDetails(status: .badRequest, detail: "The CASE package cannot be imported.",
                           errors: [ProblemDetails.FieldError(pointer: pointer, detail: message)])
        case .cycle(_, let pointer):
            ProblemDetails(status: .unprocessableContent, detail: "The CASE package cannot be imported: \(description).",
                           errors: pointer.map { [ProblemDetails.FieldError(pointer: $0, detail: description)] } ?? [])
        }
    }
}
