public import Classifier
public import JSONWriting

/// Writes the `classify --jsonl` record of a message straight into an output buffer: the same bytes as
/// ``ClassificationRecord/jsonLine``, without building the record, its ranking of strings or a buffer of its own
/// (with an explanation, which is rare and slow anyway, it does build the record).
public struct ClassificationRecordWriter: Sendable {
    public let classifier: IntentClassifier
    public let policy: DecisionPolicy
    /// Whether records carry the n-grams that weighed most.
    public let explain: Bool

    /// For each intent, the end of its ranking entry: `,"intent":"name"}`, rendered once.
    private let entryEnds: [[UInt8]]
    private static let entryStart = Array(#"{"confidence":"#.utf8)
    private static let nextEntryStart = Array(#",{"confidence":"#.utf8)
    /// The 10,001 confidences a record can show (0, 0.0001 … 1), each as `value(_:decimals: 4)` writes it, in slots
    /// of 8 bytes: the length, then the text.
    private let confidenceTexts: [UInt8]

    public init(classifier: IntentClassifier, policy: DecisionPolicy, explain: Bool = false) {
        self.classifier = classifier
        self.policy = policy
        self.explain = explain
        var texts = [UInt8](repeating: 0, count: 10_001 * 8)
        for units in 0...10_000 {
            var writer = JSONWriter(capacity: 8)
            writer.value(Double(units) / 10_000, decimals: 4)  // what ClassificationRecord.round gives for these units
            texts[units * 8] = UInt8(writer.bytes.count)
            texts.replaceSubrange((units * 8 + 1)..<(units * 8 + 1 + writer.bytes.count), with: writer.bytes)
        }
        self.confidenceTexts = texts
        self.entryEnds = classifier.intents.map { intent in
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("confidence")
            writer.value(0)
            let start = writer.bytes.count
            writer.key("intent")
            writer.value(intent)
            writer.endObject()
            return Array(writer.bytes[start...])
        }
    }

    /// Classifies `text` (with `buffers` as scratch space) and appends its record to `writer`, without a newline.
    public func write(_ text: String, buffers: inout ClassificationBuffers, to writer: inout JSONWriter) {
        if explain {
            let explanation = classifier.explain(text, limit: 8)
            writer.appendRaw(ClassificationRecord(text: text, classification: classifier.classify(text), policy: policy, explanation: explanation).jsonLine)
            return
        }
        classifier.classify(text, into: &buffers)
        let intents = classifier.intents
        let best = Classification.Score(intent: intents[buffers.best], confidence: buffers.confidences[buffers.best])
        let runnerUp = buffers.runnerUp.map { Classification.Score(intent: intents[$0], confidence: buffers.confidences[$0]) }
        let decision = policy.decide(best: best, runnerUp: runnerUp, isEmpty: buffers.isEmpty)
        let intent: String
        switch decision {
        case .intent(let decided), .ambiguous(let decided, _): intent = decided
        case .outOfScope: intent = policy.outOfScopeIntent
        }
        // Keys in the order (and with the rounding) of ClassificationRecord.jsonLine.
        writer.beginObject()
        writer.key("confidence")
        writeConfidence(best.confidence, to: &writer)
        writer.key("decision")
        switch decision {
        case .intent: writer.value("intent")
        case .ambiguous: writer.value("ambiguous")
        case .outOfScope(let reason): writer.value("out_of_scope:\(reason.rawValue)")
        }
        writer.key("intent")
        writer.value(intent)
        writer.key("ranking")
        writer.beginArray()
        for (position, index) in buffers.ranking.enumerated() {
            // `{"confidence":0.0123,"intent":"name"}` as beginObject, key, value, key, value, endObject write it.
            writer.appendFragment(position == 0 ? Self.entryStart : Self.nextEntryStart, completesValue: false)
            writeConfidence(buffers.confidences[index], to: &writer)
            writer.appendFragment(entryEnds[index], completesValue: true)
        }
        writer.endArray()
        writer.key("text")
        writer.value(text)
        if intent == policy.outOfScopeIntent, let topic = buffers.topic {
            writer.key("topic")
            writer.value(topic)
        }
        writer.endObject()
    }

    /// `value(ClassificationRecord.round(confidence), decimals: 4)`, from the table for a confidence in 0...1.
    @inline(__always)
    private func writeConfidence(_ confidence: Double, to writer: inout JSONWriter) {
        let scaled = (confidence * 10_000).rounded()  // ClassificationRecord.round's units
        guard scaled >= 0, scaled <= 10_000 else {
            writer.value(ClassificationRecord.round(confidence), decimals: 4)
            return
        }
        let slot = Int(scaled) * 8
        writer.appendFragment(confidenceTexts[(slot + 1)..<(slot + 1 + Int(confidenceTexts[slot]))], completesValue: true)
    }
}
