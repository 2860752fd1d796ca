/// Gives every request an id in `X-Request-Id`: the client's, when it is a short visible token (so ids
/// can follow a request through a proxy), otherwise a fresh random one. The id is set on the request
/// (for handlers and later middleware) and echoed on the response.
public struct RequestIDMiddleware: HTTPMiddleware {
    public static let headerName = "X-Request-Id"

    public init() {}

    public func respond(
        to request: HTTPRequest, next: (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        var request = request
        let id: String
        if let given = request.headers[Self.headerName], Self.isAcceptable(given) {
            id = given
        } else {
            id = Self.generate()
            request.headers[Self.headerName] = id
        }
        var response = try await next(request)
        response.headers[Self.headerName] = id
        return response
    }

    static func isAcceptable(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count) && id.utf8.allSatisfy {
            switch $0 {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: ":"): true
            default: false
            }
        }
    }

    /// 128 random bits as 32 hex digits.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return hex(high) + hex(low)
    }
}
