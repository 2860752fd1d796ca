/// A Swift value that can be bound as a statement parameter.
public protocol PostgresEncodable: Sendable {
    /// The parameter's type, sent with the statement so the server never has to guess.
    static var postgresType: PostgresDataType { get }
    /// The value in a form the server accepts for `postgresType`.
    func postgresValue() throws(PostgresError) -> PostgresValue
}

/// A value whose text form can be written inside a PostgreSQL array literal.
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {
    /// The type of a one-dimensional array of this element (e.g. `uuid[]`).
    static var postgresArrayType: PostgresDataType { get }
    /// The element in the type's text input syntax.
    func postgresText() throws(PostgresError) -> String
}

extension PostgresArrayElement {
    public func postgresValue() throws(PostgresError) -> PostgresValue { .text(try postgresText()) }
}
