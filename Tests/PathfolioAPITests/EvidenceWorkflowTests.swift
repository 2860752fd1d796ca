import Foundation
import PathfolioAPI
import PathfolioPostgres
import Testing

@Suite("Evidence, reviews and mastery end to end, as each role would use them")
struct EvidenceWorkflowTests {
    @Test("a learner submits, the assessor rates, and everyone entitled sees the mastery with its explanation")
    func learnerAssessorWorkflow() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let evidence = try await world.submitEvidence(["M.1", "M.2"])

        // The assessor's queue shows it, oldest first.
        let queue = try await world.call("GET", "/v1/reviews/pending", as: .assessor)
        #expect(queue.status == 200)
        let queued = (queue.json["items"] as? [[String: Any]] ?? []).compactMap { ($0["evidence"] as? [String: Any])?["id"] as? String }
        #expect(queued == [evidence])

        let reviewed = try await world.review(evidence, [("M.1", 3), ("M.2", 2)])
        #expect(reviewed.status == 201, "\(reviewed.text)")
        #expect((reviewed.json["evidence"] as? [String: Any])?["status"] as? String == "accepted")
        let mastery = reviewed.json["mastery"] as? [[String: Any]] ?? []
        let byCode = Dictionary(uniqueKeysWithValues: mastery.map { ($0["code"] as? String ?? "?", $0) })
        #expect(byCode["M.1"]?["status"] as? String == "mastered")
        #expect(byCode["M.1"]?["score"] as? String == "3.00")
        #expect(byCode["M.2"]?["status"] as? String == "in_progress")
        #expect(byCode["M"]?["source"] as? String == "rollup")
        #expect(byCode["M"]?["status"] as? String == "in_progress")

        // The queue is empty now.
        let after = try await world.call("GET", "/v1/reviews/pending", as: .assessor)
        #expect((after.json["items"] as? [Any])?.isEmpty == true)

        // The learner, their advisor, their assessor and the registrar read the same progress.
        for who in [APIWorld.Who.learner, .advisor, .assessor, .registrar] {
            let progress = try await world.call("GET", "/v1/learners/\(world.id(.learner))/progress", as: who)
            #expect(progress.status == 200, "\(who)")
            let summary = progress.json["summary"] as? [String: Any]
            #expect(summary?["mastered"] as? Int == 1, "\(who)")
            #expect(summary?["total"] as? Int == 4, "\(who)")
        }
        // Nobody else: another learner, the admin, another institution.
        for who in [APIWorld.Who.otherLearner, .admin, .foreignAdmin] {
            let progress = try await world.call("GET", "/v1/learners/\(world.id(.learner))/progress", as: who)
            #expect(progress.status == 404, "\(who)")
        }

        // The explanation names the review that counted and the method.
        let explained = try await world.call("GET", "/v1/learners/\(world.id(.learner))/progress/\(world.competencies["M.1"]!)", as: .learner)
        #expect(explained.status == 200)
        #expect((explained.json["method"] as? [String: Any])?["name"] as? String == "highest")
        #expect((explained.json["counted"] as? [Any])?.count == 1)
        #expect(explained.json["status"] as? String == "mastered")
        #expect((explained.json["explanation"] as? [String])?.contains { $0.contains("rounded") } == true)

        // What next: M.2 (its prerequisite M.1 is mastered) is ready; M.3 is not.
        let next = try await world.call("GET", "/v1/learners/\(world.id(.learner))/next", as: .learner)
        let ready = (next.json["ready"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(ready.contains("M.2"))
        #expect(!ready.contains("M.3"))

        // The evidence reads back with its reviews; the audit log has the submission and the review.
        let read = try await world.call("GET", "/v1/evidence/\(evidence)", as: .advisor)
        #expect((read.json["reviews"] as? [Any])?.count == 2)
        #expect(try await world.count("audit_log WHERE action IN ('evidence.submit', 'evidence.review')") == 2)
    }

    @Test("a correction supersedes the earlier rating; as of before it, the old state shows")
    func correctionAndAsOf() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let evidence = try await world.submitEvidence(["M.1", "M.2", "M.3"])
        let first = try await world.review(evidence, [("M.1", 3), ("M.2", 2), ("M.3", 4)])
        #expect(first.status == 201)
        let firstReviews = first.json["reviews"] as? [[String: Any]] ?? []
        let m2Review = firstReviews.first { $0["competencyId"] as? String == world.competencies["M.2"] }?["id"] as! String
        let between = Timestamp.format(Date())
        try await Task.sleep(for: .milliseconds(20))

        let corrected = try await world.review(evidence, [("M.2", 4)], supersedes: ["M.2": m2Review])
        #expect(corrected.status == 201, "\(corrected.text)")
        let now = try await world.call("GET", "/v1/learners/\(world.id(.learner))/progress", as: .learner)
        let states = Dictionary(uniqueKeysWithValues: (now.json["competencies"] as? [[String: Any]] ?? []).map {
            ($0["code"] as! String, $0["status"] as! String)
        })
        #expect(states == ["M": "mastered", "M.1": "mastered", "M.2": "mastered", "M.3": "mastered"])

        let encoded = between.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let then = try await world.call("GET", "/v1/learners/\(world.id(.learner))/progress?asOf=\(encoded)", as: .learner)
        #expect(then.status == 200)
        let thenStates = Dictionary(uniqueKeysWithValues: (then.json["competencies"] as? [[String: Any]] ?? []).map {
            ($0["code"] as! String, $0["status"] as! String)
        })
        #expect(thenStates["M.2"] == "in_progress")
        #expect(thenStates["M"] == "in_progress")

        // The explanation lists the superseded review as excluded.
        let explained = try await world.call("GET", "/v1/learners/\(world.id(.learner))/progress/\(world.competencies["M.2"]!)", as: .advisor)
        let excluded = explained.json["excluded"] as? [[String: Any]] ?? []
        #expect(excluded.first?["reviewId"] as? String == m2Review)
        #expect(excluded.first?["reason"] as? String == "superseded")

        // Correcting the same review twice is refused; nothing is recorded.
        let reviewsBefore = try await world.count("reviews")
        let again = try await world.review(evidence, [("M.2", 3)], supersedes: ["M.2": m2Review])
        #expect(again.status == 409)
        #expect(try await world.count("reviews") == reviewsBefore)

        // The projection equals what the ledger says.
        let report = try await MasteryRebuild(pool: world.pool).run(check: true)
        #expect(report.learners == 1)
        #expect(report.differences.isEmpty, "\(report.differences)")
    }

