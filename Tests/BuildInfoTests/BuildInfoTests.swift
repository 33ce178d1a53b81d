import BuildInfo
import Testing

@Suite struct BuildInfoTests {
    @Test func versionIsSemantic() {
        let parts = BuildInfo.version.split(separator: ".")
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { Int($0) != nil })
    }

    @Test func descriptionNamesVersionAndCommit() {
        #expect(BuildInfo.description == "\(BuildInfo.version) (commit \(BuildInfo.commit))")
        #expect(!BuildInfo.commit.isEmpty)
        #expect(BuildInfo.commit == "unknown" || BuildInfo.commit.allSatisfy { $0.isHexDigit || "-dirty".contains($0) })
    }
}
