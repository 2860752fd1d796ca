/// Runs one request's handler on Swift's cooperative pool and posts the results back to the connection's
/// event loop as jobs. Holds only `Sendable` values: the connection itself is reached by id on the loop,
/// and a job for a connection that has gone (or moved on to another request, hence `serial`) is dropped.
struct RequestTask: Sendable {
    let loop: EventLoop
    let connectionID: UInt64
    let serial: UInt64
    let renderer: HTTPErrorRenderer

    func run(_ request: HTTPRequest, responder: any HTTPResponder) async {
        let response: HTTPResponse
        do {
            response = try await responder.respond(to: request)
        } catch let error as HTTPBodyError {
            switch error {
            case .tooLarge(let limit):
                response = renderer.response(.contentTooLarge, detail: "The body may not exceed \(limit) bytes.")
            case .malformed(let parseError):
                response = renderer.response(parseError.status, detail: parseError.reason)
            case .connectionClosed:
                return
            }
        } catch is CancellationError {
            // The loop cancelled us (timeout, disconnect, shutdown) and has answered or closed already.
            return
        } catch {
            response = renderer.response(.internalServerError, detail: "The server could not complete the request.")
        }
        let (id, serial) = (connectionID, serial)
        switch response.body.storage {
        case .bytes(let bytes):
            let (status, headers) = (response.status, response.headers)
            loop.execute { $0?.connection(id)?.startResponse(serial: serial, status: status, headers: headers, body: bytes) }
        case .stream(let produce):
            let (status, headers) = (response.status, response.headers)
            loop.execute { $0?.connection(id)?.startResponse(serial: serial, status: status, headers: headers, body: nil) }
            if request.method == .head || status.forbidsBody {
                loop.execute { $0?.connection(id)?.finishBody(serial: serial) }
                return
            }
            let loop = self.loop
            let writer = HTTPBodyWriter { bytes in
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    loop.execute { context in
                        guard let connection = context?.connection(id) else {
                            continuation.resume(throwing: HTTPBodyError.connectionClosed)
                            return
                        }
                        connection.writeBody(serial: serial, bytes: bytes, continuation: continuation)
                    }
                }
            }
            do {
                try await produce(writer)
                loop.execute { $0?.connection(id)?.finishBody(serial: serial) }
            } catch {
                loop.execute { $0?.connection(id)?.abortResponse(serial: serial) }
            }
        }
    }
}
