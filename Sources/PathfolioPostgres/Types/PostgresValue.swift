/// One parameter value on its way to the server: NULL, text (the type's input syntax) or
/// raw binary (used for `bytea`, so files are sent as they are).
public enum PostgresValue: Sendable, Equatable {
    case null
    case text(String)
    case binary([UInt8])
}
