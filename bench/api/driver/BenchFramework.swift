/// The benchmark's framework as a CASE 1.1 package: `strands` strands of `leaves` standards
/// each (10 × 19 + 10 = 200 competencies by default); every standard is a child of its strand
/// and precedes the next standard of the strand.
struct BenchFramework {
    let strands: Int
    let leaves: Int

    var competencyCount: Int { strands * (leaves + 1) }

    func package() -> String {
        let stamp = "2026-01-01T00:00:00+00:00"
        func node(_ s: Int, _ j: Int) -> String {
            #"{"identifier": "\#(BenchIDs.competency(strand: s, j))", "uri": "https://bench.pathfolio.invalid/items/\#(s).\#(j)", "title": "\#(code(s, j))"}"#
        }
        func code(_ s: Int, _ j: Int) -> String { j == 0 ? "B\(s)" : "B\(s).\(j)" }
        var items: [String] = []
        var associations: [String] = []
        for s in 1...strands {
            for j in 0...leaves {
                let statement = j == 0
                    ? "Strand \(s): reasoning with quantities, patterns and representations"
                    : "Standard \(s).\(j): explain and justify a solution strategy using models, equations and precise vocabulary"
                items.append("""
                    {"identifier": "\(BenchIDs.competency(strand: s, j))", "uri": "https://bench.pathfolio.invalid/items/\(s).\(j)",
                     "humanCodingScheme": "\(code(s, j))", "fullStatement": "\(statement)", "CFItemType": "\(j == 0 ? "Strand" : "Standard")",
                     "educationLevel": ["07"], "lastChangeDateTime": "\(stamp)"}
                    """)
                guard j > 0 else { continue }
                associations.append("""
                    {"identifier": "d1000000-0000-4000-8000-00000\(BenchIDs.digits(s, 3))\(BenchIDs.digits(j, 4))",
                     "uri": "https://bench.pathfolio.invalid/associations/child/\(s).\(j)", "associationType": "isChildOf",
                     "originNodeURI": \(node(s, j)), "destinationNodeURI": \(node(s, 0)), "lastChangeDateTime": "\(stamp)"}
                    """)
                if j < leaves {
                    associations.append("""
                        {"identifier": "d2000000-0000-4000-8000-00000\(BenchIDs.digits(s, 3))\(BenchIDs.digits(j, 4))",
                         "uri": "https://bench.pathfolio.invalid/associations/precedes/\(s).\(j)", "associationType": "precedes",
                         "originNodeURI": \(node(s, j)), "destinationNodeURI": \(node(s, j + 1)), "lastChangeDateTime": "\(stamp)"}
                        """)
                }
            }
        }
        return """
            {"CFDocument": {"identifier": "\(BenchIDs.framework)", "uri": "https://bench.pathfolio.invalid/frameworks/bench",
              "creator": "Pathfolio benchmark", "title": "Benchmark Mathematics", "version": "1.0", "language": "en",
              "subject": ["Mathematics"], "adoptionStatus": "Adopted", "lastChangeDateTime": "\(stamp)",
              "CFPackageURI": {"identifier": "\(BenchIDs.framework)", "uri": "https://bench.pathfolio.invalid/packages/bench", "title": "Benchmark Mathematics"}},
             "CFItems": [\(items.joined(separator: ",\n"))],
             "CFAssociations": [\(associations.joined(separator: ",\n"))]}
            """
    }
}
