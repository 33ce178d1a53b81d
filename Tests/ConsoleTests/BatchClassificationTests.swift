import Classifier
@testable import Console
import Dialogue
import Foundation
import JSONWriting
import SharedTestSupport
import Testing
import TurnLogTesting

@Suite("Batch input: chunked line reading and classification on every core", .trainedEngine)
struct BatchClassificationTests {
    /// The lines of `bytes` as `readLine(strippingNewline: true)` gives them.
    private func referenceLines(_ bytes: [UInt8]) -> [String] {
        var parts = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if parts.last?.isEmpty == true { parts.removeLast() }
        return parts.map { part in String(decoding: part.last == 0x0D ? part.dropLast() : part[...], as: UTF8.self) }
    }

    /// Every line a `LineReader` with a read buffer of `chunkSize` bytes gives for `bytes`, through a file.
    private func readAll(_ bytes: [UInt8], chunkSize: Int, batch: Int = 3) throws -> [String] {
        let path = NSTemporaryDirectory() + "huabei-lines-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var reader = LineReader(descriptor: descriptor, chunkSize: chunkSize)
        var all: [String] = []
        var lines: [String] = []
        while try reader.read(upTo: batch, into: &lines) {
            #expect(lines.count <= batch)
            all += lines
        }
        return all
    }

    @Test("lines across chunk boundaries, CRLF, empty lines, no final newline, invalid UTF-8 and long lines read as readLine reads them",
          arguments: [16, 17, 64, 1 << 20])
    func linesMatchReadLine(chunkSize: Int) throws {
        var bytes = Array("花呗怎么用不了了\r\n\n逾期了还能用吗\n".utf8)
        bytes += [0xE8, 0x8A, 0x0A]  // a character cut short
        bytes += Array(String(repeating: "很长的一行", count: 50).utf8) + [0x0A]
        bytes += Array("😭😭\r\n最后一行没有换行".utf8)
        let read = try readAll(bytes, chunkSize: chunkSize)
        #expect(read == referenceLines(bytes))
        #expect(read.count == 7)
        #expect(try readAll(Array("a\n".utf8), chunkSize: chunkSize) == ["a"])
        #expect(try readAll([], chunkSize: chunkSize) == [])
    }

    /// A mapper whose record of a line is the line itself, so its output shows how it cut the input.
    private func echo(workers: Int, chunkSize: Int) -> ParallelLineMapper {
        ParallelLineMapper(workers: workers, chunkSize: chunkSize) { line, _, output in output.appendRaw(Array(line.utf8)) }
    }

    @Test("the parallel mapper keeps the input order and readLine's line rules, however many workers and however small the chunks",
          arguments: [1, 2, 3, 8])
    func orderAndLinesAreKept(workers: Int) {
        let lines = (0..<1_000).map { "line \($0) 花呗" }
        let input = Array(lines.map { $0 + "\n" }.joined().utf8)
        for chunkSize in [16, 100, 4_096, 1 << 19] {
            #expect(echo(workers: workers, chunkSize: chunkSize).map(input) == input, "\(workers) workers, chunks of \(chunkSize)")
        }
        var tricky = Array("花呗怎么用不了了\r\n\n逾期了还能用吗\n".utf8)
        tricky += [0xE8, 0x8A, 0x0A]  // a character cut short
        tricky += Array(String(repeating: "很长的一行", count: 50).utf8) + [0x0A]
        tricky += Array("😭😭\r\n最后一行没有换行".utf8)
        let expected = Array(referenceLines(tricky).map { $0 + "\n" }.joined().utf8)
        for chunkSize in [16, 17, 64, 1 << 19] {
            #expect(echo(workers: workers, chunkSize: chunkSize).map(tricky) == expected, "\(workers) workers, chunks of \(chunkSize)")
        }
        #expect(echo(workers: workers, chunkSize: 16).map([]) == [])
        #expect(echo(workers: workers, chunkSize: 16).map(Array("\n".utf8)) == Array("\n".utf8))
    }

    @Test("parts are cut after newlines, cover the chunk and come in order")
    func split() {
        let bytes = Array("a\nbb\n\nccc\ndddd".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            for parts in 1...8 {
                let ranges = ParallelLineMapper.split(buffer, parts: parts)
                #expect(ranges.count == parts)
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == bytes.count)
                for (left, right) in zip(ranges, ranges.dropFirst()) {
                    #expect(left.upperBound == right.lowerBound)
                    // Only the part that reaches the end may end without a newline (the input's unterminated last line).
                    if !left.isEmpty, left.upperBound < bytes.count { #expect(bytes[left.upperBound - 1] == 0x0A) }
                }
            }
        }
    }

