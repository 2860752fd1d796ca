import Foundation
import PathfolioCore

/// The state of one ``OneRosterPackageReader`` run: the problems found so far, the records, and the
/// sourcedIds of each table read (for the reference checks).
struct OneRosterReadState {
    let files: [String: [UInt8]]
    var package = OneRosterPackage()
    var version: OneRosterVersion = .v1_1
    var manifest: OneRosterManifest?
    /// sourcedIds per parsed table.
    var ids: [OneRosterTable: Set<String>] = [:]

    init(files: [String: [UInt8]]) {
        self.files = files
    }

    mutating func problem(_ file: String, _ line: Int?, _ message: String, _ severity: OneRosterSeverity = .error) {
        problem(file, line, nil, message, severity)
    }

    mutating func problem(_ file: String, _ line: Int?, _ column: String?, _ message: String,
                          _ severity: OneRosterSeverity = .error) {
        package.problems.append(OneRosterProblem(file: file, line: line, column: column, message: message,
                                                 severity: severity))
    }

    // MARK: - Manifest and files

    mutating func readAll() {
        guard let manifest = readManifest() else { return }
        self.manifest = manifest
        package.manifest = manifest
        version = manifest.version
        checkFileSet(manifest)
        for table in OneRosterTable.allCases where table.exists(in: version) {
            guard manifest.mode(of: table.rawValue) != .absent, let bytes = files[table.fileName] else { continue }
            readTable(table, bytes: bytes, mode: manifest.mode(of: table.rawValue))
        }
        checkReferences()
    }

