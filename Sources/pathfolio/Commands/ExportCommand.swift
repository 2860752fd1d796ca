import Foundation
import Glibc

/// `pathfolio export transcripts --org|--class|--cohort … --format … --out FILE`: downloads the
/// bulk transcript export from the running service (as the token's registrar, so disclosures
/// are recorded), streaming it to `FILE` with a progress bar on a terminal. The file appears
/// only complete: it is written as `FILE.partial` and renamed at the end; a failure removes it.
enum ExportCommand {
    static func run(_ options: CommandLineOptions, subcommand: String?) async throws {
        guard subcommand == "transcripts" else {
            throw CommandError.usage("say `pathfolio export transcripts --org ID --format csv --out FILE`")
        }
        try options.rejectUnknown(allowed: ["org", "class", "cohort", "format", "out", "as-of", "purpose", "party", "url", "token"])
        let audiences = ["org", "class", "cohort"].compactMap { name in options.value(name).map { (name, $0) } }
        guard audiences.count == 1, let audience = audiences.first else {
            throw CommandError.usage("say whose transcripts with exactly one of --org, --class or --cohort")
        }
        let format = options.value("format") ?? "csv"
        guard ["csv", "ndjson", "clr"].contains(format) else { throw CommandError.usage("--format must be csv, ndjson or clr") }
        guard let out = options.value("out") else { throw CommandError.usage("--out FILE is required") }
        guard let token = options.value("token", environment: "PATHFOLIO_TOKEN") else {
            throw CommandError.usage("a registrar's bearer token is required: --token or PATHFOLIO_TOKEN")
        }
        var query = [(audience.0, audience.1), ("format", format)]
        for (option, parameter) in [("as-of", "asOf"), ("purpose", "purpose"), ("party", "party")] {
            if let value = options.value(option) { query.append((parameter, value)) }
        }
        let target = "/v1/transcripts?" + query.map { "\($0.0)=\(escape($0.1))" }.joined(separator: "&")
        let download = try HTTPDownload(base: options.value("url", environment: "PATHFOLIO_URL") ?? "http://127.0.0.1:8080",
                                        target: target, headers: [("Authorization", "Bearer \(token)")])

        let partial = out + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil), let file = FileHandle(forWritingAtPath: partial) else {
            throw CommandError.failed("cannot write \(partial)")
        }
        var progress = ExportProgress(format: format, interactive: isatty(2) == 1)
        do {
            var error: [UInt8] = []
            var status = 0
            try download.run(head: { head in
                status = head.status
                progress.total = head.headers["pathfolio-export-learners"].flatMap(Int.init)
            }, body: { piece in
                if status != 200 {
                    error += piece.prefix(4096 - error.count)
                    return
                }
                file.write(Data(piece))
                progress.advance(piece)
            })
            try file.close()
            guard status == 200 else {
                throw CommandError.failed("the service answered \(status): \(problemDetail(error))")
            }
            progress.finish()
            guard rename(partial, out) == 0 else { throw CommandError.failed("cannot rename \(partial) to \(out)") }
        } catch {
            try? file.close()
            unlink(partial)
            progress.abandon()
            throw error
        }
        Console.say(progress.summary(out: out))
    }

    static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? value
    }

    /// The `detail` of a problem+json body, or the body's first line.
    static func problemDetail(_ body: [UInt8]) -> String {
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], let detail = object["detail"] as? String {
            return detail
        }
        return String(decoding: body.prefix(200), as: UTF8.self)
    }
}
