import Foundation

/// Everything the console needs to start, from flags and the environment (flags win).
///
/// Built once in `main` and passed down read-only.
public struct Configuration: Sendable, Equatable {
    /// Interface to listen on.
    public var host = "127.0.0.1"
    /// TCP port; 0 asks the system for a free one (the chosen port is printed).
    public var port = 8080
    /// The data folder: users, imports, uploads, outbox.
    public var dataDirectory = "data"
    /// The folder holding `Templates/` and `Public/`.
    public var resourcesDirectory = FileManager.default.currentDirectoryPath
    /// Event-loop threads; 0 means one per core.
    public var loopCount = 0
    /// Largest accepted upload, in bytes.
    public var maxUploadBytes = 512 * 1024 * 1024
    /// Base URL that links in emails point to.
    public var publicBaseURL = ""
    /// Sender address of the emails the console composes.
    public var mailFrom = "Enrollment Console <no-reply@localhost>"
    /// SMTP relay host; empty keeps mail in the outbox folder.
    public var smtpHost = ""
    /// SMTP relay port.
    public var smtpPort = 25
    /// Envelope sender (bounces); empty means the `mailFrom` address.
    public var smtpFrom = ""
    /// Mark the session cookie `Secure` (serve behind HTTPS).
    public var secureCookies = false

    public init() {}

    /// The text `--help` prints.
    public static let usage = """
        Usage: enrollment-console [options]
               enrollment-console check --data-dir DIR

        Serves the Enrollment Console until SIGINT or SIGTERM.

        Options (each also read from the environment variable shown):
          --host HOST          interface to listen on (ENROLLMENT_HOST, default 127.0.0.1)
          --port PORT          TCP port, 0 = any free port (ENROLLMENT_PORT, default 8080)
          --data-dir DIR       data folder (ENROLLMENT_DATA_DIR, default ./data)
          --resources DIR      folder holding Templates/ and Public/ (ENROLLMENT_RESOURCES, default .)
          --loops N            event-loop threads, 0 = one per core (ENROLLMENT_LOOPS, default 0)
          --max-upload-mb N    largest accepted upload in MiB (ENROLLMENT_MAX_UPLOAD_MB, default 512)
          --public-url URL     base URL used in email links (ENROLLMENT_PUBLIC_URL, default http://HOST:PORT)
          --mail-from ADDRESS  sender of invitation emails (ENROLLMENT_MAIL_FROM)
          --smtp-host HOST     SMTP relay; empty = keep mail in DATA/outbox (ENROLLMENT_SMTP_HOST)
          --smtp-port PORT     relay port (ENROLLMENT_SMTP_PORT, default 25)
          --smtp-from ADDRESS  envelope sender for bounces (ENROLLMENT_SMTP_FROM, default the --mail-from address)
          --secure-cookies     mark the session cookie Secure, behind HTTPS (ENROLLMENT_SECURE_COOKIES=1)
          --help               print this text

        Commands:
          check --data-dir DIR verify every log and snapshot of a data folder; exit 1 on damage
          create-admin --email EMAIL [--data-dir DIR]
                               add an admin (or set their password); the password is read from stdin

        On first start with no admin, the console creates one from ENROLLMENT_ADMIN_EMAIL and
        ENROLLMENT_ADMIN_PASSWORD, or else admin@localhost with a random password printed once and written to
        DATA_DIR/initial-admin-password.
        """

    /// Reads the environment first, then the flags over it.
    ///
    /// - Throws: `ConfigurationError` naming the flag or variable and the bad value.
    public static func parse(arguments: [String], environment: [String: String]) throws(ConfigurationError)
        -> Configuration
    {
        var config = Configuration()
        let settings: [(flag: String, env: String)] = [
            ("--host", "ENROLLMENT_HOST"), ("--port", "ENROLLMENT_PORT"), ("--data-dir", "ENROLLMENT_DATA_DIR"),
            ("--resources", "ENROLLMENT_RESOURCES"), ("--loops", "ENROLLMENT_LOOPS"),
            ("--max-upload-mb", "ENROLLMENT_MAX_UPLOAD_MB"), ("--public-url", "ENROLLMENT_PUBLIC_URL"),
            ("--mail-from", "ENROLLMENT_MAIL_FROM"), ("--smtp-host", "ENROLLMENT_SMTP_HOST"),
            ("--smtp-port", "ENROLLMENT_SMTP_PORT"), ("--smtp-from", "ENROLLMENT_SMTP_FROM"),
        ]
        let switches: [(flag: String, env: String)] = [("--secure-cookies", "ENROLLMENT_SECURE_COOKIES")]
        for setting in switches {
            if let value = environment[setting.env], !value.isEmpty {
                try config.apply(setting.flag, value, source: setting.env)
            }
        }
        for setting in settings {
            if let value = environment[setting.env], !value.isEmpty {
                try config.apply(setting.flag, value, source: setting.env)
            }
        }
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            var name = argument
            var value: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            }
            if switches.contains(where: { $0.flag == name }) {
                try config.apply(name, value ?? "1", source: name)
                index += 1
                continue
            }
            guard settings.contains(where: { $0.flag == name }) else {
                throw .unknownOption(argument)
            }
            if value == nil {
                index += 1
                guard index < arguments.count else { throw .missingValue(name) }
                value = arguments[index]
            }
            try config.apply(name, value ?? "", source: name)
            index += 1
        }
        return config
    }

    private mutating func apply(_ flag: String, _ value: String, source: String) throws(ConfigurationError) {
        func number(_ range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
            guard let n = Int(value), range.contains(n) else {
                throw .invalidValue(source, value, "a whole number in \(range.lowerBound)...\(range.upperBound)")
            }
            return n
        }
        switch flag {
        case "--host": host = value
        case "--port": port = try number(0...65535)
        case "--data-dir": dataDirectory = value
        case "--resources": resourcesDirectory = value
        case "--loops": loopCount = try number(0...256)
        case "--max-upload-mb": maxUploadBytes = try number(1...65536) * 1024 * 1024
        case "--public-url": publicBaseURL = value
        case "--mail-from": mailFrom = value
        case "--smtp-host": smtpHost = value
        case "--smtp-port": smtpPort = try number(1...65535)
        case "--smtp-from": smtpFrom = value
        case "--secure-cookies":
            switch value.lowercased() {
            case "1", "true", "yes", "on": secureCookies = true
            case "0", "false", "no", "off": secureCookies = false
            default: throw .invalidValue(source, value, "1 or 0")
            }
        default: throw .unknownOption(flag)
        }
    }
}

/// A flag or variable that cannot be used; `description` says which and why.
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    case unknownOption(String)
    case missingValue(String)
    case invalidValue(String, String, String)
    /// The resources folder lacks `Templates/` or `Public/`.
    case missingResources(String)

    public var description: String {
        switch self {
        case .unknownOption(let option): "unknown option \(option) (see --help)"
        case .missingValue(let flag): "\(flag) needs a value"
        case .invalidValue(let source, let value, let expected): "\(source)=\(value): expected \(expected)"
        case .missingResources(let path): "no Templates/ and Public/ under \(path); set --resources"
        }
    }
}
