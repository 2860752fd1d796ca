import Foundation
import Testing

@Suite("Classes: admins make them and put people in; their assessors and registrars read their mastery")
struct ClassTests {
    typealias Who = APIWorld.Who

    @Test("create (idempotently), put learners and assessors in and out, read and list as each role")
    func classLifecycle() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let created = try await world.call("POST", "/v1/classes", as: .admin,
                                           json: ["title": "Year 7 Maths B", "code": "7MB", "sourcedId": "class-7mb"],
                                           headers: ["Idempotency-Key": "class-1"])
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(created.json["id"] as? String)
        #expect(created.header("Location") == "/v1/classes/\(id)")
        #expect(created.json["title"] as? String == "Year 7 Maths B")
        #expect(created.json["code"] as? String == "7MB")
        #expect(created.json["sourcedId"] as? String == "class-7mb")
        #expect(created.json["learnerIds"] as? [String] == [])
        let replay = try await world.call("POST", "/v1/classes", as: .admin,
                                          json: ["title": "Year 7 Maths B", "code": "7MB", "sourcedId": "class-7mb"],
                                          headers: ["Idempotency-Key": "class-1"])
        #expect(replay.status == 201)
        #expect(replay.header("Idempotent-Replayed") == "true")
        #expect(replay.json["id"] as? String == id)
        let taken = try await world.call("POST", "/v1/classes", as: .admin, json: ["title": "Another", "sourcedId": "class-7mb"])
        #expect(taken.status == 409)
        #expect(try await world.count("classes") == 1)

        // The assessor does not teach it yet: the class is not theirs to see.
        #expect(try await world.call("GET", "/v1/classes/\(id)", as: .assessor).status == 404)

        let learners = "/v1/classes/\(id)/learners/"
        #expect(try await world.call("PUT", learners + world.id(.learner), as: .admin).status == 201)
        #expect(try await world.call("PUT", learners + world.id(.learner), as: .admin).status == 204)
        #expect(try await world.call("PUT", learners + world.id(.otherLearner), as: .admin).status == 201)
        let notAnAssessor = try await world.call("PUT", "/v1/classes/\(id)/assessors/\(world.id(.learner))", as: .admin)
        #expect(notAnAssessor.status == 422)
        #expect(notAnAssessor.header("Content-Type") == "application/problem+json")
        #expect((notAnAssessor.json["detail"] as? String)?.contains("assessor role") == true, "\(notAnAssessor.text)")
        let notALearner = try await world.call("PUT", learners + world.id(.assessor), as: .admin)
        #expect(notALearner.status == 422)
        #expect((notALearner.json["detail"] as? String)?.contains("learner role") == true)
        #expect(try await world.call("PUT", learners + UUID().uuidString, as: .admin).status == 404)
        #expect(try await world.call("PUT", learners + world.id(.foreignLearner), as: .admin).status == 404)
        #expect(try await world.call("PUT", "/v1/classes/\(UUID())/learners/\(world.id(.learner))", as: .admin).status == 404)
        for who in [Who.registrar, .advisor, .assessor, .learner, .foreignAdmin] {
            #expect(try await world.call("PUT", learners + world.id(.otherLearner), as: who).status == 404, "\(who)")
        }
        #expect(try await world.call("PUT", "/v1/classes/\(id)/assessors/\(world.id(.assessor))", as: .admin).status == 201)
        #expect(try await world.count("class_members") == 3)
        #expect(try await world.count("audit_log WHERE action IN ('class.create', 'class.learner.add', 'class.assessor.add')") == 4)

        for who in [Who.admin, .registrar, .assessor] {
            let read = try await world.call("GET", "/v1/classes/\(id)", as: who)
            #expect(read.status == 200, "\(who)")
            #expect(Set(read.json["learnerIds"] as? [String] ?? []) == [world.id(.learner), world.id(.otherLearner)], "\(who)")
            #expect(read.json["assessorIds"] as? [String] == [world.id(.assessor)], "\(who)")
        }
        for who in [Who.advisor, .learner, .foreignAdmin] {
            #expect(try await world.call("GET", "/v1/classes/\(id)", as: who).status == 404, "\(who)")
        }

