public import PathfolioCore

/// A transcript as a printable HTML page (`format=html`): semantic tables with headers, a print
/// style sheet (A4/Letter margins, no page break inside a row, repeated table headers), no
/// JavaScript and nothing loaded from elsewhere.
public enum TranscriptHTML {
    /// The whole page.
    public static func page(_ transcript: Transcript, certification: TranscriptCertification? = nil) -> String {
        let learner = transcript.learner
        let title = "Transcript — \(learner.fullName)"
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <p class="issuer">\(escape(transcript.issuer.name))</p>
            <h1>Transcript</h1>
            <dl>
            <dt>Learner</dt><dd>\(escape(learner.fullName))</dd>

            """
        if let sourced = learner.sourcedID { html += "<dt>Student number</dt><dd>\(escape(sourced))</dd>\n" }
        html += "<dt>As of</dt><dd><time datetime=\"\(transcript.asOf.rfc3339Seconds)\">\(transcript.asOf.rfc3339Seconds)</time></dd>\n"
        if let certification {
            html += """
                <dt>Certified</dt><dd><time datetime="\(certification.certifiedAt.rfc3339Seconds)">\(certification.certifiedAt.rfc3339Seconds)</time> by \(escape(certification.certifiedBy))</dd>
                <dt>Certificate</dt><dd>\(certification.id.uuidString.lowercased())</dd>

                """
        }
        html += "</dl>\n</header>\n<main>\n<section aria-labelledby=\"competencies\">\n<h2 id=\"competencies\">Mastered competencies</h2>\n"
        if transcript.competencies.isEmpty {
            html += "<p>No competency mastered as of this date.</p>\n"
        } else {
            html += """
                <table>
                <thead><tr><th scope="col">Framework</th><th scope="col">Code</th><th scope="col">Competency</th><th scope="col">Level</th><th scope="col">First mastered</th></tr></thead>
                <tbody>

                """
            for entry in transcript.competencies {
                html += "<tr><td>\(escape(entry.frameworkTitle))</td><th scope=\"row\">\(escape(entry.code))</th>"
                html += "<td>\(escape(entry.statement))</td><td>\(escape(entry.level ?? "—"))</td>"
                html += "<td>\(entry.firstMasteredOn?.description ?? "—")</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</section>\n<section aria-labelledby=\"goals\">\n<h2 id=\"goals\">Achieved plan goals</h2>\n"
        if transcript.achievedGoals.isEmpty {
            html += "<p>No plan goal achieved as of this date.</p>\n"
        } else {
            html += """
                <table>
                <thead><tr><th scope="col">Plan</th><th scope="col">Goal</th><th scope="col">Kind</th><th scope="col">Achieved</th></tr></thead>
                <tbody>

                """
            for goal in transcript.achievedGoals {
                html += "<tr><td>\(escape(goal.planTitle))</td><th scope=\"row\">\(escape(goal.statement))</th>"
                html += "<td>\(goal.kind.rawValue)</td><td>\(goal.achievedOn?.description ?? "—")</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</section>\n</main>\n<footer><p>Issued by \(escape(transcript.issuer.name)) with Pathfolio.</p></footer>\n</body>\n</html>\n"
        return html
    }

    static let style = """
        body{font:11pt/1.4 Georgia,serif;color:#111;margin:2rem auto;max-width:60rem;padding:0 1rem}\
        h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.2rem;margin-top:2rem}\
        .issuer{font-variant:small-caps;letter-spacing:.05em;margin:0}\
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:bold}dd{margin:0}\
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #999;padding:.3rem .4rem;text-align:left;vertical-align:top}\
        thead th{border-bottom:2px solid #111}tbody th{font-weight:normal;white-space:nowrap}\
        footer{margin-top:2rem;font-size:.9em;color:#444}\
        @media print{@page{margin:2cm}body{margin:0;max-width:none}thead{display:table-header-group}\
        tr{break-inside:avoid}h2{break-after:avoid}}
        """

    /// Text made safe for HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
