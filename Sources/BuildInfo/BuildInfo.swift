/// The version of HuabeiBot and the commit a binary was built from.
///
/// The commit comes from `BuildCommit+Generated.swift`, which `make` writes (git-ignored) before it builds. A plain
/// `swift build` from a clean clone has no such file and reports the commit as `unknown`.
public enum BuildInfo {
    /// The release version; bump it when tagging a release.
    public static let version = "0.15.0"

    /// The commit hash the binary was built from (with `-dirty` when the tree had uncommitted changes), or `unknown`.
    public static var commit: String { BuildCommit.commit }

    /// What `--version` prints: `0.15.0 (commit 1a2b3c4d5e6f)`.
    public static var description: String { "\(version) (commit \(commit))" }
}

/// Gives ``BuildCommit`` its fallback: a member of the same name declared on the type itself (by the generated
/// file) takes precedence over this protocol extension, so the package builds whether the file exists or not.
protocol BuildCommitProviding {
    static var commit: String { get }
}

extension BuildCommitProviding {
    static var commit: String { "unknown" }
}

/// The commit the binary was built from; see ``BuildInfo``.
enum BuildCommit: BuildCommitProviding {}
