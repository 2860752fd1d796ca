import PathfolioHTTP
import PathfolioInterop
import PathfolioPostgres

/// The formats one transcript is rendered in (`?format=`), with the media type each is sent as.
enum TranscriptFormat: String, CaseIterable, Sendable {
    case json, csv, html, clr

    /// The `Content-Type` of the format.
    var mediaType: String {
        switch self {
        case .json: "application/json"
        case .csv: "text/csv; charset=utf-8; header=present"
        case .html: "text/html; charset=utf-8"
        case .clr: VCJWT.mediaType
        }
    }

    /// The stored column of a certified transcript.
    var stored: CertifiedTranscriptStore.Format {
        switch self {
        case .json: .json
        case .csv: .csv
        case .html: .html
        case .clr: .clr
        }
    }

    /// `?format=`, `json` when absent; anything else answers 400 naming the choices.
    init(_ request: HTTPRequest) throws(APIError) {
        guard let text = request.query("format") else { self = .json; return }
        guard let format = TranscriptFormat(rawValue: text) else {
            throw .invalidParameter("format", "Must be one of json, csv, html, clr.")
        }
        self = format
    }

    /// Response headers for a transcript of `learner` in this format: the media type, a file
    /// name for downloads, and no caching anywhere (an education record).
    func headers(fileName: String) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Content-Type": mediaType, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"]
        switch self {
        case .csv: headers["Content-Disposition"] = "attachment; filename=\"\(fileName).csv\""
        case .clr: headers["Content-Disposition"] = "attachment; filename=\"\(fileName).jwt\""
        case .json, .html: break
        }
        return headers
    }
}
