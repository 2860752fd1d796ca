internal import CLibPQ
import Glibc

/// Checks connection strings before any connection is attempted, so that a typo is reported
/// as a typo and not as an unreachable server.
public enum PostgresConnectionString {
    /// Throws `invalidConnectionString` with libpq's reason when the string cannot be parsed.
    public static func validate(_ connectionString: String) throws(PostgresError) {
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &message) else {
            let reason = message.map { String(cString: $0) } ?? "out of memory"
            if let message { PQfreemem(message) }
            throw .invalidConnectionString(PostgresConnection.trimmed(reason))
        }
        PQconninfoFree(options)
    }
}
