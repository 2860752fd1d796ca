import Foundation
import Testing

@Suite("OneRoster import: POST /v1/rosters/import")
struct RosterImportTests {
    typealias Who = APIWorld.Who

    /// `counts` of a summary as [table: [created, updated, unchanged, removed]].
    static func counts(_ answer: APIWorld.Answer) -> [String: [Int]] {
        let counts = answer.json["counts"] as? [String: [String: Int]] ?? [:]
        return counts.mapValues { [$0["created"] ?? -1, $0["updated"] ?? -1, $0["unchanged"] ?? -1, $0["removed"] ?? -1] }
    }

    static let cleanSets: [(String, [String: [Int]])] = [
        ("v1p1/catalyst-Test_full_data_set", [
            // The homeroom class is `tobedeleted` in its bulk file: it and its three enrollments are not written.
            "orgs": [1, 0, 0, 0], "academicSessions": [4, 0, 0, 0], "users": [6, 0, 0, 0], "roles": [6, 0, 0, 0],
            "classes": [1, 0, 0, 0], "enrollments": [3, 0, 0, 0], "demographics": [0, 0, 0, 0],
            "classMembers": [3, 0, 0, 0], "advising": [0, 0, 0, 0], "personRoles": [6, 0, 0, 0],
        ]),
        ("v1p1/catalyst-Test_minimal_data_set", [
            "orgs": [1, 0, 0, 0], "academicSessions": [5, 0, 0, 0], "users": [6, 0, 0, 0], "roles": [6, 0, 0, 0],
            "classes": [2, 0, 0, 0], "enrollments": [6, 0, 0, 0], "demographics": [0, 0, 0, 0],
            // The homeroom teacher advises its two students (and so becomes an advisor).
            "classMembers": [6, 0, 0, 0], "advising": [2, 0, 0, 0], "personRoles": [7, 0, 0, 0],
        ]),
        ("v1p2/catalyst-oneroster_test_data", [
            "orgs": [1, 0, 0, 0], "academicSessions": [1, 0, 0, 0], "users": [1, 0, 0, 0], "roles": [1, 0, 0, 0],
            "classes": [1, 0, 0, 0], "enrollments": [1, 0, 0, 0], "demographics": [1, 0, 0, 0],
            "classMembers": [1, 0, 0, 0], "advising": [0, 0, 0, 0], "personRoles": [1, 0, 0, 0],
        ]),
    ]

    @Test("each clean fixture set is imported with the right counts, then again changing nothing",
          arguments: [0, 1, 2])
    func cleanFixture(index: Int) async throws {
        let (set, expected) = Self.cleanSets[index]
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let zip = try RosterFixtures.zip(try RosterFixtures.files(set), folder: "export")
        let first = try await world.importRoster(zip)
        #expect(first.status == 201, "\(set): \(first.text)")
        #expect(Self.counts(first) == expected, "\(set): \(first.text)")
        #expect(first.json["dryRun"] as? Bool == false)
        #expect(first.json["importId"] is String)
        let checksum = try await world.rosterChecksum()
        let tables = try await world.rosterCounts()

        let again = try await world.importRoster(zip)
        #expect(again.status == 201, "\(again.text)")
        let unchanged = expected.mapValues { [0, 0, $0[0] + $0[1] + $0[2], 0] }
        #expect(Self.counts(again) == unchanged, "\(set): \(again.text)")
        #expect(try await world.rosterChecksum() == checksum, "\(set): a second import changed rows")
        var after = try await world.rosterCounts()
        after["roster_imports"]! -= 1
        #expect(after == tables)
        #expect(try await world.count("audit_log WHERE action = 'roster.import'") == 2)
    }

