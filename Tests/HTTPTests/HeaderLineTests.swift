import Foundation
import Testing

@testable import HTTP

/// Response header lines as libcurl hands them over, one by one with their CR LF.
@Suite struct HeaderLineTests {
    private func headers(_ lines: [String]) -> HTTPHeaders {
        let transfer = CurlTransfer(
            job: HTTPJob(request: HTTPRequest(url: URL(string: "http://127.0.0.1/")!), deadline: .now), maxBodySize: 0)
        for line in lines {
            let accepted = Array(line.utf8).withUnsafeBytes { transfer.receiveHeaderLine($0) }
            #expect(accepted)
        }
        return transfer.headers
    }

    @Test func namesAndValuesAreTrimmedOfBlanksAndTheLineEnd() {
        let headers = headers(["HTTP/1.1 200 OK\r\n", "Content-Type:  application/json \r\n", "X-Empty:\r\n", "\tX-Tab\t:\tv 1\t\r\n", "\r\n"])
        #expect(headers.first(name: "content-type") == "application/json")
        #expect(headers.first(name: "x-empty") == "")
        #expect(headers.first(name: "x-tab") == "v 1")
    }

    @Test func aValueKeepsItsColonsAndRepeatedNamesKeepEveryValue() {
        let headers = headers(["HTTP/1.1 200 OK\r\n", "Location: http://h:8/a\r\n", "Set-Cookie: a=1\r\n", "Set-Cookie: b=2\r\n"])
        #expect(headers.first(name: "location") == "http://h:8/a")
        #expect(headers["set-cookie"] == ["a=1", "b=2"])
    }

    @Test func onlyTheFinalResponsesHeadersRemain() {
        let headers = headers(["HTTP/1.1 100 Continue\r\n", "X-Interim: 1\r\n", "\r\n", "HTTP/1.1 201 Created\r\n", "X-Final: 2\r\n"])
        #expect(headers.first(name: "x-interim") == nil)
        #expect(headers.first(name: "x-final") == "2")
    }

    @Test func linesWithoutANameAreSkipped() {
        let headers = headers(["HTTP/1.1 200 OK\r\n", ": no name\r\n", " folded continuation\r\n", "X-Kept: 1\r\n"])
        #expect(headers.first(name: "x-kept") == "1")
        #expect(headers.first(name: "") == nil)
    }
}
