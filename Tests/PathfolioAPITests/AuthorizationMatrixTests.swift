import Foundation
import Testing

/// Every role × every operation × own / other / other institution: allowed calls succeed,
/// everything else answers 404 (never 403), so record ids cannot be probed.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    typealias Who = APIWorld.Who

    /// An operation on a learner's records and the roles that may do it on a learner they are
    /// related to (the learner: on their own records).
    struct Operation {
        let name: String
        let allowed: Set<Who>
    }

    @Test("learner-record operations", arguments: [Who.learner, .otherLearner])
    func learnerRecords(target: Who) async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        // Evidence of each target learner, submitted as themselves, for the per-evidence operations.
        let evidence = try await world.submitEvidence(["M.1"], as: target, learner: target)
        let operations = [
            Operation(name: "read progress", allowed: [.learner, .advisor, .assessor, .registrar]),
            Operation(name: "list evidence", allowed: [.learner, .advisor, .assessor, .registrar]),
            Operation(name: "read evidence", allowed: [.learner, .advisor, .assessor, .registrar]),
            Operation(name: "submit evidence", allowed: [.learner, .assessor]),
            Operation(name: "explain", allowed: [.learner, .advisor, .assessor, .registrar]),
            Operation(name: "next", allowed: [.learner, .advisor, .assessor, .registrar]),
            Operation(name: "review", allowed: [.advisor, .assessor]),
        ]
        for operation in operations {
            for caller in Who.allCases {
                let answer: APIWorld.Answer = switch operation.name {
                case "read progress": try await world.call("GET", "/v1/learners/\(world.id(target))/progress", as: caller)
                case "list evidence": try await world.call("GET", "/v1/learners/\(world.id(target))/evidence", as: caller)
                case "read evidence": try await world.call("GET", "/v1/evidence/\(evidence)", as: caller)
                case "submit evidence": try await world.call("POST", "/v1/learners/\(world.id(target))/evidence", as: caller, json: [
                    "kind": "text", "title": "t", "text": "x", "competencyIds": [world.competencies["M.1"]!]])
                case "explain": try await world.call("GET", "/v1/learners/\(world.id(target))/progress/\(world.competencies["M.1"]!)", as: caller)
                case "next": try await world.call("GET", "/v1/learners/\(world.id(target))/next", as: caller)
                default:
                    // Fresh evidence each time: a successful review moves it on.
                    try await world.call("POST", "/v1/evidence/\(try await world.submitEvidence(["M.1"], as: target, learner: target))/reviews",
                                         as: caller, json: ["outcome": "returned", "ratings": []])
                }
                // Relationships exist with the demo learner only: for the other learner, only
                // the learner themself (as `own`) and the registrar keep their rights.
                let ownName: Who = target
                let entitled: Bool
                if caller == .learner || caller == .otherLearner {
                    entitled = caller == ownName && operation.allowed.contains(.learner)
                } else if caller == .advisor || caller == .assessor {
                    entitled = target == .learner && operation.allowed.contains(caller)
                } else {
                    entitled = operation.allowed.contains(caller)
                }
                if entitled {
                    #expect((200..<300).contains(answer.status), "\(caller) \(operation.name) on \(target): \(answer.status) \(answer.text)")
                } else {
                    #expect(answer.status == 404, "\(caller) \(operation.name) on \(target): \(answer.status) \(answer.text)")
                }
            }
        }
    }

    @Test("institution operations: people, relationships and tokens are for admins")
    func administration() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        for caller in Who.allCases {
            let created = try await world.call("POST", "/v1/people", as: caller, json: [
                "givenName": "New", "familyName": "Person", "roles": ["learner"]])
            let token = try await world.call("POST", "/v1/tokens", as: caller, json: ["personId": world.id(.learner)])
            let assign = try await world.call("PUT", "/v1/advisors/\(world.id(.advisor))/advisees/\(world.id(.otherLearner))", as: caller)
            let expected = caller == .admin
            #expect(created.status == (expected ? 201 : caller == .foreignAdmin ? 201 : 404), "\(caller) people: \(created.text)")
            #expect(token.status == (expected ? 201 : caller == .foreignAdmin ? 422 : 404), "\(caller) tokens: \(token.text)")
            #expect(assign.status == (expected ? 201 : 404), "\(caller) advising: \(assign.text)")
            if expected { #expect(token.json["token"] as? String != nil) }
        }
        // A person of another institution does not exist here.
        let probe = try await world.call("GET", "/v1/people/\(world.id(.learner))", as: .foreignAdmin)
        #expect(probe.status == 404)
        let anonymous = try await world.call("GET", "/v1/people/\(world.id(.learner))")
        #expect(anonymous.status == 401)
        #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
    }

    @Test("a token's secret is shown once: an Idempotency-Key replay answers the token without it, and nothing stores it")
    func tokenSecretIsNotReplayed() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let body = ["personId": world.id(.learner), "label": "phone"]
        let first = try await world.call("POST", "/v1/tokens", as: .admin, json: body, headers: ["Idempotency-Key": "t-1"])
        let replay = try await world.call("POST", "/v1/tokens", as: .admin, json: body, headers: ["Idempotency-Key": "t-1"])
        #expect(first.status == 201)
        let secret = try #require(first.json["token"] as? String)
        #expect(replay.status == 201)
        #expect(replay.json["id"] as? String == first.json["id"] as? String)
        #expect(replay.json["token"] == nil)
        #expect(try await world.count("idempotency_keys WHERE position(convert_to(\(quote(secret)), 'UTF8') in response_body) > 0") == 0)
        // The secret works.
        let me = try await world.call("GET", "/v1/me", headers: ["Authorization": "Bearer \(secret)"])
        #expect(me.json["id"] as? String == world.id(.learner))
    }

    private func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
