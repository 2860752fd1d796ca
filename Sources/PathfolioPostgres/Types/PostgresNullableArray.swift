/// A one-dimensional array parameter whose elements may be NULL (`{"a",NULL,"b"}`).
///
/// Batched writes send one array per column and `unnest` them into rows; a nullable column
/// needs NULL elements, which `Array`'s own encoding refuses (no column reads them back).
public struct PostgresNullableArray<Element: PostgresArrayElement>: PostgresEncodable {
    /// The elements, `nil` for NULL.
    public var elements: [Element?]

    /// Wraps the elements.
    public init(_ elements: [Element?]) {
        self.elements = elements
    }

    public static var postgresType: PostgresDataType { Element.postgresArrayType }

    public func postgresValue() throws(PostgresError) -> PostgresValue {
        .text(try PostgresArrayLiteral.text(elements))
    }
}
