import PathfolioCore
import Foundation
import Testing
@testable import PathfolioInterop

/// Small in-memory packages exercising each rule of the reader.
@Suite("OneRosterPackageReader")
struct OneRosterPackageReaderTests {
    static let orgsHeader = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId"
    static let usersHeader11 = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password"
    static let classesHeader = "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods"
    static let enrollmentsHeader = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate"
    static let sessionsHeader = "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear"
    static let coursesHeader = "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes"

    func manifest(_ version: String = "1.1", _ modes: [String: String]) -> [UInt8] {
        var text = "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,\(version)\r\n"
        for (name, mode) in modes.sorted(by: { $0.key < $1.key }) { text += "file.\(name),\(mode)\r\n" }
        return Array(text.utf8)
    }

    func bytes(_ lines: String...) -> [UInt8] { Array((lines.joined(separator: "\r\n") + "\r\n").utf8) }

    /// A valid 1.1 bulk package: one school, a teacher and a student, a course, a term, a class, two enrollments.
    func validFiles(mode: String = "bulk") -> [String: [UInt8]] {
        [
            "manifest.csv": manifest("1.1", ["orgs": mode, "users": mode, "classes": mode, "enrollments": mode,
                                             "academicSessions": mode, "courses": mode, "demographics": "absent"]),
            "orgs.csv": bytes(Self.orgsHeader, "org1,active,2024-01-01T00:00:00Z,Lincoln High,school,LHS,"),
            "users.csv": bytes(Self.usersHeader11,
                               "t1,active,2024-01-01T00:00:00Z,true,org1,teacher,ada,,Ada,Lovelace,,,,,,,,",
                               "s1,active,2024-01-01T00:00:00Z,true,org1,student,alan,,Alan,Turing,,,,,,t1,09,"),
            "academicSessions.csv": bytes(Self.sessionsHeader, "term1,active,2024-01-01T00:00:00Z,Fall,term,2024-09-01,2024-12-20,,2025"),
            "courses.csv": bytes(Self.coursesHeader, "crs1,active,2024-01-01T00:00:00Z,,Algebra,ALG,09,org1,Math,"),
            "classes.csv": bytes(Self.classesHeader, "cls1,active,2024-01-01T00:00:00Z,Algebra 1,09,crs1,A1,scheduled,Room 1,org1,term1,Math,,1"),
            "enrollments.csv": bytes(Self.enrollmentsHeader,
                                     "e1,active,2024-01-01T00:00:00Z,cls1,org1,t1,teacher,true,,",
                                     "e2,active,2024-01-01T00:00:00Z,cls1,org1,s1,student,false,2024-09-01,"),
        ]
    }

    func has(_ package: OneRosterPackage, _ severity: OneRosterSeverity, _ file: String, _ line: Int?,
             _ column: String? = nil, _ fragment: String = "") -> Bool {
        package.problems.contains {
            $0.severity == severity && $0.file == file && $0.line == line
                && (column == nil || $0.column == column) && (fragment.isEmpty || $0.message.contains(fragment))
        }
    }

