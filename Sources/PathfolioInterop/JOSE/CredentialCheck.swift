/// One finding of a credential verification, as `POST /v1/credentials/verify` lists it:
/// which check, how it came out, and what was found.
public struct CredentialCheck: Sendable, Hashable {
    /// How a check came out. A credential is valid when none ``failed``.
    public enum Status: String, Sendable, Hashable {
        case passed, failed, warning, skipped
    }

    /// The check's name (`structure`, `algorithm`, `key`, `signature`, `iss`, `nbf`, …).
    public let name: String
    public let status: Status
    /// What was found, as a sentence.
    public let detail: String

    public init(_ name: String, _ status: Status, _ detail: String) {
        self.name = name
        self.status = status
        self.detail = detail
    }
}
