/// How a learner's reviews of one competency become a score: the Canvas Learning Mastery
/// Gradebook methods, exactly as SPEC §1.4 defines them.
public enum MasteryMethod: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The most recent score.
    case latest
    /// The highest score (the default when an admin has chosen none, as in Canvas).
    case highest
    /// The arithmetic mean.
    case average
    /// The mean of the scores that meet the mastery threshold, once at least `n` exist;
    /// before that there is no score.
    case nMastery(Int)
    /// The most recent score weighs `percent` %, the mean of all earlier ones the rest;
    /// with a single score, that score.
    case weightedAverage(percent: Int)
    /// Each new score `x` folds in as `v ← v·(1 − p/100) + x·p/100`, starting from the first score.
    case decayingAverage(percent: Int)

    /// The method of a framework whose admin has chosen none.
    public static let `default` = MasteryMethod.highest

    /// The allowed `n` of `n_mastery`.
    public static let countRange: ClosedRange<Int> = 1...99
    /// The allowed percentage of the weighted and decaying averages (Canvas allows 1–99).
    public static let percentRange: ClosedRange<Int> = 1...99
    /// The method names as the API writes them.
    public static let names = ["latest", "highest", "average", "n_mastery", "weighted_average", "decaying_average"]

    /// Why a method was refused.
    public enum Invalid: Error, Sendable, Equatable {
        /// `n_mastery` needs `n` in the allowed range.
        case countOutOfRange(Int, allowed: ClosedRange<Int>)
        /// The averages need a percentage in the allowed range.
        case percentOutOfRange(Int, allowed: ClosedRange<Int>)
        /// The name is not a method; these are.
        case unknownMethod(String, allowed: [String])
        /// This method takes a parameter and none was given, or the reverse.
        case parameter(method: String, takesParameter: Bool)
    }

    /// Builds a method from its API name and parameter, checking the parameter's range.
    public init(name: String, parameter: Int?) throws(Invalid) {
        let takes = ["n_mastery", "weighted_average", "decaying_average"].contains(name)
        guard MasteryMethod.names.contains(name) else { throw .unknownMethod(name, allowed: MasteryMethod.names) }
        guard takes == (parameter != nil) else { throw .parameter(method: name, takesParameter: takes) }
        let method: MasteryMethod = switch name {
        case "latest": .latest
        case "highest": .highest
        case "average": .average
        case "n_mastery": .nMastery(parameter!)
        case "weighted_average": .weightedAverage(percent: parameter!)
        default: .decayingAverage(percent: parameter!)
        }
        try method.validate()
        self = method
    }

    /// Throws when the parameter is outside its range.
    public func validate() throws(Invalid) {
        switch self {
        case .nMastery(let n) where !MasteryMethod.countRange.contains(n):
            throw .countOutOfRange(n, allowed: MasteryMethod.countRange)
        case .weightedAverage(let p) where !MasteryMethod.percentRange.contains(p),
             .decayingAverage(let p) where !MasteryMethod.percentRange.contains(p):
            throw .percentOutOfRange(p, allowed: MasteryMethod.percentRange)
        default:
            return
        }
    }

    /// The API name: `latest`, `highest`, `average`, `n_mastery`, `weighted_average`, `decaying_average`.
    public var name: String {
        switch self {
        case .latest: "latest"
        case .highest: "highest"
        case .average: "average"
        case .nMastery: "n_mastery"
        case .weightedAverage: "weighted_average"
        case .decayingAverage: "decaying_average"
        }
    }

    /// `n` or `p`, for the methods that take one.
    public var parameter: Int? {
        switch self {
        case .latest, .highest, .average: nil
        case .nMastery(let n): n
        case .weightedAverage(let p), .decayingAverage(let p): p
        }
    }

    /// `decaying_average(65)`, `highest`.
    public var description: String { parameter.map { "\(name)(\($0))" } ?? name }

    private enum Keys: String, CodingKey { case method, parameter }

    /// Decodes `{"method": "n_mastery", "parameter": 3}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        try self.init(name: container.decode(String.self, forKey: .method),
                      parameter: container.decodeIfPresent(Int.self, forKey: .parameter))
    }

    /// Encodes the canonical form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(name, forKey: .method)
        try container.encodeIfPresent(parameter, forKey: .parameter)
    }
}
