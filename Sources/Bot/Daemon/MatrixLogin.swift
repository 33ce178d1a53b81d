import BotConfig
import Channels
import Foundation
import HTTP
import Logging

/// The Matrix bot account's access token: `HUABEI_BOT_TOKEN` or a token file, as for the other channels; else, when
/// `channel.matrix_user_id` and `channel.password_file` are set, the token of an earlier login kept in
/// `DATA/matrix.token` (mode 0600), else a new login (`POST /login`) whose token is kept there.
enum MatrixLogin {
    static func token(
        configuration: BotConfiguration, environment: [String: String], baseURL: String, http: any HTTPClient, logger: Logger
    ) async throws(DaemonError) -> BotToken {
        let channel = configuration.channel
        let hasToken = !(environment[BotToken.environmentVariable] ?? "").isEmpty
        let hasFile = !channel.tokenFile.isEmpty || !(environment[BotToken.fileEnvironmentVariable] ?? "").isEmpty
        let dataDirectory = configuration.daemon.dataDirectory
        if hasToken || hasFile {
            do {
                return try BotToken.resolve(
                    environment: environment, tokenFile: channel.tokenFile.isEmpty ? nil : channel.tokenFile, dataDirectory: dataDirectory)
            } catch {
                throw .configuration(error.description)
            }
        }
        guard !channel.matrixUserID.isEmpty, !channel.passwordFile.isEmpty else {
            throw .configuration(
                "the matrix channel needs the bot account's access token (HUABEI_BOT_TOKEN, or channel.token_file), or "
                    + "channel.matrix_user_id and channel.password_file to log in with")
        }
        do {
            if let kept = try BotToken.storedLogin(in: dataDirectory) { return kept }
        } catch {
            throw .configuration(error.description)
        }
        let password: String
        do {
            password = try BotToken.readSecretFile(at: channel.passwordFile)
        } catch {
            throw .configuration(error.description.replacingOccurrences(of: "token file", with: "password file"))
        }
        var backoff = Backoff(
            initial: DaemonRuntime.duration(configuration.daemon.backoffInitialSeconds),
            maximum: DaemonRuntime.duration(configuration.daemon.backoffMaxSeconds))
        // The homeserver may still be starting: a few tries with backoff, as polling would.
        for attempt in 1...8 {
            let result: Result<String, ChannelError>
            do throws(ChannelError) {
                result = .success(
                    try await MatrixClient.login(
                        baseURL: baseURL, userID: channel.matrixUserID, password: password, http: http,
                        timeout: DaemonRuntime.duration(configuration.channel.requestTimeoutSeconds)))
            } catch {
                result = .failure(error)
            }
            switch result {
            case .success(let value):
                do {
                    let token = try BotToken.storeLogin(value, in: dataDirectory)
                    logger.notice(
                        "logged in to the Matrix homeserver; the token is kept in the data directory",
                        metadata: ["bot.user": "\(channel.matrixUserID)"])
                    return token
                } catch {
                    throw .store(error.description)
                }
            case .failure(let error):
                if error.isTokenRejected { throw .tokenRejected(error.description) }
                if error.isPermanentRefusal || attempt == 8 {
                    throw .configuration("cannot log in to the Matrix homeserver: \(error.description)")
                }
                let delay = error.retryAfter ?? backoff.next()
                logger.warning(
                    "logging in failed; retrying", metadata: ["error": "\(error)", "bot.retry_in_s": "\(PollerService.seconds(delay))"])
                try? await Task.sleep(for: delay)
            }
        }
        throw .configuration("cannot log in to the Matrix homeserver")
    }

    /// Whether `token` is the one a login kept in the data directory.
    static func isKeptLogin(_ token: BotToken) -> Bool {
        switch token.source {
        case .generated(let path), .reused(let path): (path as NSString).lastPathComponent == BotToken.loginFileName
        default: false
        }
    }
}
