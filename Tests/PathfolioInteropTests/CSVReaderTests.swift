import Testing
@testable import PathfolioInterop

@Suite("CSVReader")
struct CSVReaderTests {
    let reader = CSVReader()

    @Test func plainFieldsWithLF() throws {
        let records = try reader.read("a,b,c\n1,2,3\n")
        #expect(records == [CSVRecord(fields: ["a", "b", "c"], line: 1), CSVRecord(fields: ["1", "2", "3"], line: 2)])
    }

    @Test func crlfAndLFGiveTheSameRecords() throws {
        let lf = try reader.read("a,b\n1,2\n")
        let crlf = try reader.read("a,b\r\n1,2\r\n")
        #expect(lf == crlf)
        let bareCR = try reader.read("a,b\r1,2")
        #expect(bareCR == lf)
    }

    @Test func trailingNewlineOrNot() throws {
        #expect(try reader.read("a,b\n1,2") == reader.read("a,b\n1,2\n"))
        #expect(try reader.read("a,b\r\n1,2").count == 2)
    }

    @Test func emptyFields() throws {
        let records = try reader.read(",a,,\n\"\",,\n")
        #expect(records[0].fields == ["", "a", "", ""])
        #expect(records[1].fields == ["", "", ""])
        #expect(try reader.read("a,").first?.fields == ["a", ""])
    }

    @Test func quotedFieldsWithCommasAndDoubledQuotes() throws {
        let records = try reader.read("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n")
        #expect(records[0].fields == ["a,b", "say \"hi\"", "\""])
    }

    @Test func embeddedNewlinesKeepLineNumbersRight() throws {
        let text = "id,note\n1,\"line one\nline two\r\nline three\"\n2,plain\n3,\"x\"\n"
        let records = try reader.read(text)
        #expect(records.map(\.line) == [1, 2, 5, 6])
        #expect(records[1].fields[1] == "line one\nline two\r\nline three")
        #expect(records[2].fields == ["2", "plain"])
    }

    @Test func byteOrderMarkIsStripped() throws {
        let records = try reader.read(bytes: [0xEF, 0xBB, 0xBF] + Array("sourcedId,name\r\n1,x\r\n".utf8))
        #expect(records[0].fields == ["sourcedId", "name"])
        #expect(records[0].line == 1)
    }

    @Test func blankLinesSkippedButCounted() throws {
        let records = try reader.read("a\n\n\nb\n\n")
        #expect(records == [CSVRecord(fields: ["a"], line: 1), CSVRecord(fields: ["b"], line: 4)])
        let kept = try CSVReader(skipBlankLines: false).read("a\n\nb")
        #expect(kept.map(\.fields) == [["a"], [""], ["b"]])
        #expect(try reader.read("\"\"\n").first?.fields == [""]) // a quoted empty field is not a blank line
    }

    @Test func utf8Content() throws {
        #expect(try reader.read("名前,Zoë\n").first?.fields == ["名前", "Zoë"])
    }

    @Test func unterminatedQuoteNamesTheLineWhereItOpened() {
        #expect(throws: CSVError.unterminatedQuote(line: 3)) {
            try reader.read("a,b\n1,2\n3,\"open\nstill open\n")
        }
    }

    @Test func strayQuoteInUnquotedField() {
        #expect(throws: CSVError.strayQuote(line: 2)) { try reader.read("a,b\n1,ab\"c\n") }
    }

    @Test func textAfterClosingQuote() {
        #expect(throws: CSVError.strayQuote(line: 3)) { try reader.read("a\n\"x\ny\"z\n") }
    }

    @Test func invalidUTF8NamesTheLine() {
        let bytes = Array("a,b\n1,2\n".utf8) + [0x33, 0x2C, 0xC3, 0x28, 0x0A]
        #expect(throws: CSVError.invalidUTF8(line: 3)) { try reader.read(bytes: bytes) }
    }

    @Test func errorDescriptionNamesTheLine() {
        #expect(CSVError.strayQuote(line: 7).description.contains("line 7"))
        #expect(CSVError.unterminatedQuote(line: 2).line == 2)
    }
}
