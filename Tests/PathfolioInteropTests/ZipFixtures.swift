import Foundation

/// ZIP archives made by Python's `zipfile` (CI and the developers have `python3`), so the
/// reader is tested against an independent writer, not against itself.
enum ZipFixtures {
    /// How each entry is packed.
    enum Method: String {
        /// `ZIP_STORED`.
        case stored
        /// `ZIP_DEFLATED` at zlib's default level (fixed and dynamic Huffman blocks).
        case deflated
        /// `ZIP_DEFLATED` at level 0 (deflate's stored blocks).
        case deflatedLevel0
    }

    /// An archive of `files` (name → bytes), in name order.
    static func archive(_ files: [String: [UInt8]], method: Method = .deflated) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pathfolio-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var names: [String] = []
        for (index, (name, bytes)) in files.sorted(by: { $0.key < $1.key }).enumerated() {
            try Data(bytes).write(to: folder.appendingPathComponent("\(index).bin"))
            names.append(name)
        }
        let list = folder.appendingPathComponent("names.json")
        try JSONSerialization.data(withJSONObject: names).write(to: list)
        let output = folder.appendingPathComponent("out.zip")
        let script = """
            import json, sys, zipfile
            folder, method, out = sys.argv[1], sys.argv[2], sys.argv[3]
            names = json.load(open(folder + "/names.json"))
            kind = zipfile.ZIP_STORED if method == "stored" else zipfile.ZIP_DEFLATED
            level = 0 if method == "deflatedLevel0" else None
            with zipfile.ZipFile(out, "w", compression=kind, compresslevel=level) as archive:
                for index, name in enumerate(names):
                    archive.writestr(name, open(f"{folder}/{index}.bin", "rb").read())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.path, method.rawValue, output.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return [UInt8](try Data(contentsOf: output))
    }

    /// The files of a folder, by name (for zipping a fixture package).
    static func files(in directory: String, under prefix: String = "") throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            files[prefix + name] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
        }
        return files
    }
}
