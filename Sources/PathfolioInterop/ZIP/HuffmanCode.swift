/// A canonical Huffman code as deflate defines it (RFC 1951 §3.2.2): how many codes of each
/// length, and the symbols in code order. Decoding walks the lengths one bit at a time.
struct HuffmanCode: Sendable {
    /// `counts[n]`: the number of codes of length `n` (0…15).
    let counts: [Int]
    /// The symbols, ordered by code.
    let symbols: [Int]
    /// How many codes of the 2¹⁵ space are unused: 0 complete, > 0 incomplete, < 0 over-subscribed.
    let left: Int

    /// Builds the code from each symbol's code length (0: unused).
    init(lengths: ArraySlice<Int>) {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[length] += 1 }
        var left = 1
        if counts[0] != lengths.count {
            for length in 1...15 {
                left <<= 1
                left -= counts[length]
                if left < 0 { break }
            }
        } else {
            left = 0   // no codes at all: complete, and any decode fails
        }
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
        var symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in zip(0..., lengths) where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
        self.counts = counts
        self.symbols = symbols
        self.left = left
    }

    /// Whether the code is complete, or incomplete only as deflate allows (one code of length 1).
    var isUsable: Bool {
        left == 0 || (left > 0 && counts[0] + counts[1] == symbols.count && counts[1] == 1)
    }
}
