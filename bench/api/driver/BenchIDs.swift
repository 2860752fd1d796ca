import Foundation
import PathfolioCrypto

/// The seeded world's ids and token secrets, derived from small numbers so that the driver,
/// the SQL seed, the wrk scripts and the pgbench scripts all name the same rows without
/// passing thousands of values around. Every id is a valid UUID whose last group holds the
/// numbers in decimal digits; `BenchIDs.sql` spells the same formulas in SQL.
enum BenchIDs {
    static let institution = "b0000000-0000-4000-8000-000000000001"
    static let admin = "b0000000-0000-4000-8000-0000000000a1"
    static let framework = "c0000000-0000-4000-8000-000000000000"
    /// The `export` workload's registrar and its class of every learner.
    static let registrar = "b0000000-0000-4000-8000-0000000000a2"
    static let exportClass = "b0000000-0000-4000-8000-0000000000c1"

    /// Assessor `a` (1-based).
    static func assessor(_ a: Int) -> String { "a0000000-0000-4000-8000-" + digits(a, 12) }
    /// Advisor `k` (1-based; the `plans` workload's).
    static func advisor(_ k: Int) -> String { "ad000000-0000-4000-8000-" + digits(k, 12) }
    /// Learner `i` (1-based).
    static func learner(_ i: Int) -> String { "10000000-0000-4000-8000-" + digits(i, 12) }
    /// Competency `j` of strand `s` (j = 0 is the strand itself).
    static func competency(strand s: Int, _ j: Int) -> String {
        "c0000000-0000-4000-8000-00000" + digits(s, 3) + digits(j, 4)
    }
    /// An institution and its admin for the import runs.
    static func importInstitution(_ k: Int) -> String { "b1000000-0000-4000-8000-" + digits(k, 12) }
    static func importAdmin(_ k: Int) -> String { "b2000000-0000-4000-8000-" + digits(k, 12) }

    /// The bearer token secret of a seeded person, e.g. `assessor/7`: `pf_` and the base64url
    /// SHA-256 of a fixed text (32 bytes, the shape the service demands).
    static func secret(_ name: String) -> String {
        "pf_" + Base64URL.encode(SHA256.hash(Array("pathfolio-bench/\(name)".utf8)))
    }

    /// The same secret's stored hash as a SQL expression over `nameSQL` (a text expression).
    static func tokenHashSQL(_ nameSQL: String) -> String {
        "sha256(convert_to('pf_' || rtrim(translate(encode(sha256(convert_to('pathfolio-bench/' || \(nameSQL), 'UTF8')), 'base64'), '+/', '-_'), '='), 'UTF8'))"
    }

    static func digits(_ value: Int, _ count: Int) -> String {
        let text = String(value)
        precondition(text.count <= count, "\(value) does not fit \(count) digits")
        return String(repeating: "0", count: count - text.count) + text
    }
}
