/// Records of a package keyed by identifier, in first-seen order. A repeat with identical
/// JSON is merged silently; a repeat with different JSON replaces the earlier record in its
/// place (the last one wins, SPEC §1.2) and `add` returns the earlier one's pointer, so the
/// reader can warn.
struct IdentifiedRecords<Record> {
    private(set) var records: [Record] = []
    /// The JSON pointer each kept record was read from.
    private(set) var pointers: [String] = []
    private var index: [String: (position: Int, firstPointer: String, raw: JSONValue)] = [:]

    /// Adds `record`; returns the pointer of the first record with the same `key` when this one
    /// differs from it and replaces it, else nil.
    mutating func add(_ record: Record, key: String, pointer: String, raw: JSONValue) -> String? {
        guard let first = index[key] else {
            index[key] = (records.count, pointer, raw)
            records.append(record)
            pointers.append(pointer)
            return nil
        }
        guard first.raw != raw else { return nil }
        records[first.position] = record
        pointers[first.position] = pointer
        index[key] = (first.position, first.firstPointer, raw)
        return first.firstPointer
    }
}
