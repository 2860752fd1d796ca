public import PathfolioCore

/// Transcripts as RFC 4180 CSV (`format=csv`, and the bulk export): one record per mastered
/// competency (`record` = `competency`) and per achieved goal (`record` = `goal`, with the plan's
/// title under `framework` and the day achieved under `date`), CRLF line ends, a header record.
///
/// Every cell is written with ``CSVWriter/neutralizeFormulas`` on: a cell starting with `=`, `+`,
/// `-`, `@`, a tab or CR gets a leading `'`, so a spreadsheet shows it instead of running it.
public enum TranscriptCSV {
    /// The column names, in order.
    public static let columns = [
        "record", "learner_id", "learner_sourced_id", "learner_name", "framework", "code", "statement", "level", "score",
        "date", "uri", "issuer", "as_of",
    ]

    /// One record's cells, as text, in ``columns`` order.
    public struct Record: Sendable, Hashable {
        public var record: String
        public var learnerID: String
        public var learnerSourcedID: String
        public var learnerName: String
        public var framework: String
        public var code: String
        public var statement: String
        public var level: String
        public var score: String
        public var date: String
        public var uri: String
        public var issuer: String
        public var asOf: String

        /// Makes a record from its cells.
        public init(record: String, learnerID: String, learnerSourcedID: String, learnerName: String, framework: String,
                    code: String, statement: String, level: String, score: String, date: String, uri: String,
                    issuer: String, asOf: String) {
            self.record = record
            self.learnerID = learnerID
            self.learnerSourcedID = learnerSourcedID
            self.learnerName = learnerName
            self.framework = framework
            self.code = code
            self.statement = statement
            self.level = level
            self.score = score
            self.date = date
            self.uri = uri
            self.issuer = issuer
            self.asOf = asOf
        }

        var cells: [String] {
            [record, learnerID, learnerSourcedID, learnerName, framework, code, statement, level, score, date, uri, issuer, asOf]
        }
    }

    /// The writer of every transcript cell (formulas neutralised).
    public static let writer = CSVWriter(neutralizeFormulas: true)

    /// The header record, with its CRLF.
    public static var header: String { writer.encode(record: columns) }

    /// One record, with its CRLF.
    public static func line(_ record: Record) -> String { writer.encode(record: record.cells) }

    /// A whole transcript: the header, then its records.
    public static func document(_ transcript: Transcript) -> String {
        var out = header
        for record in records(transcript) { out += line(record) }
        return out
    }

    /// A transcript's records (no header), as the bulk export writes them one learner after another.
    public static func records(_ transcript: Transcript) -> [Record] {
        let learner = transcript.learner
        let issuer = transcript.issuer.name
        let asOf = transcript.asOf.rfc3339Seconds
        let competencies = transcript.competencies.map { entry in
            Record(record: "competency", learnerID: learner.id.description, learnerSourcedID: learner.sourcedID ?? "",
                   learnerName: learner.fullName, framework: entry.frameworkTitle, code: entry.code,
                   statement: entry.statement, level: entry.level ?? "", score: entry.score?.description ?? "",
                   date: entry.firstMasteredOn?.description ?? "", uri: entry.competencyURI, issuer: issuer, asOf: asOf)
        }
        let goals = transcript.achievedGoals.map { goal in
            Record(record: "goal", learnerID: learner.id.description, learnerSourcedID: learner.sourcedID ?? "",
                   learnerName: learner.fullName, framework: goal.planTitle, code: goal.kind.rawValue,
                   statement: goal.statement, level: "", score: "", date: goal.achievedOn?.description ?? "", uri: "",
                   issuer: issuer, asOf: asOf)
        }
        return competencies + goals
    }
}
