/// A PostgreSQL SQLSTATE code (five characters), as an open set: any code the server sends
/// is representable, and the ones Pathfolio reacts to have names.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ code: String) { self.rawValue = code }

    /// The two-character class (`23` for integrity constraint violations).
    public var errorClass: String { String(rawValue.prefix(2)) }

    public var description: String { rawValue }

    public static let uniqueViolation = SQLState("23505")
    public static let foreignKeyViolation = SQLState("23503")
    public static let notNullViolation = SQLState("23502")
    public static let checkViolation = SQLState("23514")
    public static let exclusionViolation = SQLState("23P01")
    public static let restrictViolation = SQLState("23001")
    public static let serializationFailure = SQLState("40001")
    public static let deadlockDetected = SQLState("40P01")
    /// A prepared statement the client named does not exist (`DEALLOCATE`, `DISCARD ALL`).
    public static let invalidSQLStatementName = SQLState("26000")
    public static let queryCanceled = SQLState("57014")
    public static let adminShutdown = SQLState("57P01")
    public static let crashShutdown = SQLState("57P02")
    public static let cannotConnectNow = SQLState("57P03")
    public static let insufficientPrivilege = SQLState("42501")
    public static let undefinedTable = SQLState("42P01")
    public static let undefinedColumn = SQLState("42703")
    public static let syntaxError = SQLState("42601")
    public static let invalidTextRepresentation = SQLState("22P02")
    public static let numericValueOutOfRange = SQLState("22003")
    public static let invalidDatetimeFormat = SQLState("22007")
    public static let stringDataRightTruncation = SQLState("22001")
    public static let raiseException = SQLState("P0001")
    public static let lockNotAvailable = SQLState("55P03")
    public static let readOnlySQLTransaction = SQLState("25006")
    public static let inFailedSQLTransaction = SQLState("25P02")
    public static let invalidPassword = SQLState("28P01")
    public static let invalidAuthorizationSpecification = SQLState("28000")
    public static let invalidCatalogName = SQLState("3D000")
    public static let duplicateDatabase = SQLState("42P04")
    public static let duplicateObject = SQLState("42710")

    /// Whether running the same transaction again may succeed (serialization failure, deadlock).
    public var isTransient: Bool {
        self == .serializationFailure || self == .deadlockDetected
    }
}
