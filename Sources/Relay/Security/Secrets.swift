import Crypto
import Foundation

/// Random identifiers and secrets, their digests, and a comparison whose time does not depend on where two
/// digests differ.
enum Secrets {
    /// `byteCount` bytes from the system's cryptographic generator, in unpadded base64url.
    static func randomToken(byteCount: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: byteCount)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        return base64URL(bytes)
    }

    /// The SHA-256 digest (swift-crypto) of a secret's UTF-8 bytes: what the store keeps instead of the secret.
    static func digest(_ secret: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(secret.utf8)))
    }

    /// True when two byte strings are equal, looking at every byte whatever the first difference.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    /// Unpadded base64url (RFC 4648 §5).
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
