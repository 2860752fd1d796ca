// Times the CASE import (parse + translate + cycle check) and the 1.1 export of a package, and
// optionally writes the export: PathfolioInteropBench FILE [OUT.json]
import Foundation
import PathfolioCore
import PathfolioInterop

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: PathfolioInteropBench FILE [OUT.json]")
    exit(2)
}
let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: arguments[1])))
let reader = CASEPackageReader(institutionID: InstitutionID(UUID())) 
let clock = ContinuousClock()
var best = Duration.seconds(1000)
var result: CASEImport? = nil
for run in 0..<6 {
    let start = clock.now
    let imported = try reader.read(bytes)
    let elapsed = clock.now - start
    if run == 0 { print("first run: \(elapsed)") }
    best = min(best, elapsed)
    result = imported
}
let model = result!
print("\(arguments[1]): \(bytes.count) bytes, \(model.items.count) items, \(model.associations.count) associations, \(model.warnings.count) warnings; best import \(best)")
if ProcessInfo.processInfo.environment["SHOW_WARNINGS"] != nil { for w in model.warnings { print("  warning \(w)") } }
let writeStart = clock.now
let exported = CASEPackageWriter().packageBytes(model, pretty: true)
print("export: \(exported.count) bytes in \(clock.now - writeStart)")
if arguments.count >= 3 {
    try Data(exported).write(to: URL(fileURLWithPath: arguments[2]))
}
