import Foundation
import Testing

@Suite("An advisor's caseload: plan status, goals at risk, evidence waiting, quiet learners, flags by the thresholds")
struct CaseloadTests {
    typealias Who = APIWorld.Who

    /// The demo advisor's caseload, fixed in time: learner 1 has an active plan (started 30
    /// days ago) with a goal past its due date and targets left (at risk) and one not started,
    /// and evidence waiting for review for 8 days; learner 2 was taken on 20 days ago and has
    /// no evidence and no plan.
    func fixedCaseload() async throws -> (world: APIWorld, plan: String, goalAtRisk: String) {
        let world = try await APIWorld()
        #expect(try await world.call("PUT", "/v1/advisors/\(world.id(.advisor))/advisees/\(world.id(.otherLearner))", as: .admin).status == 201)
        let evidence = try await world.submitEvidence(["M.1"])
        let plan = UUID().uuidString.lowercased(), atRisk = UUID().uuidString.lowercased(), later = UUID().uuidString.lowercased()
        let (m1, m2, m3) = (world.competencies["M.1"]!, world.competencies["M.2"]!, world.competencies["M.3"]!)
        try await world.execute("""
            UPDATE evidence SET submitted_at = now() - interval '8 days' WHERE id = '\(evidence)';
            UPDATE advising SET assigned_at = now() - interval '20 days' WHERE learner_id = '\(world.id(.otherLearner))';
            INSERT INTO plans (institution_id, id, learner_id, advisor_ids, title, start_date, target_date, status, created_by)
            VALUES ('\(world.institution)', '\(plan)', '\(world.id(.learner))', ARRAY['\(world.id(.advisor))']::uuid[], 'Year 7',
                    current_date - 30, current_date + 300, 'active', '\(world.id(.advisor))');
            INSERT INTO goals (institution_id, id, plan_id, position, statement, kind, targets, due_date, proposed_by, approved_by)
            VALUES ('\(world.institution)', '\(atRisk)', '\(plan)', 0, 'Fractions', 'academic', ARRAY['\(m1)', '\(m2)']::uuid[],
                    current_date - 2, '\(world.id(.advisor))', '\(world.id(.advisor))'),
                   ('\(world.institution)', '\(later)', '\(plan)', 1, 'Division', 'academic', ARRAY['\(m3)']::uuid[],
                    current_date + 300, '\(world.id(.advisor))', '\(world.id(.advisor))');
            """)
        return (world, plan, atRisk)
    }

    static func items(_ answer: APIWorld.Answer) -> [[String: Any]] { answer.json["items"] as? [[String: Any]] ?? [] }

    @Test("every advisee with the numbers, the flags and the thresholds; the thresholds change the flags")
    func happyPath() async throws {
        let (world, plan, goalAtRisk) = try await fixedCaseload()
        defer { Task { await world.shutdown() } }
        let path = "/v1/advisors/\(world.id(.advisor))/caseload"
        let answer = try await world.call("GET", path, as: .advisor)
        #expect(answer.status == 200, "\(answer.text)")
        #expect(answer.json["advisorId"] as? String == world.id(.advisor))
        #expect(answer.json["thresholds"] as? [String: Int] == ["quietDays": 14, "reviewWaitDays": 7, "pacingWindowDays": 28])
        #expect(answer.json["next"] is NSNull)
        let items = Self.items(answer)
        #expect(items.compactMap { $0["learnerId"] as? String } == [world.id(.learner), world.id(.otherLearner)])  // most flags first
        let first = try #require(items.first)
        #expect(first["givenName"] as? String == "Lena")
        #expect(first["flags"] as? [String] == ["goals_at_risk", "review_overdue"])
        #expect((first["plan"] as? [String: Any])?["status"] as? String == "active")
        #expect((first["plan"] as? [String: Any])?["id"] as? String == plan)
        #expect((first["goalsAtRisk"] as? [String: Any])?["count"] as? Int == 1)
        #expect((first["goalsAtRisk"] as? [String: Any])?["goalIds"] as? [String] == [goalAtRisk])
        let waiting = try #require(first["evidenceWaiting"] as? [String: Any])
        #expect(waiting["count"] as? Int == 1)
        #expect(waiting["waitingDays"] as? Int == 8)
        #expect(waiting["oldestSubmittedAt"] is String)
        #expect(first["daysSinceLastEvidence"] as? Int == 8)
        let second = try #require(items.last)
        #expect(second["flags"] as? [String] == ["no_recent_evidence"])
        #expect(second["plan"] is NSNull)
        #expect(second["lastEvidenceAt"] is NSNull)
        #expect(second["daysSinceLastEvidence"] is NSNull)
        #expect((second["evidenceWaiting"] as? [String: Any])?["waitingDays"] is NSNull)
        #expect((second["goalsAtRisk"] as? [String: Any])?["count"] as? Int == 0)

        // Ordered by name, the page is cut first and only its advisees' goals are judged: the same answer.
        let byName = Self.items(try await world.call("GET", path + "?sort=name&limit=1", as: .advisor))
        #expect(byName.first?["flags"] as? [String] == ["goals_at_risk", "review_overdue"])
        #expect((byName.first?["goalsAtRisk"] as? [String: Any])?["goalIds"] as? [String] == [goalAtRisk])

        // Registrars and admins read it too.
        for who in [Who.registrar, .admin] {
            let read = try await world.call("GET", path, as: who)
            #expect(read.status == 200, "\(who)")
            #expect(Self.items(read).count == 2, "\(who)")
        }

        // Looser thresholds: 8 days of waiting are no longer overdue (9), 20 quiet days not quiet (30).
        let set = try await world.call("PUT", "/v1/settings/early-warning", as: .admin,
                                       json: ["quietDays": 30, "reviewWaitDays": 9, "pacingWindowDays": 28])
        #expect(set.status == 200, "\(set.text)")
        let after = try await world.call("GET", path, as: .advisor)
        #expect(after.json["thresholds"] as? [String: Int] == ["quietDays": 30, "reviewWaitDays": 9, "pacingWindowDays": 28])
        #expect(Self.items(after).map { $0["flags"] as? [String] ?? ["?"] } == [["goals_at_risk"], []])
    }

