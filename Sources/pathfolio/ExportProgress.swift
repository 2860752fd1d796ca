import Foundation
import Glibc

/// Counts an export as it arrives (records, learners, bytes) and draws a progress bar on the
/// terminal's standard error. Records are counted outside quoted fields, so a statement with a
/// line break inside is still one record; learners are counted when the learner id (the second
/// CSV field) changes, or one per NDJSON line; the total comes from `Pathfolio-Export-Learners`.
struct ExportProgress {
    let format: String
    let interactive: Bool
    var total: Int?
    private(set) var bytes = 0
    private(set) var records = 0
    private(set) var learners = 0
    private var inQuotes = false
    private var field = 0
    private var currentID: [UInt8] = []
    private var lastID: [UInt8] = []
    private var headerDone = false
    private let started = ContinuousClock.now
    private var lastDrawn = ContinuousClock.now

    init(format: String, interactive: Bool) {
        self.format = format
        self.interactive = interactive
    }

    mutating func advance(_ piece: [UInt8]) {
        bytes += piece.count
        if format == "csv" {
            for byte in piece { csv(byte) }
        } else {
            for byte in piece where byte == 0x0A {
                records += 1
                learners += 1
            }
        }
        if interactive, ContinuousClock.now - lastDrawn > .milliseconds(200) {
            lastDrawn = .now
            draw()
        }
    }

    private mutating func csv(_ byte: UInt8) {
        if byte == 0x22 { inQuotes.toggle(); return }
        guard !inQuotes else { if field == 1 { currentID.append(byte) }; return }
        switch byte {
        case 0x2C:
            field += 1
        case 0x0A:
            if headerDone {
                records += 1
                if currentID != lastID {
                    learners += 1
                    lastID = currentID
                }
            }
            headerDone = true
            field = 0
            currentID.removeAll(keepingCapacity: true)
        case 0x0D:
            break
        default:
            if field == 1 { currentID.append(byte) }
        }
    }

    private var elapsed: Double {
        let duration = ContinuousClock.now - started
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    func draw() {
        var line = "\r"
        if let total, total > 0 {
            let done = min(learners, total)
            let width = 30, filled = width * done / total
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            line += "\(done)/\(total) learners"
        } else {
            line += "\(learners) learners"
        }
        line += String(format: ", %d records, %.1f MB, %.0f s  ", records, Double(bytes) / 1_048_576, elapsed)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The export ended complete: every learner of the export is done (in CSV, those without a
    /// mastered competency have no record to count).
    mutating func finish() {
        if let total { learners = total }
        if interactive {
            draw()
            FileHandle.standardError.write(Data("\n".utf8))
        }
    }

    func abandon() {
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    func summary(out: String) -> String {
        String(format: "%@: %d learners, %d %@, %.1f MB in %.1f s", out, learners, records,
               format == "csv" ? "records" : "lines", Double(bytes) / 1_048_576, elapsed)
    }
}
