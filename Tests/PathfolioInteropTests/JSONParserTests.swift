import Testing
import PathfolioInterop

@Suite("JSON value and parser")
struct JSONParserTests {
    @Test("numbers keep their exact text and objects their member order")
    func preservesNumbersAndOrder() throws {
        let text = #"{"z":1.0,"a":[1e3,-0.50,12345678901234567890123],"m":{"b":true,"a":null}}"#
        let value = try JSONParser().parse(text)
        #expect(value.serialized() == text)
        #expect(value["z"] == .number("1.0"))
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test("strings: escapes, surrogate pairs, control characters written back escaped")
    func strings() throws {
        let value = try JSONParser().parse(#"["a\"b\\c\/d\n\u00e9\ud83d\ude00\u0001"]"#)
        #expect(value.arrayValue?.first?.stringValue == "a\"b\\c/d\né😀\u{01}")
        let again = try JSONParser().parse(value.serialized())
        #expect(again == value)
    }

    @Test("object equality ignores member order")
    func objectEquality() throws {
        #expect(try JSONParser().parse(#"{"a":1,"b":2}"#) == JSONParser().parse(#"{"b":2,"a":1}"#))
        #expect(try JSONParser().parse(#"{"a":1}"#) != JSONParser().parse(#"{"a":1.0}"#))
    }

    @Test("errors name the JSON pointer", arguments: [
        (#"{"a": [1, 2, tru]}"#, "/a/2"),
        (#"{"a": {"b~c/d": 01}}"#, "/a/b~0c~1d"),
        (#"{"a": "x"#, "/a"),
        (#"[1,]"#, "/1"),
        (#"{"a":1} x"#, ""),
        ("", ""),
    ])
    func errorPointers(text: String, pointer: String) {
        #expect(throws: JSONParseError.self) { try JSONParser().parse(text) }
        do {
            _ = try JSONParser().parse(text)
        } catch {
            #expect(error.pointer == pointer, "\(error)")
        }
    }

    @Test("nesting: 64 levels accepted, 65 refused")
    func depthLimit() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try JSONParser().parse(ok)
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        do {
            _ = try JSONParser().parse(deep)
            Issue.record("65 levels were accepted")
        } catch {
            #expect(error.message.contains("nesting deeper than 64"))
            #expect(error.pointer == "/" + Array(repeating: "0", count: 64).joined(separator: "/"))
        }
    }

    @Test("invalid UTF-8 and raw control characters are refused")
    func invalidText() {
        #expect(throws: JSONParseError.self) { try JSONParser().parse([0x22, 0xFF, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser().parse("\"a\nb\"") }
    }
}