    @Test("sorted, filtered, and paginated without repeating or skipping anyone")
    func sortFilterPaginate() async throws {
        let world = try await fixedCaseload().world
        defer { Task { await world.shutdown() } }
        let path = "/v1/advisors/\(world.id(.advisor))/caseload"
        let ids = { (answer: APIWorld.Answer) in Self.items(answer).compactMap { $0["learnerId"] as? String } }
        let (lena, luis) = (world.id(.learner), world.id(.otherLearner))
        #expect(ids(try await world.call("GET", path + "?sort=name", as: .advisor)) == [lena, luis])
        #expect(ids(try await world.call("GET", path + "?sort=quiet", as: .advisor)) == [luis, lena])  // 20 days vs 8
        #expect(ids(try await world.call("GET", path + "?sort=waiting", as: .advisor)) == [lena, luis])
        #expect(ids(try await world.call("GET", path + "?flag=no_recent_evidence", as: .advisor)) == [luis])
        #expect(ids(try await world.call("GET", path + "?flag=goals_at_risk", as: .advisor)) == [lena])
        #expect(ids(try await world.call("GET", path + "?flag=review_overdue&sort=name", as: .advisor)) == [lena])
        #expect(ids(try await world.call("GET", path + "?planStatus=active", as: .advisor)) == [lena])
        #expect(ids(try await world.call("GET", path + "?planStatus=none", as: .advisor)) == [luis])
        #expect(ids(try await world.call("GET", path + "?planStatus=draft", as: .advisor)) == [])

        // Five more advisees, then every order page by page (two at a time) against one page of all.
        for n in 0..<5 {
            let pupil = try await world.newPerson("P\(n)", "Pupil", roles: ["learner"])
            #expect(try await world.call("PUT", "/v1/advisors/\(world.id(.advisor))/advisees/\(pupil.id)", as: .admin).status == 201)
        }
        for sort in ["flags", "name", "waiting", "quiet"] {
            let whole = ids(try await world.call("GET", path + "?sort=\(sort)&limit=200", as: .advisor))
            #expect(whole.count == 7)
            var paged: [String] = []
            var next: String? = path + "?sort=\(sort)&limit=2"
            var pages = 0
            while let page = next {
                let answer = try await world.call("GET", page, as: .advisor)
                #expect(answer.status == 200, "\(sort): \(answer.text)")
                paged += ids(answer)
                next = answer.json["next"] as? String
                pages += 1
            }
            #expect(paged == whole, "\(sort)")
            #expect(pages == 4, "\(sort)")
        }
        // flags, then name: Lena (2 flags), Luis (1), then the pupils by name.
        #expect(Array(ids(try await world.call("GET", path, as: .advisor)).prefix(2)) == [lena, luis])

        for query in ["sort=age", "flag=late", "planStatus=archived", "limit=0", "limit=201", "cursor=nope", "cursor=MQ"] {
            let answer = try await world.call("GET", path + "?" + query, as: .advisor)
            #expect(answer.status == 400, "\(query): \(answer.text)")
            #expect(answer.header("Content-Type") == "application/problem+json")
            #expect((answer.json["errors"] as? [[String: Any]])?.first?["parameter"] as? String == String(query.prefix { $0 != "=" }), "\(query)")
        }
    }