    mutating func readManifest() -> OneRosterManifest? {
        let file = "manifest.csv"
        guard let bytes = files[file] else {
            problem(file, nil, "manifest.csv is missing; the package cannot be read")
            return nil
        }
        let records: [CSVRecord]
        do {
            records = try CSVReader().read(bytes: bytes)
        } catch {
            problem(file, error.line, error.description)
            return nil
        }
        guard let header = records.first, header.fields.count >= 2,
              header.fields[0] == "propertyName", header.fields[1] == "value" else {
            problem(file, records.first?.line ?? 1, "the header must be 'propertyName,value'")
            return nil
        }
        var properties: [String: String] = [:]
        var lines: [String: Int] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == 2 else {
                problem(file, record.line, "\(record.fields.count) fields; a manifest row has 2")
                continue
            }
            let key = record.fields[0].trimmingCharacters(in: .whitespaces)
            if properties[key] != nil {
                problem(file, record.line, "property '\(key)' is repeated")
                continue
            }
            properties[key] = record.fields[1].trimmingCharacters(in: .whitespaces)
            lines[key] = record.line
        }
        guard let versionText = properties["oneroster.version"] else {
            problem(file, nil, "oneroster.version is missing")
            return nil
        }
        guard let version = OneRosterVersion(rawValue: versionText) else {
            problem(file, lines["oneroster.version"], "value",
                    "oneroster.version '\(versionText)' is not supported (1.1 or 1.2)")
            return nil
        }
        var modes: [String: OneRosterFileMode] = [:]
        for (key, value) in properties where key.hasPrefix("file.") {
            let name = String(key.dropFirst(5))
            if value.isEmpty {
                problem(file, lines[key], "value", "\(key) is blank; read as 'absent'", .warning)
                modes[name] = .absent
            } else if let mode = OneRosterFileMode(rawValue: value.lowercased()) {
                modes[name] = mode
            } else {
                problem(file, lines[key], "value", "\(key) is '\(value)'; expected bulk, delta or absent")
                modes[name] = .absent
            }
        }
        func blankOrAbsent(_ value: String?) -> String? {
            guard let value, !value.isEmpty else { return nil }
            return value
        }
        return OneRosterManifest(version: version, manifestVersion: properties["manifest.version"], files: modes,
                                 sourceSystemName: blankOrAbsent(properties["source.systemName"]),
                                 sourceSystemCode: blankOrAbsent(properties["source.systemCode"]),
                                 properties: properties)
    }

    mutating func checkFileSet(_ manifest: OneRosterManifest) {
        let known = Dictionary(uniqueKeysWithValues: OneRosterTable.allCases.filter { $0.exists(in: version) }
            .map { ($0.fileName, $0) })
        // Declared tables.
        for (name, mode) in manifest.files.sorted(by: { $0.key < $1.key }) where mode != .absent {
            let fileName = name + ".csv"
            if known[fileName] == nil {
                problem("manifest.csv", nil, "file.\(name)",
                        "\(fileName) is declared \(mode.rawValue) but this importer does not translate it; ignored",
                        .warning)
            }
            if files[fileName] == nil {
                problem(fileName, nil, "declared \(mode.rawValue) in manifest.csv but missing from the package")
            }
        }
        // Files present.
        for name in files.keys.sorted() where name != "manifest.csv" {
            if let table = known[name] {
                if manifest.mode(of: table.rawValue) == .absent {
                    problem(name, nil, "present but declared absent (or not declared) in manifest.csv; ignored",
                            .warning)
                }
            } else if let table = known.values.first(where: { $0.fileName.lowercased() == name.lowercased() }) {
                problem(name, nil, "not a OneRoster file name (file names are case-sensitive: \(table.fileName)); ignored",
                        .warning)
            } else if manifest.mode(of: String(name.dropLast(4))) == .absent {
                problem(name, nil, "not declared in manifest.csv; ignored", .warning)
            }
        }
    }

    // MARK: - Tables

    mutating func readTable(_ table: OneRosterTable, bytes: [UInt8], mode: OneRosterFileMode) {
        let file = table.fileName
        let records: [CSVRecord]
        do {
            records = try CSVReader().read(bytes: bytes)
        } catch {
            problem(file, error.line, error.description)
            return
        }
        guard let header = records.first else {
            problem(file, 1, "the file is empty (no header row)")
            return
        }
        let spec = table.columns(for: version)
        var index: [String: Int] = [:]
        var unknown: [String] = []
        for (position, name) in header.fields.enumerated() {
            if name.isEmpty {
                problem(file, header.line, nil, "column \(position + 1) has an empty name", .warning)
                continue
            }
            if index[name] != nil {
                problem(file, header.line, name, "column '\(name)' appears twice")
                continue
            }
            index[name] = position
            if !spec.contains(name) { unknown.append(name) }
        }
        var missing: Set<String> = []
        for column in spec where index[column] == nil {
            missing.insert(column)
            var message = "required column '\(column)' of OneRoster \(version.rawValue) is missing from the header"
            if let near = unknown.first(where: { $0.lowercased() == column.lowercased() }) {
                message += " (found '\(near)')"
            }
            problem(file, header.line, column, message)
        }
        for name in unknown where !name.hasPrefix("metadata.") {
            problem(file, header.line, name,
                    "'\(name)' is not a OneRoster \(version.rawValue) column; its values are kept as a vendor field",
                    .warning)
        }
        if missing.isEmpty {
            let order = header.fields.filter { spec.contains($0) }
            if order != spec {
                problem(file, header.line, nil, "columns are not in the spec order", .warning)
            }
        }
        var seen: Set<String> = []
        for record in records.dropFirst() {
            if record.fields.count != header.fields.count {
                problem(file, record.line, nil,
                        "\(record.fields.count) fields, but the header has \(header.fields.count)")
            }
            var row = OneRosterRowReader(table: table, file: file, record: record, index: index, header: header.fields,
                          spec: spec, missingColumns: missing, mode: mode, version: version)
            defer { package.problems += row.problems }
            guard let common = row.common() else { continue }
            guard seen.insert(common.sourcedId).inserted else {
                row.report("sourcedId", "sourcedId '\(common.sourcedId)' is repeated in this file")
                continue
            }
            append(table, row: &row, common: common)
        }
        ids[table] = seen
    }

    mutating func append(_ table: OneRosterTable, row r: inout OneRosterRowReader, common c: OneRosterRecordFields) {
        switch table {
        case .orgs:
            package.orgs.append(OneRosterOrg(
                fields: c,
                name: r.required("name"), type: r.enumeration("type", OneRosterVocabulary.orgTypes) ?? "",
                identifier: r.optional("identifier"), parentSourcedId: r.optional("parentSourcedId")))
        case .users:
            let isV11 = version == .v1_1
            package.users.append(OneRosterUser(
                fields: c,
                enabledUser: r.bool("enabledUser") ?? true,
                orgSourcedIds: isV11 ? r.list("orgSourcedIds") : [],
                role: isV11 ? r.enumeration("role", OneRosterVocabulary.userRolesV1_1) : nil,
                username: r.required("username"), userIds: r.list("userIds"),
                givenName: r.required("givenName"), familyName: r.required("familyName"),
                middleName: r.optional("middleName"), identifier: r.optional("identifier"),
                email: r.optional("email"), sms: r.optional("sms"), phone: r.optional("phone"),
                agentSourcedIds: r.list("agentSourcedIds"), grades: r.list("grades"),
                password: r.optional("password"),
                userMasterIdentifier: isV11 ? nil : r.optional("userMasterIdentifier"),
                preferredGivenName: isV11 ? nil : r.optional("preferredGivenName"),
                preferredMiddleName: isV11 ? nil : r.optional("preferredMiddleName"),
                preferredFamilyName: isV11 ? nil : r.optional("preferredFamilyName"),
                primaryOrgSourcedId: isV11 ? nil : r.optional("primaryOrgSourcedId"),
                pronouns: isV11 ? nil : r.optional("pronouns")))
        case .roles:
            package.roles.append(OneRosterRole(
                fields: c,
                userSourcedId: r.required("userSourcedId"),
                roleType: r.enumeration("roleType", OneRosterVocabulary.roleTypes, open: false) ?? "",
                role: r.enumeration("role", OneRosterVocabulary.rolesV1_2) ?? "",
                beginDate: r.date("beginDate"), endDate: r.date("endDate"),
                orgSourcedId: r.required("orgSourcedId"), userProfileSourcedId: r.optional("userProfileSourcedId")))
        case .userProfiles:
            package.userProfiles.append(OneRosterUserProfile(
                fields: c,
                userSourcedId: r.required("userSourcedId"), profileType: r.required("profileType"),
                vendorId: r.required("vendorId"), applicationId: r.optional("applicationId"),
                description: r.optional("description"), credentialType: r.required("credentialType"),
                username: r.optional("username"), password: r.optional("password")))
        case .academicSessions:
            let start = r.date("startDate"), end = r.date("endDate")
            if let start, let end, end < start {
                r.report("endDate", "endDate \(end) is before startDate \(start)")
            }
            let schoolYear = r.required("schoolYear")
            if !schoolYear.isEmpty, (try? CalendarDate(iso: schoolYear + "-01-01")) == nil {
                r.report("schoolYear", "schoolYear '\(schoolYear)' is not a year (YYYY)")
            }
            package.academicSessions.append(OneRosterAcademicSession(
                fields: c,
                title: r.required("title"), type: r.enumeration("type", OneRosterVocabulary.sessionTypes) ?? "",
                startDate: start, endDate: end,
                parentSourcedId: r.optional("parentSourcedId"), schoolYear: schoolYear))
        case .courses:
            package.courses.append(OneRosterCourse(
                fields: c,
                schoolYearSourcedId: r.optional("schoolYearSourcedId"), title: r.required("title"),
                courseCode: r.optional("courseCode"), grades: r.list("grades"),
                orgSourcedId: r.required("orgSourcedId"), subjects: r.list("subjects"),
                subjectCodes: r.list("subjectCodes")))
        case .classes:
            package.classes.append(OneRosterClass(
                fields: c,
                title: r.required("title"), grades: r.list("grades"), courseSourcedId: r.required("courseSourcedId"),
                classCode: r.optional("classCode"),
                classType: r.enumeration("classType", OneRosterVocabulary.classTypes) ?? "",
                location: r.optional("location"), schoolSourcedId: r.required("schoolSourcedId"),
                termSourcedIds: r.requiredList("termSourcedIds"), subjects: r.list("subjects"),
                subjectCodes: r.list("subjectCodes"), periods: r.list("periods")))
        case .enrollments:
            package.enrollments.append(OneRosterEnrollment(
                fields: c,
                classSourcedId: r.required("classSourcedId"), schoolSourcedId: r.required("schoolSourcedId"),
                userSourcedId: r.required("userSourcedId"),
                role: r.enumeration("role", OneRosterVocabulary.enrollmentRoles) ?? "",
                primary: r.bool("primary"), beginDate: r.date("beginDate"), endDate: r.date("endDate")))
        case .demographics:
            var flags: [String: Bool] = [:]
            for column in ["americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
                           "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces",
                           "hispanicOrLatinoEthnicity"] {
                if let value = r.bool(column) { flags[column] = value }
            }
            package.demographics.append(OneRosterDemographics(
                fields: c,
                birthDate: r.date("birthDate"), sex: r.enumeration("sex", OneRosterVocabulary.sexes), flags: flags,
                countryOfBirthCode: r.optional("countryOfBirthCode"),
                stateOfBirthAbbreviation: r.optional("stateOfBirthAbbreviation"),
                cityOfBirth: r.optional("cityOfBirth"),
                publicSchoolResidenceStatus: r.optional("publicSchoolResidenceStatus")))
        }
    }

    // MARK: - References

    mutating func reference(from table: OneRosterTable, line: Int, column: String, id: String?,
                            to target: OneRosterTable, strong: Bool) {
        guard let id, !id.isEmpty, let known = ids[target], let manifest else { return }
        guard !known.contains(id) else { return }
        let mode = manifest.mode(of: target.rawValue)
        if mode == .bulk {
            problem(table.fileName, line, column, "'\(id)' is not in \(target.fileName)", strong ? .error : .warning)
        } else {
            problem(table.fileName, line, column,
                    "'\(id)' is not in the \(target.fileName) delta; it must already exist in the database", .warning)
        }
    }

    mutating func checkReferences() {
        for org in package.orgs {
            reference(from: .orgs, line: org.line, column: "parentSourcedId", id: org.parentSourcedId, to: .orgs, strong: false)
        }
        for user in package.users {
            for org in user.orgSourcedIds {
                reference(from: .users, line: user.line, column: "orgSourcedIds", id: org, to: .orgs, strong: true)
            }
            reference(from: .users, line: user.line, column: "primaryOrgSourcedId", id: user.primaryOrgSourcedId,
                      to: .orgs, strong: true)
            for agent in user.agentSourcedIds {
                reference(from: .users, line: user.line, column: "agentSourcedIds", id: agent, to: .users, strong: false)
            }
        }
        for role in package.roles {
            reference(from: .roles, line: role.line, column: "userSourcedId", id: role.userSourcedId, to: .users, strong: true)
            reference(from: .roles, line: role.line, column: "orgSourcedId", id: role.orgSourcedId, to: .orgs, strong: true)
            reference(from: .roles, line: role.line, column: "userProfileSourcedId", id: role.userProfileSourcedId,
                      to: .userProfiles, strong: false)
        }
        for profile in package.userProfiles {
            reference(from: .userProfiles, line: profile.line, column: "userSourcedId", id: profile.userSourcedId,
                      to: .users, strong: true)
        }
        for session in package.academicSessions {
            reference(from: .academicSessions, line: session.line, column: "parentSourcedId", id: session.parentSourcedId,
                      to: .academicSessions, strong: false)
        }
        for course in package.courses {
            reference(from: .courses, line: course.line, column: "orgSourcedId", id: course.orgSourcedId, to: .orgs, strong: true)
            reference(from: .courses, line: course.line, column: "schoolYearSourcedId", id: course.schoolYearSourcedId,
                      to: .academicSessions, strong: false)
        }
        for item in package.classes {
            reference(from: .classes, line: item.line, column: "courseSourcedId", id: item.courseSourcedId, to: .courses, strong: true)
            reference(from: .classes, line: item.line, column: "schoolSourcedId", id: item.schoolSourcedId, to: .orgs, strong: true)
            for term in item.termSourcedIds {
                reference(from: .classes, line: item.line, column: "termSourcedIds", id: term, to: .academicSessions, strong: true)
            }
        }
        for enrollment in package.enrollments {
            reference(from: .enrollments, line: enrollment.line, column: "userSourcedId", id: enrollment.userSourcedId,
                      to: .users, strong: true)
            reference(from: .enrollments, line: enrollment.line, column: "classSourcedId", id: enrollment.classSourcedId,
                      to: .classes, strong: true)
            reference(from: .enrollments, line: enrollment.line, column: "schoolSourcedId", id: enrollment.schoolSourcedId,
                      to: .orgs, strong: true)
        }
        for person in package.demographics {
            reference(from: .demographics, line: person.line, column: "sourcedId", id: person.sourcedId, to: .users, strong: false)
        }
    }
}
