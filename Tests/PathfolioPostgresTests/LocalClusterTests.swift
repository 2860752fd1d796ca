import Foundation
import Glibc
import PathfolioPostgres
import Testing

@Suite("A private cluster refuses folders it must not use, creating nothing")
struct LocalClusterTests {
    @Test("a data folder owned by another user is refused, naming the owner", .enabled(if: getuid() == 0))
    func foreignOwner() throws {
        let root = NSTemporaryDirectory() + "pathfolio-foreign-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(chown(root, 65534, 65534) == 0)
        let cluster = try LocalPostgresCluster(root: root)
        #expect { try cluster.initialize() } throws: { error in
            guard case .dataDirectoryOwnedByOtherUser(let path, _) = error as? LocalClusterError else { return false }
            return path == root && "\(error)".contains("--data-dir")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
    }

    @Test("a socket path longer than a Unix socket allows is refused before anything is made")
    func socketPathTooLong() throws {
        let root = NSTemporaryDirectory() + String(repeating: "deep/", count: 20) + "pathfolio"
        #expect { try LocalPostgresCluster(root: root) } throws: { error in
            guard case .socketPathTooLong = error as? LocalClusterError else { return false }
            return true
        }
        #expect(!FileManager.default.fileExists(atPath: root))
    }

    @Test("a file where the data folder should be is refused")
    func notAFolder() throws {
        let root = NSTemporaryDirectory() + "pathfolio-file-\(UUID().uuidString)"
        #expect(FileManager.default.createFile(atPath: root, contents: Data("x".utf8)))
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cluster = try LocalPostgresCluster(root: root)
        #expect { try cluster.initialize() } throws: { error in
            guard case .notADataDirectory = error as? LocalClusterError else { return false }
            return true
        }
    }
}
