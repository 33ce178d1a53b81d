import CCurl

/// Turns a failed transfer's `CURLcode` into an ``HTTPClientError`` a user can act on.
enum CurlErrorMapping {
    /// Maps `code`; `message` is libcurl's explanation, already scrubbed of the URL path by the caller.
    static func error(for code: CURLcode, message: String, target: String?) -> HTTPClientError {
        let detail = "\(message) [curl error \(code.rawValue)]"
        return kind(of: code, message: message).with(target: target, detail: detail)
    }

    private static func kind(of code: CURLcode, message: String) -> HTTPClientError {
        switch code {
        case CURLE_COULDNT_CONNECT:
            return .couldNotConnect
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .couldNotResolveHost
        case CURLE_OPERATION_TIMEDOUT:
            // libcurl reports the low-speed abort with the same code as a timeout; only its message differs
            // ("Operation too slow. Less than 1 bytes/sec transferred the last 60 seconds").
            return message.lowercased().contains("too slow") ? .lowSpeed : .timedOut
        case CURLE_FILESIZE_EXCEEDED:
            return .responseTooLarge
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .malformedURL
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return .connectionLost
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            return .tlsFailure
        default:
            return .other
        }
    }
}
