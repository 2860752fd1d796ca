public import Foundation

/// Reads a OneRoster 1.1 / 1.2 CSV package (a folder of CSV files, or their bytes) into a
/// ``OneRosterPackage``, validating it against the CSV binding of the version its manifest declares.
///
/// What is checked, and how serious each finding is:
/// - `manifest.csv`: present, `propertyName,value` header, `oneroster.version` 1.1 or 1.2 (else
///   error and nothing else is read); `file.<table>` values `bulk` | `delta` | `absent` (blank:
///   warning, read as absent; anything else: error).
/// - Files: declared `bulk`/`delta` but missing → error; present but declared absent or undeclared
///   → warning, and the file is ignored; a file whose name differs from a table's only by case
///   (`userprofiles.csv`) → warning, ignored; tables this reader does not translate (gradebook,
///   resources) declared present → warning.
/// - Headers: every spec column of the declared version must be present (error); duplicates →
///   error; `metadata.*` columns are kept silently in each record's `metadata`; any other unknown
///   column → warning, its cells kept in `vendorFields`; spec columns out of order → warning.
/// - Rows: as many fields as the header (error otherwise); `sourcedId` present and unique per file;
///   required fields; `status` `active`/`tobedeleted` (blank allowed in bulk, required in delta;
///   legacy 1.0 `inactive` → warning; `tobedeleted` in a bulk file → warning); `dateLastModified`
///   ISO 8601 date-time (blank allowed in bulk; a bare date → warning; anything else → error);
///   dates `YYYY-MM-DD`; booleans `true`/`false` (any case); enumerations per ``OneRosterVocabulary``.
/// - References: enrollment → user, class, school; class → course, school, terms; user → orgs
///   (1.1 `orgSourcedIds`, 1.2 `primaryOrgSourcedId`); role → user, org; user profile → user;
///   course → org. A missing target is an error when the target file is `bulk` (it must hold every
///   record), a warning when it is `delta` (the record may already be in the database), and is not
///   checked when the target file is absent. Weaker links (parent org, parent session, agents,
///   course school year, demographics → user, role → user profile) are only warnings.
public struct OneRosterPackageReader: Sendable {
    /// Creates a reader.
    public init() {}

    /// Reads the package in `directory` (its `*.csv` files; subfolders are ignored).
    public func read(directory: URL) throws(OneRosterReadError) -> OneRosterPackage {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .cannotListDirectory(path: directory.path)
        }
        var files: [String: [UInt8]] = [:]
        for name in names where name.lowercased().hasSuffix(".csv") {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .cannotReadFile(path: url.path)
            }
            files[name] = Array(data)
        }
        return read(files: files)
    }

    /// Reads a package given as file name → bytes (e.g. unpacked from a zip by the caller).
    public func read(files: [String: [UInt8]]) -> OneRosterPackage {
        var run = OneRosterReadState(files: files)
        run.readAll()
        return run.package
    }
}
