/// Size limits enforced while parsing, before anything is handed to the application.
public struct HTTPParserLimits: Sendable, Hashable {
    /// Longest request line, CRLF excluded (→ 414).
    public var maxRequestLineBytes: Int = 8 * 1024
    /// Largest header section, field lines and the final CRLF included (→ 431). Also bounds a chunked trailer.
    public var maxHeaderBytes: Int = 16 * 1024
    /// Most header fields (→ 431).
    public var maxHeaderFields: Int = 100
    /// Longest chunk-size line including extensions (→ 400). Extensions are ignored; this only bounds them.
    public var maxChunkLineBytes: Int = 4 * 1024

    public init() {}

    public init(maxRequestLineBytes: Int = 8 * 1024, maxHeaderBytes: Int = 16 * 1024, maxHeaderFields: Int = 100) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderFields = maxHeaderFields
    }
}
