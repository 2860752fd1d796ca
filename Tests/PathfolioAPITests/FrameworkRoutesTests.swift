import Foundation
import PathfolioAPI
import Testing

@Suite("Frameworks over HTTP: import, reads, CASE REST reads, policy preview and change")
struct FrameworkRoutesTests {
    @Test("the catalog reads: list, one framework, competencies flat and as a tree, one competency, CASE reads")
    func reads() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let list = try await world.call("GET", "/v1/frameworks", as: .learner)
        #expect(list.status == 200)
        let frameworks = list.json["items"] as? [[String: Any]] ?? []
        #expect(frameworks.count == 1)
        let framework = frameworks.first?["id"] as? String ?? ""
        #expect(try await world.call("GET", "/v1/frameworks/\(framework)", as: .assessor).status == 200)

        var codes: [String] = []
        var next: String? = "/v1/frameworks/\(framework)/competencies?limit=3"
        while let path = next {
            let page = try await world.call("GET", path, as: .advisor)
            #expect(page.status == 200, "\(page.text)")
            codes += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["humanCodingScheme"] as? String }
            next = page.json["next"] as? String
        }
        #expect(codes == ["M", "M.1", "M.2", "M.3"])
        let tree = try await world.call("GET", "/v1/frameworks/\(framework)/competencies?view=tree", as: .advisor)
        #expect(tree.status == 200)
        #expect(tree.text.contains("M.3"))

        let competency = try await world.call("GET", "/v1/competencies/\(world.competencies["M.2"]!)", as: .learner)
        #expect(competency.status == 200, "\(competency.text)")
        #expect(competency.text.contains("M.1"))  // its prerequisite

        let documents = try await world.call("GET", "/ims/case/v1p1/CFDocuments", as: .learner)
        #expect((documents.json["CFDocuments"] as? [Any])?.count == 1)
        let package = try await world.call("GET", "/ims/case/v1p1/CFPackages/\(framework)", as: .learner)
        #expect((package.json["CFItems"] as? [Any])?.count == 4)
        #expect((package.json["CFAssociations"] as? [Any])?.count == 5)
        let item = try await world.call("GET", "/ims/case/v1p1/CFItems/\(world.competencies["M.1"]!)", as: .learner)
        #expect(item.json["humanCodingScheme"] as? String == "M.1")
        #expect(try await world.call("GET", "/ims/case/v1p1/CFItems/\(UUID())", as: .learner).status == 404)
        // Another institution's framework is not there.
        #expect(try await world.call("GET", "/v1/frameworks/\(framework)", as: .foreignAdmin).status == 404)
        #expect(try await world.call("GET", "/ims/case/v1p1/CFItems/\(world.competencies["M.1"]!)", as: .foreignAdmin).status == 404)
    }

    @Test("imports are for admins; a malformed package names its pointer and creates nothing; re-import is idempotent")
    func imports() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let before = try await world.count("competencies")
        let learner = try await world.call("POST", "/v1/frameworks/import", as: .learner, body: Data(APIWorld.frameworkPackage.utf8))
        #expect(learner.status == 404)
        let again = try await world.call("POST", "/v1/frameworks/import", as: .admin, body: Data(APIWorld.frameworkPackage.utf8))
        #expect(again.status == 200, "\(again.text)")
        #expect(try await world.count("competencies") == before)
        let broken = try await world.call("POST", "/v1/frameworks/import", as: .admin,
                                          body: Data(#"{"CFDocument": {"title": "No identifier"}, "CFItems": []}"#.utf8))
        #expect(broken.status == 400)
        #expect((broken.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String != nil)
        #expect(try await world.count("frameworks") == 2)
        // Text PostgreSQL cannot store (a NUL) and values beyond the columns' limits: 400, nothing stored.
        let nul = APIWorld.frameworkPackage.replacingOccurrences(of: "\"title\": \"Test Math\"", with: #""title": "Test\u0000Math""#)
            .replacingOccurrences(of: "6f0b8a8e", with: "8f0b8a8e")
        let refused = try await world.call("POST", "/v1/frameworks/import", as: .admin, body: Data(nul.utf8))
        #expect(refused.status == 400, "\(refused.text)")
        let long = APIWorld.frameworkPackage.replacingOccurrences(of: "\"title\": \"Test Math\"",
                                                                  with: "\"title\": \"\(String(repeating: "x", count: 5000))\"")
            .replacingOccurrences(of: "6f0b8a8e", with: "9f0b8a8e")
        let tooLong = try await world.call("POST", "/v1/frameworks/import", as: .admin, body: Data(long.utf8))
        #expect(tooLong.status == 400, "\(tooLong.text)")
        #expect(try await world.count("frameworks") == 2)
    }

    @Test("policy preview says whose status would change; applying it recomputes; as of before, the old policy holds")
    func policy() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let framework = "6f0b8a8e-0000-4000-8000-000000000001"
        let evidence = try await world.submitEvidence(["M.1"])
        #expect(try await world.review(evidence, [("M.1", 4)]).status == 201)
        let second = try await world.submitEvidence(["M.1"])
        #expect(try await world.review(second, [("M.1", 1)]).status == 201)
        // `highest` (the default) gives 4 → mastered; `average` would give 2.50 → in progress.
        let proposal: [String: Any] = ["method": "average"]
        let preview = try await world.call("POST", "/v1/frameworks/\(framework)/policy/preview", as: .admin, json: proposal)
        #expect(preview.status == 200, "\(preview.text)")
        #expect(preview.json["learnersWithStatusChanges"] as? Int == 1)
        let changes = preview.json["statusChanges"] as? [[String: Any]] ?? []
        #expect(changes.contains { $0["code"] as? String == "M.1" && $0["proposedStatus"] as? String == "in_progress" })
        #expect(try await world.count("framework_policies") == 0)

        let before = Timestamp.format(Date())
        try await Task.sleep(for: .milliseconds(20))
        let applied = try await world.call("PUT", "/v1/frameworks/\(framework)/policy", as: .admin, json: proposal)
        #expect(applied.status == 200, "\(applied.text)")
        #expect(applied.json["learnersRecomputed"] as? Int == 1)
        let now = try await world.call("GET", "/v1/learners/\(world.id(.learner))/progress/\(world.competencies["M.1"]!)", as: .learner)
        #expect(now.json["score"] as? String == "2.50")
        #expect(now.json["status"] as? String == "in_progress")
        let stamp = before.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let then = try await world.call("GET", "/v1/learners/\(world.id(.learner))/progress?asOf=\(stamp)", as: .learner)
        let m1 = (then.json["competencies"] as? [[String: Any]] ?? []).first { $0["code"] as? String == "M.1" }
        #expect(m1?["status"] as? String == "mastered")
        #expect(try await world.count("audit_log WHERE action = 'framework.policy'") == 1)
        let report = try await MasteryRebuild(pool: world.pool).run(check: true)
        #expect(report.differences.isEmpty, "\(report.differences)")

        // Bad policies: 400 with pointers; not for learners; nothing recorded.
        let bad = try await world.call("PUT", "/v1/frameworks/\(framework)/policy", as: .admin, json: ["method": "n_mastery"])
        #expect(bad.status == 400)
        #expect((bad.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/method")
        let foreign = try await world.call("PUT", "/v1/frameworks/\(framework)/policy", as: .admin, json: [
            "method": "latest", "methodOverrides": [["competencyId": world.foreignCompetencies["M.1"]!, "method": "latest"]]])
        #expect(foreign.status == 400)
        #expect(try await world.call("PUT", "/v1/frameworks/\(framework)/policy", as: .learner, json: proposal).status == 404)
        #expect(try await world.count("framework_policies") == 1)
    }

    @Test("a policy may rate the framework on another scale from now on; reviews are checked against it")
    func scaleInPolicy() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let framework = "6f0b8a8e-0000-4000-8000-000000000001"
        let evidence = try await world.submitEvidence(["M.1"])
        #expect(try await world.review(evidence, [("M.1", 4)]).status == 201)
        let levels: [[String: Any]] = [["label": "Emerging", "points": 1], ["label": "Approaching", "points": 3],
                                       ["label": "Meeting", "points": 5]]
        let applied = try await world.call("PUT", "/v1/frameworks/\(framework)/policy", as: .admin, json: [
            "method": "highest", "scale": ["levels": levels, "masteryThreshold": 5]])
        #expect(applied.status == 200, "\(applied.text)")
        #expect((applied.json["scale"] as? [String: Any])?["masteryThreshold"] as? String == "5.00")
        let progress = try await world.call("GET", "/v1/learners/\(world.id(.learner))/progress/\(world.competencies["M.1"]!)", as: .learner)
        #expect(progress.json["status"] as? String == "in_progress")
        #expect((progress.json["level"] as? [String: Any])?["label"] as? String == "Approaching")
        // 4 was a level of the old scale, not of this one.
        let second = try await world.submitEvidence(["M.1"])
        let refused = try await world.review(second, [("M.1", 4)])
        #expect(refused.status == 422)
        #expect(try await world.review(second, [("M.1", 5)]).status == 201)
        let bad = try await world.call("PUT", "/v1/frameworks/\(framework)/policy", as: .admin, json: [
            "scale": ["levels": levels, "masteryThreshold": 4]])
        #expect(bad.status == 400)
        #expect((bad.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/scale/levels")
    }
}
