internal import COpenSSL

/// Cryptographically secure random bytes from libcrypto's CSPRNG.
public enum SecureRandom {
    /// Why random bytes could not be had (the CSPRNG failed to seed: should never happen).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String { "the system's secure random number generator failed" }
    }

    /// `count` random bytes.
    public static func bytes(_ count: Int) throws(Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        guard ok == 1 else { throw Failure() }
        return bytes
    }
}
