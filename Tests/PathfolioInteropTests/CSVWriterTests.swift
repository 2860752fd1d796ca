import Testing
@testable import PathfolioInterop

@Suite("CSVWriter")
struct CSVWriterTests {
    @Test func quotesOnlyWhenNeededAndEndsWithCRLF() {
        let writer = CSVWriter()
        #expect(writer.encode(record: ["a", "b c", "x,y", "say \"hi\"", "two\nlines", ""]) ==
            "a,b c,\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n")
        #expect(writer.encode(field: " padded") == "\" padded\"")
    }

    @Test func roundTripThroughTheReader() throws {
        let rows: [[String]] = [
            ["sourcedId", "note", "empty"],
            ["1", "comma, inside", ""],
            ["2", "quote \" inside", "x"],
            ["3", "multi\r\nline\nfield", "=SUM(A1)"],
            ["4", "Zoë 名前", "-5"],
        ]
        let text = CSVWriter().encode(records: rows)
        let back = try CSVReader().read(text)
        #expect(back.map(\.fields) == rows)
        #expect(back.map(\.line) == [1, 2, 3, 4, 7])
    }

    @Test func formulaNeutralisation() throws {
        let writer = CSVWriter(neutralizeFormulas: true)
        #expect(writer.encode(field: "=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(writer.encode(field: "+1") == "'+1")
        #expect(writer.encode(field: "-2") == "'-2")
        #expect(writer.encode(field: "@cmd") == "'@cmd")
        #expect(writer.encode(field: "\tx") == "'\tx")
        #expect(writer.encode(field: "\rx") == "\"'\rx\"")
        #expect(writer.encode(field: "safe=value") == "safe=value")
        #expect(writer.encode(field: "") == "")
        // Off by default.
        #expect(CSVWriter().encode(field: "=1+1") == "=1+1")
        // Neutralised output still parses, with the apostrophe kept.
        let back = try CSVReader().read(writer.encode(records: [["=1+1", "ok"]]))
        #expect(back.first?.fields == ["'=1+1", "ok"])
    }
}
