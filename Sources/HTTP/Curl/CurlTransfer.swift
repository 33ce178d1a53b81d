import CCurl

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The state of one running transfer that libcurl's callbacks write into.
///
/// Created, used and released on the client's transfer thread: libcurl calls the callbacks below from
/// `curl_multi_perform` on that thread, with a pointer to this object as user data. So the class needs no lock
/// and is deliberately not `Sendable`. The only cross-thread state it reads, the job's stop flag, is an atomic.
final class CurlTransfer {
    let job: HTTPJob
    private let maxBodySize: Int
    /// Response header bytes accepted before the transfer is aborted (libcurl has its own, larger limits).
    private let maxHeaderBytes = 256 * 1024

    private(set) var body = Data()
    private(set) var headers = HTTPHeaders()
    /// Set when the body or the headers passed their limit and a callback aborted the transfer.
    private(set) var exceededSizeLimit = false
    private var headerBytes = 0

    /// Which limit was passed, for the error's detail.
    var limitDescription: String {
        headerBytes > maxHeaderBytes
            ? "the response headers passed \(maxHeaderBytes) bytes"
            : "the body passed the \(maxBodySize)-byte limit"
    }

    init(job: HTTPJob, maxBodySize: Int) {
        self.job = job
        self.maxBodySize = max(0, maxBodySize)
    }

    /// The pointer handed to libcurl as callback user data. Valid while the caller keeps `self` alive (the
    /// easy handle holds it until the transfer finished).
    var userData: UnsafeMutableRawPointer {
        Unmanaged.passUnretained(self).toOpaque()
    }

    static func from(_ userData: UnsafeMutableRawPointer) -> CurlTransfer {
        Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
    }

    /// Appends body bytes; returns `false` (abort) when the body would pass the size limit.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= maxBodySize else {
            exceededSizeLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Parses one header line; returns `false` (abort) when the headers grow past their limit.
    ///
    /// A status line starts a new header block, so the headers of interim (`100 Continue`) responses are
    /// dropped and only the final response's remain. Names and values are trimmed of optional whitespace (space and
    /// tab, RFC 9110) and the line's CR LF, byte by byte: headers are ASCII, and a `String` trimmed by `Character`
    /// cost about 2% of the daemon's CPU.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        headerBytes += bytes.count
        guard headerBytes <= maxHeaderBytes else {
            exceededSizeLimit = true
            return false
        }
        let line = Self.trimmed(bytes[...])
        if line.starts(with: "HTTP/".utf8) {
            headers = HTTPHeaders()
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            // Obsolete folded continuation lines have no colon-separated name of their own and are skipped.
            let name = Self.trimmed(line[..<colon])
            let value = Self.trimmed(line[(colon + 1)...])
            if !name.isEmpty {
                headers.add(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
            }
        }
        return true
    }

    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        func isBlank(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
        }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }
}

// MARK: - C callbacks
//
// Global functions (not closures or methods) so that they convert to C function pointers. Each one recovers
// the transfer from the user data pointer that was set next to it.

/// `CURLOPT_WRITEFUNCTION`: collects body bytes. Returning a count other than `size * count` aborts the
/// transfer with `CURLE_WRITE_ERROR`, which is how the size limit stops a response early.
func curlWriteBody(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userData: UnsafeMutableRawPointer?
) -> Int {
    let total = size * count
    guard total > 0 else { return 0 }
    guard let data, let userData else { return 0 }
    let transfer = CurlTransfer.from(userData)
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: total)) ? total : 0
}

/// `CURLOPT_HEADERFUNCTION`: called once per complete header line, status line included.
func curlReceiveHeader(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userData: UnsafeMutableRawPointer?
) -> Int {
    let total = size * count
    guard total > 0 else { return 0 }
    guard let data, let userData else { return 0 }
    let transfer = CurlTransfer.from(userData)
    return transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: total)) ? total : 0
}

/// `CURLOPT_XFERINFOFUNCTION`: called often during a transfer and about once a second while it is idle (a long
/// poll waiting for updates). Returning non-zero aborts the transfer with `CURLE_ABORTED_BY_CALLBACK`. The transfer
/// thread ends a stopped job's transfer itself as soon as it is woken; this catches one stopped mid-round.
func curlProgress(
    _ userData: UnsafeMutableRawPointer?, _ downloadTotal: curl_off_t, _ downloadNow: curl_off_t,
    _ uploadTotal: curl_off_t, _ uploadNow: curl_off_t
) -> Int32 {
    guard let userData else { return 0 }
    return CurlTransfer.from(userData).job.isCancelled ? 1 : 0
}