    @Test("classify --jsonl on every core writes the same bytes as on one, and as ClassificationRecord.jsonLine line by line")
    func parallelClassificationIsByteForByteTheSame() async {
        let engine = SharedEngine.engine
        let outputs = await CPUBoundWork.run { Self.classifyBatch(engine) }
        let (one, many, reference) = (outputs[0], outputs[1], outputs[2])
        #expect(one.count > 2_000 * 100)
        #expect(one == many)
        #expect(one == reference)
    }

    /// A generated batch classified on one thread, on four with small chunks, and record by record.
    private static func classifyBatch(_ engine: DialogueEngine) -> [[UInt8]] {
        var generator = SeededWords(seed: 7)
        let lines: [String] = (0..<2_000).map { _ in generator.message() } + BulkInput.tricky
        let input: [UInt8] = Array(lines.map { $0 + "\n" }.joined().utf8)
        let writer = ClassificationRecordWriter(classifier: engine.classifier, policy: engine.policy)
        let transform: ParallelLineMapper.Transform = { text, buffers, output in
            writer.write(text, buffers: &buffers, to: &output)
        }
        var reference: [UInt8] = []
        for text in lines {
            let record = ClassificationRecord(text: text, classification: engine.classifier.classify(text), policy: engine.policy)
            reference += record.jsonLine
            reference.append(0x0A)
        }
        let one = ParallelLineMapper(workers: 1, transform: transform).map(input)
        let many = ParallelLineMapper(workers: 4, chunkSize: 4_096, transform: transform).map(input)
        return [one, many, reference]
    }

    @Test("the record writer gives ClassificationRecord's bytes on tricky input, with and without explanations")
    func recordWriterMatchesRecord() async {
        let engine = SharedEngine.engine
        let mismatches = await CPUBoundWork.run { () -> [String] in
            var mismatches: [String] = []
            for explain in [false, true] {
                let writer = ClassificationRecordWriter(classifier: engine.classifier, policy: engine.policy, explain: explain)
                var buffers = ClassificationBuffers()
                var output = JSONWriter()
                for text in BulkInput.tricky {
                    output.removeAll()
                    writer.write(text, buffers: &buffers, to: &output)
                    let explanation = explain ? engine.classifier.explain(text, limit: 8) : nil
                    let expected = ClassificationRecord(
                        text: text, classification: engine.classifier.classify(text), policy: engine.policy, explanation: explanation
                    ).jsonLine
                    if output.bytes != expected { mismatches.append("\(explain) \(text.prefix(30))") }
                }
            }
            return mismatches
        }
        #expect(mismatches.isEmpty)
    }
}

/// Input that takes the normaliser's rarer paths: emoji, full-width and compatibility forms, traditional characters,
/// pinyin, numbers, openers, negations, empty and blank lines, escapes, and lines longer than the normaliser's cut.
enum BulkInput {
    static let tricky: [String] = [
        "花呗逾期了", "我的花呗遇期了😭😭", "ＨＵＡＢＥＩ　怎么用不了？？", "花唄逾期了怎麼辦", "huabei yuqi le", "zhimafen jiang le",
        "芝 麻 分 降 了", "", "   ", "？？？", "😭🙏", "[捂脸]", "请问一下，花呗遇期了怎么办", "还款13800138000了", "600分",
        "我没逾期，花呗怎么冻了", "有没有逾期", "①②③ ℡ ㈱ …", "e\u{301}mmm 花呗", "hb dj le", "\u{FFFD}\u{FFFD}", "借呗用不了",
        "quote \" backslash \\ tab \t end", "控制字符\u{01}\u{1F}", "👨‍👩‍👧 花呗", "ｈｕａｂｅｉ ｄｏｎｇｊｉｅ",
        String(repeating: "花呗冻结了怎么办，", count: 400), String(repeating: "a", count: 3_000), "emmm 你好",
    ]
}

/// Messages made of words users write, in a seeded order, so the batch is the same in every run.
private struct SeededWords {
    private var random: SeededGenerator
    private static let words = ["花呗", "借呗", "怎么", "用不了", "逾期", "冻结", "了", "还款", "额度", "芝麻分", "套现", "为什么", "😭", "huabei", "系统维护", "换了手机", "吗", "？", "关闭", "开通"]

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    mutating func message() -> String {
        let count = Int.random(in: 1...6, using: &random)
        return (0..<count).map { _ in Self.words.randomElement(using: &random) ?? "花呗" }.joined()
    }
}
