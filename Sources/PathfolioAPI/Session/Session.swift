public import Foundation
public import PathfolioCore
public import PathfolioPostgres

/// One authenticated request's transaction: who is calling, the connection (tenant set for
/// row-level security), and the request's clock reading.
struct Session {
    let requester: Requester
    let connection: PostgresConnection
    let now: Date

    var institutionID: InstitutionID { requester.institutionID }
    var personID: PersonID { requester.personID }

    /// Goes on only when the core's access policy allows; otherwise 404 (SPEC §2.1).
    func require(_ action: AccessAction, _ target: AccessTarget) throws(APIError) {
        guard AccessPolicy.decide(requester, action, target) == .allow else { throw .notFound }
    }

    /// Whether the policy allows, without failing.
    func may(_ action: AccessAction, _ target: AccessTarget) -> Bool {
        AccessPolicy.decide(requester, action, target) == .allow
    }

    /// Requires `action` on the institution itself.
    func require(_ action: AccessAction) throws(APIError) {
        try require(action, .institution(institutionID))
    }

    /// Requires `action` on one learner's records.
    func require(_ action: AccessAction, learner: PersonID) throws(APIError) {
        try require(action, .learner(learner, in: institutionID))
    }

    /// Appends an audit row in the transaction.
    func audit(_ action: String, target: String, id: UUID?, details: PostgresJSON = PostgresJSON(text: "{}")) async throws {
        try await AuditLogStore(connection: connection).append(
            actor: personID, action: action, targetType: target, targetID: id, details: details)
    }
}
