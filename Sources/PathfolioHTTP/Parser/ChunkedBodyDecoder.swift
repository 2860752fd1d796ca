/// Decodes the chunked transfer coding (RFC 9112 §7.1) incrementally from a byte buffer.
///
/// Strict on purpose: a chunk size is hexadecimal digits only and must fit in an `Int`; lines end with CRLF;
/// chunk data is followed by exactly CRLF; extensions are bounded and ignored; trailer fields are validated
/// like header fields and then dropped (RFC 9112 §7.1.2 lets a recipient discard them), so nothing a client
/// puts in a trailer can reach the application or change framing.
public struct ChunkedBodyDecoder: Sendable {
    public enum Event: Equatable, Sendable {
        /// Chunk data at these indices of the buffer passed to ``decode(_:from:)``.
        case data(Range<Int>)
        /// The last chunk and the trailer section were read.
        case end
    }

    private enum State: Sendable {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailer(bytes: Int, fields: Int)
        case done
    }

    private var state: State = .size
    /// How far past the current position a line has already been searched for LF.
    private var scanned = 0
    private let limits: HTTPParserLimits

    public init(limits: HTTPParserLimits = HTTPParserLimits()) { self.limits = limits }

    public var isDone: Bool { if case .done = state { true } else { false } }

    /// Decodes from `buffer[index...]`, advancing `index` past what was consumed.
    /// Returns nil when more bytes are needed.
    public mutating func decode(_ buffer: [UInt8], from index: inout Int) throws(HTTPParseError) -> Event? {
        while true {
            switch state {
            case .size:
                guard let lineEnd = try findLine(buffer, from: index, limit: limits.maxChunkLineBytes, tooLong: .invalidChunkFraming)
                else { return nil }
                let size = try Self.parseSizeLine(buffer[index..<lineEnd])
                index = lineEnd + 2
                state = size == 0 ? .trailer(bytes: 0, fields: 0) : .data(remaining: size)
            case .data(let remaining):
                let available = buffer.count - index
                guard available > 0 else { return nil }
                let n = min(available, remaining)
                let range = index..<(index + n)
                index += n
                state = n == remaining ? .dataEnd : .data(remaining: remaining - n)
                return .data(range)
            case .dataEnd:
                guard buffer.count - index >= 2 else {
                    if buffer.count - index == 1, buffer[index] != ASCII.cr { throw .invalidChunkFraming }
                    return nil
                }
                guard buffer[index] == ASCII.cr, buffer[index + 1] == ASCII.lf else { throw .invalidChunkFraming }
                index += 2
                state = .size
            case .trailer(let bytes, let fields):
                let room = limits.maxHeaderBytes - bytes
                guard let lineEnd = try findLine(buffer, from: index, limit: room, tooLong: .headerSectionTooLarge)
                else { return nil }
                if lineEnd == index {
                    index += 2
                    state = .done
                    return .end
                }
                try Self.validateTrailerLine(buffer[index..<lineEnd])
                guard fields + 1 <= limits.maxHeaderFields else { throw .tooManyHeaderFields }
                state = .trailer(bytes: bytes + (lineEnd + 2 - index), fields: fields + 1)
                index = lineEnd + 2
            case .done:
                return nil
            }
        }
    }

    /// Finds the CR of the next CRLF at or after `start`; nil if the line is not complete yet.
    private mutating func findLine(
        _ buffer: [UInt8], from start: Int, limit: Int, tooLong: HTTPParseError
    ) throws(HTTPParseError) -> Int? {
        var i = start + scanned
        while i < buffer.count {
            if buffer[i] == ASCII.lf {
                scanned = 0
                // Same order as the incremental check below: the outcome must not depend on read sizes.
                if i - start > limit + 1 { throw tooLong }
                guard i > start, buffer[i - 1] == ASCII.cr else { throw .bareLineFeed }
                return i - 1
            }
            i += 1
        }
        if buffer.count - start > limit + 1 { throw tooLong }
        // Keep the last byte unscanned: it may be the CR of a CRLF split across reads.
        scanned = max(0, buffer.count - start - 1)
        return nil
    }

    static func parseSizeLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var i = line.startIndex
        while i < line.endIndex, ASCII.isHexDigit(line[i]) {
            // Refuse before the shift would overflow: a size that does not fit is an attack, not a body.
            if size > (Int.max >> 4) { throw .chunkSizeOverflow }
            size = size << 4 | ASCII.hexValue(line[i])
            i += 1
        }
        guard i > line.startIndex else { throw .invalidChunkSize }
        if i == line.endIndex { return size }
        // chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ); ignored, but must be visible text.
        var j = i
        while j < line.endIndex, line[j] == ASCII.space || line[j] == ASCII.tab { j += 1 }
        guard j < line.endIndex, line[j] == UInt8(ascii: ";") else { throw .invalidChunkSize }
        for b in line[j...] {
            if b == ASCII.cr { throw .strayCarriageReturn }
            guard ASCII.isFieldValueChar(b) else { throw .invalidChunkSize }
        }
        return size
    }

    static func validateTrailerLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) {
        guard let first = line.first else { throw .invalidTrailer }
        if first == ASCII.space || first == ASCII.tab { throw .obsoleteLineFolding }
        guard let colon = line.firstIndex(of: ASCII.colon), ASCII.isToken(line[line.startIndex..<colon])
        else { throw .invalidTrailer }
        for b in line[(colon + 1)...] {
            if b == ASCII.cr { throw .strayCarriageReturn }
            guard ASCII.isFieldValueChar(b) else { throw .invalidTrailer }
        }
    }
}
