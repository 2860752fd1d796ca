import Foundation
import PathfolioAPI
import PathfolioPostgres
import Testing

/// Individual learning plans through the API, as an advisor and a learner use them (issue #7).
@Suite("Plans, goals and templates end to end")
struct PlanWorkflowAPITests {
    static let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])

    /// A plan made by the advisor for learner 1; returns its JSON.
    static func makePlan(_ world: APIWorld, goals: [[String: Any]] = [], start: String = today,
                         target: String = "2099-06-30") async throws -> [String: Any] {
        let made = try await world.call("POST", "/v1/learners/\(world.id(.learner))/plans", as: .advisor, json: [
            "title": "Year plan", "startDate": start, "targetDate": target, "goals": goals,
        ])
        #expect(made.status == 201, "\(made.text)")
        return made.json
    }

    static func etag(_ json: [String: Any]) -> [String: String] { ["If-Match": json["etag"] as? String ?? ""] }

    @Test("template → plan → proposed goal → approval → review → evidence → goal achieved → plan completed")
    func advisorAndLearnerWorkflow() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let template = try await world.call("POST", "/v1/plan-templates", as: .advisor, json: [
            "title": "Fractions pathway", "competencyIds": [world.competencies["M.1"]!, world.competencies["M.2"]!],
            "goals": [["statement": "Add and multiply fractions", "kind": "academic",
                       "targetCompetencyIds": [world.competencies["M.1"]!, world.competencies["M.2"]!], "dueAfterDays": 60,
                       "milestones": [["afterDays": 30, "competencyIds": [world.competencies["M.1"]!]]]]],
        ])
        #expect(template.status == 201, "\(template.text)")
        #expect(template.header("ETag") == "\"template-1\"")
        let templateID = template.json["id"] as? String ?? ""

        let order: [String: Any] = ["learnerIds": [world.id(.learner)], "startDate": Self.today, "targetDate": "2099-06-30"]
        let first = try await world.call("POST", "/v1/plan-templates/\(templateID)/instantiate", as: .advisor, json: order)
        #expect(first.status == 200, "\(first.text)")
        #expect(first.json["created"] as? Int == 1)
        let again = try await world.call("POST", "/v1/plan-templates/\(templateID)/instantiate", as: .advisor, json: order)
        #expect(again.json["created"] as? Int == 0 && again.json["skipped"] as? Int == 1)
        #expect((again.json["results"] as? [[String: Any]])?.first?["result"] as? String == "already_planned")

        let plans = try await world.call("GET", "/v1/learners/\(world.id(.learner))/plans", as: .learner)
        let items = plans.json["items"] as? [[String: Any]] ?? []
        #expect(items.count == 1)
        let planID = items.first?["id"] as? String ?? ""
        #expect(items.first?["templateId"] as? String == templateID && items.first?["templateVersion"] as? Int == 1)
        #expect(items.first?["status"] as? String == "draft")
        let templated = (items.first?["goals"] as? [[String: Any]])?.first
        #expect(templated?["approval"] as? String == "approved" && templated?["status"] as? String == "not_started")

        // The learner proposes a goal; the advisor approves it.
        let proposed = try await world.call("POST", "/v1/plans/\(planID)/goals", as: .learner, json: [
            "statement": "Divide fractions", "kind": "personal", "targetCompetencyIds": [world.competencies["M.3"]!],
            "dueDate": "2099-01-01",
        ])
        #expect(proposed.status == 201, "\(proposed.text)")
        #expect(proposed.json["approval"] as? String == "proposed")
        let goalID = proposed.json["id"] as? String ?? ""
        let approved = try await world.call("PATCH", "/v1/goals/\(goalID)", as: .advisor, json: ["approved": true],
                                            headers: Self.etag(proposed.json))
        #expect(approved.status == 200, "\(approved.text)")
        #expect(approved.json["approval"] as? String == "approved" && approved.json["approvedBy"] as? String == world.id(.advisor))

        // The learner asks for a review; the advisor activates.
        var plan = try await world.call("GET", "/v1/plans/\(planID)", as: .learner)
        let review = try await world.call("POST", "/v1/plans/\(planID)/transitions", as: .learner, json: ["to": "in_review"],
                                          headers: ["If-Match": plan.header("ETag") ?? ""])
        #expect(review.status == 200, "\(review.text)")
        let active = try await world.call("POST", "/v1/plans/\(planID)/transitions", as: .advisor, json: ["to": "active"],
                                          headers: Self.etag(review.json))
        #expect(active.json["status"] as? String == "active")

        // Evidence, a review, and the templated goal is achieved; the next steps point at M.3.
        let evidence = try await world.submitEvidence(["M.1", "M.2"])
        #expect(try await world.review(evidence, [("M.1", 3), ("M.2", 3)]).status == 201)
        plan = try await world.call("GET", "/v1/plans/\(planID)", as: .advisor)
        let goals = plan.json["goals"] as? [[String: Any]] ?? []
        #expect(goals.first?["status"] as? String == "achieved")
        #expect((goals.first?["progress"] as? [String: Any])?["mastered"] as? Int == 2)
        #expect(goals.first?["achievedOn"] as? String == Self.today)
        let nextSteps = goals.last?["nextSteps"] as? [[String: Any]] ?? []
        #expect(nextSteps.map { $0["code"] as? String } == ["M.3"])
        #expect(nextSteps.first?["reason"] as? String == "target" && nextSteps.first?["ready"] as? Bool == true)
        let next = try await world.call("GET", "/v1/learners/\(world.id(.learner))/next", as: .learner)
        let ready = next.json["ready"] as? [[String: Any]] ?? []
        #expect(ready.first?["code"] as? String == "M.3" && ready.first?["goalsUnblocked"] as? Int == 1)

        let completed = try await world.call("POST", "/v1/plans/\(planID)/transitions", as: .advisor, json: ["to": "completed"],
                                             headers: ["If-Match": plan.header("ETag") ?? ""])
        #expect(completed.status == 200 && completed.json["status"] as? String == "completed")

        // The history: creation, proposal, approval, three transitions, each with its diff.
        let history = try await world.call("GET", "/v1/plans/\(planID)/history", as: .learner)
        let entries = history.json["items"] as? [[String: Any]] ?? []
        #expect(entries.map { $0["action"] as? String } == ["plan.create", "goal.propose", "goal.approve", "plan.transition",
                                                               "plan.transition", "plan.transition"])
        let firstTransition = (entries[3]["changes"] as? [[String: Any]])?.first
        #expect(firstTransition?["path"] as? String == "/status" && firstTransition?["from"] as? String == "draft"
                && firstTransition?["value"] as? String == "in_review")
        #expect(entries.allSatisfy { $0["actorId"] as? String != nil })
        #expect(try await world.count("audit_log WHERE action LIKE 'plan.%' OR action LIKE 'goal.%'") == 6)

        // Comments: the learner and the advisor, one level of threading.
        let comment = try await world.call("POST", "/v1/plans/\(planID)/comments", as: .learner, json: ["body": "Thanks!"])
        #expect(comment.status == 201, "\(comment.text)")
        let answer = try await world.call("POST", "/v1/plans/\(planID)/comments", as: .advisor,
                                          json: ["body": "Well done.", "inReplyTo": comment.json["id"] as? String ?? ""])
        #expect(answer.status == 201)
        let nested = try await world.call("POST", "/v1/plans/\(planID)/comments", as: .learner,
                                          json: ["body": "Nested", "inReplyTo": answer.json["id"] as? String ?? ""])
        #expect(nested.status == 422)
        let assessorComment = try await world.call("POST", "/v1/plans/\(planID)/comments", as: .assessor, json: ["body": "Hi"])
        #expect(assessorComment.status == 403)
        let listed = try await world.call("GET", "/v1/plans/\(planID)/comments", as: .advisor)
        #expect((listed.json["items"] as? [[String: Any]])?.map { $0["body"] as? String } == ["Thanks!", "Well done."])
    }

    @Test("a retried creation with the same Idempotency-Key answers the first plan, its Location and its ETag")
    func idempotentCreation() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let body: [String: Any] = ["title": "Once", "startDate": Self.today, "targetDate": "2099-06-30"]
        let path = "/v1/learners/\(world.id(.learner))/plans"
        let first = try await world.call("POST", path, as: .advisor, json: body, headers: ["Idempotency-Key": "plan-once"])
        let again = try await world.call("POST", path, as: .advisor, json: body, headers: ["Idempotency-Key": "plan-once"])
        #expect(first.status == 201 && again.status == 201)
        #expect(again.header("Idempotent-Replayed") == "true")
        #expect(again.header("ETag") == first.header("ETag") && first.header("ETag") == "\"plan-1\"")
        #expect(again.header("Location") == first.header("Location") && again.json["id"] as? String == first.json["id"] as? String)
        #expect(try await world.count("plans") == 1)
    }

    @Test("a template instantiated for a class: its learners, the advisor's caseload only; an unknown class is 422")
    func instantiateForAClass() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let made = try await world.call("POST", "/v1/classes", as: .admin, json: ["title": "7B"])
        #expect(made.status == 201, "\(made.text)")
        let classID = made.json["id"] as? String ?? ""
        for who in [APIWorld.Who.learner, .otherLearner] {
            let added = try await world.call("PUT", "/v1/classes/\(classID)/learners/\(world.id(who))", as: .admin)
            #expect(added.status == 201 || added.status == 204, "\(added.text)")
        }
        let template = try await world.call("POST", "/v1/plan-templates", as: .advisor, json: [
            "title": "7B plan", "goals": [["statement": "Add", "kind": "academic",
                                          "targetCompetencyIds": [world.competencies["M.1"]!], "dueAfterDays": 30]]])
        let path = "/v1/plan-templates/\(template.json["id"] as? String ?? "")/instantiate"
        let answer = try await world.call("POST", path, as: .advisor, json: [
            "classId": classID, "startDate": "2026-09-01", "targetDate": "2027-06-30"])
        #expect(answer.status == 200, "\(answer.text)")
        let results = Dictionary(uniqueKeysWithValues: (answer.json["results"] as? [[String: Any]] ?? []).map {
            ($0["learnerId"] as? String ?? "", $0["result"] as? String ?? "")
        })
        // Learner 1 is in the advisor's caseload; learner 2 is not.
        #expect(results == [world.id(.learner): "created", world.id(.otherLearner): "not_in_caseload"])
        let unknown = try await world.call("POST", path, as: .advisor, json: [
            "classId": UUID().uuidString, "startDate": "2026-09-01", "targetDate": "2027-06-30"])
        #expect(unknown.status == 422)
        #expect(try await world.count("plans") == 1)
    }

    @Test("every pair of plan statuses through the API: allowed moves answer 200, the rest 409 naming the allowed ones")
    func transitionTable() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let paths: [String: [String]] = ["draft": [], "in_review": ["in_review"], "active": ["active"],
                                         "completed": ["active", "completed"], "archived": ["archived"]]
        let allowed: [String: [String]] = ["draft": ["in_review", "active", "archived"], "in_review": ["draft", "active"],
                                           "active": ["completed", "archived"], "completed": [], "archived": []]
        for from in paths.keys.sorted() {
            for to in paths.keys.sorted() {
                var plan = try await Self.makePlan(world)
                let id = plan["id"] as? String ?? ""
                for step in paths[from]! {
                    plan = try await world.call("POST", "/v1/plans/\(id)/transitions", as: .advisor, json: ["to": step],
                                                headers: Self.etag(plan)).json
                }
                #expect(plan["status"] as? String == from)
                let moved = try await world.call("POST", "/v1/plans/\(id)/transitions", as: .advisor, json: ["to": to],
                                                 headers: Self.etag(plan))
                if allowed[from]!.contains(to) {
                    #expect(moved.status == 200 && moved.json["status"] as? String == to, "\(from) → \(to)")
                } else {
                    #expect(moved.status == 409, "\(from) → \(to): \(moved.status)")
                    let detail = moved.json["detail"] as? String ?? ""
                    #expect(allowed[from]!.allSatisfy { detail.contains($0) } && (allowed[from]!.isEmpty == detail.contains("none")),
                            "\(from) → \(to): \(detail)")
                }
            }
        }
    }

    @Test("If-Match: 428 without, 412 when stale; two clients editing at once never lose a change silently")
    func concurrentEdits() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let plan = try await Self.makePlan(world)
        let id = plan["id"] as? String ?? ""
        let missing = try await world.call("PATCH", "/v1/plans/\(id)", as: .advisor, json: ["title": "New"])
        #expect(missing.status == 428)
        let stale = try await world.call("PATCH", "/v1/plans/\(id)", as: .advisor, json: ["title": "New"],
                                         headers: ["If-Match": "\"plan-99\""])
        #expect(stale.status == 412 && stale.header("ETag") == plan["etag"] as? String)

        // The advisor and the learner both edit the version they read, at the same time.
        let read = Self.etag(plan)
        async let advisor = world.call("PATCH", "/v1/plans/\(id)", as: .advisor, json: ["title": "Advisor's title"], headers: read)
        async let learner = world.call("PATCH", "/v1/plans/\(id)", as: .learner, json: ["aspirations": "Engineer"], headers: read)
        let answers = try await [advisor, learner]
        #expect(answers.map(\.status).sorted() == [200, 412], "\(answers.map(\.status))")
        let current = try await world.call("GET", "/v1/plans/\(id)", as: .advisor)
        let winner = answers.first { $0.status == 200 }!
        #expect(current.json["title"] as? String == winner.json["title"] as? String)
        #expect(current.json["aspirations"] as? String == winner.json["aspirations"] as? String)
        #expect(current.json["title"] as? String == "Advisor's title" || current.json["aspirations"] as? String == "Engineer")
        #expect(!(current.json["title"] as? String == "Advisor's title" && current.json["aspirations"] as? String == "Engineer"))
        let history = try await world.call("GET", "/v1/plans/\(id)/history", as: .advisor)
        #expect((history.json["items"] as? [Any])?.count == 2)  // creation + the one update that won

        // The loser reads again and retries: both changes are now in.
        let retry = try await world.call("PATCH", "/v1/plans/\(id)", as: answers[0].status == 412 ? .advisor : .learner,
                                         json: answers[0].status == 412 ? ["title": "Advisor's title"] : ["aspirations": "Engineer"],
                                         headers: ["If-Match": current.header("ETag") ?? ""])
        #expect(retry.status == 200 && retry.json["title"] as? String == "Advisor's title" && retry.json["aspirations"] as? String == "Engineer")

        // A PATCH that changes nothing keeps the version.
        let same = try await world.call("PATCH", "/v1/plans/\(id)", as: .advisor, json: ["title": "Advisor's title"],
                                        headers: ["If-Match": retry.header("ETag") ?? ""])
        #expect(same.status == 200 && same.header("ETag") == retry.header("ETag"))
    }

    @Test("who may do what: others' plans answer 404, a visible plan a forbidden change 403")
    func authorization() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let plan = try await Self.makePlan(world, goals: [["statement": "Add", "kind": "academic",
                                                           "targetCompetencyIds": [world.competencies["M.1"]!], "dueDate": "2099-01-01"]])
        let id = plan["id"] as? String ?? ""
        let goalID = (plan["goals"] as? [[String: Any]])?.first?["id"] as? String ?? ""
        for who in [APIWorld.Who.otherLearner, .admin, .foreignAdmin, .foreignLearner] {
            #expect(try await world.call("GET", "/v1/plans/\(id)", as: who).status == 404, "\(who)")
            #expect(try await world.call("GET", "/v1/goals/\(goalID)", as: who).status == 404, "\(who)")
            #expect(try await world.call("GET", "/v1/plans/\(id)/history", as: who).status == 404, "\(who)")
        }
        for who in [APIWorld.Who.learner, .advisor, .assessor, .registrar] {
            #expect(try await world.call("GET", "/v1/plans/\(id)", as: who).status == 200, "\(who)")
        }
        #expect(try await world.call("GET", "/v1/learners/\(world.id(.learner))/plans", as: .otherLearner).status == 404)
        #expect(try await world.call("POST", "/v1/learners/\(world.id(.otherLearner))/plans", as: .advisor, json: [
            "title": "T", "startDate": Self.today, "targetDate": "2099-01-01"]).status == 404)  // not in the caseload
        let learnerTitle = try await world.call("PATCH", "/v1/plans/\(id)", as: .learner, json: ["title": "Mine"], headers: Self.etag(plan))
        #expect(learnerTitle.status == 403)
        let assessorEdit = try await world.call("PATCH", "/v1/plans/\(id)", as: .assessor, json: ["strengths": "x"], headers: Self.etag(plan))
        #expect(assessorEdit.status == 403)
        let learnerActivates = try await world.call("POST", "/v1/plans/\(id)/transitions", as: .learner, json: ["to": "active"],
                                                    headers: Self.etag(plan))
        #expect(learnerActivates.status == 403)
        let goal = (plan["goals"] as? [[String: Any]])?.first ?? [:]
        let learnerEditsApproved = try await world.call("PATCH", "/v1/goals/\(goalID)", as: .learner, json: ["statement": "Mine"],
                                                        headers: Self.etag(goal))
        #expect(learnerEditsApproved.status == 403)
        let profile = try await world.call("PATCH", "/v1/plans/\(id)", as: .learner, json: ["strengths": "Persistent"], headers: Self.etag(plan))
        #expect(profile.status == 200 && profile.json["strengths"] as? String == "Persistent")
        #expect(try await world.call("GET", "/v1/plan-templates", as: .learner).status == 404)
        #expect(try await world.call("POST", "/v1/plan-templates", as: .assessor, json: ["title": "T", "goals": []]).status == 404)
    }

    @Test("bad input on every plan endpoint: 4xx problem+json, nothing written")
    func badInput() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let plan = try await Self.makePlan(world)
        let id = plan["id"] as? String ?? ""
        let learnerPlans = "/v1/learners/\(world.id(.learner))/plans"
        let before = try await world.count("plans")
        let goalsBefore = try await world.count("goals")
        let historyBefore = try await world.count("plan_history")
        let cases: [(String, String, [String: Any], Int)] = [
            ("POST", learnerPlans, ["title": "T", "startDate": "2026-02-01", "targetDate": "2026-01-01"], 422),
            ("POST", learnerPlans, ["title": "T", "startDate": "2026-02-30", "targetDate": "2027-01-01"], 400),
            ("POST", learnerPlans, ["title": "", "startDate": "2026-01-01", "targetDate": "2027-01-01"], 400),
            ("POST", learnerPlans, ["title": "T", "startDate": "2026-01-01", "targetDate": "2027-01-01", "colour": "red"], 400),
            ("POST", learnerPlans, ["title": "T", "startDate": "2026-01-01", "targetDate": "2027-01-01",
                                    "advisorIds": [world.id(.assessor)]], 422),
            ("POST", learnerPlans, ["title": "T", "startDate": "2026-01-01", "targetDate": "2027-01-01",
                                    "goals": [["statement": "g", "kind": "academic", "targetCompetencyIds": [world.foreignCompetencies["M.1"]!],
                                               "dueDate": "2026-06-01"]]], 422),
            ("POST", learnerPlans, ["title": "T", "startDate": "2026-01-01", "targetDate": "2027-01-01",
                                    "goals": [["statement": "g", "kind": "hobby", "targetCompetencyIds": [], "dueDate": "soon"]]], 400),
            ("POST", "/v1/plans/\(id)/goals", ["statement": "g", "kind": "academic", "targetCompetencyIds": [world.competencies["M.1"]!],
                                               "dueDate": "2026-06-01",
                                               "milestones": [["dueDate": "2026-05-01", "competencyIds": [world.competencies["M.2"]!]]]], 422),
            ("POST", "/v1/plans/\(id)/goals", ["statement": "g", "kind": "academic", "targetCompetencyIds": "M.1", "dueDate": "2026-06-01"], 400),
            ("POST", "/v1/plans/\(id)/transitions", ["to": "finished"], 400),
            ("POST", "/v1/plans/\(id)/comments", ["body": ""], 400),
            ("POST", "/v1/plans/\(id)/comments", ["body": "x", "goalId": UUID().uuidString], 422),
            ("POST", "/v1/plan-templates", ["title": "T", "goals": [["statement": "g", "kind": "academic",
                "targetCompetencyIds": [world.competencies["M.1"]!], "dueAfterDays": 10,
                "milestones": [["afterDays": 20, "competencyIds": [world.competencies["M.1"]!]]]]]], 422),
            ("POST", "/v1/plan-templates", ["title": "T", "goals": [["statement": "g", "kind": "academic",
                "targetCompetencyIds": [world.foreignCompetencies["M.1"]!], "dueAfterDays": 10]]], 422),
        ]
        for (method, path, body, status) in cases {
            let answer = try await world.call(method, path, as: .advisor, json: body)
            #expect(answer.status == status, "\(method) \(path) \(body): \(answer.status) \(answer.text)")
            #expect(answer.header("Content-Type") == "application/problem+json", "\(path)")
        }
        let patched = try await world.call("PATCH", "/v1/plans/\(id)", as: .advisor, json: ["startDate": "2100-01-01"],
                                           headers: Self.etag(plan))
        #expect(patched.status == 422)
        let empty = try await world.call("PATCH", "/v1/plans/\(id)", as: .advisor, json: [:] as [String: Any], headers: Self.etag(plan))
        #expect(empty.status == 400)
        let notJSON = try await world.call("PATCH", "/v1/plans/\(id)", as: .advisor, body: Data("title=x".utf8),
                                           headers: ["Content-Type": "application/x-www-form-urlencoded", "If-Match": plan["etag"] as! String])
        #expect(notJSON.status == 415)
        let instantiateTwoWays = try await world.call("POST", "/v1/plan-templates/\(UUID())/instantiate", as: .advisor, json: [
            "learnerIds": [world.id(.learner)], "cohort": "2027", "startDate": "2026-01-01", "targetDate": "2027-01-01"])
        #expect(instantiateTwoWays.status == 400)
        #expect(try await world.count("plans") == before)
        #expect(try await world.count("goals") == goalsBefore)
        #expect(try await world.count("plan_history") == historyBefore)
        #expect(try await world.count("plan_templates") == 0)
    }

    @Test("goals: pacing explains at-risk goals; advisors drop with a reason; a cohort is instantiated once")
    func pacingDropAndCohort() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let plan = try await Self.makePlan(world, goals: [["statement": "Overdue", "kind": "academic",
                                                           "targetCompetencyIds": [world.competencies["M.2"]!], "dueDate": "2026-01-31"]],
                                           start: "2026-01-01")
        let goal = (plan["goals"] as? [[String: Any]])?.first ?? [:]
        #expect(goal["status"] as? String == "at_risk")
        let pacing = goal["pacing"] as? [String: Any]
        #expect(pacing?["remaining"] as? Int == 1 && (pacing?["daysLeft"] as? Int ?? 0) < 0)
        #expect((pacing?["explanation"] as? [String])?.last == "verdict: at_risk")

        let noReason = try await world.call("PATCH", "/v1/goals/\(goal["id"] as! String)", as: .advisor, json: ["dropReason": ""],
                                            headers: Self.etag(goal))
        #expect(noReason.status == 400)
        let dropped = try await world.call("PATCH", "/v1/goals/\(goal["id"] as! String)", as: .advisor,
                                           json: ["dropReason": "Moved to next term"], headers: Self.etag(goal))
        #expect(dropped.status == 200 && dropped.json["status"] as? String == "dropped")
        #expect(dropped.json["dropReason"] as? String == "Moved to next term" && dropped.json["droppedBy"] as? String == world.id(.advisor))
        let again = try await world.call("PATCH", "/v1/goals/\(goal["id"] as! String)", as: .advisor,
                                         json: ["approved": true], headers: Self.etag(dropped.json))
        #expect(again.status == 409)

        // A cohort: both demo learners; the admin assigns (any learner), a learner without an advisor is reported.
        let superuser = try await PostgresConnection.connect(to: world.database.superuserConnectionString)
        try await superuser.query("UPDATE people SET cohort = '2027' WHERE id IN (\(world.people[.learner]!), \(world.people[.otherLearner]!))")
        await superuser.close()
        let template = try await world.call("POST", "/v1/plan-templates", as: .admin, json: [
            "title": "Cohort 2027", "goals": [["statement": "Add", "kind": "academic",
                                               "targetCompetencyIds": [world.competencies["M.1"]!], "dueAfterDays": 30]]])
        let templateID = template.json["id"] as? String ?? ""
        let order: [String: Any] = ["cohort": "2027", "startDate": "2026-09-01", "targetDate": "2027-06-30"]
        let first = try await world.call("POST", "/v1/plan-templates/\(templateID)/instantiate", as: .admin, json: order,
                                         headers: ["Accept": "application/x-ndjson"])
        #expect(first.status == 200 && first.header("Content-Type") == "application/x-ndjson")
        let lines = first.text.split(separator: "\n").map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:] }
        #expect(lines.first?["event"] as? String == "started" && lines.contains { $0["event"] as? String == "progress" })
        let summary = lines.last ?? [:]
        let results = Dictionary(uniqueKeysWithValues: (summary["results"] as? [[String: Any]] ?? []).map {
            ($0["learnerId"] as? String ?? "", $0["result"] as? String ?? "")
        })
        #expect(results == [world.id(.learner): "created", world.id(.otherLearner): "no_advisor"])
        let second = try await world.call("POST", "/v1/plan-templates/\(templateID)/instantiate", as: .admin, json: order)
        #expect(second.json["created"] as? Int == 0)
        #expect(try await world.count("plans WHERE template_id IS NOT NULL") == 1)
        let made = try await world.call("GET", "/v1/learners/\(world.id(.learner))/plans", as: .advisor)
        let fromTemplate = (made.json["items"] as? [[String: Any]] ?? []).first { $0["templateId"] as? String == templateID }
        #expect((fromTemplate?["goals"] as? [[String: Any]])?.first?["dueDate"] as? String == "2026-10-01")
        #expect(fromTemplate?["advisorIds"] as? [String] == [world.id(.advisor)])
    }
}
