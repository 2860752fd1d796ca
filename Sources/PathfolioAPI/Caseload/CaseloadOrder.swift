import Foundation
import PathfolioCore
import PathfolioCrypto

/// How a caseload is sorted (`sort`): by `flags` (most first; the default), `name` (family
/// name, given name), `waiting` (the longest wait for a review first) or `quiet` (the longest
/// without evidence first). Ties go by name, then id, so the order is total and a cursor
/// (the key of the last item shown) continues it without repeating or skipping anyone.
enum CaseloadOrder: String, CaseIterable {
    case flags
    case name
    case waiting
    case quiet

    /// An advisee's place in the order.
    struct Key: Comparable {
        let primary: Int
        let familyName: String
        let givenName: String
        let learnerID: PersonID

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.primary, lhs.familyName, lhs.givenName, lhs.learnerID) < (rhs.primary, rhs.familyName, rhs.givenName, rhs.learnerID)
        }

        /// The cursor's components (names base64url-encoded: they may hold any character).
        var cursor: [String] {
            [String(primary), Base64URL.encode(Array(familyName.utf8)), Base64URL.encode(Array(givenName.utf8)),
             learnerID.description]
        }

        /// Reads ``cursor``; nil when it is not one.
        init?(cursor: [String]) {
            guard cursor.count == 4, let primary = Int(cursor[0]),
                  let family = Base64URL.decode(cursor[1]), let given = Base64URL.decode(cursor[2]),
                  let learner = PersonID(cursor[3]) else { return nil }
            self.init(primary: primary, familyName: String(decoding: family, as: UTF8.self),
                      givenName: String(decoding: given, as: UTF8.self), learnerID: learner)
        }

        init(primary: Int, familyName: String, givenName: String, learnerID: PersonID) {
            self.primary = primary
            self.familyName = familyName
            self.givenName = givenName
            self.learnerID = learnerID
        }
    }
}
