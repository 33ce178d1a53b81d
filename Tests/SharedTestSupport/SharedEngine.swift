public import Dialogue
import Dispatch
public import Foundation

/// The repository's own Intents/ and one dialogue engine trained on them, shared by every test target of the
/// process (they are linked into one test binary): training takes seconds in a debug build, so it happens once.
///
/// Tests read ``engine`` synchronously. The first read trains; to keep that off the cooperative pool, suites
/// that use the engine carry the ``Testing/Trait/trainedEngine`` trait (or call ``prepare()``), which trains on
/// ``CPUBoundWork``'s thread before the suite's tests start.
public enum SharedEngine {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The repository's Intents/ folder.
    public static let intentsDirectory = root.appendingPathComponent("Intents").path

    /// The repository's intent catalog, loaded once.
    public static let catalog: IntentCatalog = {
        do {
            return try IntentCatalogLoader(directory: intentsDirectory).load()
        } catch {
            fatalError("Intents/ does not load: \(error)")
        }
    }()

    /// The engine trained on ``catalog`` with the default configuration, trained once per process.
    public static let engine: DialogueEngine = {
        do {
            return try DialogueEngine(catalog: catalog)
        } catch {
            fatalError("Intents/ does not train: \(error)")
        }
    }()

    /// Loads and trains ``engine`` on a thread of its own, if no one has yet; returns at once afterwards.
    ///
    /// Not on ``CPUBoundWork``'s queue: the suites that wait for the engine (the daemon's among them) should not
    /// wait behind every sweep queued there first.
    public static func prepare() async {
        await CPUBoundWork.run(on: trainingQueue) { _ = engine }
    }

    private static let trainingQueue = DispatchQueue(label: "huabei.tests.shared-engine", qos: .userInitiated)
}
