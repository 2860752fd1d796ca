import Glibc

/// Messages for the person at the terminal, written straight to standard output (one
/// `write(2)` each, like the access log) so they appear in order even when output is a file.
enum Console {
    static func say(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { _ = write(1, $0.baseAddress, $0.count) }
    }
}