    @Test("only the advisor themself, registrars and admins; never across institutions; only advisors have one")
    func authorization() async throws {
        let world = try await fixedCaseload().world
        defer { Task { await world.shutdown() } }
        let path = "/v1/advisors/\(world.id(.advisor))/caseload"
        for who in [Who.learner, .otherLearner, .assessor, .foreignAdmin, .foreignLearner] {
            let answer = try await world.call("GET", path, as: who)
            #expect(answer.status == 404, "\(who)")
            #expect(answer.header("Content-Type") == "application/problem+json")
        }
        let colleague = try await world.newPerson("Ari", "Advisor", roles: ["advisor"])
        let bearer = ["Authorization": "Bearer \(colleague.token)"]
        #expect(try await world.call("GET", path, headers: bearer).status == 404)
        let own = try await world.call("GET", "/v1/advisors/\(colleague.id)/caseload", headers: bearer)
        #expect(own.status == 200)
        #expect(Self.items(own).isEmpty)
        // A person who is not an advisor has no caseload, even for an admin; nor does an unknown id.
        #expect(try await world.call("GET", "/v1/advisors/\(world.id(.learner))/caseload", as: .admin).status == 404)
        #expect(try await world.call("GET", "/v1/advisors/\(UUID())/caseload", as: .registrar).status == 404)
        #expect(try await world.call("GET", "/v1/advisors/\(world.id(.advisor))/caseload", as: .foreignAdmin).status == 404)
    }

    @Test("a goal targeting a parent is judged by the children it rolls up from, in both orders")
    func rolledUpTarget() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let made = try await world.call("POST", "/v1/learners/\(world.id(.learner))/plans", as: .advisor, json: [
            "title": "Parent goal", "startDate": "2026-01-01", "targetDate": "2099-01-01",
            "goals": [["statement": "All of M", "kind": "academic", "targetCompetencyIds": [world.competencies["M"]!],
                       "dueDate": "2026-02-01"]]])
        #expect(made.status == 201, "\(made.text)")
        func atRisk(_ sort: String) async throws -> Int? {
            let caseload = try await world.call("GET", "/v1/advisors/\(world.id(.advisor))/caseload?sort=\(sort)", as: .advisor)
            let mine = Self.items(caseload).first { $0["learnerId"] as? String == world.id(.learner) }
            return (mine?["goalsAtRisk"] as? [String: Any])?["count"] as? Int
        }
        let before = (try await atRisk("flags"), try await atRisk("name"))
        #expect(before.0 == 1 && before.1 == 1)
        let evidence = try await world.submitEvidence(["M.1", "M.2", "M.3"])
        #expect(try await world.review(evidence, [("M.1", 3), ("M.2", 3), ("M.3", 3)]).status == 201)
        let after = (try await atRisk("flags"), try await atRisk("name"))
        #expect(after.0 == 0 && after.1 == 0)
    }

    @Test("goals are judged with the institution's pacing window")
    func pacingWindow() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        // M.1 mastered 20 days ago; the goal (M.1, M.2, M.3) is due in 60 days. Over 28 days one
        // target was reached: 1 · 60 ≥ 2 · 28, on track. Over 14 days none was: at risk.
        let evidence = try await world.submitEvidence(["M.1"])
        #expect(try await world.review(evidence, [("M.1", 3)]).status == 201)
        let plan = UUID().uuidString.lowercased(), goal = UUID().uuidString.lowercased()
        let targets = ["M.1", "M.2", "M.3"].map { "'\(world.competencies[$0]!)'" }.joined(separator: ", ")
        try await world.execute("""
            UPDATE mastery_states SET first_mastered_at = now() - interval '20 days'
            WHERE learner_id = '\(world.id(.learner))' AND first_mastered_at IS NOT NULL;
            UPDATE evidence SET submitted_at = now() - interval '20 days' WHERE id = '\(evidence)';
            INSERT INTO plans (institution_id, id, learner_id, advisor_ids, title, start_date, target_date, status, created_by)
            VALUES ('\(world.institution)', '\(plan)', '\(world.id(.learner))', ARRAY['\(world.id(.advisor))']::uuid[], 'Year 7',
                    current_date - 60, current_date + 300, 'active', '\(world.id(.advisor))');
            INSERT INTO goals (institution_id, id, plan_id, position, statement, kind, targets, due_date, proposed_by, approved_by)
            VALUES ('\(world.institution)', '\(goal)', '\(plan)', 0, 'Fractions', 'academic', ARRAY[\(targets)]::uuid[],
                    current_date + 60, '\(world.id(.advisor))', '\(world.id(.advisor))');
            """)
        let path = "/v1/advisors/\(world.id(.advisor))/caseload?flag=goals_at_risk"
        #expect(Self.items(try await world.call("GET", path, as: .advisor)).isEmpty)
        let narrow = try await world.call("PUT", "/v1/settings/early-warning", as: .admin,
                                          json: ["quietDays": 30, "reviewWaitDays": 7, "pacingWindowDays": 14])
        #expect(narrow.status == 200)
        let flagged = Self.items(try await world.call("GET", path, as: .advisor))
        #expect(flagged.compactMap { $0["learnerId"] as? String } == [world.id(.learner)])
        #expect((flagged.first?["goalsAtRisk"] as? [String: Any])?["goalIds"] as? [String] == [goal])
        #expect(flagged.first?["flags"] as? [String] == ["goals_at_risk"])
    }
}
