import BotConfig
import Classifier
import Dialogue
import Foundation
import SharedTestSupport
import Testing

@Suite("Lexicon and responses files", .trainedEngine)
struct LexiconLoaderTests {
    func errors(lexicon: String? = nil, responses: String? = nil) throws -> String {
        let directory = ScratchDirectory.path("intents")
        try FileManager.default.copyItem(atPath: TestCatalog.intentsDirectory, toPath: directory)
        if let lexicon { try lexicon.write(toFile: directory + "/_lexicon.yaml", atomically: true, encoding: .utf8) }
        if let responses { try responses.write(toFile: directory + "/_responses.yaml", atomically: true, encoding: .utf8) }
        do {
            _ = try IntentCatalogLoader(directory: directory).load()
            return ""
        } catch {
            return error.description
        }
    }

    @Test("the lexicon's rewrites reach the normaliser")
    func rewrites() {
        let engine = TestCatalog.engine
        #expect(engine.classifier.normalizer.normalize("花贝").description == "花呗")
        #expect(!TestCatalog.catalog.lexicon.affirmCues.isEmpty)
        #expect(!TestCatalog.catalog.lexicon.scamCues.isEmpty)
    }

    @Test("unknown sections and malformed entries are reported with their lines")
    func lexiconErrors() throws {
        let duplicate = try errors(lexicon: "replacements:\n  花贝: 花呗\n  花贝: 花呗呗\n")
        #expect(duplicate.contains("_lexicon.yaml:2: duplicate key '花贝'"))
        let across = try errors(lexicon: "replacements:\n  花贝: 花呗\nsynonyms:\n  花贝: 花呗\nrewrites:\n  a: b\naffirm_cues: 是\n")
        #expect(across.contains("_lexicon.yaml:4: '花贝' is listed twice"))
        #expect(across.contains("_lexicon.yaml:5: unknown key 'rewrites'"))
        #expect(across.contains("_lexicon.yaml:7: 'affirm_cues' must be a list"))
    }

    @Test("scam_offers needs both word lists, and takes no other key")
    func scamOffersErrors() throws {
        let halfOnly = try errors(lexicon: "scam_offers:\n  offer: [中介]\n")
        #expect(halfOnly.contains("_lexicon.yaml:2: 'scam_offers' needs both 'offer' words"))
        let unknown = try errors(lexicon: "scam_offers:\n  offer: [中介]\n  target: [解冻]\n  where: [x]\n")
        #expect(unknown.contains("unknown key 'where'"))
        #expect(try errors(lexicon: "scam_offers:\n  offer: [中介]\n  target: [解冻]\n").isEmpty)
    }

    @Test("a broken scam_detector block is refused with the line of each problem")
    func scamDetectorErrors() throws {
        let range = try errors(lexicon: "scam_detector:\n  threshold: 1.5\n  offers: [找我解冻]\n  ordinary: [花呗怎么解冻]\n")
        #expect(range.contains("_lexicon.yaml:2: 'threshold' of 'scam_detector' must be a probability between 0 and 1"))
        let both = try errors(lexicon: "scam_detector:\n  threshold: 0.7\n  offers:\n    - 找我解冻\n  ordinary:\n    - 花呗怎么解冻\n    - 找我解冻\n")
        #expect(both.contains("_lexicon.yaml:7: '找我解冻' is both an offer and an ordinary message"))
        let half = try errors(lexicon: "scam_detector:\n  threshold: 0.7\n  offers: [找我解冻]\n")
        #expect(half.contains("_lexicon.yaml:2: 'scam_detector' needs both 'offers'"))
        let noThreshold = try errors(lexicon: "scam_detector:\n  offers: [找我解冻]\n  ordinary: [花呗怎么解冻]\n  limit: 3\n")
        #expect(noThreshold.contains("missing 'threshold' in 'scam_detector'"))
        #expect(noThreshold.contains("_lexicon.yaml:4: unknown key 'limit' in 'scam_detector'"))
        #expect(try errors(lexicon: "scam_detector:\n  threshold: 0.7\n  offers: [找我解冻]\n  ordinary: [花呗怎么解冻]\n").isEmpty)
        #expect(TestCatalog.catalog.lexicon.scamDetector.offers.count >= 150)
        #expect(TestCatalog.catalog.lexicon.scamDetector.ordinary.count >= 60)
    }

    @Test("a missing response text and a menu naming an unknown intent are refused")
    func responsesErrors() throws {
        let path = TestCatalog.intentsDirectory + "/_responses.yaml"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let menu = try errors(responses: original.replacingOccurrences(of: "  - maintenance\n", with: "  - maintenance\n  - weather\n"))
        #expect(menu.contains("_responses.yaml: 'menu' names 'weather', which has no intent file"))
        let renamed = try errors(responses: original.replacingOccurrences(of: "\nempty: ", with: "\nemptiness: "))
        #expect(renamed.contains("unknown key 'emptiness'"))
        #expect(renamed.contains("missing 'empty'"))
    }
}
