import Foundation

extension BotConfiguration {
    /// Every key the configuration file and the environment may set.
    public static let keys: [ConfigurationKey] = [
        .number(
            "classifier.confidence_threshold", "below this confidence a message counts as not understood",
            in: 0...1, \.classifier.confidenceThreshold
        ),
        .number(
            "classifier.ambiguity_margin", "top two intents closer than this: ask which one is meant",
            in: 0...1, \.classifier.ambiguityMargin
        ),
        .number(
            "classifier.temperature", "softmax temperature for calibrated confidences",
            in: 0.05...20, \.classifier.temperature
        ),
        .integer(
            "dialogue.idle_timeout_minutes", "forget a chat's state after this many idle minutes",
            in: 1...(60 * 24 * 30), \.dialogue.idleTimeoutMinutes
        ),
        .choice(
            "logging.level", "process log level",
            among: ["trace", "debug", "info", "notice", "warning", "error", "critical"], \.logging.level
        ),
        .choice("channel.kind", "chat endpoint the daemon polls: local (the relay), telegram or matrix", among: ["local", "telegram", "matrix"], \.channel.kind),
        .url("channel.base_url", "Bot API base URL; empty for the kind's default", \.channel.baseURL),
        .text("channel.token_file", "file holding the bot token when HUABEI_BOT_TOKEN is unset; empty for none", \.channel.tokenFile),
        .text("channel.matrix_user_id", "matrix: the bot account's user id, to log in with channel.password_file", \.channel.matrixUserID),
        .text("channel.password_file", "matrix: file holding the bot account's password; empty for none", \.channel.passwordFile),
        .integer("channel.poll_timeout_seconds", "seconds one getUpdates long poll waits on the server", in: 0...50, \.channel.pollTimeoutSeconds),
        .integer("channel.poll_limit", "most updates one getUpdates returns", in: 1...100, \.channel.pollLimit),
        .number("channel.poll_margin_seconds", "added to the poll timeout to get the long poll's HTTP timeout", in: 1...300, \.channel.pollMarginSeconds),
        .number("channel.request_timeout_seconds", "HTTP timeout of getMe and sendMessage", in: 0.1...300, \.channel.requestTimeoutSeconds),
        .number("channel.connect_timeout_seconds", "most time connecting (DNS, TCP, TLS) may take", in: 0.1...120, \.channel.connectTimeoutSeconds),
        .text("daemon.data_directory", "state database, turn logs and the local bot token", \.daemon.dataDirectory, allowEmpty: false),
        .integer("daemon.parallel_chats", "chats handled at the same time", in: 1...256, \.daemon.parallelChats),
        .number("daemon.backoff_initial_seconds", "first retry delay after a failure", in: 0.01...60, \.daemon.backoffInitialSeconds),
        .number("daemon.backoff_max_seconds", "longest retry delay", in: 0.01...3600, \.daemon.backoffMaxSeconds),
        .number("daemon.watchdog_seconds", "restart polling when no poll has succeeded for this long", in: 0.1...86_400, \.daemon.watchdogSeconds),
        .number("daemon.heartbeat_seconds", "seconds between heartbeat log lines", in: 0.1...86_400, \.daemon.heartbeatSeconds),
        .text("daemon.metrics_file", "metrics file (Prometheus textfile); empty for DATA/huabei-daemon.prom", \.daemon.metricsFile),
        .number("daemon.metrics_interval_seconds", "seconds between metrics file rewrites; 0 for no file", in: 0...3600, \.daemon.metricsIntervalSeconds),
        .integer("delivery.max_in_flight", "replies sent at the same time; 0: 8 on the local relay and matrix, 1 on telegram", in: 0...64, \.delivery.maxInFlight),
        .number("delivery.telegram.per_chat_per_second", "telegram: messages per second to one chat; 0 no limit", in: 0...1000, \.delivery.telegram.perChatPerSecond),
        .number("delivery.telegram.overall_per_second", "telegram: messages per second over all chats; 0 no limit", in: 0...100_000, \.delivery.telegram.overallPerSecond),
        .number("delivery.local.per_chat_per_second", "local relay: messages per second to one chat; 0 no limit", in: 0...1000, \.delivery.local.perChatPerSecond),
        .number("delivery.local.overall_per_second", "local relay: messages per second over all chats; 0 no limit", in: 0...100_000, \.delivery.local.overallPerSecond),
        .integer("relay.retention_days", "delete relay chats idle for this many days; 0 keeps them", in: 0...36_500, \.relay.retentionDays),
        .integer("logs.retention_days", "remove turn log files older than this many days; 0 keeps them", in: 0...36_500, \.logs.retentionDays),
        .number("delivery.matrix.per_chat_per_second", "matrix: messages per second to one room; 0 no limit", in: 0...1000, \.delivery.matrix.perChatPerSecond),
        .number("delivery.matrix.overall_per_second", "matrix: messages per second over all rooms; 0 no limit", in: 0...100_000, \.delivery.matrix.overallPerSecond),
    ]
}

extension ConfigurationKey {
    /// A free-text value (a path); surrounding white space is trimmed.
    static func text(
        _ path: String, _ summary: String, _ keyPath: any WritableKeyPath<BotConfiguration, String> & Sendable,
        allowEmpty: Bool = true
    ) -> ConfigurationKey {
        ConfigurationKey(path: path, summary: summary, read: { "\($0[keyPath: keyPath])" }) { configuration, text throws(ConfigurationValueError) in
            let value = text.trimmingCharacters(in: .whitespaces)
            guard allowEmpty || !value.isEmpty else { throw ConfigurationValueError("expected a value, got nothing") }
            configuration[keyPath: keyPath] = value
        }
    }

    /// An absolute `http` or `https` URL, or empty for the default.
    static func url(
        _ path: String, _ summary: String, _ keyPath: any WritableKeyPath<BotConfiguration, String> & Sendable
    ) -> ConfigurationKey {
        ConfigurationKey(path: path, summary: summary, read: { "\($0[keyPath: keyPath])" }) { configuration, text throws(ConfigurationValueError) in
            let value = text.trimmingCharacters(in: .whitespaces)
            if !value.isEmpty {
                guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                    url.host?.isEmpty == false, url.query == nil
                else {
                    throw ConfigurationValueError("expected an http or https URL such as https://api.telegram.org, got '\(text)'")
                }
            }
            configuration[keyPath: keyPath] = value
        }
    }
}
