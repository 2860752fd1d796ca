import Foundation
import Testing

@Suite("Early-warning settings: advisors, registrars and admins read them; admins change them")
struct EarlyWarningSettingsTests {
    typealias Who = APIWorld.Who

    @Test("defaults, a change with its audit row, who may read and write")
    func readAndChange() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let path = "/v1/settings/early-warning"
        for who in [Who.advisor, .registrar, .admin] {
            let read = try await world.call("GET", path, as: who)
            #expect(read.status == 200, "\(who)")
            #expect(read.json as NSDictionary == ["quietDays": 14, "reviewWaitDays": 7, "pacingWindowDays": 28] as NSDictionary, "\(who)")
        }
        for who in [Who.learner, .assessor] {
            #expect(try await world.call("GET", path, as: who).status == 404, "\(who)")
        }
        let body: [String: Any] = ["quietDays": 21, "reviewWaitDays": 3, "pacingWindowDays": 42]
        for who in [Who.advisor, .registrar, .learner] {
            #expect(try await world.call("PUT", path, as: who, json: body).status == 404, "\(who)")
        }
        #expect(try await world.count("early_warning_settings") == 0)
        let set = try await world.call("PUT", path, as: .admin, json: body)
        #expect(set.status == 200, "\(set.text)")
        #expect(set.json["quietDays"] as? Int == 21)
        #expect(set.json["updatedBy"] as? String == world.id(.admin))
        #expect(set.json["updatedAt"] is String)
        let read = try await world.call("GET", path, as: .advisor)
        #expect(read.json["reviewWaitDays"] as? Int == 3)
        #expect(read.json["pacingWindowDays"] as? Int == 42)
        #expect(try await world.count("audit_log WHERE action = 'early_warning.update'") == 1)
        #expect(try await world.count("early_warning_settings") == 1)
        // A whole number written with a fraction or an exponent is an integer, as JSON Schema says.
        let written = try await world.call("PUT", path, as: .admin,
                                           body: Data(#"{"quietDays": 21.0, "reviewWaitDays": 3e0, "pacingWindowDays": 42}"#.utf8))
        #expect(written.status == 200, "\(written.text)")
        #expect(written.json["reviewWaitDays"] as? Int == 3)
        // Each institution has its own: another's admin changes theirs, not this one's.
        #expect(try await world.call("GET", path, as: .foreignAdmin).json["quietDays"] as? Int == 14)
        #expect(try await world.call("PUT", path, as: .foreignAdmin, json: good(quietDays: 60)).status == 200)
        #expect(try await world.call("GET", path, as: .foreignAdmin).json["quietDays"] as? Int == 60)
        #expect(try await world.call("GET", path, as: .registrar).json["quietDays"] as? Int == 21)
    }

    private func good(quietDays: Int) -> [String: Any] {
        ["quietDays": quietDays, "reviewWaitDays": 7, "pacingWindowDays": 28]
    }

    @Test("bad bodies name the member and change nothing")
    func badInput() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let path = "/v1/settings/early-warning"
        let good: [String: Any] = ["quietDays": 14, "reviewWaitDays": 7, "pacingWindowDays": 28]
        let cases: [(String, [String: Any], String)] = [
            ("zero", good.merging(["quietDays": 0]) { $1 }, "/quietDays"),
            ("too many", good.merging(["reviewWaitDays": 366]) { $1 }, "/reviewWaitDays"),
            ("a string", good.merging(["pacingWindowDays": "28"]) { $1 }, "/pacingWindowDays"),
            ("a fraction", good.merging(["quietDays": 1.5]) { $1 }, "/quietDays"),
            ("missing", good.filter { $0.key != "reviewWaitDays" }, "/reviewWaitDays"),
            ("unknown", good.merging(["colour": "red"]) { $1 }, "/colour"),
        ]
        for (name, body, pointer) in cases {
            let answer = try await world.call("PUT", path, as: .admin, json: body)
            #expect(answer.status == 400, "\(name): \(answer.text)")
            #expect(answer.header("Content-Type") == "application/problem+json")
            let pointers = (answer.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
            #expect(pointers == [pointer], "\(name): \(answer.text)")
        }
        #expect(try await world.call("PUT", path, as: .admin, body: Data("{".utf8)).status == 400)
        #expect(try await world.count("early_warning_settings") == 0)
        #expect(try await world.count("audit_log WHERE action = 'early_warning.update'") == 0)
    }
}
