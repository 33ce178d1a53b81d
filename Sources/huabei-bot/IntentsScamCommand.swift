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
            let normalizer = TextNormalizer(lexicon: catalog.lexicon.normalization)
            let block = catalog.lexicon.scamDetector
            let intentTexts = catalog.trainingExamples.map(\.text)
            guard folds >= 2, block.offers.count >= folds, block.ordinary.count >= folds else {
                throw ValidationError("the scam_detector block needs at least \(folds) offers and ordinary messages")
            }
            var offerScores: [Double] = []
            var ordinaryScores: [Double] = []
            for fold in 0..<folds {
                let trainOffers = block.offers.enumerated().filter { $0.offset % folds != fold }.map(\.element)
                let trainOrdinary = block.ordinary.enumerated().filter { $0.offset % folds != fold }.map(\.element)
                guard let detector = ScamDetector(
                    offers: trainOffers, ordinary: trainOrdinary + intentTexts, threshold: block.threshold, normalizer: normalizer,
                    options: detectorOptions)
                else { throw ValidationError("cannot train the detector") }
                for (index, text) in block.offers.enumerated() where index % folds == fold {
                    offerScores.append(detector.probability(normalizer.normalize(text)))
                }
                for (index, text) in block.ordinary.enumerated() where index % folds == fold {
                    ordinaryScores.append(detector.probability(normalizer.normalize(text)))
                }
            }
            print("\(folds)-fold cross-validation: \(block.offers.count) offers, \(block.ordinary.count) ordinary (+ \(intentTexts.count) intent examples in training); threshold now \(block.threshold)")
            let engine = try options.loadEngine()
            let byFold = { (texts: [String]) in (0..<folds).flatMap { fold in texts.enumerated().filter { $0.offset % folds == fold }.map(\.element) } }
            let offerLists = byFold(block.offers).map(engine.scamListsMatch)
            let ordinaryLists = byFold(block.ordinary).map(engine.scamListsMatch)
            print("  the lists alone: offers caught \(offerLists.filter { $0 }.count)/\(offerLists.count), ordinary warned \(ordinaryLists.filter { $0 }.count)/\(ordinaryLists.count)")
            for threshold in Self.thresholds {
                let caught = offerScores.filter { $0 >= threshold }.count
                let warned = ordinaryScores.filter { $0 >= threshold }.count
                let union = zip(offerScores, offerLists).filter { $0.0 >= threshold || $0.1 }.count
                let unionWarned = zip(ordinaryScores, ordinaryLists).filter { $0.0 >= threshold || $0.1 }.count
                print("  ≥ \(threshold): detector alone caught \(caught)/\(offerScores.count), ordinary warned \(warned)/\(ordinaryScores.count); with the lists caught \(union), ordinary warned \(unionWarned)")
            }
            if show > 0 {
                let missed = zip((0..<folds).flatMap { fold in block.offers.enumerated().filter { $0.offset % folds == fold }.map(\.element) }, offerScores)
                for (text, score) in missed.sorted(by: { $0.1 < $1.1 }).prefix(show) {
                    print("    missed? \(String(format: "%.3f", score))  \(text)")
                }
            }
            guard !file.isEmpty else { return }
            let clock = ContinuousClock()
            var trainings: [Duration] = []
            var trained: ScamDetector?
            for _ in 0..<5 {
                let start = clock.now
                trained = ScamDetector(catalog: catalog, normalizer: normalizer, options: detectorOptions)
                trainings.append(clock.now - start)
            }
            guard let detector = trained else { return }
            print("whole detector trained in \(trainings.sorted()[2]) (median of 5)")
            for path in file {
                guard let content = try? String(contentsOfFile: path, encoding: .utf8) else { throw ValidationError("\(path): cannot read") }
                let rows = content.split(separator: "\n").map { line -> (label: String?, text: String) in
                    let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
                    return fields.count == 2 ? (String(fields[0]), String(fields[1])) : (nil, String(line))
                }
                let scored = rows.map { row in
                    (label: row.label, text: row.text, score: engine.scamListsMatch(row.text) ? 2 : detector.probability(normalizer.normalize(row.text)))
                }
                let normalized = rows.map { normalizer.normalize($0.text) }
                var nanoseconds: [Int64] = []
                nanoseconds.reserveCapacity(normalized.count * 20)
                let hashes = normalized.map { message in
                    var hashes: [UInt64] = []
                    _ = engine.classifier.classify(message, hashes: &hashes)
                    return hashes
                }
                guard detector.model.sharesFeatures(with: engine.classifier) else { throw ValidationError("the detector does not share the classifier's features") }
                var sink = 0.0
                for _ in 0..<20 {
                    for message in hashes {
                        let start = clock.now
                        sink += detector.probability(hashes: message)
                        let elapsed = (clock.now - start).components
                        nanoseconds.append(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
                    }
                }
                nanoseconds.sort()
                print("  detector per message (from the n-grams the classifier extracted, as in the bot): p50 \(Double(nanoseconds[nanoseconds.count / 2]) / 1000) µs, p90 \(Double(nanoseconds[nanoseconds.count * 9 / 10]) / 1000) µs\(sink < 0 ? "" : "")")
                let labelled = scored.contains { $0.label == "scam" }
                print("\(path): \(scored.count) messages, with the lists (a list match scores 2)")
                for threshold in Self.thresholds {
                    if labelled {
                        let caught = scored.filter { $0.label == "scam" && $0.score >= threshold }.count
                        let warned = scored.filter { $0.label != "scam" && $0.score >= threshold }.count
                        print("  ≥ \(threshold): scam \(caught)/\(scored.filter { $0.label == "scam" }.count), others warned \(warned)/\(scored.filter { $0.label != "scam" }.count)")
                    } else {
                        print("  ≥ \(threshold): warned \(scored.filter { $0.score >= threshold }.count)")
                    }
                }
                for row in scored.sorted(by: { $0.score > $1.score }).prefix(show) {
                    print("    \(String(format: "%.3f", row.score))  \(row.label ?? "")  \(row.text)")
                }
            }
        }
    }
}
