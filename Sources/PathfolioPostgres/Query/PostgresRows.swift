internal import CLibPQ

/// The rows a statement returned. Holds libpq's result (immutable once received, so safe to
/// read from any thread) and frees it when the last reference goes.
public final class PostgresRows: Sendable, RandomAccessCollection {
    // PGresult is immutable after PQexec returns and independent of its connection;
    // the pointer is only read, so sharing it across threads is safe.
    nonisolated(unsafe) private let result: OpaquePointer
    /// Column names in order.
    public let columns: [String]
    private let types: [PostgresDataType]
    /// The command tag's row count (`UPDATE 3` → 3), or the number of rows returned.
    public let affectedRows: Int

    init(result: OpaquePointer) {
        self.result = result
        let count = Int(PQnfields(result))
        var columns: [String] = []
        var types: [PostgresDataType] = []
        for index in 0..<count {
            columns.append(String(cString: PQfname(result, Int32(index))))
            types.append(PostgresDataType(rawValue: PQftype(result, Int32(index))))
        }
        self.columns = columns
        self.types = types
        let tuples = String(cString: PQcmdTuples(result))
        self.affectedRows = Int(tuples) ?? Int(PQntuples(result))
    }

    deinit { PQclear(result) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(PQntuples(result)) }

    public subscript(position: Int) -> PostgresRow { PostgresRow(rows: self, index: position) }

    /// The index of a named column.
    public func columnIndex(_ name: String) throws(PostgresError) -> Int {
        guard let index = columns.firstIndex(of: name) else { throw .noSuchColumn(name) }
        return index
    }

    func decode<T: PostgresDecodable>(_ type: T.Type, row: Int, column: Int) throws(PostgresError) -> T {
        guard column >= 0, column < columns.count, row >= 0, row < endIndex else {
            throw .noSuchColumn(String(column))
        }
        let name = columns[column]
        if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
            return try T.decodeNull(column: name)
        }
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        let pointer = PQgetvalue(result, Int32(row), Int32(column))!
        return try pointer.withMemoryRebound(to: UInt8.self, capacity: length) { (bytes) throws(PostgresError) -> T in
            try T.decode(text: UnsafeBufferPointer(start: bytes, count: length), type: types[column], column: name)
        }
    }

    func withText<R>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        precondition(column >= 0 && column < columns.count && row >= 0 && row < endIndex, "no such cell")
        if PQgetisnull(result, Int32(row), Int32(column)) == 1 { return try body(nil) }
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        return try PQgetvalue(result, Int32(row), Int32(column))!.withMemoryRebound(to: UInt8.self, capacity: length) {
            try body(UnsafeBufferPointer(start: $0, count: length))
        }
    }
}

/// One row of a result.
public struct PostgresRow: Sendable {
    let rows: PostgresRows
    let index: Int

    /// The value of the column at `column` (0-based).
    public func decode<T: PostgresDecodable>(_ type: T.Type, at column: Int) throws(PostgresError) -> T {
        try rows.decode(type, row: index, column: column)
    }

    /// The value of the named column.
    public func decode<T: PostgresDecodable>(_ type: T.Type, named column: String) throws(PostgresError) -> T {
        try rows.decode(type, row: index, column: try rows.columnIndex(column))
    }

    /// The column's value as the text PostgreSQL sent, without copying (`nil` for NULL); the
    /// bytes are valid only inside `body`. For streaming values straight into an output buffer.
    public func withText<R>(at column: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        try rows.withText(row: index, column: column, body)
    }
}