    @Test("returned evidence can be withdrawn; withdrawn evidence cannot move again (409 names the allowed moves)")
    func returnAndWithdraw() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let evidence = try await world.submitEvidence(["M.1"])
        let returned = try await world.review(evidence, [], outcome: "returned")
        #expect(returned.status == 201, "\(returned.text)")
        #expect((returned.json["evidence"] as? [String: Any])?["status"] as? String == "returned")

        // A revision points to the returned item.
        let revision = try await world.call("POST", "/v1/learners/\(world.id(.learner))/evidence", as: .learner, json: [
            "kind": "link", "title": "Better work", "url": "https://example.test/work", "competencyIds": [world.competencies["M.1"]!],
            "previousRevisionId": evidence,
        ])
        #expect(revision.status == 201, "\(revision.text)")
        #expect(revision.json["previousRevisionId"] as? String == evidence)

        let withdrawn = try await world.call("POST", "/v1/evidence/\(evidence)/withdraw", as: .learner)
        #expect(withdrawn.status == 200)
        #expect(withdrawn.json["status"] as? String == "withdrawn")
        let again = try await world.call("POST", "/v1/evidence/\(evidence)/withdraw", as: .learner)
        #expect(again.status == 409)
        #expect((again.json["detail"] as? String)?.contains("final") == true)
        // Rating withdrawn evidence: 409 as well.
        let late = try await world.review(evidence, [("M.1", 3)])
        #expect(late.status == 409)
    }

    @Test("files are stored by content, de-duplicated and served back with their media type")
    func fileEvidence() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        var ids: [String] = []
        for title in ["Essay", "Same essay again"] {
            let created = try await world.call("POST", "/v1/learners/\(world.id(.learner))/evidence", as: .learner, json: [
                "kind": "file", "title": title, "competencyIds": [world.competencies["M.1"]!],
            ])
            #expect(created.status == 201, "\(created.text)")
            ids.append(created.json["id"] as! String)
        }
        let content = Data((0..<70_000).map { UInt8($0 % 251) })
        for id in ids {
            let uploaded = try await world.call("PUT", "/v1/evidence/\(id)/file", as: .learner, body: content,
                                                headers: ["Content-Type": "application/pdf"])
            #expect(uploaded.status == 200, "\(uploaded.text)")
            #expect((uploaded.json["file"] as? [String: Any])?["byteCount"] as? Int == content.count)
        }
        #expect(try await world.count("evidence_files") == 1)
        let served = try await world.call("GET", "/v1/evidence/\(ids[0])/file", as: .assessor)
        #expect(served.status == 200)
        #expect(served.body == content)
        #expect(served.header("Content-Type") == "application/pdf")
        #expect(served.header("X-Content-Type-Options") == "nosniff")
        // Text evidence takes no file; nobody else reads the file.
        let text = try await world.submitEvidence(["M.1"])
        let refused = try await world.call("PUT", "/v1/evidence/\(text)/file", as: .learner, body: content,
                                           headers: ["Content-Type": "application/pdf"])
        #expect(refused.status == 409)
        #expect(try await world.call("GET", "/v1/evidence/\(ids[0])/file", as: .otherLearner).status == 404)
    }

    @Test("Idempotency-Key: a retry answers the first response and creates nothing; another body with the key is 422")
    func idempotency() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let body: [String: Any] = ["kind": "text", "title": "Once", "text": "x", "competencyIds": [world.competencies["M.1"]!]]
        let path = "/v1/learners/\(world.id(.learner))/evidence"
        // A retry sends the same bytes (serialising the dictionary again may order its members differently).
        let bytes = try JSONSerialization.data(withJSONObject: body)
        let first = try await world.call("POST", path, as: .learner, body: bytes, headers: ["Idempotency-Key": "k-1"])
        let second = try await world.call("POST", path, as: .learner, body: bytes, headers: ["Idempotency-Key": "k-1"])
        #expect(first.status == 201)
        #expect(second.status == 201)
        #expect(first.json["id"] as? String == second.json["id"] as? String)
        #expect(second.header("Idempotent-Replayed") == "true")
        #expect(try await world.count("evidence") == 1)

        var other = body
        other["title"] = "Different"
        let mismatch = try await world.call("POST", path, as: .learner, json: other, headers: ["Idempotency-Key": "k-1"])
        #expect(mismatch.status == 422)

        // Concurrent requests with one key: one record.
        let encoded = try JSONSerialization.data(withJSONObject: body)
        let answers = try await withThrowingTaskGroup(of: APIWorld.Answer.self) { group in
            for _ in 0..<8 {
                group.addTask { try await world.call("POST", path, as: .learner, body: encoded, headers: ["Idempotency-Key": "k-2"]) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0.status == 201 })
        #expect(Set(answers.compactMap { $0.json["id"] as? String }).count == 1)
        #expect(try await world.count("evidence") == 2)
    }

    @Test("lists are cursor-paginated: pages never repeat or skip, and the last says next: null")
    func pagination() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        var created: [String] = []
        for index in 0..<5 { created.append(try await world.submitEvidence(["M.1"], title: "Item \(index)")) }
        var seen: [String] = []
        var path: String? = "/v1/learners/\(world.id(.learner))/evidence?limit=2"
        var pages = 0
        while let next = path {
            let page = try await world.call("GET", next, as: .learner)
            #expect(page.status == 200)
            seen += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            path = page.json["next"] as? String
            pages += 1
        }
        #expect(pages == 3)
        #expect(seen == created.reversed())
        let bad = try await world.call("GET", "/v1/learners/\(world.id(.learner))/evidence?cursor=nonsense", as: .learner)
        #expect(bad.status == 400)
        #expect(((bad.json["errors"] as? [[String: Any]])?.first?["parameter"] as? String) == "cursor")
    }

    @Test("row-level security: without the tenant setting the service's role sees no learner record; the owner is bound too")
    func rowLevelSecurity() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let evidence = try await world.submitEvidence(["M.1"])
        #expect(try await world.review(evidence, [("M.1", 4)]).status == 201)
        let tables = ["evidence", "evidence_claims", "reviews", "mastery_states", "advising", "teaching", "audit_log",
                      "frameworks", "competencies"]
        for table in tables { #expect(try await world.count(table) > 0, "\(table) has rows") }
        for role in [world.database.appConnectionString, world.database.ownerConnectionString] {
            let connection = try await PostgresConnection.connect(to: role)
            for table in tables {
                let visible = try await connection.query("SELECT count(*)::int8 FROM \(unescaped: table)")[0].decode(Int.self, at: 0)
                #expect(visible == 0, "\(table) without a tenant")
            }
            // With the other institution as tenant, none of the demo's records either.
            try await connection.query("SELECT set_config('pathfolio.institution_id', \(world.foreignInstitution.description), false)")
            #expect(try await connection.query("SELECT count(*)::int8 FROM evidence")[0].decode(Int.self, at: 0) == 0)
            #expect(try await connection.query("SELECT count(*)::int8 FROM reviews")[0].decode(Int.self, at: 0) == 0)
            await connection.close()
        }
    }

    @Test("concurrent reviews of one learner never lose each other's ratings in the projection")
    func concurrentReviews() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        var items: [String] = []
        for index in 0..<6 { items.append(try await world.submitEvidence(["M.1", "M.2", "M.3"], title: "Work \(index)")) }
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, evidence) in items.enumerated() {
                group.addTask {
                    try await world.review(evidence, [("M.1", index % 4 + 1), ("M.2", (index + 1) % 4 + 1), ("M.3", 4 - index % 4)]).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { $0 == 201 })
        #expect(try await world.count("reviews") == 18)
        let report = try await MasteryRebuild(pool: world.pool).run(check: true)
        #expect(report.differences.isEmpty, "\(report.differences)")
        let progress = try await world.call("GET", "/v1/learners/\(world.id(.learner))/progress", as: .learner)
        let states = (progress.json["competencies"] as? [[String: Any]] ?? []).filter { $0["source"] as? String == "direct" }
        #expect(states.allSatisfy { $0["contributingReviews"] as? Int == 6 })
    }
}
