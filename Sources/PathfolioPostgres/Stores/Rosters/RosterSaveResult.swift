/// What ``RosterStore/save(_:actor:channel:version:sourceSystem:files:warnings:now:on:)`` did.
public struct RosterSaveResult: Sendable, Hashable {
    /// Counts per table, by the names the summary uses: `orgs`, `academicSessions`, `users`,
    /// `roles`, `classes`, `enrollments`, `demographics`, and the derived `classMembers`,
    /// `advising`, `personRoles`.
    public var counts: [String: RosterCounts]
    /// Rows of a delta file that name a record neither the package nor the database holds, so
    /// were not written: table → positions in the snapshot's rows.
    public var unresolved: [String: [Int]]
}
