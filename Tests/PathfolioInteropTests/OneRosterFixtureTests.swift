import PathfolioCore
import Foundation
import Testing
@testable import PathfolioInterop

/// The fixture sets under shared/standards/oneroster, read in place.
@Suite("OneRoster fixtures")
struct OneRosterFixtureTests {
    static let root = SharedStandards.directory + "oneroster/"

    func read(_ set: String) throws -> OneRosterPackage {
        try OneRosterPackageReader().read(directory: URL(fileURLWithPath: Self.root + set))
    }

    func counts(_ package: OneRosterPackage) -> [OneRosterTable: Int] {
        Dictionary(uniqueKeysWithValues: OneRosterTable.allCases.map { ($0, package.count(of: $0)) })
    }

    /// True when some problem of `severity` is at file:line (and column, when given).
    func has(_ package: OneRosterPackage, _ severity: OneRosterSeverity, _ file: String, _ line: Int?,
             _ column: String? = nil, _ fragment: String = "") -> Bool {
        package.problems.contains {
            $0.severity == severity && $0.file == file && $0.line == line
                && (column == nil || $0.column == column) && (fragment.isEmpty || $0.message.contains(fragment))
        }
    }

    @Test func catalyst11FullIsAcceptedWithExpectedCounts() throws {
        let package = try read("v1p1/catalyst-Test_full_data_set")
        #expect(package.errors.isEmpty, "\(package.errors)")
        #expect(package.isAccepted)
        #expect(package.manifest?.version == .v1_1)
        #expect(package.manifest?.mode(of: "courses") == .absent)
        #expect(counts(package) == [.orgs: 1, .users: 6, .roles: 0, .userProfiles: 0, .academicSessions: 5,
                                    .courses: 0, .classes: 2, .enrollments: 6, .demographics: 0])
        let user = try #require(package.users.first { $0.sourcedId == "usr-222-1234561" })
        #expect(user.role == "parent")
        #expect(user.userIds == ["{LDAP:12}", "{LTI:15}", "{Fed:23}"])
        #expect(user.orgSourcedIds == ["org-sch-222-456"])
        #expect(user.enabledUser)
        #expect(package.userRoles.count == 6)
        #expect(package.userRoles.filter { $0.role == "teacher" }.map(\.userSourcedId) == ["usr-222-123456", "usr-222-987654"])
        let history = try #require(package.classes.first { $0.sourcedId == "cls-222-123478" })
        #expect(history.termSourcedIds == ["as-trm-222-1234", "as-trm-222-1235"])
        #expect(history.status == .tobedeleted)
        #expect(history.periods == ["1", "2", "3"])
        let physics = try #require(package.classes.first { $0.sourcedId == "cls-222-123456" })
        #expect(physics.classType == "scheduled") // 'Scheduled' normalised, with a warning
        #expect(has(package, .warning, "classes.csv", 2, "classType"))
        let enrollment = try #require(package.enrollments.first)
        #expect(enrollment.role == "teacher" && enrollment.primary == false)
        #expect(enrollment.beginDate == (try CalendarDate(year: 2022, month: 3, day: 15)))
        let session = try #require(package.academicSessions.first)
        #expect(abs((session.dateLastModified?.timeIntervalSince1970 ?? 0) - 1_682_965_543.511) < 0.0005)
    }

    @Test func catalyst11MinimalIsAcceptedWithExpectedCounts() throws {
        let package = try read("v1p1/catalyst-Test_minimal_data_set")
        #expect(package.errors.isEmpty, "\(package.errors)")
        #expect(package.isAccepted)
        #expect(counts(package) == [.orgs: 1, .users: 6, .roles: 0, .userProfiles: 0, .academicSessions: 5,
                                    .courses: 0, .classes: 2, .enrollments: 6, .demographics: 0])
        #expect(package.users.allSatisfy { $0.status == nil && $0.dateLastModified == nil })
    }

    @Test func catalyst12TestDataIsAcceptedWithExpectedCounts() throws {
        let package = try read("v1p2/catalyst-oneroster_test_data")
        #expect(package.problems.isEmpty, "\(package.problems)")
        #expect(package.isAccepted)
        #expect(package.manifest?.version == .v1_2)
        #expect(package.manifest?.mode(of: "users") == .delta)
        #expect(package.manifest?.sourceSystemName == "DataGen")
        #expect(counts(package) == [.orgs: 1, .users: 1, .roles: 1, .userProfiles: 1, .academicSessions: 1,
                                    .courses: 1, .classes: 1, .enrollments: 1, .demographics: 1])
        let user = try #require(package.users.first)
        #expect(user.role == nil && user.givenName == "Bruce" && user.password == "Batman.Ru1ez")
        let role = try #require(package.roles.first)
        #expect(role.userSourcedId == "USER_0" && role.role == "student" && role.roleType == "primary"
            && role.orgSourcedId == "ORG_1")
        #expect(package.demographics.first?.birthDate == (try CalendarDate(year: 2010, month: 4, day: 17)))
        #expect(package.courses.first?.subjectCodes == ["0101"])
        #expect(package.userProfiles.first?.vendorId == "WEI18954")
        #expect(package.userRoles == [OneRosterUserRole(userSourcedId: "USER_0", role: "student", orgSourcedId: "ORG_1",
                                                        isPrimary: true, file: "roles.csv", line: 2)])
    }

    /// README: vendor ext_ and metadata.* columns, 'grade' instead of 'grades', userSourcedId in
    /// demographics, missing schoolYear/beginDate/endDate.
    @Test func oatSa11IsRejectedWithEachDefectLocated() throws {
        let package = try read("v1p1/oat-sa-OneRosterv1p1BaseCSV")
        #expect(!package.isAccepted)
        // vendor ext_ columns: warnings; metadata.* columns kept silently.
        #expect(has(package, .warning, "orgs.csv", 1, "ext_imagineLearning_databaseId"))
        #expect(has(package, .warning, "users.csv", 1, "ext_tao_userMotherName"))
        #expect(!package.problems.contains { $0.column?.hasPrefix("metadata.") == true })
        let school = try #require(package.orgs.first { $0.sourcedId == "12345" })
        #expect(school.metadata["metadata.classification"] == "Classification 1")
        #expect(school.metadata["metadata.boarding"] == "FALSE")
        // 'grade' instead of 'grades'.
        #expect(has(package, .error, "classes.csv", 1, "grades", "missing"))
        #expect(has(package, .warning, "classes.csv", 1, "grade"))
        #expect(has(package, .error, "courses.csv", 1, "grades", "missing"))
        // userSourcedId instead of sourcedId in demographics (and birthdate in the wrong case).
        #expect(has(package, .error, "demographics.csv", 1, "sourcedId", "missing"))
        #expect(has(package, .warning, "demographics.csv", 1, "userSourcedId"))
        #expect(has(package, .error, "demographics.csv", 1, "birthDate", "found 'birthdate'"))
        // missing schoolYear / beginDate / endDate columns.
        #expect(has(package, .error, "academicSessions.csv", 1, "schoolYear", "missing"))
        #expect(has(package, .error, "enrollments.csv", 1, "beginDate", "missing"))
        #expect(has(package, .error, "enrollments.csv", 1, "endDate", "missing"))
        // Further defects found: users.csv 1.0-style columns, a non-ISO timestamp, blank required
        // courseSourcedId, class terms absent from academicSessions.csv.
        #expect(has(package, .error, "users.csv", 1, "userIds", "missing"))
        #expect(has(package, .warning, "users.csv", 1, "userId"))
        #expect(has(package, .error, "orgs.csv", 2, "dateLastModified", "ISO 8601"))
        for line in 2...4 {
            #expect(has(package, .error, "classes.csv", line, "courseSourcedId", "blank"))
            #expect(has(package, .error, "classes.csv", line, "termSourcedIds", "'1' is not in academicSessions.csv"))
        }
    }

    /// README: roles.csv header typo 'dataLastModified' and trailing empty columns, userprofiles.csv
    /// (lower-case name, wrong columns, not in manifest), users.csv 'prefferedGivenName' typos,
    /// d/m/yyyy dates, 'Scheduled' capitalised classType, tobedeleted rows in bulk.
    @Test func catalyst12FullDatasetIsRejectedWithEachDefectLocated() throws {
        let package = try read("v1p2/catalyst-v1p2_full_dataset")
        #expect(!package.isAccepted)
        // roles.csv: header typo and trailing empty columns (so every row is short).
        #expect(has(package, .error, "roles.csv", 1, "dateLastModified", "missing"))
        #expect(has(package, .warning, "roles.csv", 1, "dataLastModified"))
        #expect(has(package, .warning, "roles.csv", 1, nil, "column 10 has an empty name"))
        #expect(has(package, .warning, "roles.csv", 1, nil, "column 11 has an empty name"))
        for line in 2...8 { #expect(has(package, .error, "roles.csv", line, nil, "9 fields, but the header has 11")) }
        // userprofiles.csv: wrong case, not declared (file.userProfiles blank in the manifest).
        #expect(has(package, .warning, "userprofiles.csv", nil, nil, "userProfiles.csv"))
        #expect(has(package, .warning, "manifest.csv", 22, "value", "file.userProfiles is blank"))
        // users.csv: 'preffered…' typos.
        for column in ["preferredGivenName", "preferredMiddleName", "preferredFamilyName"] {
            #expect(has(package, .error, "users.csv", 1, column, "missing"))
        }
        #expect(has(package, .warning, "users.csv", 1, "prefferedGivenName"))
        #expect(package.users.first { $0.sourcedId == "usr-222-66778899" }?.vendorFields["prefferedGivenName"] == "MJ")
        // d/m/yyyy dates.
        for line in [2, 4, 5, 6, 7] {
            #expect(has(package, .error, "users.csv", line, "dateLastModified", "ISO 8601"))
        }
        // 'Scheduled' classType.
        #expect(has(package, .warning, "classes.csv", 2, "classType", "'Scheduled'"))
        // tobedeleted rows in bulk.
        #expect(has(package, .warning, "academicSessions.csv", 2, "status", "tobedeleted"))
        #expect(has(package, .warning, "classes.csv", 3, "status", "tobedeleted"))
    }
}
