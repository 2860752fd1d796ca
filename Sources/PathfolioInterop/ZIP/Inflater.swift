/// A deflate (RFC 1951) decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Written for clarity over speed (codes are decoded a bit at a time, as in zlib's `puff`),
/// and for hostile input: every read is bounds-checked, every code checked for completeness,
/// every back-reference checked against what has been produced, and the output is capped (the
/// caller passes the size it expects, so a ZIP bomb stops at it).
struct Inflater {
    /// Why the stream is invalid.
    struct Failure: Error { let reason: String }

    private let input: [UInt8]
    private var position = 0
    private var bitBuffer = 0
    private var bitCount = 0
    private var output: [UInt8] = []
    private let limit: Int

    private init(input: [UInt8], limit: Int) {
        self.input = input
        self.limit = limit
        output.reserveCapacity(min(limit, 64 << 20))
    }

    /// Inflates `input`; fails when the stream is invalid or would produce more than `limit` bytes.
    static func inflate(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var inflater = Inflater(input: input, limit: limit)
        var last = false
        while !last {
            last = try inflater.bits(1) == 1
            switch try inflater.bits(2) {
            case 0: try inflater.stored()
            case 1: try inflater.codes(literals: fixedLiterals, distances: fixedDistances)
            case 2: try inflater.dynamic()
            default: throw Failure(reason: "block type 3 is reserved")
            }
        }
        return inflater.output
    }

    private mutating func bits(_ needed: Int) throws(Failure) -> Int {
        while bitCount < needed {
            guard position < input.count else { throw Failure(reason: "the stream ends in the middle of a block") }
            bitBuffer |= Int(input[position]) << bitCount
            position += 1
            bitCount += 8
        }
        let value = bitBuffer & ((1 << needed) - 1)
        bitBuffer >>= needed
        bitCount -= needed
        return value
    }

    private mutating func append(_ byte: UInt8) throws(Failure) {
        guard output.count < limit else { throw Failure(reason: "it unpacks to more than the declared size") }
        output.append(byte)
    }

    private mutating func stored() throws(Failure) {
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw Failure(reason: "a stored block's header is cut short") }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        position += 4
        guard length == ~complement & 0xFFFF else { throw Failure(reason: "a stored block's length does not match its complement") }
        guard position + length <= input.count else { throw Failure(reason: "a stored block is cut short") }
        guard output.count + length <= limit else { throw Failure(reason: "it unpacks to more than the declared size") }
        output.append(contentsOf: input[position..<(position + length)])
        position += length
    }

    private mutating func decode(_ code: HuffmanCode) throws(Failure) -> Int {
        var value = 0, first = 0, index = 0
        for length in 1...15 {
            value |= try bits(1)
            let count = code.counts[length]
            if value - count < first { return code.symbols[index + (value - first)] }
            index += count
            first += count
            first <<= 1
            value <<= 1
        }
        throw Failure(reason: "a Huffman code is not in the block's table")
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                                     131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                                       2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
                                        13, 13]

    private mutating func codes(literals: HuffmanCode, distances: HuffmanCode) throws(Failure) {
        while true {
            var symbol = try decode(literals)
            if symbol < 256 {
                try append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            symbol -= 257
            guard symbol < 29 else { throw Failure(reason: "length symbol \(symbol + 257) is invalid") }
            let length = Self.lengthBase[symbol] + (try bits(Self.lengthExtra[symbol]))
            let distanceSymbol = try decode(distances)
            guard distanceSymbol < 30 else { throw Failure(reason: "distance symbol \(distanceSymbol) is invalid") }
            let distance = Self.distanceBase[distanceSymbol] + (try bits(Self.distanceExtra[distanceSymbol]))
            guard distance <= output.count else { throw Failure(reason: "a back-reference points before the start") }
            guard output.count + length <= limit else { throw Failure(reason: "it unpacks to more than the declared size") }
            var from = output.count - distance
            for _ in 0..<length {
                output.append(output[from])
                from += 1
            }
        }
    }

    private static let fixedLiterals: HuffmanCode = {
        var lengths = [Int](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        return HuffmanCode(lengths: lengths[...])
    }()
    private static let fixedDistances = HuffmanCode(lengths: [Int](repeating: 5, count: 30)[...])

    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private mutating func dynamic() throws(Failure) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw Failure(reason: "too many length or distance codes") }
        var lengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { lengths[Self.codeLengthOrder[index]] = try bits(3) }
        let lengthCode = HuffmanCode(lengths: lengths[...])
        guard lengthCode.left == 0 else { throw Failure(reason: "the code-length code is incomplete or over-subscribed") }

        lengths = [Int](repeating: 0, count: literalCount + distanceCount)
        var index = 0
        while index < literalCount + distanceCount {
            let symbol = try decode(lengthCode)
            if symbol < 16 {
                lengths[index] = symbol
                index += 1
                continue
            }
            var repeated = 0
            let times: Int
            switch symbol {
            case 16:
                guard index > 0 else { throw Failure(reason: "a repeat has no previous length") }
                repeated = lengths[index - 1]
                times = 3 + (try bits(2))
            case 17: times = 3 + (try bits(3))
            default: times = 11 + (try bits(7))
            }
            guard index + times <= literalCount + distanceCount else { throw Failure(reason: "code lengths overflow the table") }
            for _ in 0..<times {
                lengths[index] = repeated
                index += 1
            }
        }
        guard lengths[256] != 0 else { throw Failure(reason: "the block has no end-of-block code") }
        let literals = HuffmanCode(lengths: lengths[0..<literalCount])
        guard literals.isUsable else { throw Failure(reason: "the literal/length code is incomplete or over-subscribed") }
        let distances = HuffmanCode(lengths: lengths[literalCount...])
        guard distances.isUsable else { throw Failure(reason: "the distance code is incomplete or over-subscribed") }
        try codes(literals: literals, distances: distances)
    }
}
