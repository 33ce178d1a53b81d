import HTTPTypes
import Testing

@testable import Relay

/// Token digests (swift-crypto's SHA-256) against FIPS 180-4 test vectors; token generation and comparison.
@Suite struct SecretsTests {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }.joined()
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256Vectors(input: String, expected: String) {
        #expect(hex(Secrets.digest(input)) == expected)
    }

    @Test func sha256OfAMillionAs() {
        let input = String(repeating: "a", count: 1_000_000)
        #expect(hex(Secrets.digest(input)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func cspHashSourceIsBase64OfTheDigest() {
        #expect(ChatPage.hashSource("abc") == "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
    }

    @Test func randomTokensAreLongAndDistinct() {
        let tokens = Set((0..<100).map { _ in Secrets.randomToken(byteCount: 32) })
        #expect(tokens.count == 100)
        #expect(tokens.allSatisfy { $0.count == 43 && !$0.contains("=") && !$0.contains("/") && !$0.contains("+") })
    }

    @Test func constantTimeEquals() {
        #expect(Secrets.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!Secrets.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!Secrets.constantTimeEquals([1, 2, 3], [1, 2]))
    }
}
