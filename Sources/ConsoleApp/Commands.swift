import Enrollment
import Foundation

/// Subcommands of `enrollment-console` other than serving.
public enum Commands {
    /// Runs `command` and returns the process exit status.
    public static func run(command: String, arguments: [String]) -> Int32 {
        switch command {
        case "check":
            return check(arguments: arguments)
        case "create-admin":
            return createAdmin(arguments: arguments)
        default:
            FileHandle.standardError.write(Data("enrollment-console: unknown command \(command) (see --help)\n".utf8))
            return 2
        }
    }

    /// `create-admin --email E [--data-dir DIR]`: the password comes from the first line of standard input, so it
    /// never shows in the process list or shell history.
    static func createAdmin(arguments: [String]) -> Int32 {
        var email = ""
        var directory = ProcessInfo.processInfo.environment["ENROLLMENT_DATA_DIR"] ?? "data"
        var index = 0
        while index + 1 < arguments.count {
            switch arguments[index] {
            case "--email": email = arguments[index + 1]
            case "--data-dir": directory = arguments[index + 1]
            default: index = arguments.count
            }
            index += 2
        }
        guard !email.isEmpty, index == arguments.count else {
            FileHandle.standardError.write(
                Data("usage: enrollment-console create-admin --email EMAIL [--data-dir DIR] < password\n".utf8))
            return 2
        }
        let password = (readLine(strippingNewline: true) ?? "")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try AdminAccounts(dataDirectory: directory).set(email: email, password: password)
            print("Admin \(AdminAccounts.key(email)) saved in \(directory).")
            return 0
        } catch {
            FileHandle.standardError.write(Data("enrollment-console: \(error)\n".utf8))
            return 1
        }
    }

    /// `check --data-dir DIR`: verifies every log and snapshot; 0 when sound, 1 on damage, 2 on bad usage.
    static func check(arguments: [String]) -> Int32 {
        var directory = ProcessInfo.processInfo.environment["ENROLLMENT_DATA_DIR"] ?? "data"
        var index = 0
        while index < arguments.count {
            if arguments[index] == "--data-dir", index + 1 < arguments.count {
                directory = arguments[index + 1]
                index += 2
            } else if arguments[index].hasPrefix("--data-dir=") {
                directory = String(arguments[index].dropFirst("--data-dir=".count))
                index += 1
            } else {
                FileHandle.standardError.write(Data("usage: enrollment-console check --data-dir DIR\n".utf8))
                return 2
            }
        }
        let result = EnrollmentRepository.check(dataDirectory: directory)
        print(result.report)
        return result.isDamaged ? 1 : 0
    }
}
