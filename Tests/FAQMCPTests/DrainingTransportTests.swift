import Foundation
import MCP
import Testing

@testable import FAQMCP

/// How the stdio server finds the requests it still owes an answer when its input ends.
@Suite struct DrainingTransportTests {
    @Test func readsRequestIDsAndResponseIDsApart() {
        let request = Data(#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{}}"#.utf8)
        let notification = Data(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#.utf8)
        let response = Data(#"{"jsonrpc":"2.0","id":"a-1","result":{}}"#.utf8)
        let error = Data(#"{"jsonrpc":"2.0","id":7,"error":{"code":-32602,"message":"x"}}"#.utf8)
        let batch = Data(#"[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":"two","method":"ping"}]"#.utf8)
        #expect(DrainingTransport.ids(in: request, requests: true) == ["7"])
        #expect(DrainingTransport.ids(in: request, requests: false) == [])
        #expect(DrainingTransport.ids(in: notification, requests: true) == [])
        #expect(DrainingTransport.ids(in: response, requests: false) == [Value.string("a-1").description])
        #expect(DrainingTransport.ids(in: error, requests: false) == DrainingTransport.ids(in: request, requests: true))
        #expect(DrainingTransport.ids(in: batch, requests: true).count == 2)
        #expect(DrainingTransport.ids(in: Data("garbage".utf8), requests: true) == [])
    }
}
