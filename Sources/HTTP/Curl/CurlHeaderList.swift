import CCurl

/// Builds the `curl_slist` of request header lines for `CURLOPT_HTTPHEADER`.
enum CurlHeaderList {
    /// Returns the header list for `request` (owned by the caller, freed with `curl_slist_free_all`), or
    /// `nil` for none. Throws ``HTTPClientError/invalidRequest`` for a header that could smuggle extra lines.
    static func make(for request: HTTPRequest) throws(HTTPClientError) -> UnsafeMutablePointer<curl_slist>? {
        var lines: [String] = []
        for field in request.headers {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(HTTPHeaders.isTokenCharacter) else {
                throw HTTPClientError.invalidRequest.with(target: request.redactedURL, detail: "a header name is not a valid token")
            }
            guard !field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw HTTPClientError.invalidRequest.with(
                    target: request.redactedURL, detail: "the value of header \(field.name) contains a line break")
            }
            // libcurl reads "Name:" as "remove this header" and "Name;" as "send it with an empty value".
            lines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        // No `Expect: 100-continue` round trip before larger bodies: the servers we talk to answer at once.
        if !request.headers.contains(name: "Expect") {
            lines.append("Expect:")
        }
        // libcurl labels a body without a type as a form (`application/x-www-form-urlencoded`); send no type
        // rather than a wrong one.
        if !request.body.isEmpty || request.method == .post, !request.headers.contains(name: "Content-Type") {
            lines.append("Content-Type:")
        }

        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let extended = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                throw HTTPClientError.other.with(target: request.redactedURL, detail: "out of memory building the request headers")
            }
            list = extended
        }
        return list
    }
}
