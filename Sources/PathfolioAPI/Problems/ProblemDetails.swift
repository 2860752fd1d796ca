import Foundation
public import PathfolioHTTP

/// An RFC 9457 problem document (`application/problem+json`).
public struct ProblemDetails: Sendable, Encodable {
    /// One invalid field: where it is (a JSON pointer into the body, or the name of a query
    /// parameter) and what is wrong with it.
    public struct FieldError: Sendable, Encodable, Equatable {
        public let pointer: String?
        public let parameter: String?
        /// For a problem inside an uploaded file set (a OneRoster package): the file, its line
        /// (1-based; absent when the problem is the whole file's) and the column header.
        public let file: String?
        public let line: Int?
        public let column: String?
        public let detail: String
        /// A member of the JSON body.
        public init(pointer: String, detail: String) {
            self.pointer = pointer
            self.parameter = nil
            self.file = nil
            self.line = nil
            self.column = nil
            self.detail = detail
        }
        /// A query parameter.
        public init(parameter: String, detail: String) {
            self.pointer = nil
            self.parameter = parameter
            self.file = nil
            self.line = nil
            self.column = nil
            self.detail = detail
        }
        /// A place in an uploaded file: `pointer` is `/<file>/<line>/<column>` (as much as is known).
        public init(file: String, line: Int?, column: String?, detail: String) {
            var pointer = "/" + file
            if let line { pointer += "/\(line)" }
            if let column { pointer += "/" + column.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            self.pointer = pointer
            self.parameter = nil
            self.file = file
            self.line = line
            self.column = column
            self.detail = detail
        }
        /// The same error with its pointer under `prefix` (an element's errors inside an array).
        public func prefixed(_ prefix: String) -> FieldError {
            guard let pointer, file == nil else { return self }
            return FieldError(pointer: prefix + pointer, detail: detail)
        }
    }

    public let type: String
    public let title: String
    public let status: Int
    public let detail: String
    public let errors: [FieldError]

    public init(status: HTTPStatus, detail: String, type: String = "about:blank", errors: [FieldError] = []) {
        self.type = type
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = errors
    }

    /// The problem as a response.
    public func response(headers: HTTPHeaders = [:]) -> HTTPResponse {
        var response = HTTPResponse(status: HTTPStatus(code: status), headers: headers, body: .bytes(encoded()))
        response.headers["Content-Type"] = "application/problem+json"
        return response
    }

    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data("{}".utf8))
    }

    /// Renders the errors the HTTP server produces itself (400, 408, 413, 414, 431 …) as
    /// problem documents too, so every error a client sees has one shape.
    public static let serverErrorRenderer = HTTPErrorRenderer { status, detail in
        ("application/problem+json", ProblemDetails(status: status, detail: detail).encoded())
    }
}
