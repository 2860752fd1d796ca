/// Statements to send together in one round trip (``PostgresConnection/send(_:)``). Each
/// ``add(_:)`` returns a slot that reads that statement's result from the batch's results.
public struct PostgresBatch: Sendable {
    /// The statements, in the order they run.
    public private(set) var queries: [PostgresQuery] = []

    /// Where one statement's result will be.
    public struct Slot<Result>: Sendable {
        let index: Int
        let read: @Sendable (PostgresRows) throws -> Result
    }

    public init() {}

    /// Appends a statement.
    @discardableResult
    public mutating func add<Result>(_ statement: PostgresStatement<Result>) -> Slot<Result> {
        queries.append(statement.query)
        return Slot(index: queries.count - 1, read: statement.read)
    }

    /// Appends a statement whose result nobody reads (`BEGIN`, `COMMIT`).
    public mutating func add(_ query: PostgresQuery) {
        queries.append(query)
    }

    public var isEmpty: Bool { queries.isEmpty }
    public var count: Int { queries.count }
}

/// What a sent batch came to: the results of the statements that ran, up to the first that
/// failed, and that failure.
public struct PostgresBatchResults: Sendable {
    let rows: [PostgresRows]
    /// The first statement's error, if one failed (those after it did not run).
    public let error: PostgresError?

    /// Whether the statement of `slot` ran successfully.
    public func completed<Result>(_ slot: PostgresBatch.Slot<Result>) -> Bool {
        slot.index < rows.count
    }

    /// The result of `slot`'s statement; throws the batch's error when it did not run.
    public func callAsFunction<Result>(_ slot: PostgresBatch.Slot<Result>) throws -> Result {
        guard slot.index < rows.count else { throw error ?? PostgresError.noSuchColumn("statement \(slot.index) of the batch") }
        return try slot.read(rows[slot.index])
    }

    /// The results without the first statement's (one the caller put in front of a batch
    /// whose slots were made without it).
    func droppingFirst() -> PostgresBatchResults {
        PostgresBatchResults(rows: Array(rows.dropFirst()), error: error)
    }

    /// Throws the batch's error, if any.
    public func check() throws(PostgresError) {
        if let error { throw error }
    }
}
