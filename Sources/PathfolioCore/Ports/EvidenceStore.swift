/// Evidence items (their files are stored by content address elsewhere in the adapter).
public protocol EvidenceStore: Sendable {
    /// One item.
    func evidence(_ id: EvidenceID) async throws -> Evidence?
    /// A learner's items, newest first.
    func evidence(of learner: PersonID) async throws -> [Evidence]
    /// Inserts or updates an item (status changes are the only updates).
    func save(_ evidence: Evidence) async throws
}
