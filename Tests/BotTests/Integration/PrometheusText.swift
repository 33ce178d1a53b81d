import Testing

/// A strict reader of the Prometheus text exposition format (0.0.4), for checking what the relay serves and what
/// the daemon writes: every line must be a comment, a `# HELP`/`# TYPE` line or a sample; names and label names
/// must be valid; a `# TYPE` comes before its samples and at most once; values are floats; histogram buckets are
/// cumulative and end with `le="+Inf"` equal to `_count`.
struct PrometheusText {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Sample values by `name{label="value",…}` with labels sorted by name.
    private(set) var samples: [String: Double] = [:]
    private(set) var types: [String: String] = [:]

    init(_ text: String) throws {
        var sampled: Set<String> = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let where_ = "line \(index + 1): \(line)"
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
                guard parts.count >= 3, parts[1] == "TYPE" || parts[1] == "HELP" else { continue }
                let name = String(parts[2])
                guard Self.isMetricName(name) else { throw Problem(description: "bad metric name, \(where_)") }
                if parts[1] == "TYPE" {
                    guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                        throw Problem(description: "bad TYPE, \(where_)")
                    }
                    guard types[name] == nil, !sampled.contains(name) else {
                        throw Problem(description: "TYPE repeated or after samples, \(where_)")
                    }
                    types[name] = String(parts[3])
                }
                continue
            }
            let (key, name, value) = try Self.sample(line, where_)
            let family = types[name] != nil ? name : Self.family(of: name)
            sampled.insert(family)
            guard samples[key] == nil else { throw Problem(description: "duplicate sample, \(where_)") }
            samples[key] = value
        }
        try checkHistograms()
    }

    /// The value of a sample, e.g. `value("huabei_relay_http_requests_total", ["route": "/", "status": "200"])`.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples[Self.key(name, labels)]
    }

    /// The sum over every sample of `name` whose labels include `labels`.
    func sum(_ name: String, where labels: [String: String] = [:]) -> Double {
        samples.filter { key, _ in
            guard key == name || key.hasPrefix(name + "{") else { return false }
            return labels.allSatisfy { key.contains("\($0.key)=\"\($0.value)\"") }
        }.values.reduce(0, +)
    }

    /// Every label set of `name`, as dictionaries.
    func labelSets(_ name: String) -> [[String: String]] {
        samples.keys.filter { $0.hasPrefix(name + "{") }.map { key in
            var labels: [String: String] = [:]
            for pair in key.dropFirst(name.count + 1).dropLast().split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
            }
            return labels
        }
    }

    static func key(_ name: String, _ labels: [String: String]) -> String {
        guard !labels.isEmpty else { return name }
        return name + "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",") + "}"
    }

    private static func family(of name: String) -> String {
        for suffix in ["_bucket", "_count", "_sum"] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
        return name
    }

    private static func isMetricName(_ name: some StringProtocol) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" || first == ":" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
    }

    private static func isLabelName(_ name: some StringProtocol) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// `name{a="x",b="y"} value [timestamp]` → (key, name, value).
    private static func sample(_ line: Substring, _ where_: String) throws -> (String, String, Double) {
        var rest = line[...]
        let nameEnd = rest.firstIndex { $0 == "{" || $0 == " " } ?? rest.endIndex
        let name = String(rest[..<nameEnd])
        guard isMetricName(name) else { throw Problem(description: "bad metric name, \(where_)") }
        rest = rest[nameEnd...]
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                guard let equals = rest.firstIndex(of: "=") else { throw Problem(description: "bad label, \(where_)") }
                let labelName = rest[..<equals]
                guard isLabelName(labelName) else { throw Problem(description: "bad label name, \(where_)") }
                rest = rest[rest.index(after: equals)...]
                guard rest.first == "\"" else { throw Problem(description: "unquoted label value, \(where_)") }
                rest = rest.dropFirst()
                var value = ""
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        guard ["\\", "\"", "n"].contains(character) else { throw Problem(description: "bad escape, \(where_)") }
                        value.append(character == "n" ? "\n" : character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        break
                    } else {
                        value.append(character)
                    }
                }
                guard labels[String(labelName)] == nil else { throw Problem(description: "repeated label, \(where_)") }
                labels[String(labelName)] = value
                if rest.first == "," { rest = rest.dropFirst() }
                guard !rest.isEmpty else { throw Problem(description: "unclosed labels, \(where_)") }
            }
            rest = rest.dropFirst()
        }
        let fields = rest.split(separator: " ")
        guard rest.first == " ", (1...2).contains(fields.count) else { throw Problem(description: "bad sample, \(where_)") }
        let text = String(fields[0])
        let value: Double? = switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
        guard let value else { throw Problem(description: "bad value, \(where_)") }
        if fields.count == 2, Int64(fields[1]) == nil { throw Problem(description: "bad timestamp, \(where_)") }
        return (key(name, labels), name, value)
    }

    private func checkHistograms() throws {
        for (name, type) in types where type == "histogram" {
            let series = Dictionary(grouping: labelSets(name + "_bucket")) { labels in
                labels.filter { $0.key != "le" }
            }
            for (labels, buckets) in series {
                let ordered = buckets.compactMap { bucket -> (Double, Double)? in
                    guard let le = bucket["le"], let bound = le == "+Inf" ? .infinity : Double(le),
                        let count = value(name + "_bucket", bucket)
                    else { return nil }
                    return (bound, count)
                }.sorted { $0.0 < $1.0 }
                guard ordered.count == buckets.count, ordered.last?.0 == .infinity else {
                    throw Problem(description: "\(name)\(labels): buckets without le or without +Inf")
                }
                for index in ordered.indices.dropFirst() where ordered[index].1 < ordered[index - 1].1 {
                    throw Problem(description: "\(name)\(labels): buckets not cumulative")
                }
                guard value(name + "_count", labels) == ordered.last?.1, value(name + "_sum", labels) != nil else {
                    throw Problem(description: "\(name)\(labels): _count differs from the +Inf bucket, or no _sum")
                }
            }
        }
    }
}

@Suite struct PrometheusTextTests {
    @Test func readsSamplesAndHistograms() throws {
        let text = """
            # HELP requests_total Requests.
            # TYPE requests_total counter
            requests_total{route="/a",status="200"} 3
            requests_total{route="/b\\"x",status="404"} 1
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.1"} 1
            latency_seconds_bucket{le="+Inf"} 2
            latency_seconds_sum 0.35
            latency_seconds_count 2

            """
        let parsed = try PrometheusText(text)
        #expect(parsed.value("requests_total", ["status": "200", "route": "/a"]) == 3)
        #expect(parsed.sum("requests_total") == 4)
        #expect(parsed.value("latency_seconds_count") == 2)
    }

    @Test(arguments: [
        "bad-name 1\n",
        "x{a=\"1\"} one\n",
        "x{1a=\"1\"} 1\n",
        "x 1\n# TYPE x counter\n",
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",
        "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n",
    ])
    func refusesWhatPrometheusWouldRefuse(text: String) {
        #expect(throws: PrometheusText.Problem.self) { try PrometheusText(text) }
    }
}
