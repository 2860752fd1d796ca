/// Something odd but understood in an imported package, with where it was.
public struct CASEWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// JSON pointer into the imported document, e.g. `/CFItems/3/sequenceNumber`.
    public let pointer: String
    /// What was odd and what the importer did about it.
    public let message: String

    /// Makes a warning.
    public init(pointer: String, message: String) {
        self.pointer = pointer
        self.message = message
    }

    /// "pointer: message".
    public var description: String { "\(pointer): \(message)" }
}
