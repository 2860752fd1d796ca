/// The OneRoster version a package declares in `manifest.csv` (`oneroster.version`).
public enum OneRosterVersion: String, Sendable, Hashable, Codable, CaseIterable {
    /// OneRoster 1.1.
    case v1_1 = "1.1"
    /// OneRoster 1.2.
    case v1_2 = "1.2"
}
