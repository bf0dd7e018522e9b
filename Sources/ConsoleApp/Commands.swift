import Enrollment
import Foundation

/// Subcommands of `enrollment-console` other than serving.
public enum Commands {
    /// Runs `command` and returns the process exit status.
    public static func run(command: String, arguments: [String]) -> Int32 {
        switch command {
        case "check":
            return check(arguments: arguments)
        default:
            FileHandle.standardError.write(Data("enrollment-console: unknown command \(command) (see --help)\n".utf8))
            return 2
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
