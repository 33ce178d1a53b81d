import CCurl

/// `curl_global_init` must run exactly once per process, before any other libcurl call and before the transfer
/// threads exist. A Swift global is initialised lazily and exactly once (with `swift_once`), which is exactly
/// that guarantee. The result is kept so that every client can report a failed initialisation.
private let curlGlobalInitCode: UInt32 = curl_global_init(Int(CURL_GLOBAL_ALL)).rawValue

enum CurlGlobal {
    /// Runs `curl_global_init` on first use; returns whether libcurl is usable.
    static func initialize() -> Bool {
        curlGlobalInitCode == CURLE_OK.rawValue
    }
}
