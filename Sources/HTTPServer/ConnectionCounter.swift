import Synchronization

/// The number of open connections over all loops, for `ServerConfiguration.maxConnections`.
final class ConnectionCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// Adds one; returns the new count.
    func increment() -> Int { count.wrappingAdd(1, ordering: .relaxed).newValue }

    /// Removes one.
    func decrement() { count.wrappingSubtract(1, ordering: .relaxed) }
}
