/// How the manifest declares a file (`file.<name>` = `bulk` | `delta` | `absent`).
public enum OneRosterFileMode: String, Sendable, Hashable, Codable {
    /// The file holds the complete set; records not in it are to be retired by the importer.
    case bulk
    /// The file holds changes only; `status` and `dateLastModified` are required on every row.
    case delta
    /// The file is not part of the package.
    case absent
}