    @Test func validPackageIsAccepted() {
        let package = OneRosterPackageReader().read(files: validFiles())
        #expect(package.problems.isEmpty, "\(package.problems)")
        #expect(package.isAccepted)
        #expect(package.enrollments.count == 2 && package.users.count == 2 && package.classes.count == 1)
        #expect(package.users[1].agentSourcedIds == ["t1"])
        #expect(package.userRoles == [
            OneRosterUserRole(userSourcedId: "t1", role: "teacher", orgSourcedId: "org1", isPrimary: true, file: "users.csv", line: 2),
            OneRosterUserRole(userSourcedId: "s1", role: "student", orgSourcedId: "org1", isPrimary: true, file: "users.csv", line: 3),
        ])
    }

    @Test func missingManifestRejectsEverything() {
        var files = validFiles()
        files["manifest.csv"] = nil
        let package = OneRosterPackageReader().read(files: files)
        #expect(!package.isAccepted)
        #expect(package.manifest == nil && package.users.isEmpty)
        #expect(has(package, .error, "manifest.csv", nil))
    }

    @Test func unsupportedVersionIsAnError() {
        var files = validFiles()
        files["manifest.csv"] = manifest("1.0", ["orgs": "bulk"])
        let package = OneRosterPackageReader().read(files: files)
        #expect(!package.isAccepted)
        #expect(has(package, .error, "manifest.csv", 3, "value", "1.0"))
    }

    @Test func badFileModeIsAnError() {
        var files = validFiles()
        files["manifest.csv"] = manifest("1.1", ["orgs": "bulk", "users": "full"])
        let package = OneRosterPackageReader().read(files: files)
        #expect(has(package, .error, "manifest.csv", 5, "value", "'full'"))
    }

    @Test func declaredButMissingFileIsAnError() {
        var files = validFiles()
        files["courses.csv"] = nil
        let package = OneRosterPackageReader().read(files: files)
        #expect(!package.isAccepted)
        #expect(has(package, .error, "courses.csv", nil, nil, "missing"))
    }

    @Test func presentButDeclaredAbsentIsAWarningAndIgnored() {
        var files = validFiles()
        files["demographics.csv"] = bytes("sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus",
                                          "s1,,,2010-01-01,male,,,,,,,,,,,")
        let package = OneRosterPackageReader().read(files: files)
        #expect(package.isAccepted)
        #expect(package.demographics.isEmpty)
        #expect(has(package, .warning, "demographics.csv", nil, nil, "declared absent"))
    }

    @Test func brokenReferencesInBulkAreErrors() {
        var files = validFiles()
        files["enrollments.csv"] = bytes(Self.enrollmentsHeader,
                                         "e1,active,2024-01-01T00:00:00Z,cls9,org1,t1,teacher,,,",
                                         "e2,active,2024-01-01T00:00:00Z,cls1,org1,nobody,student,,,")
        files["classes.csv"] = bytes(Self.classesHeader, "cls1,,,Algebra 1,,crs9,,scheduled,,org9,term1,,,")
        files["users.csv"] = bytes(Self.usersHeader11, "t1,,,true,org9,teacher,ada,,Ada,Lovelace,,,,,,,,",
                                   "s1,,,true,org1,student,alan,,Alan,Turing,,,,,,,,")
        let package = OneRosterPackageReader().read(files: files)
        #expect(!package.isAccepted)
        #expect(has(package, .error, "enrollments.csv", 2, "classSourcedId", "cls9"))
        #expect(has(package, .error, "enrollments.csv", 3, "userSourcedId", "nobody"))
        #expect(has(package, .error, "classes.csv", 2, "courseSourcedId", "crs9"))
        #expect(has(package, .error, "classes.csv", 2, "schoolSourcedId", "org9"))
        #expect(has(package, .error, "users.csv", 2, "orgSourcedIds", "org9"))
    }

    @Test func brokenReferencesInDeltaAreWarnings() {
        var files = validFiles(mode: "delta")
        files["enrollments.csv"] = bytes(Self.enrollmentsHeader, "e1,active,2024-01-01T00:00:00Z,cls9,org1,t1,teacher,,,")
        let package = OneRosterPackageReader().read(files: files)
        #expect(package.isAccepted, "\(package.errors)")
        #expect(has(package, .warning, "enrollments.csv", 2, "classSourcedId", "delta"))
    }

    @Test func deltaRequiresStatusAndDateLastModified() {
        var files = validFiles(mode: "delta")
        files["orgs.csv"] = bytes(Self.orgsHeader, "org1,,,Lincoln High,school,,")
        let package = OneRosterPackageReader().read(files: files)
        #expect(has(package, .error, "orgs.csv", 2, "status", "delta"))
        #expect(has(package, .error, "orgs.csv", 2, "dateLastModified", "delta"))
    }

    @Test func rowLevelValidation() {
        var files = validFiles()
        files["orgs.csv"] = bytes(Self.orgsHeader,
                                  "org1,active,2024-01-01T00:00:00+02:00,Lincoln High,school,,",
                                  "org2,gone,yesterday,,campus,,",
                                  "org1,active,,Duplicate,school,,",
                                  ",active,,No id,school,,",
                                  "org3,,,Ext Org,ext:campus,,")
        files["academicSessions.csv"] = bytes(Self.sessionsHeader, "term1,,,Fall,term,2024-13-01,2024-02-30,,2025",
                                              "term2,,,Spring,term,2025-06-01,2025-01-01,,25")
        files["classes.csv"] = bytes(Self.classesHeader, "cls1,,,Algebra 1,,crs1,,lecture,,org1,term1,,,")
        files["enrollments.csv"] = bytes(Self.enrollmentsHeader, "e1,,,cls1,org1,t1,teacher,yes,,",
                                         "e2,,,cls1,org1,s1,learner,,,")
        let package = OneRosterPackageReader().read(files: files)
        #expect(!package.isAccepted)
        #expect(package.orgs.map(\.sourcedId) == ["org1", "org2", "org3"])
        #expect(package.orgs[0].dateLastModified == Date(timeIntervalSince1970: 1_704_060_000))
        #expect(package.orgs[2].type == "ext:campus")
        #expect(has(package, .error, "orgs.csv", 3, "status", "'gone'"))
        #expect(has(package, .error, "orgs.csv", 3, "dateLastModified", "ISO 8601"))
        #expect(has(package, .error, "orgs.csv", 3, "name", "blank"))
        #expect(has(package, .error, "orgs.csv", 3, "type", "'campus'"))
        #expect(has(package, .error, "orgs.csv", 4, "sourcedId", "repeated"))
        #expect(has(package, .error, "orgs.csv", 5, "sourcedId", "blank"))
        #expect(has(package, .error, "academicSessions.csv", 2, "startDate", "YYYY-MM-DD"))
        #expect(has(package, .error, "academicSessions.csv", 2, "endDate", "YYYY-MM-DD"))
        #expect(has(package, .error, "academicSessions.csv", 3, "endDate", "before"))
        #expect(has(package, .error, "academicSessions.csv", 3, "schoolYear", "YYYY"))
        #expect(has(package, .error, "classes.csv", 2, "classType", "'lecture'"))
        #expect(has(package, .error, "enrollments.csv", 2, "primary", "boolean"))
        #expect(has(package, .error, "enrollments.csv", 3, "role", "'learner'"))
    }

    @Test func csvErrorsAreReportedByFileAndLine() {
        var files = validFiles()
        files["users.csv"] = bytes(Self.usersHeader11, "t1,,,true,org1,teacher,ada,,\"Ada,Lovelace,,,,,,,,")
        let package = OneRosterPackageReader().read(files: files)
        #expect(!package.isAccepted)
        #expect(has(package, .error, "users.csv", 2, nil, "not terminated"))
    }

    @Test func quotedMultilineCellsKeepLineNumbers() {
        var files = validFiles()
        files["orgs.csv"] = Array(([0xEF, 0xBB, 0xBF] as [UInt8])) + bytes(Self.orgsHeader,
            "org1,,,\"Lincoln\nHigh\",school,,", "org2,,,Second,campus,,")
        let package = OneRosterPackageReader().read(files: files)
        #expect(package.orgs.first?.name == "Lincoln\nHigh")
        #expect(package.orgs.last?.line == 4)
        #expect(has(package, .error, "orgs.csv", 4, "type"))
    }

    @Test func oneRoster12UsersAndRoles() {
        let usersHeader = "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns"
        let rolesHeader = "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId"
        let files: [String: [UInt8]] = [
            "manifest.csv": manifest("1.2", ["orgs": "bulk", "users": "bulk", "roles": "bulk"]),
            "orgs.csv": bytes(Self.orgsHeader, "org1,,,District,district,,"),
            "users.csv": bytes(usersHeader, "u1,,,TRUE,ada,,Ada,Lovelace,,,,,,,,,,Countess,,,org1,she/her",
                               "u2,,,false,bob,,Bob,B,,,,,,,,,,,,,org9,"),
            "roles.csv": bytes(rolesHeader, "r1,,,u1,primary,districtAdministrator,,,org1,",
                               "r2,,,u2,tertiary,Teacher,,,org1,", "r3,,,u3,primary,student,,,org1,"),
        ]
        let package = OneRosterPackageReader().read(files: files)
        #expect(package.users[0].preferredGivenName == "Countess" && package.users[0].pronouns == "she/her")
        #expect(package.users[1].enabledUser == false)
        #expect(package.roles[0].role == "districtAdministrator")
        #expect(package.roles[1].role == "teacher")
        #expect(has(package, .error, "users.csv", 3, "primaryOrgSourcedId", "org9"))
        #expect(has(package, .error, "roles.csv", 3, "roleType", "'tertiary'"))
        #expect(has(package, .warning, "roles.csv", 3, "role", "'Teacher'"))
        #expect(has(package, .error, "roles.csv", 4, "userSourcedId", "u3"))
        #expect(package.userRoles.map(\.role) == ["districtAdministrator", "teacher", "student"])
        #expect(package.userRoles.map(\.isPrimary) == [true, false, true])
    }

    @Test func emptyFileAndStrayQuoteInAFile() {
        var files = validFiles()
        files["courses.csv"] = []
        files["orgs.csv"] = bytes(Self.orgsHeader, "org1,,,Lincoln \"High\",school,,")
        let package = OneRosterPackageReader().read(files: files)
        #expect(has(package, .error, "courses.csv", 1, nil, "empty"))
        #expect(has(package, .error, "orgs.csv", 2, nil, "stray quote"))
    }

    @Test func rolesFileInA11PackageIsIgnoredWithAWarning() {
        var files = validFiles()
        files["roles.csv"] = bytes("sourcedId")
        files["notes.txt.csv"] = bytes("x")
        let package = OneRosterPackageReader().read(files: files)
        #expect(package.isAccepted)
        #expect(has(package, .warning, "roles.csv", nil))
        #expect(has(package, .warning, "notes.txt.csv", nil))
    }

    @Test func timestampParsing() {
        #expect(OneRosterTimestamp.parse("2023-05-01T18:25:43Z") == .dateTime(Date(timeIntervalSince1970: 1_682_965_543)))
        #expect(OneRosterTimestamp.parse("2023-05-01T20:25:43+02:00") == .dateTime(Date(timeIntervalSince1970: 1_682_965_543)))
        #expect(OneRosterTimestamp.parse("2023-05-01") == .dateOnly(Date(timeIntervalSince1970: 1_682_899_200)))
        for bad in ["2023-05-01 18:25:43", "2023-05-01T18:25:43", "1/05/2023", "2023-02-29T00:00:00Z", "2023-05-01T25:00:00Z", ""] {
            #expect(OneRosterTimestamp.parse(bad) == nil, "\(bad)")
        }
        #expect((try? CalendarDate(iso: "2024-02-29")) != nil)
        #expect((try? CalendarDate(iso: "2023-02-29")) == nil)
        #expect((try? CalendarDate(iso: "2024-02-29"))?.description == "2024-02-29")
    }
}
