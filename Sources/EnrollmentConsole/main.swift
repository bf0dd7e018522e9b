import ConsoleApp
import Foundation

// SIGINT and SIGTERM are blocked in every thread (threads inherit the mask, so this comes first) and taken by
// sigwait on the main thread below: a graceful stop runs as ordinary code, not in a signal handler.
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGINT)
sigaddset(&stopSignals, SIGTERM)
pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
    print(Configuration.usage)
    exit(0)
}
if let command = arguments.first, !command.hasPrefix("-") {
    exit(Commands.run(command: command, arguments: Array(arguments.dropFirst())))
}

let configuration: Configuration
do {
    configuration = try Configuration.parse(arguments: arguments, environment: ProcessInfo.processInfo.environment)
} catch {
    FileHandle.standardError.write(Data("enrollment-console: \(error)\n".utf8))
    exit(2)
}

let console: ConsoleApplication
let port: Int
do {
    console = try ConsoleApplication(configuration: configuration, log: LogLine.write)
    port = try console.start()
} catch {
    FileHandle.standardError.write(Data("enrollment-console: \(error)\n".utf8))
    exit(1)
}
LogLine.write(
    "Enrollment Console listening on http://\(configuration.host):\(port)/ (data in \(configuration.dataDirectory))")

// Stop gracefully on the first SIGINT or SIGTERM: stop accepting, finish requests in flight, close the data folder.
var received: Int32 = 0
sigwait(&stopSignals, &received)
LogLine.write("Stopping on signal \(received)…")
console.shutdown()
LogLine.write("Stopped.")
exit(0)
