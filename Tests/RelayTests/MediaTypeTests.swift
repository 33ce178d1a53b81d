import Foundation
import RequestDecoding
import Testing

/// `RequestParameters.mediaType(of:)` reads a `Content-Type` as Foundation's split and trim did.
@Suite struct MediaTypeTests {
    /// What the parser did before: the first non-empty part between `;`s, trimmed by Foundation, lowercased.
    private func foundationMediaType(_ contentType: String) -> String {
        contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    @Test(arguments: [
        "application/json", "application/json; charset=utf-8", "Application/JSON;charset=utf-8",
        " \tapplication/x-www-form-urlencoded \t; x=1", "multipart/form-data; boundary=\"b\"", "", ";", ";;a/b;c",
        " ; application/json", "\u{00A0}application/json\u{3000}", "\u{2003}text/plain\u{2009};", "\napplication/json\r",
        "a b/c d", "ÄPPLICATION/JSON", "   ",
    ])
    func readsAsFoundationDid(_ contentType: String) {
        #expect(RequestParameters.mediaType(of: contentType) == foundationMediaType(contentType))
    }
}
