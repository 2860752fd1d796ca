import Foundation
import PathfolioCrypto

/// Where the key-encryption key comes from: `PATHFOLIO_KEY_ENCRYPTION_KEY` (base64 of 32 bytes),
/// or a file named by `--key-encryption-key-file` / `PATHFOLIO_KEY_ENCRYPTION_KEY_FILE`
/// holding the same. `pathfolio dev` keeps one in its data folder, made on first run.
enum KeyEncryptionKeySource {
    static let variable = "PATHFOLIO_KEY_ENCRYPTION_KEY"
    static let fileVariable = "PATHFOLIO_KEY_ENCRYPTION_KEY_FILE"

    /// The configured key, or nil when none is configured; a configured key that is not
    /// usable is an error (never silently no key).
    static func load(_ options: CommandLineOptions) throws(CommandError) -> KeyEncryptionKey? {
        let inline = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        let file = options.value("key-encryption-key-file", environment: fileVariable)
        if inline != nil, file != nil {
            throw .usage("set \(variable) or a key-encryption key file, not both")
        }
        if let inline {
            do { return try KeyEncryptionKey(base64: inline) } catch { throw .failed("\(variable): \(error)") }
        }
        guard let file else { return nil }
        return try read(file)
    }

    /// The key in `path`: base64 of 32 bytes (surrounding whitespace ignored).
    static func read(_ path: String) throws(CommandError) -> KeyEncryptionKey {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .failed("cannot read the key-encryption key file \(path): \(error.localizedDescription)")
        }
        do { return try KeyEncryptionKey(base64: text) } catch { throw .failed("the key-encryption key file \(path): \(error)") }
    }

    /// For `pathfolio dev`: the configured key if any, else the one in `folder/key-encryption-key`,
    /// made (mode 0600) when missing.
    static func loadOrCreate(_ options: CommandLineOptions, folder: String) throws(CommandError) -> KeyEncryptionKey {
        if let configured = try load(options) { return configured }
        let path = folder + "/key-encryption-key"
        if FileManager.default.fileExists(atPath: path) { return try read(path) }
        let key: KeyEncryptionKey
        do { key = try KeyEncryptionKey.generate() } catch { throw .failed("\(error)") }
        guard FileManager.default.createFile(atPath: path, contents: Data((key.base64 + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw .failed("cannot write the key-encryption key file \(path)")
        }
        Console.say("Made a key-encryption key for signing keys in \(path).")
        return key
    }
}
