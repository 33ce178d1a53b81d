import HTTPTypes
import Testing

@testable import Relay
import RequestDecoding

/// Query strings, urlencoded and multipart forms, JSON objects.
@Suite struct ParameterDecodingTests {
    @Test func queryAndFormDecoding() throws {
        let parameters = try RequestParameters.parse(
            query: "chat_id=42&text=%E8%8A%B1%E5%91%97+ok&empty=&flag", contentType: nil, body: [])
        #expect(parameters["chat_id"]?.integer == 42)
        #expect(parameters["text"]?.string == "花呗 ok")
        #expect(parameters["empty"]?.string == "")
        #expect(parameters["flag"]?.string == "")
    }

    @Test func bodyWinsOverQuery() throws {
        let parameters = try RequestParameters.parse(
            query: "offset=1", contentType: "application/json", body: Array(#"{"offset": 5, "limit": "7"}"#.utf8))
        #expect(parameters["offset"] == .integer(5))
        #expect(parameters["limit"]?.integer == 7)
    }

    @Test func badEscapesAndBadUTF8() {
        #expect(throws: RequestParameters.Failure.invalidForm) {
            try RequestParameters.parse(query: "text=%E8%8", contentType: nil, body: [])
        }
        #expect(throws: RequestParameters.Failure.invalidUTF8) {
            try RequestParameters.parse(query: "text=%FF", contentType: nil, body: [])
        }
        #expect(throws: RequestParameters.Failure.invalidJSON) {
            try RequestParameters.parse(query: nil, contentType: "application/json", body: Array("[1]".utf8))
        }
    }

    @Test func multipart() throws {
        let body = "--b\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n7\r\n--b\r\nContent-Disposition: form-data; name=\"text\"\r\nContent-Type: text/plain\r\n\r\n第一行\r\n第二行\r\n--b--\r\n"
        let parameters = try RequestParameters.parse(
            query: nil, contentType: "multipart/form-data; boundary=\"b\"", body: Array(body.utf8))
        #expect(parameters["chat_id"]?.integer == 7)
        #expect(parameters["text"]?.string == "第一行\r\n第二行")
    }

    @Test func jsonScalars() throws {
        let parameters = try RequestParameters.parse(
            query: nil, contentType: nil,
            body: Array(#"{"a": true, "b": 1.5, "c": null, "d": {"x": 1}, "e": [1], "f": "-12"}"#.utf8))
        #expect(parameters["a"]?.bool == true)
        #expect(parameters["b"] == .number(1.5))
        #expect(parameters["b"]?.integer == nil)
        #expect(parameters["c"] == .null)
        #expect(parameters["d"] == .compound)
        #expect(parameters["e"] == .compound)
        #expect(parameters["f"]?.integer == -12)
    }

    @Test func redactedLogPaths() {
        #expect(RequestLogMiddleware.redacted("/bot123:abc/getMe") == "/bot<token>/getMe")
        #expect(RequestLogMiddleware.redacted("/bot123:abc") == "/bot<token>")
        #expect(RequestLogMiddleware.redacted("/api/chats") == "/api/chats")
    }
}
