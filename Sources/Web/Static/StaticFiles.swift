import HTTPWire

/// Serves the files under one folder (the app's `Public/`), for `GET`/`HEAD /static/*path`.
///
/// Made once at start-up and shared read-only. A request can never reach outside the root: the path must be
/// relative with non-empty segments, none `.`, `..` or starting with `.`, no backslash and no NUL, and the file's
/// canonical path (every symlink resolved by `realpath(3)`) must still lie under the root's. Anything else,
/// directories included, is 404. Bodies are sent from disk (`.file`), never read into memory.
public struct StaticFiles: Sendable {
    /// The canonical absolute path of the root folder.
    public let root: String
    /// The `Cache-Control` sent with every file and 304.
    public let cacheControl: String

    /// Serves `root`; throws `StaticFiles.Error.rootNotFound` when it is not an existing folder.
    public init(root: String, cacheControl: String = "public, max-age=3600") throws(Error) {
        guard let canonical = FileInfo.canonicalPath(root), FileInfo(path: canonical)?.isRegularFile == false else {
            throw .rootNotFound(root)
        }
        self.root = canonical
        self.cacheControl = cacheControl
    }

    /// A handler for a route whose catch-all capture is named `capture` (`/static/*path`).
    public func handler(capture: String = "path") -> Handler {
        { context in try response(forPath: context.parameter(capture), requestHeaders: context.request.headers) }
    }

    /// The response for `relativePath` (already percent-decoded, relative to the root): 200 with the file,
    /// 304 when the request's validators still match, or throws `WebError.notFound`.
    public func response(forPath relativePath: String, requestHeaders: HTTPHeaders) throws(WebError) -> Response {
        guard let file = resolve(relativePath), let info = FileInfo(path: file), info.isRegularFile else {
            throw .notFound
        }
        let validators = Validators(info: info)
        var headers: HTTPHeaders = [
            "ETag": validators.entityTag,
            "Last-Modified": HTTPDate.format(info.modifiedSeconds),
            "Cache-Control": cacheControl,
        ]
        if validators.isNotModified(requestHeaders) {
            return Response(status: .notModified, headers: headers)
        }
        headers.add("Content-Type", MediaTypes.forFile(named: file))
        return Response(status: .ok, headers: headers, body: .file(path: file, offset: 0, length: info.size))
    }

    /// The canonical path of `relativePath` under the root, or nil when it is unsafe or leaves the root.
    func resolve(_ relativePath: String) -> String? {
        let segments = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments {
            // Empty segments would make `//etc` absolute; dot segments climb; hidden files stay hidden.
            guard let first = segment.first, first != "." else { return nil }
            guard !segment.contains("\\"), !segment.contains("\0") else { return nil }
        }
        guard let canonical = FileInfo.canonicalPath(root + "/" + relativePath),
            canonical.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        else { return nil }
        return canonical
    }
}

extension StaticFiles {
    /// A static-files setup mistake, found at start-up.
    public enum Error: Swift.Error, Equatable {
        /// The root folder does not exist or is not a folder.
        case rootNotFound(String)
    }

    /// The validators of one file version and the RFC 9110 §13 conditional checks on them.
    struct Validators {
        let entityTag: String
        let modifiedSeconds: Int

        init(info: FileInfo) {
            let parts = [info.size, info.modifiedSeconds, info.modifiedNanoseconds].map { String($0, radix: 16) }
            entityTag = "\"" + parts.joined(separator: "-") + "\""
            modifiedSeconds = info.modifiedSeconds
        }

        /// Whether the client's copy is current: `If-None-Match` (weak comparison, RFC 9110 §13.1.2) when
        /// present, otherwise `If-Modified-Since` (ignored when it is not an IMF-fixdate).
        func isNotModified(_ headers: HTTPHeaders) -> Bool {
            if let ifNoneMatch = headers["If-None-Match"] {
                let tags = ifNoneMatch.split(separator: ",").map { String($0).trimmingOptionalWhitespace() }
                return tags.contains { $0 == "*" || Self.opaque($0) == Self.opaque(entityTag) }
            }
            if let since = headers["If-Modified-Since"].flatMap(HTTPDate.parse) {
                return modifiedSeconds <= since
            }
            return false
        }

        private static func opaque(_ tag: String) -> Substring {
            tag.hasPrefix("W/") ? tag.dropFirst(2) : tag[...]
        }
    }
}
