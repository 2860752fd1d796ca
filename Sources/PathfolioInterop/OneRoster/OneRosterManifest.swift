/// The content of `manifest.csv` (`propertyName,value` rows).
public struct OneRosterManifest: Sendable, Hashable {
    /// `oneroster.version` (only 1.1 and 1.2 are understood).
    public var version: OneRosterVersion
    /// `manifest.version`, as written.
    public var manifestVersion: String?
    /// `file.<name>` declarations, by table name (`orgs`, `users`, …). A blank value is read as `absent` (with a warning).
    public var files: [String: OneRosterFileMode]
    /// `source.systemName`.
    public var sourceSystemName: String?
    /// `source.systemCode`.
    public var sourceSystemCode: String?
    /// Every property as written, including ones not listed above.
    public var properties: [String: String]

    /// The declared mode of table `name` (`absent` when not declared).
    public func mode(of name: String) -> OneRosterFileMode { files[name] ?? .absent }
}
