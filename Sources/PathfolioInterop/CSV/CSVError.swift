/// An error found while reading CSV. Every case names the physical line (1-based).
public enum CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A quoted field is still open at the end of the input; `line` is where the quote opened.
    case unterminatedQuote(line: Int)
    /// A `"` appears inside an unquoted field, or a character follows a closing quote.
    case strayQuote(line: Int)
    /// The bytes of the record starting at `line` are not valid UTF-8.
    case invalidUTF8(line: Int)

    /// The line the error refers to.
    public var line: Int {
        switch self {
        case .unterminatedQuote(let line), .strayQuote(let line), .invalidUTF8(let line): line
        }
    }

    public var description: String {
        switch self {
        case .unterminatedQuote(let line): "line \(line): quoted field is not terminated"
        case .strayQuote(let line): "line \(line): stray quote character outside a quoted field"
        case .invalidUTF8(let line): "line \(line): invalid UTF-8"
        }
    }
}