    @Test("a 1.2 import stores the course title, the school, the demographics and the org membership")
    func storedValues() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let answer = try await world.importRoster(try RosterFixtures.zip(try RosterFixtures.files("v1p2/catalyst-oneroster_test_data")))
        #expect(answer.status == 201, "\(answer.text)")
        #expect(try await world.scalar("SELECT course_title || ' / ' || c.class_type || ' / ' || o.name FROM classes c JOIN orgs o ON o.id = c.org_id WHERE c.source_id = 'CLASS_001'")
            == "Crime Fighting 101 / scheduled / Gotham High School")
        #expect(try await world.scalar("SELECT fields ->> 'birthDate' FROM person_demographics") == "2010-04-17")
        #expect(try await world.scalar("SELECT given_name || ' ' || family_name || ' ' || identifier FROM people WHERE source_id = 'USER_0'")
            == "Bruce Wayne bruce.wayne")
        #expect(try await world.scalar("SELECT role || ' ' || roster_role || ' ' || is_primary FROM org_members") == "learner student true")
        // The learner is a learner of the class; the user profile and the password are not stored.
        #expect(try await world.scalar("SELECT string_agg(role, ',') FROM person_roles WHERE person_id = (SELECT id FROM people WHERE source_id = 'USER_0')") == "learner")
    }

    @Test("each broken fixture set is refused with every error by file and line, and nothing is written",
          arguments: ["v1p1/oat-sa-OneRosterv1p1BaseCSV", "v1p2/catalyst-v1p2_full_dataset"])
    func brokenFixture(set: String) async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let before = try await world.rosterCounts()
        let checksum = try await world.rosterChecksum()
        let answer = try await world.importRoster(try RosterFixtures.zip(try RosterFixtures.files(set)))
        #expect(answer.status == 422, "\(answer.text)")
        #expect(answer.header("Content-Type") == "application/problem+json")
        let errors = answer.json["errors"] as? [[String: Any]] ?? []
        #expect(errors.count > 3)
        for error in errors {
            #expect(error["file"] is String && (error["pointer"] as? String)?.hasPrefix("/") == true, "\(error)")
        }
        func has(_ file: String, _ line: Int, _ column: String?) -> Bool {
            errors.contains { $0["file"] as? String == file && $0["line"] as? Int == line && $0["column"] as? String == column }
        }
        if set.hasPrefix("v1p1") {
            #expect(has("classes.csv", 1, "grades"))
            #expect(has("orgs.csv", 2, "dateLastModified"))
            #expect(has("classes.csv", 3, "courseSourcedId"))
            #expect(errors.contains { $0["pointer"] as? String == "/classes.csv/3/courseSourcedId" })
        } else {
            #expect(has("roles.csv", 1, "dateLastModified"))
            #expect(has("users.csv", 4, "dateLastModified"))
            #expect(has("roles.csv", 8, nil))
        }
        #expect(try await world.rosterCounts() == before)
        #expect(try await world.rosterChecksum() == checksum)
    }

    @Test("a delta updates one user and deletes one enrollment; the class loses that learner")
    func delta() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        #expect(try await world.importRoster(try RosterFixtures.zip(try RosterFixtures.files("v1p1/catalyst-Test_full_data_set")))
            .status == 201)
        let userHeader = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password"
        let enrollmentHeader = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate"
        let delta = try RosterFixtures.zip([
            "manifest.csv": RosterFixtures.manifest("1.1", ["users": "delta", "enrollments": "delta"]),
            "users.csv": userHeader + "\r\nusr-222-987654,active,2024-01-02T00:00:00Z,true,org-sch-222-456,teacher,jim.smith,,James,Smith,,jim.smith,jim.smith@myschool.com,,,,11,\r\n",
            "enrollments.csv": enrollmentHeader + "\r\nenr-s-222-12345-987655,tobedeleted,2024-01-02T00:00:00Z,cls-222-123456,org-sch-222-456,usr-222-1234561232,student,false,,\r\n",
        ])
        let answer = try await world.importRoster(delta)
        #expect(answer.status == 201, "\(answer.text)")
        let counts = Self.counts(answer)
        #expect(counts["users"] == [0, 1, 0, 0], "\(answer.text)")
        #expect(counts["roles"] == [0, 0, 1, 0], "\(answer.text)")
        #expect(counts["enrollments"] == [0, 0, 0, 1], "\(answer.text)")
        #expect(counts["classMembers"] == [0, 0, 2, 1], "\(answer.text)")
        #expect(counts["orgs"] == [0, 0, 0, 0] && counts["classes"] == [0, 0, 0, 0])
        #expect(try await world.scalar("SELECT given_name FROM people WHERE source_id = 'usr-222-987654'") == "James")
        let classID = try await world.scalar("SELECT id FROM classes WHERE source_id = 'cls-222-123456'")
        let roster = try await world.call("GET", "/v1/classes/\(classID)", as: .admin)
        #expect((roster.json["learnerIds"] as? [String]) == [try await world.person("usr-222-987654")], "\(roster.text)")
        // Nothing else moved: the other people, orgs, sessions stay.
        #expect(try await world.count("people WHERE rostered AND retired_at IS NULL") == 6)
        #expect(try await world.count("academic_sessions WHERE retired_at IS NULL") == 4)
    }

    @Test("a bulk file retires what it lacks: a person's roles and enrollments go, the person stays")
    func bulkRetires() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        var files = try RosterFixtures.files("v1p1/catalyst-Test_minimal_data_set")
        #expect(try await world.importRoster(try RosterFixtures.zip(files)).status == 201)
        // usr-222-1234561232 leaves (with their enrollments); the homeroom stays.
        // ("\r\n" is one Character to Swift: split on any line break.)
        files["users.csv"] = files["users.csv"]!.split(whereSeparator: \.isNewline)
            .filter { !$0.hasPrefix("usr-222-1234561232,") }.joined(separator: "\r\n")
        files["enrollments.csv"] = files["enrollments.csv"]!.split(whereSeparator: \.isNewline)
            .filter { !$0.contains(",usr-222-1234561232,") }.joined(separator: "\r\n")
        let answer = try await world.importRoster(try RosterFixtures.zip(files))
        #expect(answer.status == 201, "\(answer.text)")
        let counts = Self.counts(answer)
        #expect(counts["users"] == [0, 0, 5, 1], "\(answer.text)")
        #expect(counts["roles"] == [0, 0, 5, 1], "\(answer.text)")
        #expect(counts["enrollments"] == [0, 0, 4, 2], "\(answer.text)")
        #expect(counts["advising"] == [0, 0, 1, 1], "\(answer.text)")
        #expect(counts["personRoles"] == [0, 0, 6, 1], "\(answer.text)")
        #expect(try await world.count("people WHERE source_id = 'usr-222-1234561232' AND retired_at IS NOT NULL") == 1)
        // The demo's own people (not rostered) are never retired.
        #expect(try await world.count("people WHERE source_id LIKE 'demo-%' AND retired_at IS NOT NULL") == 0)
    }

    /// A 1.2 package: a district above a school, a homeroom and a scheduled class, a teacher, a
    /// counselor and two students, with demographics.
    static let school: [String: String] = [
        "manifest.csv": RosterFixtures.manifest("1.2", ["orgs": "bulk", "users": "bulk", "roles": "bulk", "classes": "bulk",
                                                        "enrollments": "bulk", "academicSessions": "bulk", "demographics": "bulk"]),
        "orgs.csv": """
            sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
            D1,active,2024-01-01T00:00:00Z,"North District, Inc.",district,,
            S1,active,2024-01-01T00:00:00Z,North High,school,NH,D1
            """,
        "users.csv": """
            sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns
            T1,active,2024-01-01T00:00:00Z,true,tina,,Tina,Teach,,T-1,tina@north.example,,,,,,,,,,S1,
            C1,active,2024-01-01T00:00:00Z,true,carl,,Carl,Counsel,,C-1,,,,,,,,,,,S1,
            L1,active,2024-01-01T00:00:00Z,true,lea,,Léa,"O'Neil, Jr.",,L-1,,,,,09,,,,,,S1,
            L2,active,2024-01-01T00:00:00Z,true,lou,,Lou,"Multi
            Line",,L-2,,,,,09,,,,,,S1,
            """,
        "roles.csv": """
            sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId
            R1,active,2024-01-01T00:00:00Z,T1,primary,teacher,,,S1,
            R2,active,2024-01-01T00:00:00Z,C1,primary,counselor,,,S1,
            R3,active,2024-01-01T00:00:00Z,L1,primary,student,,,S1,
            R4,active,2024-01-01T00:00:00Z,L2,primary,student,,,S1,
            R5,active,2024-01-01T00:00:00Z,T1,secondary,districtAdministrator,,,D1,
            """,
        "academicSessions.csv": """
            sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear
            Y1,active,2024-01-01T00:00:00Z,2024,schoolYear,2023-09-01,2024-06-30,,2024
            """,
        "classes.csv": """
            sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods
            HR,active,2024-01-01T00:00:00Z,Homeroom 9A,09,CRS,HR9A,homeroom,,S1,Y1,,,
            MA,active,2024-01-01T00:00:00Z,Algebra,09,CRS,ALG,scheduled,,S1,Y1,,,
            """,
        "enrollments.csv": """
            sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate
            E1,active,2024-01-01T00:00:00Z,HR,S1,T1,teacher,true,,
            E2,active,2024-01-01T00:00:00Z,HR,S1,L1,student,,,
            E3,active,2024-01-01T00:00:00Z,HR,S1,L2,student,,,
            E4,active,2024-01-01T00:00:00Z,MA,S1,C1,teacher,true,,
            E5,active,2024-01-01T00:00:00Z,MA,S1,L1,student,,,
            """,
        "demographics.csv": """
            sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus
            L1,active,2024-01-01T00:00:00Z,2010-01-02,female,false,false,false,false,true,false,true,FR,,Lyon,
            L2,active,2024-01-01T00:00:00Z,,male,,,,,,,,,,,
            """,
    ]

    @Test("teaching and advising come from enrollments; an imported teacher reads their learners, not others")
    func relationshipsFromEnrollments() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let answer = try await world.importRoster(try RosterFixtures.zip(Self.school))
        #expect(answer.status == 201, "\(answer.text)")
        #expect(Self.counts(answer)["advising"] == [2, 0, 0, 0], "\(answer.text)")
        let (tina, carl, lea, lou) = (try await world.person("T1"), try await world.person("C1"), try await world.person("L1"),
                                      try await world.person("L2"))
        #expect(try await world.scalar("SELECT family_name || '|' || cohort FROM people WHERE source_id = 'L2'") == "Multi\nLine|grade 09")
        // Roles: Tina assesses and (homeroom) advises; no admin from districtAdministrator; Carl assesses Algebra and is a counselor.
        #expect(try await world.scalar("SELECT string_agg(role, ',' ORDER BY role) FROM person_roles WHERE person_id = '\(tina)'") == "advisor,assessor")
        #expect(try await world.scalar("SELECT string_agg(role, ',' ORDER BY role) FROM person_roles WHERE person_id = '\(carl)'") == "advisor,assessor")
        // The district's learners include the school's (the lead's transcript export relies on it).
        let district = try await world.scalar("SELECT id FROM orgs WHERE source_id = 'D1'")
        #expect(try await world.scalar("""
            SELECT string_agg(person_id::text, ',' ORDER BY person_id) FROM (
                SELECT set_config('pathfolio.institution_id', '\(world.institution)', true)) s, pathfolio_org_learners('\(district)')
            """) == [lea, lou].sorted().joined(separator: ","))
        let token = try await world.call("POST", "/v1/tokens", as: .admin, json: ["personId": carl])
        let carlToken = try #require(token.json["token"] as? String)
        func progress(_ learner: String, _ bearer: String) async throws -> Int {
            try await world.call("GET", "/v1/learners/\(learner)/progress", headers: ["Authorization": "Bearer \(bearer)"]).status
        }
        #expect(try await progress(lea, carlToken) == 200)   // Carl teaches Léa (Algebra)
        #expect(try await progress(lou, carlToken) == 404)   // … not Lou
        let tinaToken = try #require(try await world.call("POST", "/v1/tokens", as: .admin, json: ["personId": tina]).json["token"] as? String)
        let caseload = try await world.call("GET", "/v1/advisors/\(tina)/caseload", headers: ["Authorization": "Bearer \(tinaToken)"])
        #expect(caseload.status == 200, "\(caseload.text)")
        #expect(Set((caseload.json["items"] as? [[String: Any]] ?? []).compactMap { $0["learnerId"] as? String }) == [lea, lou],
                "\(caseload.text)")
        // An admin's own advising link survives imports; the roster's are replaced.
        #expect(try await world.call("PUT", "/v1/advisors/\(tina)/advisees/\(world.id(.learner))", as: .admin).status == 201)
        var files = Self.school
        files["enrollments.csv"] = files["enrollments.csv"]!.replacingOccurrences(of: "E3,active,2024-01-01T00:00:00Z,HR,S1,L2,student,,,\n", with: "")
        let second = try await world.importRoster(try RosterFixtures.zip(files))
        #expect(Self.counts(second)["advising"] == [0, 0, 1, 1], "\(second.text)")
        #expect(try await world.count("advising WHERE advisor_id = '\(tina)'") == 2)
    }

    @Test("admins only; other media types, bad archives, dry runs and replays")
    func requestHandling() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        let zip = try RosterFixtures.zip(Self.school)
        for who in [Who.registrar, .advisor, .assessor, .learner] {
            #expect(try await world.importRoster(zip, as: who).status == 404, "\(who)")
        }
        #expect(try await world.call("POST", "/v1/rosters/import", body: zip, headers: ["Content-Type": "application/zip"]).status == 401)
        #expect(try await world.call("POST", "/v1/rosters/import", as: .admin, body: zip).status == 415)  // application/json
        let garbage = try await world.importRoster(Data("PK\u{3}\u{4} not really".utf8))
        #expect(garbage.status == 400, "\(garbage.text)")
        #expect(try await world.importRoster(Data()).status == 400)
        #expect(try await world.importRoster(zip, query: "?dryRun=maybe").status == 400)
        #expect(try await world.rosterCounts()["orgs"] == 0)

        let dry = try await world.importRoster(zip, query: "?dryRun=true")
        #expect(dry.status == 200, "\(dry.text)")
        #expect(dry.json["dryRun"] as? Bool == true && dry.json["importId"] is NSNull)
        #expect(Self.counts(dry)["users"] == [4, 0, 0, 0])
        #expect(try await world.count("orgs") == 0)
        #expect(try await world.count("roster_imports") == 0)
        #expect(try await world.count("people WHERE rostered") == 0)

        let first = try await world.importRoster(zip, headers: ["Idempotency-Key": "roster-1"])
        #expect(first.status == 201)
        let replay = try await world.importRoster(zip, headers: ["Idempotency-Key": "roster-1"])
        #expect(replay.status == 201 && replay.header("Idempotent-Replayed") == "true")
        #expect(replay.json["importId"] as? String == first.json["importId"] as? String)
        #expect(try await world.count("roster_imports") == 1)
        // Another institution's admin imports into their own institution only.
        #expect(try await world.importRoster(zip, as: .foreignAdmin).status == 201)
        #expect(try await world.count("people WHERE source_id = 'L1'") == 2)
    }

    @Test("values Pathfolio cannot store refuse the package at their file, line and column")
    func unstorableValues() async throws {
        let world = try await APIWorld()
        defer { Task { await world.shutdown() } }
        var files = Self.school
        files["orgs.csv"] = files["orgs.csv"]!.replacingOccurrences(of: "North High", with: String(repeating: "N", count: 301))
        let answer = try await world.importRoster(try RosterFixtures.zip(files))
        #expect(answer.status == 422, "\(answer.text)")
        let errors = answer.json["errors"] as? [[String: Any]] ?? []
        #expect(errors.count == 1 && errors.first?["file"] as? String == "orgs.csv" && errors.first?["line"] as? Int == 3
            && errors.first?["column"] as? String == "name", "\(answer.text)")
        #expect(try await world.count("orgs") == 0)
    }
}
