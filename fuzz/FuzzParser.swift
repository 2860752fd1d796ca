// libFuzzer entry point for HTTPRequestParser and ChunkedBodyDecoder. Built by fuzz/run.sh together with
// the parser sources (no SwiftPM): swiftc -parse-as-library -sanitize=fuzzer,address.
//
// The first input byte chooses the mode and the split pattern; the rest is the byte stream.
//   bit 0 = 0: the request parser; 1: the chunked decoder alone.
//   bit 1:     small limits (so the 414/431 paths are reached by short inputs).
//   bits 2-7:  the size of the reads the stream is cut into (1…64 bytes).
// Invariants checked (a violation traps, which libFuzzer reports as a crash):
//   - no crash, no sanitizer report;
//   - body bytes produced ≤ input bytes, and the decoder's index never passes the end of its buffer;
//   - the outcome (events, or the error) is the same whether the input arrives at once or in pieces;
//   - a parser that failed keeps failing with the same error.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let mode = data[0]
    let input = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    var limits = HTTPParserLimits()
    if mode & 2 != 0 {
        limits.maxRequestLineBytes = 48
        limits.maxHeaderBytes = 96
        limits.maxHeaderFields = 4
        limits.maxChunkLineBytes = 16
    }
    let step = Int(mode >> 2) + 1
    if mode & 1 == 0 {
        let whole = runParser(input, limits: limits, step: input.count + 1)
        let pieces = runParser(input, limits: limits, step: step)
        precondition(whole == pieces, "outcome depends on how the input was split")
    } else {
        let whole = runDecoder(input, limits: limits, step: input.count + 1)
        let pieces = runDecoder(input, limits: limits, step: step)
        precondition(whole == pieces, "chunked outcome depends on how the input was split")
    }
    return 0
}

struct Outcome: Equatable {
    var events: [HTTPRequestParser.Event] = []
    var error: HTTPParseError?
}

func runParser(_ input: [UInt8], limits: HTTPParserLimits, step: Int) -> Outcome {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = Outcome()
    var bodyBytes = 0
    // Body bytes are gathered apart and recorded as one event, so the comparison does not depend on how
    // the body was cut (and merging stays linear).
    var pendingBody: [UInt8] = []
    func flushBody() {
        if !pendingBody.isEmpty { outcome.events.append(.body(pendingBody)); pendingBody = [] }
    }
    var offset = 0
    feeding: while offset < input.count {
        let end = min(input.count, offset + step)
        parser.append(input[offset..<end])
        offset = end
        while true {
            do {
                guard let event = try parser.next() else { break }
                if case .body(let b) = event {
                    precondition(!b.isEmpty, "empty body event")
                    bodyBytes += b.count
                    pendingBody.append(contentsOf: b)
                    continue
                }
                flushBody()
                outcome.events.append(event)
            } catch {
                outcome.error = error
                // Sticky: the same error again, even with more bytes.
                parser.append([13, 10, 13, 10])
                do {
                    _ = try parser.next()
                    preconditionFailure("parser recovered after \(error)")
                } catch let again {
                    precondition(again == error, "error changed")
                }
                break feeding
            }
        }
    }
    flushBody()
    precondition(bodyBytes <= input.count, "more body than input")
    return outcome
}

struct DecoderOutcome: Equatable {
    var data: [UInt8] = []
    var ended = false
    var error: HTTPParseError?
}

func runDecoder(_ input: [UInt8], limits: HTTPParserLimits, step: Int) -> DecoderOutcome {
    var decoder = ChunkedBodyDecoder(limits: limits)
    var outcome = DecoderOutcome()
    var buffer: [UInt8] = []
    var index = 0
    var offset = 0
    feeding: while offset < input.count {
        let end = min(input.count, offset + step)
        buffer.append(contentsOf: input[offset..<end])
        offset = end
        while !outcome.ended {
            do {
                guard let event = try decoder.decode(buffer, from: &index) else { break }
                precondition(index <= buffer.count, "index past the end")
                switch event {
                case .data(let range):
                    precondition(range.lowerBound >= 0 && range.upperBound <= buffer.count && !range.isEmpty)
                    outcome.data.append(contentsOf: buffer[range])
                case .end:
                    outcome.ended = true
                }
            } catch {
                outcome.error = error
                break feeding
            }
        }
        if outcome.ended { break }
    }
    precondition(outcome.data.count <= input.count, "more data than input")
    return outcome
}
