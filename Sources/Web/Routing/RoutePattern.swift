/// A parsed route path such as `/enrollment/imports/:id/results.csv` or `/static/*path`.
///
/// Segments are separated by `/`. A segment `:name` captures one whole path segment; a final `*name`
/// captures the rest of the path (at least one segment, empty ones included, joined by `/`). Everything else
/// matches literally, after the request path was percent-decoded segment by segment. Partial-segment captures
/// (`:id.csv`) are not supported: write `/imports/:id/results.csv` instead.
public struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
    /// One piece of a pattern.
    public enum Segment: Sendable, Hashable {
        /// Matches exactly this text (already decoded).
        case literal(String)
        /// Captures one segment under `name`.
        case parameter(String)
        /// Captures every remaining segment under `name`; only ever last.
        case catchAll(String)
    }

    /// The segments in order; `/` alone has none.
    public let segments: [Segment]
    /// The pattern as written.
    public let description: String

    /// Parses `pattern`; throws `RouterBuilder.Error.invalidPattern` when it does not start with `/`, has a
    /// capture without a name, repeats a name, or has a catch-all before the end.
    public init(_ pattern: String) throws(RouterBuilder.Error) {
        guard pattern.hasPrefix("/") else { throw .invalidPattern(pattern, reason: "must start with /") }
        var segments: [Segment] = []
        var names: Set<String> = []
        let pieces = pattern == "/" ? [] : pattern.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            let segment: Segment
            if let marker = piece.first, marker == ":" || marker == "*" {
                let name = String(piece.dropFirst())
                guard !name.isEmpty else { throw .invalidPattern(pattern, reason: "a capture needs a name") }
                guard names.insert(name).inserted else {
                    throw .invalidPattern(pattern, reason: "the name \(name) is used twice")
                }
                if marker == "*" {
                    guard index == pieces.count - 1 else {
                        throw .invalidPattern(pattern, reason: "a catch-all must be the last segment")
                    }
                    segment = .catchAll(name)
                } else {
                    segment = .parameter(name)
                }
            } else {
                segment = .literal(String(piece))
            }
            segments.append(segment)
        }
        self.segments = segments
        self.description = pattern
    }

    /// The pattern with capture names erased: two patterns with the same shape match exactly the same paths.
    var shape: [Segment] {
        segments.map {
            switch $0 {
            case .literal: $0
            case .parameter: .parameter("")
            case .catchAll: .catchAll("")
            }
        }
    }

    /// The captures when `path` (decoded segments) matches, or nil.
    func match(_ path: [String]) -> [String: String]? {
        var captures: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .literal(let text):
                guard index < path.count, path[index] == text else { return nil }
            case .parameter(let name):
                guard index < path.count else { return nil }
                captures[name] = path[index]
            case .catchAll(let name):
                guard index < path.count else { return nil }
                captures[name] = path[index...].joined(separator: "/")
                return captures
            }
        }
        return path.count == segments.count ? captures : nil
    }

    /// Ranks how specific the pattern is, segment by segment: a literal beats a parameter beats a catch-all,
    /// so `/imports/new` wins over `/imports/:id` for `/imports/new`.
    var specificity: [Int] {
        segments.map {
            switch $0 {
            case .literal: 2
            case .parameter: 1
            case .catchAll: 0
            }
        }
    }
}
