import Foundation
import PathfolioAPI
import PathfolioCrypto
import PathfolioPostgres
import Testing

@Suite("Transcripts: formats, authorization, disclosures, certification, bulk export")
struct TranscriptTests {
    /// The demo learner with M.1 mastered (3 points) and M.2 in progress (2 points).
    static func world() async throws -> APIWorld {
        let world = try await APIWorld()
        let evidence = try await world.submitEvidence(["M.1", "M.2"])
        let reviewed = try await world.review(evidence, [("M.1", 3), ("M.2", 2)])
        precondition(reviewed.status == 201, "review: \(reviewed.text)")
        return world
    }

    static func csvRecords(_ text: String) -> [[String]] {
        // The test CSV has no quoted newlines: split records on CRLF, fields with a small RFC 4180 reader.
        text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { line in
            var fields: [String] = [], field = "", quoted = false, previous: Character? = nil
            for character in line {
                if quoted {
                    if character == "\"" { quoted = false } else { field.append(character) }
                } else if character == "\"" {
                    if previous == "\"" { field.append("\"") }
                    quoted = true
                } else if character == "," {
                    fields.append(field); field = ""
                } else {
                    field.append(character)
                }
                previous = character
            }
            fields.append(field)
            return fields
        }
    }

    @Test("JSON, CSV and HTML list the mastered competencies with level and date, the institution as issuer")
    func formats() async throws {
        let world = try await Self.world()
        defer { Task { await world.shutdown() } }
        let learner = world.id(.learner)
        try await world.execute("UPDATE people SET given_name = '=HYPERLINK(\"x\")', family_name = '<b>Bold</b>' WHERE id = '\(learner)'")

        let json = try await world.call("GET", "/v1/learners/\(learner)/transcript", as: .learner)
        #expect(json.status == 200)
        #expect(json.header("Content-Type") == "application/json")
        #expect(json.header("Cache-Control") == "no-store")
        #expect((json.json["issuer"] as? [String: Any])?["name"] as? String != nil)
        #expect((json.json["learner"] as? [String: Any])?["id"] as? String == learner)
        let competencies = json.json["competencies"] as? [[String: Any]] ?? []
        #expect(competencies.map { $0["code"] as? String } == ["M.1"])
        #expect(competencies.first?["level"] as? String != nil)
        #expect(competencies.first?["score"] as? String == "3.00" || competencies.first?["score"] as? Double == 3)
        let today = String(Timestamp.format(Date()).prefix(10))
        #expect(competencies.first?["firstMasteredOn"] as? String == today)
        #expect((json.json["achievedGoals"] as? [Any])?.isEmpty == true)

        // An active plan's goal whose target is mastered appears as achieved; a draft plan's does not.
        let today10 = String(Timestamp.format(Date()).prefix(10))
        let plan = try await world.call("POST", "/v1/learners/\(learner)/plans", as: .advisor, json: [
            "title": "Year plan", "startDate": today10, "targetDate": "2099-06-30",
            "goals": [["statement": "Add fractions", "kind": "academic", "targetCompetencyIds": [world.competencies["M.1"]!],
                       "dueDate": "2099-01-01"]],
        ])
        #expect(plan.status == 201, "\(plan.text)")
        let draft = try await world.call("GET", "/v1/learners/\(learner)/transcript", as: .learner)
        #expect((draft.json["achievedGoals"] as? [Any])?.isEmpty == true)
        let activated = try await world.call("POST", "/v1/plans/\(plan.json["id"] as! String)/transitions", as: .advisor,
                                             json: ["to": "active"], headers: ["If-Match": plan.json["etag"] as? String ?? ""])
        #expect(activated.status == 200, "\(activated.text)")
        let withGoal = try await world.call("GET", "/v1/learners/\(learner)/transcript", as: .learner)
        let goals = withGoal.json["achievedGoals"] as? [[String: Any]] ?? []
        #expect(goals.map { $0["statement"] as? String } == ["Add fractions"])
        #expect(goals.first?["plan"] as? String == "Year plan")
        #expect(goals.first?["achievedOn"] as? String == today10)

        let csv = try await world.call("GET", "/v1/learners/\(learner)/transcript?format=csv", as: .learner)
        #expect(csv.status == 200)
        #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        #expect(csv.header("Content-Disposition")?.contains("attachment") == true)
        #expect(csv.text.hasSuffix("\r\n"))
        let records = Self.csvRecords(csv.text)
        #expect(records.first == ["record", "learner_id", "learner_sourced_id", "learner_name", "framework", "code", "statement",
                                  "level", "score", "date", "uri", "issuer", "as_of"])
        #expect(records.map(\.first) == ["record", "competency", "goal"])
        let row = records[1]
        #expect(row.first == "competency")
        #expect(row[5] == "M.1")
        #expect(row[9] == today)
        // Formula injection: the name starting with `=` is neutralised with an apostrophe.
        #expect(row[3].hasPrefix("'=HYPERLINK"), "\(row)")
        #expect(csv.text.contains("\"'=HYPERLINK(\"\"x\"\") <b>Bold</b>\""), "quotes doubled inside a quoted field")

        let html = try await world.call("GET", "/v1/learners/\(learner)/transcript?format=html", as: .learner)
        #expect(html.status == 200)
        #expect(html.header("Content-Type") == "text/html; charset=utf-8")
        #expect(html.text.hasPrefix("<!DOCTYPE html>"))
        #expect(html.text.contains("@media print"))
        #expect(!html.text.lowercased().contains("<script"))
        #expect(html.text.contains("&lt;b&gt;Bold&lt;/b&gt;"))
        #expect(!html.text.contains("<b>Bold</b>"))
        #expect(html.text.contains("<th scope=\"row\">M.1</th>"))

        let bad = try await world.call("GET", "/v1/learners/\(learner)/transcript?format=pdf", as: .learner)
        #expect(bad.status == 400)
    }

    @Test("as of an instant before the review, nothing is mastered")
    func asOf() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let before = Timestamp.format(Date())
        try await Task.sleep(for: .milliseconds(20))
        let evidence = try await world.submitEvidence(["M.1"])
        #expect(try await world.review(evidence, [("M.1", 4)]).status == 201)
        let then = try await world.call("GET", "/v1/learners/\(world.id(.learner))/transcript?asOf=\(before)", as: .registrar)
        #expect(then.status == 200)
        #expect((then.json["competencies"] as? [Any])?.isEmpty == true)
        let now = try await world.call("GET", "/v1/learners/\(world.id(.learner))/transcript", as: .registrar)
        #expect((now.json["competencies"] as? [Any])?.count == 1)
        #expect(try await world.call("GET", "/v1/learners/\(world.id(.learner))/transcript?asOf=yesterday", as: .registrar).status == 400)
    }

    @Test("only the learner, their advisor and registrars read a transcript; every other read is a disclosure")
    func authorizationAndDisclosures() async throws {
        let world = try await Self.world()
        defer { Task { await world.shutdown() } }
        let learner = world.id(.learner)
        let path = "/v1/learners/\(learner)/transcript"
        for who in [APIWorld.Who.learner, .advisor, .registrar] {
            #expect(try await world.call("GET", path, as: who).status == 200, "\(who)")
        }
        for who in [APIWorld.Who.assessor, .otherLearner, .admin, .foreignAdmin] {
            #expect(try await world.call("GET", path, as: who).status == 404, "\(who)")
        }
        #expect(try await world.call("GET", path).status == 401)
        // The advisor's and the registrar's reads are recorded; the learner's own is not.
        #expect(try await world.count("disclosures") == 2)
        let stated = try await world.call("GET", path + "?format=csv&party=State%20University&purpose=admissions", as: .registrar)
        #expect(stated.status == 200)
        let refused = try await world.call("GET", path + "?purpose=%01", as: .registrar)
        #expect(refused.status == 400)
        #expect(try await world.count("disclosures") == 3)

        let list = try await world.call("GET", "/v1/learners/\(learner)/disclosures", as: .learner)
        #expect(list.status == 200)
        let items = list.json["items"] as? [[String: Any]] ?? []
        #expect(items.count == 3)
        #expect(items.map { ($0["recipient"] as? [String: Any])?["id"] as? String }
                == [world.id(.advisor), world.id(.registrar), world.id(.registrar)])
        #expect(items.last?["party"] as? String == "State University")
        #expect(items.last?["purpose"] as? String == "admissions")
        #expect(items.last?["format"] as? String == "csv")
        #expect(items.first?["purpose"] as? String == "legitimate educational interest (school official)")
        #expect(try await world.call("GET", "/v1/learners/\(learner)/disclosures", as: .registrar).status == 200)
        for who in [APIWorld.Who.advisor, .otherLearner, .admin, .assessor] {
            #expect(try await world.call("GET", "/v1/learners/\(learner)/disclosures", as: who).status == 404, "\(who)")
        }
        let paged = try await world.call("GET", "/v1/learners/\(learner)/disclosures?limit=2", as: .learner)
        #expect((paged.json["items"] as? [Any])?.count == 2)
        let next = try #require(paged.json["next"] as? String)
        let rest = try await world.call("GET", next, as: .learner)
        #expect((rest.json["items"] as? [[String: Any]])?.first?["party"] as? String == "State University")
    }

    @Test("a certified transcript reads back byte for byte in every format, is frozen, and revokes once")
    func certification() async throws {
        let world = try await Self.world()
        defer { Task { await world.shutdown() } }
        let learner = world.id(.learner)
        for who in [APIWorld.Who.advisor, .learner, .admin] {
            #expect(try await world.call("POST", "/v1/learners/\(learner)/transcript/certify", as: who, json: [:]).status == 404, "\(who)")
        }
        let future = try await world.call("POST", "/v1/learners/\(learner)/transcript/certify", as: .registrar,
                                          json: ["asOf": "2199-01-01"])
        #expect(future.status == 422)
        let certified = try await world.call("POST", "/v1/learners/\(learner)/transcript/certify", as: .registrar, json: [:])
        #expect(certified.status == 201, "\(certified.text)")
        let location = try #require(certified.header("Location"))
        #expect(location.hasPrefix("/v1/transcripts/certified/"))
        #expect(certified.json["status"] as? String == "valid")
        let digests = certified.json["sha256"] as? [String: String] ?? [:]
        #expect(Set(digests.keys) == ["json", "csv", "html", "clr"])

        // Mastery changes after certification; the certified transcript does not.
        let more = try await world.submitEvidence(["M.2"])
        #expect(try await world.review(more, [("M.2", 4)]).status == 201)
        for format in ["json", "csv", "html", "clr"] {
            let first = try await world.call("GET", "\(location)?format=\(format)", as: .registrar)
            let second = try await world.call("GET", "\(location)?format=\(format)", as: .advisor)
            #expect(first.status == 200 && second.status == 200, "\(format)")
            #expect(first.body == second.body, "\(format) is byte-identical")
            let hex = SHA256.hexDigest(Array(first.body))
            #expect(hex == digests[format], "\(format) matches the stored SHA-256")
            #expect(first.header("Pathfolio-Certificate-Status") == "valid")
            let etag = try #require(first.header("ETag"))
            #expect(try await world.call("GET", "\(location)?format=\(format)", as: .registrar,
                                         headers: ["If-None-Match": etag]).status == 304)
        }
        let document = try await world.call("GET", location, as: .learner)
        #expect((document.json["competencies"] as? [[String: Any]])?.map { $0["code"] as? String } == ["M.1"])
        #expect((document.json["certification"] as? [String: Any])?["id"] as? String == location.components(separatedBy: "/").last)
        #expect(try await world.call("GET", location, as: .otherLearner).status == 404)
        #expect(try await world.call("GET", "/v1/transcripts/certified/not-a-uuid", as: .registrar).status == 404)

        // Frozen even against the database owner.
        let id = location.components(separatedBy: "/").last!
        await #expect(throws: (any Error).self) {
            try await world.execute("UPDATE certified_transcripts SET json = 'x'::bytea WHERE id = '\(id)'")
        }

        #expect(try await world.call("POST", "\(location)/revoke", as: .registrar, json: [:]).status == 400)
        #expect(try await world.call("POST", "\(location)/revoke", as: .advisor, json: ["reason": "x"]).status == 404)
        let revoked = try await world.call("POST", "\(location)/revoke", as: .registrar, json: ["reason": "Issued in error"])
        #expect(revoked.status == 200, "\(revoked.text)")
        #expect(revoked.json["status"] as? String == "revoked")
        #expect((revoked.json["revocation"] as? [String: Any])?["reason"] as? String == "Issued in error")
        #expect(try await world.call("POST", "\(location)/revoke", as: .registrar, json: ["reason": "again"]).status == 409)
        let after = try await world.call("GET", location, as: .registrar)
        #expect(after.body == document.body)
        #expect(after.header("Pathfolio-Certificate-Status") == "revoked")
        #expect(try await world.count("audit_log WHERE action IN ('transcript.certify', 'transcript.revoke')") == 2)
    }

    @Test("the bulk export streams a class or cohort in CSV and NDJSON, recording one disclosure per learner")
    func bulkExport() async throws {
        let world = try await Self.world()
        defer { Task { await world.shutdown() } }
        let made = try await world.call("POST", "/v1/classes", as: .admin, json: ["title": "Algebra"])
        #expect(made.status == 201, "\(made.text)")
        let classID = made.json["id"] as! String
        for who in [APIWorld.Who.learner, .otherLearner] {
            #expect(try await world.call("PUT", "/v1/classes/\(classID)/learners/\(world.id(who))", as: .admin).status == 201)
        }
        let csv = try await world.call("GET", "/v1/transcripts?class=\(classID)&format=csv", as: .registrar)
        #expect(csv.status == 200, "\(csv.text)")
        #expect(csv.header("Pathfolio-Export-Learners") == "2")
        let records = Self.csvRecords(csv.text)
        #expect(records.first?.first == "record")
        #expect(records.dropFirst().map { $0[1] } == [world.id(.learner)])
        #expect(records.dropFirst().map { $0[5] } == ["M.1"])
        let exportID = try #require(csv.header("Pathfolio-Export-Id"))
        #expect(try await world.count("disclosures WHERE reference = '\(exportID)' AND record = 'bulk_export'") == 2)

        // The same rows through the per-learner path (as of now, explicitly).
        let asOf = try await world.call("GET", "/v1/transcripts?class=\(classID)&format=csv&asOf=\(Timestamp.format(Date()))", as: .registrar)
        #expect(Self.csvRecords(asOf.text).dropFirst().map { $0[5] } == ["M.1"])

        let ndjson = try await world.call("GET", "/v1/transcripts?class=\(classID)&format=ndjson", as: .registrar)
        #expect(ndjson.header("Content-Type") == "application/x-ndjson")
        let lines = ndjson.text.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 2)
        #expect(Set(lines.compactMap { ($0?["learner"] as? [String: Any])?["id"] as? String })
                == [world.id(.learner), world.id(.otherLearner)])

        // An org: a district's export holds its school's learners too.
        let institution = world.institution.description
        let district = UUID().uuidString.lowercased(), school = UUID().uuidString.lowercased()
        try await world.execute("""
            INSERT INTO orgs (institution_id, id, source_id, name, type) VALUES ('\(institution)', '\(district)', 'd-1', 'District', 'district');
            INSERT INTO orgs (institution_id, id, source_id, name, type, parent_id) VALUES ('\(institution)', '\(school)', 's-1', 'School', 'school', '\(district)');
            INSERT INTO org_members (institution_id, org_id, person_id, role, roster_role, source_id) VALUES
                ('\(institution)', '\(school)', '\(world.id(.learner))', 'learner', 'student', 'r-1'),
                ('\(institution)', '\(district)', '\(world.id(.otherLearner))', 'learner', 'student', 'r-2');
            """)
        let byDistrict = try await world.call("GET", "/v1/transcripts?org=d-1&format=ndjson", as: .registrar)
        #expect(byDistrict.status == 200)
        #expect(byDistrict.header("Pathfolio-Export-Learners") == "2")
        let bySchool = try await world.call("GET", "/v1/transcripts?org=\(school)&format=ndjson", as: .registrar)
        #expect(bySchool.text.split(separator: "\n").count == 1)
        #expect(bySchool.text.contains(world.id(.learner)))

        try await world.execute("UPDATE people SET cohort = '2027' WHERE id = '\(world.id(.otherLearner))'")
        let cohort = try await world.call("GET", "/v1/transcripts?cohort=2027&format=ndjson", as: .registrar)
        #expect(cohort.text.split(separator: "\n").count == 1)

        for who in [APIWorld.Who.advisor, .learner, .admin, .assessor] {
            #expect(try await world.call("GET", "/v1/transcripts?class=\(classID)", as: who).status == 404, "\(who)")
        }
        #expect(try await world.call("GET", "/v1/transcripts", as: .registrar).status == 400)
        #expect(try await world.call("GET", "/v1/transcripts?class=\(classID)&cohort=2027", as: .registrar).status == 400)
        #expect(try await world.call("GET", "/v1/transcripts?class=\(UUID())", as: .registrar).status == 422)
        #expect(try await world.call("GET", "/v1/transcripts?cohort=1999", as: .registrar).status == 422)
        #expect(try await world.call("GET", "/v1/transcripts?class=\(classID)&format=xml", as: .registrar).status == 400)
        // Refusals recorded nothing.
        #expect(try await world.call("GET", "/v1/transcripts?org=nowhere", as: .registrar).status == 422)
        #expect(try await world.count("disclosures WHERE record = 'bulk_export'") == 2 + 2 + 2 + 2 + 1 + 1)
    }
}

