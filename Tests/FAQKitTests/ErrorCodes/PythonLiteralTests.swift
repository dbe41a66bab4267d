import Foundation
import Testing

@testable import FAQKit

/// The Python-literal converter is internal; it is tested directly because its cases (nested
/// quotes, escapes, keywords inside strings) are hard to reach one by one through the parser.
@Suite struct PythonLiteralTests {
    @Test(arguments: [
        ("{'message': 'x', 'data': None}", #"{"message": "x", "data": null}"#),
        ("{'ok': True, 'retry': False}", #"{"ok": true, "retry": false}"#),
        (#"{'message': "it's busy"}"#, #"{"message": "it's busy"}"#),
        (#"{'message': 'say "hi"'}"#, #"{"message": "say \"hi\""}"#),
        (#"{'message': 'it\'s'}"#, #"{"message": "it's"}"#),
        ("{'message': 'None of True is False'}", #"{"message": "None of True is False"}"#),
        (#"{'path': 'C:\\dir'}"#, #"{"path": "C:\\dir"}"#),
        (#"{'m': '\x41\u4e2d\U0001F600'}"#, "{\"m\": \"A中😀\"}"),
        (#"{'m': 'line\nbreak\ttab'}"#, #"{"m": "line\nbreak\ttab"}"#),
        ("{'m': b'bytes', 'n': u'text'}", #"{"m": "bytes", "n": "text"}"#),
        ("{'list': [1, 2,], 'x': 1,}", #"{"list": [1, 2], "x": 1}"#),
        (#"{"code":20012,"message":"JSON stays JSON","data":null}"#, #"{"code":20012,"message":"JSON stays JSON","data":null}"#),
        (#"{"m": "\ud83d\ude00"}"#, "{\"m\": \"😀\"}"),
        ("{'Nonesuch': NoneType}", #"{"Nonesuch": NoneType}"#),
    ])
    func convertsPythonLiteralsToJSON(_ literal: String, _ json: String) {
        #expect(PythonLiteral.json(from: literal) == json)
    }

    @Test func producesJSONThatFoundationDecodes() throws {
        let literal = #"{'code': 20015, 'message': "length of prompt_tokens (68957) isn't < max_seq_len", 'data': None, 'ok': False}"#
        let object = try JSONSerialization.jsonObject(with: Data(PythonLiteral.json(from: literal).utf8))
        let dictionary = try #require(object as? [String: Any])
        #expect(dictionary["code"] as? Int == 20015)
        #expect(dictionary["message"] as? String == "length of prompt_tokens (68957) isn't < max_seq_len")
        #expect(dictionary["data"] is NSNull)
    }

    @Test func escapesControlCharactersInsideStrings() {
        #expect(PythonLiteral.json(from: "{'m': 'a\u{0}b\u{1}'}") == #"{"m": "a\u0000b\u0001"}"#)
    }

    @Test func closesNothingForACutOffString() {
        // The converter does not invent structure: a cut-off literal stays invalid JSON.
        let json = PythonLiteral.json(from: "{'message': 'cut")
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) == nil)
    }
}
