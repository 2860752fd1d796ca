import Glibc

extension String: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .text }
    public static var postgresArrayType: PostgresDataType { .textArray }

    /// Text parameters travel NUL-terminated, so a NUL cannot be sent (PostgreSQL's `text`
    /// cannot store one either).
    public func postgresText() throws(PostgresError) -> String {
        // memchr over the contiguous bytes: megabyte parameters (CASE JSON) are checked too.
        let hasNUL = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
        } ?? utf8.contains(0)
        if hasNUL { throw .unencodableValue("text cannot contain a NUL character") }
        return self
    }

    /// Any column can be read as its text form except `bytea`, whose text form is an escape
    /// encoding rather than the content.
    public static func decode(text: UnsafeBufferPointer<UInt8>, type: PostgresDataType, column: String) throws(PostgresError) -> String {
        guard type != .bytea else { throw .typeMismatch(column: column, expected: "String", actualOID: type.rawValue) }
        return String(decoding: text, as: UTF8.self)
    }
}
