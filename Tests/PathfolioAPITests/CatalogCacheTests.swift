import Foundation
import PathfolioAPI
import PathfolioPostgres
import Testing

/// The service keeps each institution's catalog in memory; the database's catalog version,
/// read in every request's first round trip, decides whether that copy is still current —
/// so a change by any process shows in the very next request.
@Suite("The process's copy of the catalog follows every change, whoever makes it")
struct CatalogCacheTests {
    @Test("a standard added by another process counts in the next progress read and the next review")
    func changeElsewhere() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let first = try await world.submitEvidence(["M.1", "M.2", "M.3"])
        let reviewed = try await world.review(first, [("M.1", 3), ("M.2", 3), ("M.3", 3)])
        #expect(reviewed.status == 201, "\(reviewed.text)")
        let rollup = { (answer: APIWorld.Answer) in
            (answer.json["mastery"] as? [[String: Any]] ?? []).first { $0["code"] as? String == "M" }?["status"] as? String
        }
        #expect(rollup(reviewed) == "mastered")
        let path = "/v1/learners/\(world.id(.learner))/progress"
        let before = try await world.call("GET", path, as: .learner)
        #expect((before.json["summary"] as? [String: Any])?["total"] as? Int == 4)

        // Another process (the owner's own connection) adds M.4 under M.
        let institution = world.institution.description
        try await world.owner.execute(script: """
            BEGIN;
            SELECT set_config('pathfolio.institution_id', '\(institution)', true);
            INSERT INTO competencies (institution_id, id, framework_id, position, uri, human_coding_scheme, full_statement,
                                      case_json, created_at, updated_at)
            VALUES ('\(institution)', '6f0b8a8e-0000-4000-8000-000000000014', '6f0b8a8e-0000-4000-8000-000000000001', 4,
                    'https://example.test/M.4', 'M.4', 'Fractions as decimals',
                    '{"identifier": "6f0b8a8e-0000-4000-8000-000000000014"}', now(), now());
            INSERT INTO competency_associations (institution_id, id, framework_id, position, association_type, origin_id,
                destination_id, origin_identifier, origin_uri, origin_title, destination_identifier, destination_uri,
                destination_title, is_local, case_json, created_at, updated_at)
            VALUES ('\(institution)', '6f0b8a8e-0000-4000-8000-000000000025', NULL, 0, 'isChildOf',
                    '6f0b8a8e-0000-4000-8000-000000000014', '6f0b8a8e-0000-4000-8000-000000000010',
                    '6f0b8a8e-0000-4000-8000-000000000014', 'https://example.test/M.4', 'M.4',
                    '6f0b8a8e-0000-4000-8000-000000000010', 'https://example.test/M', 'M', true,
                    '{"identifier": "6f0b8a8e-0000-4000-8000-000000000025", "associationType": "isChildOf"}', now(), now());
            COMMIT;
            """)

        let after = try await world.call("GET", path, as: .learner)
        #expect((after.json["summary"] as? [String: Any])?["total"] as? Int == 5)
        // M now has a fourth child nobody has shown: rated again, it is no longer mastered.
        let second = try await world.submitEvidence(["M.1"])
        let again = try await world.review(second, [("M.1", 4)])
        #expect(again.status == 201, "\(again.text)")
        #expect(rollup(again) == "in_progress")
    }

    @Test("a cold process answers many progress reads at once with a small pool")
    func coldUnderLoad() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        // Twice as many requests as the pool has connections, none with the catalog held:
        // each reads it on the connection it already has.
        let path = "/v1/learners/\(world.id(.learner))/progress"
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await world.call("GET", path, as: .learner).status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 8))
    }
}
