import ArgumentParser
import Classifier
import Dialogue
import Foundation

extension IntentsCommand {
    /// `huabei-bot intents scam`: cross-validates the scam detector on the lexicon's `scam_detector` block, and counts
    /// the messages of other files it would warn, by threshold, to choose `threshold` with.
    struct Scam: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cross-validate the learned scam detector and count its warnings on files, by threshold.")
        @OptionGroup var options: CatalogOptions
        @Option(name: .long, help: "Folds of the cross-validation over the block's offers and ordinary messages.")
        var folds: Int = 5
        @Option(name: .long, help: "A file of messages (text, or label<TAB>text): how many the whole detector warns, by threshold; repeatable. With labels scam/ordinary, counted apart.")
        var file: [String] = []
        @Option(name: .long, help: "Also print this many of each file's highest-scoring messages.")
        var show: Int = 0

        @Option(name: .long, help: "Override the detector's training passes (to compare; the bot uses its defaults).")
        var epochs: Int?
        @Option(name: .long, help: "Override the detector's class balance.")
        var balance: Float?
        @Option(name: .long, help: "Override the detector's L2 penalty.")
        var l2: Float?
        @Option(name: .long, help: "Override pinyin augmentation (true/false).")
        var pinyinAugmentation: Bool?

        var detectorOptions: ClassifierOptions {
            var options = ScamDetector.options()
            if let epochs { options.epochs = epochs; options.averagedEpochs = max(1, epochs / 2) }
            if let balance { options.classBalance = balance }
            if let l2 { options.l2 = l2 }
            if let pinyinAugmentation { options.pinyinAugmentation = pinyinAugmentation }
            return options
        }

        static let thresholds: [Double] = [0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]

        func run() throws {
            let catalog = try options.loadCatalog()
            let engine = try options.loadEngine()
            let normalizer = engine.classifier.normalizer
            let block = catalog.lexicon.scamDetector
            guard folds >= 2, block.offers.count >= folds, block.ordinary.count >= folds else {
                throw ValidationError("the scam_detector block needs at least \(folds) offers and ordinary messages")
            }
            let intentTexts = catalog.trainingExamples.map(\.text)
            let (offers, ordinary) = try crossValidate(block.offers, against: block.ordinary, intentTexts: intentTexts, normalizer: normalizer)
            print("\(folds)-fold cross-validation: \(offers.count) offers, \(ordinary.count) ordinary (+ \(intentTexts.count) intent examples in training); threshold now \(block.threshold)")
            let offerLists = offers.map { engine.scamListsMatch($0.text) }
            let ordinaryLists = ordinary.map { engine.scamListsMatch($0.text) }
            print("  the lists alone: offers caught \(offerLists.count(where: { $0 }))/\(offers.count), ordinary warned \(ordinaryLists.count(where: { $0 }))/\(ordinary.count)")
            for threshold in Self.thresholds {
                let caught = offers.count { $0.score >= threshold }
                let warned = ordinary.count { $0.score >= threshold }
                let union = zip(offers, offerLists).count { $0.0.score >= threshold || $0.1 }
                let unionWarned = zip(ordinary, ordinaryLists).count { $0.0.score >= threshold || $0.1 }
                print("  ≥ \(threshold): detector alone caught \(caught)/\(offers.count), ordinary warned \(warned)/\(ordinary.count); with the lists caught \(union), ordinary warned \(unionWarned)")
            }
            for row in offers.sorted(by: { $0.score < $1.score }).prefix(show) {
                print("    missed? \(String(format: "%.3f", row.score))  \(row.text)")
            }
            guard !file.isEmpty else { return }
            let detector = try timedTraining(catalog: catalog, normalizer: normalizer)
            for path in file {
                try report(path, detector: detector, engine: engine)
            }
        }

        typealias ScoredMessages = [(text: String, score: Double)]

