/// Why a CASE package was refused: nothing of it may be stored.
public struct CASEImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of refusal (SPEC §1.2 lists what the importer rejects).
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Not JSON (syntax, invalid UTF-8, nesting deeper than 64).
        case notJSON
        /// JSON nesting deeper than the limit.
        case tooDeep
        /// No `CFDocument` or no usable `CFDocument.identifier`.
        case missingDocumentIdentifier
        /// An identifier that cannot be read (missing, or not a UUID where one is required).
        case invalidIdentifier
        /// An association whose origin and destination are both outside the package and unknown.
        case danglingAssociation
        /// `precedes` (with the hierarchy) closes a cycle.
        case cycle
        /// The shape cannot be understood (e.g. `CFItems` is not an array).
        case malformed
    }

    /// What kind of refusal.
    public let kind: Kind
    /// JSON pointer of the offending value (`""` for the whole document).
    public let pointer: String
    /// A sentence for people.
    public let message: String
    /// For ``Kind/cycle``: the codes along the cycle, the first repeated at the end.
    public let cycle: [String]

    /// Makes an error.
    public init(kind: Kind, pointer: String, message: String, cycle: [String] = []) {
        self.kind = kind
        self.pointer = pointer
        self.message = message
        self.cycle = cycle
    }

    /// "pointer: message".
    public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(message)" }
}
