import Foundation
import PathfolioCore
import PathfolioInterop
import PathfolioPostgres

/// A read OneRoster package translated into what ``RosterStore`` writes (README "Importing
/// rosters"), with the values that cannot be stored (longer than their column allows, or
/// holding a NUL) reported as errors at their file, line and column — so a package is refused
/// whole before anything is written, never cut short by the database half-way.
struct RosterMapping {
    /// Where each row of the snapshot's membership, enrollment and demographics lists comes
    /// from, for the warnings about rows a delta could not resolve.
    struct Location { let file: String, line: Int }

    private(set) var snapshot = RosterSnapshot()
    private(set) var problems: [OneRosterProblem] = []
    private(set) var locations: [String: [Location]] = ["roles": [], "enrollments": [], "demographics": []]

    /// Translates `package` (which must have a manifest).
    init(_ package: OneRosterPackage) {
        guard let manifest = package.manifest else { return }
        func mode(_ table: OneRosterTable) -> RosterSnapshot.Mode {
            switch manifest.mode(of: table.rawValue) {
            case .bulk: .bulk
            case .delta: .delta
            case .absent: .absent
            }
        }

        snapshot.orgs.mode = mode(.orgs)
        for org in package.orgs {
            let file = OneRosterTable.orgs.fileName
            guard keep(org.fields, in: file) else {
                snapshot.orgs.removed.append(org.sourcedId)
                continue
            }
            snapshot.orgs.rows.append(RosterSnapshot.Org(
                sourceID: org.sourcedId, name: fit(org.name, 300, file, org.line, "name"),
                type: fit(org.type, 100, file, org.line, "type"),
                identifier: fitIfPresent(org.identifier, 255, file, org.line, "identifier"),
                parentSourceID: fitIfPresent(org.parentSourcedId, 255, file, org.line, "parentSourcedId")))
        }

        snapshot.academicSessions.mode = mode(.academicSessions)
        for session in package.academicSessions {
            let file = OneRosterTable.academicSessions.fileName
            guard keep(session.fields, in: file) else {
                snapshot.academicSessions.removed.append(session.sourcedId)
                continue
            }
            guard let start = session.startDate, let end = session.endDate else { continue }
            snapshot.academicSessions.rows.append(RosterSnapshot.AcademicSession(
                sourceID: session.sourcedId, title: fit(session.title, 300, file, session.line, "title"),
                type: fit(session.type, 100, file, session.line, "type"), startDate: start, endDate: end,
                parentSourceID: fitIfPresent(session.parentSourcedId, 255, file, session.line, "parentSourcedId"),
                schoolYear: fit(session.schoolYear, 20, file, session.line, "schoolYear")))
        }

        // Learners: 1.1 users whose role is student, 1.2 users with a student role.
        let students: Set<String> = manifest.version == .v1_1
            ? Set(package.users.filter { $0.role == "student" }.map(\.sourcedId))
            : Set(package.roles.filter { $0.role == "student" }.map(\.userSourcedId))
        snapshot.people.mode = mode(.users)
        for user in package.users {
            let file = OneRosterTable.users.fileName
            guard keep(user.fields, in: file) else {
                snapshot.people.removed.append(user.sourcedId)
                continue
            }
            // A learner in exactly one grade gets it as their cohort ("grade 09").
            let cohort = students.contains(user.sourcedId) && user.grades.count == 1 ? "grade " + user.grades[0] : nil
            snapshot.people.rows.append(RosterSnapshot.Person(
                sourceID: user.sourcedId, givenName: fit(user.givenName, 200, file, user.line, "givenName"),
                familyName: fit(user.familyName, 200, file, user.line, "familyName"),
                email: fitIfPresent(user.email, 320, file, user.line, "email"), identifier: fitIfPresent(user.identifier, 255, file, user.line, "identifier"),
                cohort: fitIfPresent(cohort, 100, file, user.line, "grades")))
        }

        mapMemberships(package, version: manifest.version, mode: mode)

        let courses = Dictionary(package.courses.map { ($0.sourcedId, $0.title) }, uniquingKeysWith: { first, _ in first })
        snapshot.classes.mode = mode(.classes)
        for schoolClass in package.classes {
            let file = OneRosterTable.classes.fileName
            guard keep(schoolClass.fields, in: file) else {
                snapshot.classes.removed.append(schoolClass.sourcedId)
                continue
            }
            let title = schoolClass.title.trimmingCharacters(in: .whitespaces).isEmpty ? "" : schoolClass.title
            if title.isEmpty {
                problems.append(OneRosterProblem(file: file, line: schoolClass.line, column: "title", message: "the title is blank",
                                                 severity: .error))
            }
            snapshot.classes.rows.append(RosterSnapshot.SchoolClass(
                sourceID: schoolClass.sourcedId, title: fit(title, 300, file, schoolClass.line, "title"),
                code: fitIfPresent(schoolClass.classCode, 100, file, schoolClass.line, "classCode"),
                classType: fit(schoolClass.classType, 100, file, schoolClass.line, "classType"),
                orgSourceID: schoolClass.schoolSourcedId, termSourceIDs: schoolClass.termSourcedIds,
                courseSourceID: fitIfPresent(schoolClass.courseSourcedId, 255, file, schoolClass.line, "courseSourcedId"),
                courseTitle: fitIfPresent(courses[schoolClass.courseSourcedId], 300, file, schoolClass.line, "courseSourcedId")))
        }

        snapshot.enrollments.mode = mode(.enrollments)
        for enrollment in package.enrollments {
            let file = OneRosterTable.enrollments.fileName
            guard keep(enrollment.fields, in: file) else {
                snapshot.enrollments.removed.append(enrollment.sourcedId)
                continue
            }
            snapshot.enrollments.rows.append(RosterSnapshot.Enrollment(
                sourceID: enrollment.sourcedId, classSourceID: enrollment.classSourcedId, personSourceID: enrollment.userSourcedId,
                role: fit(enrollment.role, 100, file, enrollment.line, "role"), isPrimary: enrollment.primary,
                beginDate: enrollment.beginDate, endDate: enrollment.endDate))
            locations["enrollments", default: []].append(Location(file: file, line: enrollment.line))
        }

        snapshot.demographics.mode = mode(.demographics)
        for record in package.demographics {
            let file = OneRosterTable.demographics.fileName
            guard keep(record.fields, in: file) else {
                snapshot.demographics.removed.append(record.sourcedId)
                continue
            }
            snapshot.demographics.rows.append(RosterSnapshot.Demographics(
                personSourceID: record.sourcedId, fieldsJSON: Self.fieldsJSON(record, problems: &problems, line: record.line)))
            locations["demographics", default: []].append(Location(file: file, line: record.line))
        }
    }