        // Lists: admins and registrars see every class, an assessor only the ones they teach.
        let other = try await world.call("POST", "/v1/classes", as: .admin, json: ["title": "Year 8 Science"])
        let otherID = try #require(other.json["id"] as? String)
        var listed: [String] = []
        var next: String? = "/v1/classes?limit=1"
        while let path = next {
            let page = try await world.call("GET", path, as: .registrar)
            #expect(page.status == 200)
            listed += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            next = page.json["next"] as? String
        }
        #expect(listed == [id, otherID].sorted())
        let taught = try await world.call("GET", "/v1/classes", as: .assessor)
        #expect((taught.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } == [id])
        for who in [Who.learner, .advisor] {
            #expect(try await world.call("GET", "/v1/classes", as: who).status == 404, "\(who)")
        }
        #expect(try await world.call("GET", "/v1/classes?cursor=nope", as: .admin).status == 400)

        // Out again.
        #expect(try await world.call("DELETE", learners + world.id(.otherLearner), as: .admin).status == 204)
        #expect(try await world.call("DELETE", learners + world.id(.otherLearner), as: .admin).status == 404)
        #expect(try await world.call("DELETE", learners + world.id(.learner), as: .registrar).status == 404)
        #expect(try await world.count("class_members") == 2)
        #expect(try await world.count("audit_log WHERE action = 'class.learner.remove'") == 1)
    }

    @Test("the mastery grid: statuses with rollups, counts per competency, only for the class's assessors and registrars")
    func masteryGrid() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let created = try await world.call("POST", "/v1/classes", as: .admin, json: ["title": "Fractions"])
        let id = try #require(created.json["id"] as? String)
        for (segment, who) in [("learners", Who.learner), ("learners", .otherLearner), ("assessors", .assessor)] {
            #expect(try await world.call("PUT", "/v1/classes/\(id)/\(segment)/\(world.id(who))", as: .admin).status == 201)
        }
        // Learner 1: M.1 mastered, M.2 in progress. Learner 2 (taught through the class only): M.1 mastered.
        let first = try await world.submitEvidence(["M.1", "M.2"])
        #expect(try await world.review(first, [("M.1", 3), ("M.2", 2)]).status == 201)
        let second = try await world.submitEvidence(["M.1"], as: .otherLearner, learner: .otherLearner)
        #expect(try await world.review(second, [("M.1", 4)]).status == 201)

        let framework = "6f0b8a8e-0000-4000-8000-000000000001"
        let path = "/v1/classes/\(id)/mastery?framework=\(framework)"
        for who in [Who.assessor, .registrar] {
            let grid = try await world.call("GET", path, as: who)
            #expect(grid.status == 200, "\(who): \(grid.text)")
            let competencies = grid.json["competencies"] as? [[String: Any]] ?? []
            let codes = competencies.compactMap { $0["code"] as? String }
            #expect(codes == ["M", "M.1", "M.2", "M.3"], "\(who)")
            let byCode = Dictionary(uniqueKeysWithValues: competencies.map { ($0["code"] as? String ?? "?", $0) })
            #expect(byCode["M"]?["source"] as? String == "rollup")
            #expect(byCode["M"]?["inProgress"] as? Int == 2)
            #expect(byCode["M.1"]?["mastered"] as? Int == 2)
            #expect(byCode["M.2"]?["inProgress"] as? Int == 1)
            #expect(byCode["M.2"]?["notStarted"] as? Int == 1)
            #expect(byCode["M.3"]?["notStarted"] as? Int == 2)
            let learners = grid.json["learners"] as? [[String: Any]] ?? []
            // By family name, then given name: Lena, then Luis (both "Learner").
            #expect(learners.compactMap { $0["learnerId"] as? String } == [world.id(.learner), world.id(.otherLearner)])
            #expect(learners.first?["statuses"] as? [String] == ["in_progress", "mastered", "in_progress", "not_started"])
            #expect(learners.last?["statuses"] as? [String] == ["in_progress", "mastered", "not_started", "not_started"])
            #expect(learners.first?["mastered"] as? Int == 1)
        }
        // Not the class's assessor (another one), admins, advisors, learners, another institution: 404.
        let stranger = try await world.newPerson("Sam", "Stranger", roles: ["assessor"])
        #expect(try await world.call("GET", path, headers: ["Authorization": "Bearer \(stranger.token)"]).status == 404)
        for who in [Who.admin, .advisor, .learner, .foreignAdmin] {
            #expect(try await world.call("GET", path, as: who).status == 404, "\(who)")
        }
        #expect(try await world.call("GET", "/v1/classes/\(UUID())/mastery?framework=\(framework)", as: .registrar).status == 404)
        // Bad parameters: 400 naming `framework`.
        for query in ["", "?framework=nope", "?framework=\(UUID())"] {
            let answer = try await world.call("GET", "/v1/classes/\(id)/mastery" + query, as: .assessor)
            #expect(answer.status == 400, "\(query): \(answer.text)")
            #expect((answer.json["errors"] as? [[String: Any]])?.first?["parameter"] as? String == "framework", "\(query)")
        }
    }

    @Test("bad class bodies are refused with the pointer, and nothing is written")
    func badInput() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let cases: [(name: String, body: [String: Any], pointer: String)] = [
            ("unknown member", ["title": "T", "colour": "red"], "/colour"),
            ("no title", ["code": "X"], "/title"),
            ("blank title", ["title": "   "], "/title"),
            ("title too long", ["title": String(repeating: "t", count: 301)], "/title"),
            ("code not a string", ["title": "T", "code": 7], "/code"),
            ("sourcedId too long", ["title": "T", "sourcedId": String(repeating: "s", count: 256)], "/sourcedId"),
        ]
        for item in cases {
            let answer = try await world.call("POST", "/v1/classes", as: .admin, json: item.body)
            #expect(answer.status == 400, "\(item.name): \(answer.text)")
            #expect(answer.header("Content-Type") == "application/problem+json")
            let pointers = (answer.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
            #expect(pointers.contains(item.pointer), "\(item.name): \(answer.text)")
        }
        #expect(try await world.call("POST", "/v1/classes", as: .admin, body: Data("[1]".utf8)).status == 400)
        #expect(try await world.call("POST", "/v1/classes", as: .registrar, json: ["title": "T"]).status == 404)
        #expect(try await world.count("classes") == 0)
        #expect(try await world.count("audit_log WHERE target_type = 'class'") == 0)
    }

    @Test("a person's cohort: set on creation, shown, validated")
    func cohort() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let created = try await world.call("POST", "/v1/people", as: .admin,
                                           json: ["givenName": "Cora", "familyName": "Cohort", "roles": ["learner"], "cohort": "Class of 2027"])
        #expect(created.status == 201, "\(created.text)")
        #expect(created.json["cohort"] as? String == "Class of 2027")
        let id = try #require(created.json["id"] as? String)
        let read = try await world.call("GET", "/v1/people/\(id)", as: .admin)
        #expect(read.json["cohort"] as? String == "Class of 2027")
        let before = try await world.count("people")
        for cohort in ["", "  ", String(repeating: "c", count: 101)] as [Any] + [5] {
            let answer = try await world.call("POST", "/v1/people", as: .admin,
                                              json: ["givenName": "X", "familyName": "Y", "roles": ["learner"], "cohort": cohort])
            #expect(answer.status == 400, "\(cohort)")
            #expect((answer.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/cohort")
        }
        #expect(try await world.count("people") == before)
    }
}
