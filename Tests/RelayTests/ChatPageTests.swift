import Foundation
import HTTPTypes
import Testing

@testable import Relay

/// The page at `/`: self-contained, Chinese, phone-sized, locked down by its Content-Security-Policy.
@Suite struct ChatPageTests {
    @Test func pageIsServedWithItsPolicy() async throws {
        try await RelayHarness.withRelay { relay in
            let reply = try await relay.request(.get, "/")
            #expect(reply.status == 200)
            #expect(reply.headers[.contentType] == "text/html; charset=utf-8")
            let html = reply.text
            #expect(html.contains("<title>花呗解冻助手</title>"))
            #expect(html.contains(#"name="viewport""#))
            #expect(html.contains("placeholder=\"请输入"))
            #expect(html.contains(">发送</button>"))
            let policy = try #require(reply.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'"))
            #expect(policy.contains("connect-src 'self'"))
        }
    }

    @Test func policyHashesMatchTheInlineBlocks() throws {
        let html = ChatPage.html
        func block(_ tag: String) throws -> String {
            let open = try #require(html.range(of: "<\(tag)>"))
            let close = try #require(html.range(of: "</\(tag)>", range: open.upperBound..<html.endIndex))
            return String(html[open.upperBound..<close.lowerBound])
        }
        let policy = ChatPage.contentSecurityPolicy
        #expect(policy.contains("script-src '\(ChatPage.hashSource(try block("script")))'"))
        #expect(policy.contains("style-src '\(ChatPage.hashSource(try block("style")))'"))
    }

    @Test func pageLoadsNothingFromElsewhereAndNeverParsesTextAsHTML() {
        let html = ChatPage.html
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("innerHTML"))
        #expect(!html.contains("insertAdjacentHTML"))
        #expect(!html.contains("document.write"))
        #expect(ChatPage.script.contains("textContent = text"))
    }
}
