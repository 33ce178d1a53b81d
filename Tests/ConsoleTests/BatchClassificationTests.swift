import Classifier
import Console
import Dialogue
import Foundation
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

    @Test("the parallel mapper keeps the input order, however many workers")
    func orderIsKept() {
        let lines = (0..<1_000).map { "line \($0)" }
        let expected = Array(lines.map { $0 + "\n" }.joined().utf8)
        for workers in [1, 2, 3, 8] {
            let mapper = ParallelLineMapper(workers: workers) { Array($0.utf8) }
            #expect(mapper.map(lines) == expected, "with \(workers) workers")
        }
        #expect(ParallelLineMapper(workers: 4) { Array($0.utf8) }.map([]) == [])
    }

    @Test("classify --jsonl on every core writes the same bytes as on one")
    func parallelClassificationIsByteForByteTheSame() async {
        let engine = SharedEngine.engine
        let (one, many) = await CPUBoundWork.run { () -> ([UInt8], [UInt8]) in
            var generator = SeededWords(seed: 7)
            let lines = (0..<2_000).map { _ in generator.message() }
            let record: @Sendable (String) -> [UInt8] = { text in
                ClassificationRecord(text: text, classification: engine.classifier.classify(text), policy: engine.policy).jsonLine
            }
            return (ParallelLineMapper(workers: 1, transform: record).map(lines), ParallelLineMapper(workers: 4, transform: record).map(lines))
        }
        #expect(one.count > 2_000 * 100)
        #expect(one == many)
    }
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
