/// A failure to read a package's files from disk (problems *inside* the files are not errors
/// thrown but ``OneRosterProblem``s).
public enum OneRosterReadError: Error, Sendable, Hashable {
    /// The directory cannot be listed.
    case cannotListDirectory(path: String)
    /// A file cannot be read.
    case cannotReadFile(path: String)
}
