public import Testing

/// A trait that trains ``SharedEngine/engine`` off the cooperative pool before its suite or test runs.
public struct TrainedEngineTrait: SuiteTrait, TestTrait, TestScoping {
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        await SharedEngine.prepare()
        try await function()
    }
}

extension Trait where Self == TrainedEngineTrait {
    /// Trains the shared engine on a thread of its own before the suite's tests use it.
    public static var trainedEngine: Self { Self() }
}
