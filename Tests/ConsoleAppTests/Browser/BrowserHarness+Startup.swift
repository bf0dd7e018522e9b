import Foundation
import Glibc

extension BrowserHarness {
    /// A loopback port that was free a moment ago: bind port 0, read the port, close.
    ///
    /// - Throws: ``LoopbackHTTPError/socket(operation:errno:)``.
    static func freePort() throws(LoopbackHTTPError) -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .socket(operation: "socket", errno: errno) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let isBound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard isBound else { throw .socket(operation: "bind", errno: errno) }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Polls chromedriver's `/status` until it reports `ready`, failing fast if the process exits.
    ///
    /// - Throws: ``BrowserHarnessError/driverNotReady(after:log:)`` with the end of its output.
    static func waitUntilReady(_ process: ChildProcess, port: UInt16) throws(BrowserHarnessError) {
        let client = LoopbackHTTPClient(port: port, timeout: .seconds(2))
        defer { client.close() }
        let deadline = ContinuousClock.now + startupTimeout
        while ContinuousClock.now < deadline, process.isRunning {
            if let response = try? client.get("/status"), response.status == 200,
                let json = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                let value = json["value"] as? [String: Any], value["ready"] as? Bool == true
            {
                return
            }
            usleep(100_000)
        }
        throw .driverNotReady(after: startupTimeout, log: process.logTail())
    }
}
