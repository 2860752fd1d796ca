internal import CLibPQ

/// A statement with its parameters encoded and laid out as libpq wants them: parallel arrays
/// of types, value offsets, lengths and formats over one byte buffer (text values
/// NUL-terminated, binary ones with a length).
struct EncodedQuery {
    let sql: String
    private let types: [Oid]
    private let offsets: [Int]
    private let lengths: [Int32]
    private let formats: [Int32]
    private let storage: [UInt8]

    init(_ query: PostgresQuery) throws(PostgresError) {
        let count = query.bindings.count
        var types = [Oid](repeating: 0, count: count)
        var offsets = [Int](repeating: -1, count: count)
        var lengths = [Int32](repeating: 0, count: count)
        var formats = [Int32](repeating: 0, count: count)
        var storage: [UInt8] = []
        for (index, binding) in query.bindings.enumerated() {
            types[index] = binding.type.rawValue
            switch try binding.encode() {
            case .null:
                continue
            case .text(let text):
                offsets[index] = storage.count
                storage.append(contentsOf: text.utf8)
                storage.append(0)
                lengths[index] = Int32(text.utf8.count)
            case .binary(let bytes):
                guard bytes.count < Int32.max else { throw .unencodableValue("a value larger than 2 GiB") }
                offsets[index] = storage.count
                storage.append(contentsOf: bytes)
                lengths[index] = Int32(bytes.count)
                formats[index] = 1
            }
        }
        if storage.isEmpty { storage.append(0) }
        self.sql = query.sql
        self.types = types
        self.offsets = offsets
        self.lengths = lengths
        self.formats = formats
        self.storage = storage
    }

    /// What identifies a statement to prepare: its text and its parameters' types.
    struct Key: Hashable {
        let sql: String
        let types: [UInt32]
    }

    var key: Key { Key(sql: sql, types: types.map { UInt32($0) }) }

    /// Calls `body` with the C arrays, valid only during the call.
    func withCArrays<R>(
        _ body: (String, Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
    ) -> R {
        storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let pointers: [UnsafePointer<CChar>?] = offsets.map { $0 < 0 ? nil : base + $0 }
            return pointers.withUnsafeBufferPointer { valuePointers in
                body(sql, Int32(types.count), types, valuePointers.baseAddress, lengths, formats)
            }
        }
    }
}
