import Foundation
import PathfolioCore

/// `GET /v1/frameworks/{id}/equity`'s answer: one row per group and the total, each either with
/// its figures or with `suppressed` and none.
struct EquityRepresentation: Encodable {
    struct Row: Encodable {
        let group: String?
        let learners: Int?
        let masteredPairs: Int?
        let pairs: Int?
        let percent: String?
        let suppressed: String?

        init(_ row: EquityReport.Row) {
            group = row.group
            learners = row.learners
            masteredPairs = row.masteredPairs
            pairs = row.pairs
            percent = row.percent?.description
            suppressed = row.suppression?.rawValue
        }

        private enum CodingKeys: String, CodingKey { case group, learners, masteredPairs, pairs, percent, suppressed }

        /// Suppressed rows carry no figures at all (not even nulls); `percent` is null only when
        /// the framework has no competencies.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            if let group { try container.encode(group, forKey: .group) }
            if let suppressed {
                try container.encode(suppressed, forKey: .suppressed)
                return
            }
            try container.encode(learners, forKey: .learners)
            try container.encode(masteredPairs, forKey: .masteredPairs)
            try container.encode(pairs, forKey: .pairs)
            try container.encode(percent, forKey: .percent)
        }
    }

    let frameworkId: String
    let by: String
    let asOf: Date?
    let minimumGroupSize: Int
    let groups: [Row]
    let total: Row

    init(framework: FrameworkID, asOf: Date?, report: EquityReport) {
        frameworkId = framework.description
        by = report.field
        self.asOf = asOf
        minimumGroupSize = report.threshold
        groups = report.groups.map(Row.init)
        total = Row(report.total)
    }
}
