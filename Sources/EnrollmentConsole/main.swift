import ConsoleApp
import Dispatch
import Foundation

// Standard output is a log; flush each line so it reads well under a supervisor.
setvbuf(stdout, nil, _IOLBF, 0)

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
    console = try ConsoleApplication(configuration: configuration, log: { print($0) })
    port = try console.start()
} catch {
    FileHandle.standardError.write(Data("enrollment-console: \(error)\n".utf8))
    exit(1)
}
print("Enrollment Console listening on http://\(configuration.host):\(port)/ (data in \(configuration.dataDirectory))")

// Kept alive for the life of the process.
nonisolated(unsafe) var signalSources: [any DispatchSourceSignal] = []

// SIGINT and SIGTERM stop gracefully: stop accepting, finish requests in flight, close the data folder, exit 0.
for sig in [SIGINT, SIGTERM] {
    signal(sig, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
    source.setEventHandler {
        print("Stopping…")
        console.shutdown()
        exit(0)
    }
    source.resume()
    signalSources.append(source)
}
dispatchMain()
