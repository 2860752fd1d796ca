import Foundation
import PathfolioCore
import PathfolioPostgres
import Synchronization

/// Each institution's ``CompetencyCatalog`` as this process last read it, with the catalog
/// version it was read at (`catalog_versions`, schema 0004).
///
/// The catalog is what every review and progress read is computed against, and reading it
/// costs three statements and hundreds of rows; it changes only when frameworks are imported
/// or policies set. Every request's opening round trip reads the version (one small
/// statement), so a cached catalog is used only while the database says it is still current —
/// whichever process changed it. Nothing is only here: a cold process reads it again.
final class CompetencyCatalogCache: Sendable {
    private struct Entry {
        let state: CatalogVersionStore.State
        let catalog: CompetencyCatalog
    }

    private let entries = Mutex<[InstitutionID: Entry]>([:])
    /// The institution each recently seen token belongs to (a token never changes
    /// institution): lets a request pick which rows to read before its token is checked.
    private let institutions = Mutex<[[UInt8]: InstitutionID]>([:])
    private static let rememberedTokens = 100_000

    /// The catalog of `institution` if the one held is current: read at `state`'s version,
    /// and no policy recorded since has taken effect by `instant` (the transaction's start).
    func catalog(of institution: InstitutionID, state: CatalogVersionStore.State, at instant: Date) -> CompetencyCatalog? {
        entries.withLock { entries in
            guard let entry = entries[institution], entry.state.version == state.version,
                  entry.state.nextPolicyChange.map({ instant < $0 }) ?? true
            else { return nil }
            return entry.catalog
        }
    }

    /// Keeps `catalog`, read in a transaction that saw `state` before reading it (so it is at
    /// least that new; a newer one only makes the next request read again).
    func store(_ catalog: CompetencyCatalog, of institution: InstitutionID, state: CatalogVersionStore.State) {
        entries.withLock { entries in
            if let held = entries[institution], held.state.version > state.version { return }
            entries[institution] = Entry(state: state, catalog: catalog)
        }
    }

    /// The catalog held for the institution of the token with this hash, current or not: a
    /// guess to plan a request's reads with, which the request checks once it knows better.
    func likelyCatalog(forToken hash: [UInt8]) -> CompetencyCatalog? {
        guard let institution = institutions.withLock({ $0[hash] }) else { return nil }
        return entries.withLock { $0[institution]?.catalog }
    }

    /// Notes the institution of a token that was just found valid.
    func remember(token hash: [UInt8], institution: InstitutionID) {
        institutions.withLock { institutions in
            guard institutions[hash] != institution else { return }
            if institutions.count >= Self.rememberedTokens { institutions.removeAll(keepingCapacity: true) }
            institutions[hash] = institution
        }
    }
}