        /// Each offer and each ordinary message of the block with the probability a detector trained on the other folds
        /// gives it (the intent examples always in training), in fold order.
        func crossValidate(
            _ offers: [String], against ordinary: [String], intentTexts: [String], normalizer: TextNormalizer
        ) throws -> (offers: ScoredMessages, ordinary: ScoredMessages) {
            var scoredOffers: ScoredMessages = []
            var scoredOrdinary: ScoredMessages = []
            for fold in 0..<folds {
                let inFold = { (texts: [String]) in texts.indices.filter { $0 % folds == fold }.map { texts[$0] } }
                let outOfFold = { (texts: [String]) in texts.indices.filter { $0 % folds != fold }.map { texts[$0] } }
                guard let detector = ScamDetector(
                    offers: outOfFold(offers), ordinary: outOfFold(ordinary) + intentTexts, threshold: 0.5, normalizer: normalizer,
                    options: detectorOptions)
                else { throw ValidationError("cannot train the detector") }
                let score = { (text: String) in (text, detector.probability(normalizer.normalize(text))) }
                scoredOffers += inFold(offers).map(score)
                scoredOrdinary += inFold(ordinary).map(score)
            }
            return (scoredOffers, scoredOrdinary)
        }

        /// The whole detector, trained five times; prints the median training time.
        func timedTraining(catalog: IntentCatalog, normalizer: TextNormalizer) throws -> ScamDetector {
            let clock = ContinuousClock()
            var durations: [Duration] = []
            var trained: ScamDetector?
            for _ in 0..<5 {
                let start = clock.now
                trained = ScamDetector(catalog: catalog, normalizer: normalizer, options: detectorOptions)
                durations.append(clock.now - start)
            }
            guard let trained else { throw ValidationError("the lexicon has no scam_detector offers") }
            print("whole detector trained in \(durations.sorted()[2]) (median of 5)")
            return trained
        }

        /// The detector's cost per message of `path` (from the n-grams the classifier extracted, as in the bot) and how
        /// many of its messages the lists and the detector together warn, by threshold.
        func report(_ path: String, detector: ScamDetector, engine: DialogueEngine) throws {
            guard let content = try? String(contentsOfFile: path, encoding: .utf8) else { throw ValidationError("\(path): cannot read") }
            guard detector.model.sharesFeatures(with: engine.classifier) else {
                throw ValidationError("the detector does not share the classifier's features")
            }
            let rows = content.split(separator: "\n").map { line -> (label: String?, text: String) in
                let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
                return fields.count == 2 ? (String(fields[0]), String(fields[1])) : (nil, String(line))
            }
            let hashes = rows.map { row in
                var hashes: [UInt64] = []
                _ = engine.classifier.classify(engine.classifier.normalizer.normalize(row.text), hashes: &hashes)
                return hashes
            }
            let clock = ContinuousClock()
            var nanoseconds: [Int64] = []
            var probabilities = [Double](repeating: 0, count: rows.count)
            for _ in 0..<20 {
                for (index, message) in hashes.enumerated() {
                    let start = clock.now
                    probabilities[index] = detector.probability(hashes: message)
                    let elapsed = (clock.now - start).components
                    nanoseconds.append(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
                }
            }
            nanoseconds.sort()
            print("  detector per message (from the n-grams the classifier extracted, as in the bot): p50 \(Double(nanoseconds[nanoseconds.count / 2]) / 1000) µs, p90 \(Double(nanoseconds[nanoseconds.count * 9 / 10]) / 1000) µs")
            let scored = zip(rows, probabilities).map { row, probability in
                (label: row.label, text: row.text, score: engine.scamListsMatch(row.text) ? 2 : probability)
            }
            let scams = scored.filter { $0.label == "scam" }
            let others = scored.filter { $0.label != "scam" }
            print("\(path): \(scored.count) messages, with the lists (a list match scores 2)")
            for threshold in Self.thresholds {
                if scams.isEmpty {
                    print("  ≥ \(threshold): warned \(scored.count { $0.score >= threshold })")
                } else {
                    print("  ≥ \(threshold): scam \(scams.count { $0.score >= threshold })/\(scams.count), others warned \(others.count { $0.score >= threshold })/\(others.count)")
                }
            }
            for row in scored.sorted(by: { $0.score > $1.score }).prefix(show) {
                print("    \(String(format: "%.3f", row.score))  \(row.label ?? "")  \(row.text)")
            }
        }
    }
}
