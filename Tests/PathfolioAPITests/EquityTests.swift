import Foundation
import Testing

@Suite("Equity: GET /v1/frameworks/{id}/equity and /v1/settings/equity")
struct EquityTests {
    typealias Who = APIWorld.Who
    static let framework = "6f0b8a8e-0000-4000-8000-000000000001"

    /// 30 learners of the demo institution (its two learners among them), by `sex`: 12 female
    /// (each mastered M.1 on 10 January 2026), 11 male (M.1 and M.2 on 10 February), 4 other
    /// and 3 unspecified (nothing). `hispanicOrLatinoEthnicity`: false for female and other,
    /// true for male, not recorded for unspecified.
    static func seed(_ world: APIWorld) async throws {
        let institution = world.institution.description
        var sql = ""
        var learners = [world.id(.learner), world.id(.otherLearner)]
        for _ in 0..<28 {
            let id = UUID().uuidString.lowercased()
            learners.append(id)
            sql += """
                INSERT INTO people (id, institution_id, given_name, family_name) VALUES ('\(id)', '\(institution)', 'L', 'Seed');
                INSERT INTO person_roles (institution_id, person_id, role) VALUES ('\(institution)', '\(id)', 'learner');

                """
        }
        for (index, learner) in learners.enumerated() {
            let (sex, hispanic, mastered, at): (String, String?, [String], String) = switch index {
            case 0..<12: ("female", "false", ["M.1"], "2026-01-10T00:00:00Z")
            case 12..<23: ("male", "true", ["M.1", "M.2"], "2026-02-10T00:00:00Z")
            case 23..<27: ("other", "false", [], "")
            default: ("unspecified", nil, [], "")
            }
            let fields = hispanic.map { #"{"sex": "\#(sex)", "hispanicOrLatinoEthnicity": "\#($0)"}"# } ?? #"{"sex": "\#(sex)"}"#
            sql += "INSERT INTO person_demographics (institution_id, person_id, fields) VALUES ('\(institution)', '\(learner)', '\(fields)');\n"
            for code in mastered {
                sql += """
                    INSERT INTO mastery_states (institution_id, learner_id, competency_id, source, status, first_mastered_at)
                    VALUES ('\(institution)', '\(learner)', '\(world.competencies[code]!)', 'direct', 'mastered', '\(at)');

                    """
            }
        }
        try await world.execute(sql)
    }

    static func groups(_ answer: APIWorld.Answer) -> [String: [String: Any]] {
        Dictionary(uniqueKeysWithValues: (answer.json["groups"] as? [[String: Any]] ?? []).map { ($0["group"] as? String ?? "?", $0) })
    }

    @Test("small groups suppressed, and complementary suppression so none can be recovered from the total")
    func suppression() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        try await Self.seed(world)
        let path = "/v1/frameworks/\(Self.framework)/equity?by=sex"

        let report = try await world.call("GET", path, as: .registrar)
        #expect(report.status == 200, "\(report.text)")
        var groups = Self.groups(report)
        #expect(report.json["minimumGroupSize"] as? Int == 10 && report.json["by"] as? String == "sex")
        #expect(groups["female"] as NSDictionary? == ["group": "female", "learners": 12, "masteredPairs": 12, "pairs": 48, "percent": "25.00"])
        #expect(groups["other"] as NSDictionary? == ["group": "other", "suppressed": "small_group"])
        #expect(groups["unspecified"] as NSDictionary? == ["group": "unspecified", "suppressed": "small_group"])
        // 4 + 3 = 7 hidden learners is under 10, so the smallest shown group goes too (EquityReport's rule).
        #expect(groups["male"] as NSDictionary? == ["group": "male", "suppressed": "complementary"])
        #expect(report.json["total"] as? NSDictionary == ["learners": 30, "masteredPairs": 34, "pairs": 120, "percent": "28.33"])

        // With a minimum of 5: the two small groups hide 7 ≥ 5 learners, so the others show.
        #expect(try await world.call("PUT", "/v1/settings/equity", as: .admin, json: ["minimumGroupSize": 5]).status == 200)
        groups = Self.groups(try await world.call("GET", path, as: .admin))
        #expect(groups["male"] as NSDictionary? == ["group": "male", "learners": 11, "masteredPairs": 22, "pairs": 44, "percent": "50.00"])
        #expect(groups["female"]?["percent"] as? String == "25.00")
        #expect(groups["other"]?["suppressed"] as? String == "small_group" && groups["unspecified"]?["suppressed"] as? String == "small_group")
        #expect(groups["other"]?["learners"] == nil)

        // One small group alone (3 not recorded) would be the total minus the others: the smallest shown goes too.
        #expect(try await world.call("PUT", "/v1/settings/equity", as: .admin, json: ["minimumGroupSize": 10]).status == 200)
        let ethnicity = try await world.call("GET", "/v1/frameworks/\(Self.framework)/equity?by=hispanicOrLatinoEthnicity", as: .registrar)
        groups = Self.groups(ethnicity)
        #expect(groups["(not recorded)"]?["suppressed"] as? String == "small_group", "\(ethnicity.text)")
        #expect(groups["true"]?["suppressed"] as? String == "complementary", "\(ethnicity.text)")
        #expect(groups["false"] as NSDictionary? == ["group": "false", "learners": 16, "masteredPairs": 12, "pairs": 64, "percent": "18.75"])

        // asOf: only what was first mastered by then (the male group's February masteries are not).
        #expect(try await world.call("PUT", "/v1/settings/equity", as: .admin, json: ["minimumGroupSize": 5]).status == 200)
        let early = try await world.call("GET", path + "&asOf=2026-01-31T00:00:00Z", as: .registrar)
        #expect(Self.groups(early)["male"]?["masteredPairs"] as? Int == 0, "\(early.text)")
        #expect(Self.groups(early)["female"]?["masteredPairs"] as? Int == 12)
        #expect(early.json["asOf"] as? String == "2026-01-31T00:00:00Z")
    }

