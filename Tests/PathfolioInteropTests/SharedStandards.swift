import Foundation

/// The interchange standards' reference files (`shared/standards`, beside this repository's
/// clone, as CI and the developers have it; `PATHFOLIO_STANDARDS_DIR` overrides). They are
/// read in place, never copied into the repository.
enum SharedStandards {
    static let directory: String = {
        if let explicit = ProcessInfo.processInfo.environment["PATHFOLIO_STANDARDS_DIR"], !explicit.isEmpty {
            return explicit.hasSuffix("/") ? explicit : explicit + "/"
        }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }   // …/<clone>/Tests/PathfolioInteropTests/this file
        return url.appendingPathComponent("shared/standards").path + "/"
    }()
}
