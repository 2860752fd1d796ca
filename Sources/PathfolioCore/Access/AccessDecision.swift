/// The access policy's answer. There is no "forbidden": a record the actor may not touch
/// answers 404, exactly like one that does not exist, so ids cannot be probed (SPEC §2.1).
public enum AccessDecision: String, Sendable, Hashable, Codable {
    /// Go ahead.
    case allow
    /// Answer 404.
    case notFound
}
