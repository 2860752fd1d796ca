public import Foundation

/// Frameworks, their competencies and associations, and their policies.
public protocol FrameworkStore: Sendable {
    /// One framework.
    func framework(_ id: FrameworkID) async throws -> Framework?
    /// Every framework of the institution.
    func frameworks() async throws -> [Framework]
    /// Competencies of these frameworks (retired ones included).
    func competencies(of frameworks: [FrameworkID]) async throws -> [Competency]
    /// Every association of the institution (they may cross frameworks).
    func associations() async throws -> [Association]
    /// Inserts or updates a framework with its items and associations; items absent from
    /// `competencies` are marked retired, never deleted.
    func save(_ framework: Framework, competencies: [Competency], associations: [Association]) async throws
    /// Replaces a framework's policy, recording who changed it and when.
    func savePolicy(_ policy: MasteryPolicy, of framework: FrameworkID, changedBy: PersonID, at: Date) async throws
}
