extension OneRosterPackageReader {
    /// Reads a package zipped: its `*.csv` files at the archive's root, or all in one top-level
    /// folder (as zipping a folder makes them). Other entries are ignored and never unpacked
    /// (`__MACOSX/` resource forks among them). CSV files in several top-level folders and none
    /// at the root are a problem of the package (error), not a guess.
    ///
    /// - Throws: ``ZipError`` when the archive itself cannot be read, or exceeds `limits`.
    public func read(zip bytes: [UInt8], limits: ZipLimits = .standard) throws(ZipError) -> OneRosterPackage {
        let archive = try ZipArchive(bytes: bytes, limits: limits)
        let csv = archive.entries.filter {
            !$0.isDirectory && $0.name.lowercased().hasSuffix(".csv") && !$0.name.hasPrefix("__MACOSX/")
        }
        let atRoot = csv.filter { !$0.name.contains("/") }
        let chosen: [ZipEntry]
        var stripped = 0
        if !atRoot.isEmpty {
            chosen = atRoot
        } else {
            let nested = csv.filter { $0.name.split(separator: "/").count == 2 }
            let folders = Set(nested.map { $0.name.split(separator: "/")[0] })
            if folders.count > 1 {
                var package = OneRosterPackage()
                package.problems.append(OneRosterProblem(
                    file: "manifest.csv", line: nil,
                    message: "the archive has no CSV files at its root but several folders of them (\(folders.sorted().joined(separator: ", "))); zip one package",
                    severity: .error))
                return package
            }
            chosen = nested
            stripped = folders.first.map { $0.utf8.count + 1 } ?? 0
        }
        var files: [String: [UInt8]] = [:]
        for entry in chosen {
            files[String(entry.name.utf8.dropFirst(stripped))!] = try archive.contents(of: entry)
        }
        return read(files: files)
    }
}