    /// Org memberships: 1.2 `roles.csv` (each role its own record), or 1.1 users' `orgSourcedIds`
    /// with their `role` (the user's row is the record: a delta user replaces all of theirs).
    private mutating func mapMemberships(_ package: OneRosterPackage, version: OneRosterVersion,
                                         mode: (OneRosterTable) -> RosterSnapshot.Mode) {
        func role(_ rosterRole: String) -> String {
            OneRosterRoleMapping.role(forUserRole: rosterRole)?.rawValue ?? "other"
        }
        if version == .v1_2 {
            snapshot.memberships.mode = mode(.roles)
            for record in package.roles {
                let file = OneRosterTable.roles.fileName
                guard keep(record.fields, in: file) else {
                    snapshot.memberships.removed.append(record.sourcedId)
                    continue
                }
                snapshot.memberships.rows.append(RosterSnapshot.Membership(
                    recordID: record.sourcedId, orgSourceID: record.orgSourcedId, personSourceID: record.userSourcedId,
                    role: role(record.role), rosterRole: fit(record.role, 100, file, record.line, "role"),
                    isPrimary: record.roleType == "primary", beginDate: record.beginDate, endDate: record.endDate,
                    position: snapshot.memberships.rows.count))
                locations["roles", default: []].append(Location(file: file, line: record.line))
            }
            return
        }
        snapshot.memberships.mode = mode(.users)
        for user in package.users {
            let file = OneRosterTable.users.fileName
            guard keep(user.fields, in: file) else {
                snapshot.memberships.removed.append(user.sourcedId)
                continue
            }
            guard let rosterRole = user.role else { continue }
            for (position, org) in user.orgSourcedIds.enumerated() {
                snapshot.memberships.rows.append(RosterSnapshot.Membership(
                    recordID: user.sourcedId, orgSourceID: org, personSourceID: user.sourcedId, role: role(rosterRole),
                    rosterRole: fit(rosterRole, 100, file, user.line, "role"), isPrimary: position == 0, beginDate: nil,
                    endDate: nil, position: snapshot.memberships.rows.count))
                locations["roles", default: []].append(Location(file: file, line: user.line))
            }
        }
    }

    /// Whether a record is to be written (`tobedeleted`: its key joins the part's `removed`); its sourcedId must fit.
    private mutating func keep(_ fields: OneRosterRecordFields, in file: String) -> Bool {
        _ = fit(fields.sourcedId, 255, file, fields.line, "sourcedId")
        return fields.status != .tobedeleted
    }

    /// `value`, with an error recorded when it is longer than `limit` characters or holds a NUL.
    private mutating func fit(_ value: String, _ limit: Int, _ file: String, _ line: Int, _ column: String) -> String {
        if value.count > limit {
            problems.append(OneRosterProblem(file: file, line: line, column: column,
                                             message: "longer than the \(limit) characters Pathfolio stores", severity: .error))
        }
        if value.utf8.contains(0) {
            problems.append(OneRosterProblem(file: file, line: line, column: column, message: "holds a NUL character",
                                             severity: .error))
        }
        return value
    }

    private mutating func fitIfPresent(_ value: String?, _ limit: Int, _ file: String, _ line: Int, _ column: String) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return fit(value, limit, file, line, column)
    }

    /// The demographics fields Pathfolio keeps, by their OneRoster column names.
    static let demographicFields = [
        "birthDate", "sex", "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
        "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces", "hispanicOrLatinoEthnicity",
        "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth", "publicSchoolResidenceStatus",
    ]

    /// A demographics record as a JSON object of strings (blank cells left out).
    private static func fieldsJSON(_ record: OneRosterDemographics, problems: inout [OneRosterProblem], line: Int) -> String {
        var fields: [String: String] = [:]
        fields["birthDate"] = record.birthDate?.description
        fields["sex"] = record.sex
        for (name, flag) in record.flags { fields[name] = flag ? "true" : "false" }
        fields["countryOfBirthCode"] = record.countryOfBirthCode
        fields["stateOfBirthAbbreviation"] = record.stateOfBirthAbbreviation
        fields["cityOfBirth"] = record.cityOfBirth
        fields["publicSchoolResidenceStatus"] = record.publicSchoolResidenceStatus
        for (name, value) in fields where value.count > 300 || value.utf8.contains(0) {
            problems.append(OneRosterProblem(file: OneRosterTable.demographics.fileName, line: line, column: name,
                                             message: "longer than 300 characters or holding a NUL", severity: .error))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(fields.filter { !$0.value.isEmpty })) ?? Data("{}".utf8), as: UTF8.self)
    }
}
