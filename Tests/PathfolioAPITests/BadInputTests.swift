import Foundation
import Testing

@Suite("Bad input answers 4xx problem+json naming the problem, and writes nothing")
struct BadInputTests {
    @Test("every malformed evidence submission is refused with the pointer of what is wrong")
    func evidenceSubmissions() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let path = "/v1/learners/\(world.id(.learner))/evidence"
        let m1 = world.competencies["M.1"]!
        let deep = String(repeating: "[", count: 80) + String(repeating: "]", count: 80)
        let cases: [(name: String, body: Data, status: Int, pointer: String?)] = [
            ("not JSON", Data("{\"kind\": ".utf8), 400, nil),
            ("not an object", Data("[1, 2]".utf8), 400, ""),
            ("too deep", Data("{\"kind\": \(deep)}".utf8), 400, nil),
            ("unknown member", json(["kind": "text", "title": "t", "text": "x", "competencyIds": [m1], "colour": "red"]), 400, "/colour"),
            ("wrong type", json(["kind": "text", "title": 7, "text": "x", "competencyIds": [m1]]), 400, "/title"),
            ("unknown kind", json(["kind": "video", "title": "t", "competencyIds": [m1]]), 400, "/kind"),
            ("no competencies", json(["kind": "text", "title": "t", "text": "x", "competencyIds": []]), 400, "/competencyIds"),
            ("not a UUID", json(["kind": "text", "title": "t", "text": "x", "competencyIds": ["M.1"]]), 400, "/competencyIds/0"),
            ("unknown competency", json(["kind": "text", "title": "t", "text": "x", "competencyIds": [UUID().uuidString]]), 422, "/competencyIds/0"),
            ("another institution's competency",
             json(["kind": "text", "title": "t", "text": "x", "competencyIds": [world.foreignCompetencies["M.1"]!]]), 422, "/competencyIds/0"),
            ("link without a URL", json(["kind": "link", "title": "t", "competencyIds": [m1]]), 400, "/url"),
            ("javascript URL", json(["kind": "link", "title": "t", "url": "javascript:alert(1)", "competencyIds": [m1]]), 400, "/url"),
            ("bad date", json(["kind": "observation", "title": "t", "notes": "n", "observedOn": "2026-02-30", "competencyIds": [m1]]), 400, "/observedOn"),
            ("empty title", json(["kind": "text", "title": "  ", "text": "x", "competencyIds": [m1]]), 400, "/title"),
        ]
        for item in cases {
            let answer = try await world.call("POST", path, as: .learner, body: item.body)
            #expect(answer.status == item.status, "\(item.name): \(answer.text)")
            #expect(answer.header("Content-Type") == "application/problem+json", "\(item.name)")
            if let pointer = item.pointer {
                let pointers = (answer.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
                #expect(pointers.contains(pointer), "\(item.name): \(answer.text)")
            }
        }
        let oversized = try await world.call("POST", path, as: .learner, body: Data(repeating: 0x20, count: (1 << 20) + 1))
        #expect(oversized.status == 413)
        #expect(try await world.count("evidence") == 0)
        #expect(try await world.count("audit_log WHERE action = 'evidence.submit'") == 0)
    }

    @Test("bad reviews, bad query parameters and wrong media types")
    func reviewsAndParameters() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let evidence = try await world.submitEvidence(["M.1"])
        let notALevel = try await world.review(evidence, [("M.1", 2.5)])
        #expect(notALevel.status == 422)
        #expect((notALevel.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/ratings/0/points")
        let notClaimed = try await world.review(evidence, [("M.2", 3)])
        #expect(notClaimed.status == 422)
        let noRatings = try await world.review(evidence, [])
        #expect(noRatings.status == 400)
        #expect(try await world.count("reviews") == 0)
        // The failed attempts left the evidence as it was.
        let read = try await world.call("GET", "/v1/evidence/\(evidence)", as: .learner)
        #expect(read.json["status"] as? String == "submitted")

        let learner = world.id(.learner)
        for path in ["/v1/learners/\(learner)/progress?asOf=yesterday", "/v1/learners/\(learner)/progress?framework=nope",
                     "/v1/learners/\(learner)/evidence?status=lost", "/v1/learners/\(learner)/evidence?limit=0",
                     "/v1/learners/\(learner)/evidence?limit=1000"] {
            let answer = try await world.call("GET", path, as: .learner)
            #expect(answer.status == 400, "\(path): \(answer.text)")
            #expect((answer.json["errors"] as? [[String: Any]])?.first?["parameter"] != nil, "\(path)")
        }
        let form = try await world.call("POST", "/v1/learners/\(learner)/evidence", as: .learner, body: Data("a=b".utf8),
                                        headers: ["Content-Type": "application/x-www-form-urlencoded"])
        #expect(form.status == 415)
        let malformedID = try await world.call("GET", "/v1/evidence/not-a-uuid", as: .learner)
        #expect(malformedID.status == 404)
    }

    private func json(_ object: [String: Any]) -> Data { try! JSONSerialization.data(withJSONObject: object) }
}