    @Test("registrars and admins read it; everyone else 404; `by` is checked")
    func access() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let path = "/v1/frameworks/\(Self.framework)/equity?by=sex"
        for who in [Who.registrar, .admin] { #expect(try await world.call("GET", path, as: who).status == 200, "\(who)") }
        for who in [Who.advisor, .assessor, .learner, .foreignAdmin] {
            #expect(try await world.call("GET", path, as: who).status == 404, "\(who)")
        }
        #expect(try await world.call("GET", path).status == 401)
        let unknown = try await world.call("GET", "/v1/frameworks/\(Self.framework)/equity?by=shoeSize", as: .registrar)
        #expect(unknown.status == 400)
        #expect(unknown.text.contains("sex") && unknown.text.contains("cohort") && unknown.text.contains("shoeSize"))
        #expect(try await world.call("GET", "/v1/frameworks/\(Self.framework)/equity", as: .registrar).status == 400)
        #expect(try await world.call("GET", "/v1/frameworks/\(Self.framework)/equity?by=birthDate", as: .registrar).status == 400)
        #expect(try await world.call("GET", "/v1/frameworks/\(UUID())/equity?by=sex", as: .registrar).status == 404)
        #expect(try await world.call("GET", path + "&asOf=yesterday", as: .registrar).status == 400)
        // Two demo learners, neither with demographics: one group, too small, and so is the total.
        let small = try await world.call("GET", path, as: .registrar)
        #expect(Self.groups(small)["(not recorded)"]?["suppressed"] as? String == "small_group", "\(small.text)")
        #expect((small.json["total"] as? [String: Any])?["suppressed"] as? String == "small_group")
    }

    @Test("the minimum group size: registrars and admins read it, admins change it (5 to 1000)")
    func settings() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        for who in [Who.registrar, .admin] {
            let read = try await world.call("GET", "/v1/settings/equity", as: who)
            #expect(read.status == 200 && read.json as NSDictionary == ["minimumGroupSize": 10], "\(who): \(read.text)")
        }
        for who in [Who.advisor, .learner, .assessor] {
            #expect(try await world.call("GET", "/v1/settings/equity", as: who).status == 404, "\(who)")
        }
        for who in [Who.registrar, .advisor] {
            #expect(try await world.call("PUT", "/v1/settings/equity", as: who, json: ["minimumGroupSize": 20]).status == 404, "\(who)")
        }
        for bad: Any in [4, 1001, "10", 7.5] {
            #expect(try await world.call("PUT", "/v1/settings/equity", as: .admin, json: ["minimumGroupSize": bad]).status == 400, "\(bad)")
        }
        #expect(try await world.call("PUT", "/v1/settings/equity", as: .admin, json: ["minimumGroupSize": 10, "x": 1]).status == 400)
        let set = try await world.call("PUT", "/v1/settings/equity", as: .admin, json: ["minimumGroupSize": 20])
        #expect(set.status == 200 && set.json["minimumGroupSize"] as? Int == 20 && set.json["updatedBy"] as? String == world.id(.admin))
        #expect(try await world.call("GET", "/v1/settings/equity", as: .registrar).json["minimumGroupSize"] as? Int == 20)
        #expect(try await world.call("GET", "/v1/settings/equity", as: .foreignAdmin).json["minimumGroupSize"] as? Int == 10)
        #expect(try await world.count("audit_log WHERE action = 'equity.update'") == 1)
    }
}
