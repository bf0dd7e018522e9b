import HTTPWire

/// Receives a `multipart/form-data` body as it arrives and stores each file part in its own spool file, so
/// memory does not grow with the upload; text fields are kept in memory within `UploadLimits`.
///
/// Hand it to the server as `BodyDecision.stream(limit:sink:)`. A file part is one with a `filename`; its bytes
/// are gathered in a buffer of `UploadLimits.writeBufferBytes` and written to a new randomly named file in
/// `spoolDirectory` (see `SpoolFile`): the client's file name is never used as a path. A part with an empty
/// `filename` and no bytes (a file input left empty) is dropped. After `finish()` returns, `formData()` tells
/// what arrived, and the files belong to its caller. On `abandon()` or any thrown error, every spool file made
/// so far is deleted, and any later call throws that error again.
///
/// `@unchecked Sendable`: the server calls `write`, `finish` and `abandon` from one loop thread, one at a time
/// (the `RequestBodySink` contract), so the mutable state is confined to that thread until `finish()`;
/// afterwards it is only read (`formData()`), by a thread that received the sink from the loop.
public final class MultipartSpooler: RequestBodySink, @unchecked Sendable {
    /// The limits enforced on this upload.
    public let limits: UploadLimits
    /// The directory spool files are made in; it must exist and should sit on the data folder's file system.
    public let spoolDirectory: String

    private var parser: MultipartParser
    private var part: Part?
    /// The bytes of the current part so far (a text field's bytes are also kept in `text`).
    private var partByteCount = 0
    private var text: [UInt8] = []
    private var fields: [FormData.Field] = []
    private var files: [UploadedFile] = []
    private var totalTextBytes = 0
    /// File bytes not yet written; allocated on the first file part.
    private var buffer: UnsafeMutableRawBufferPointer?
    private var bufferedCount = 0
    /// An error from handling an event, kept until the parser returns.
    private var pendingError: (any Error)?
    private var phase = Phase.receiving

    private enum Phase {
        case receiving
        case finished(FormData)
        case failed(any Error)
    }

    /// The part being received.
    private enum Part {
        case text(name: String)
        case file(head: MultipartPartHead, spool: SpoolFile)
    }

    /// Creates a sink for a body split on `boundary`; no file is made before the first file part arrives.
    public init(boundary: MultipartBoundary, spoolDirectory: String, limits: UploadLimits = UploadLimits()) {
        self.limits = limits
        self.spoolDirectory = spoolDirectory
        parser = MultipartParser(boundary: boundary, limits: limits.multipart)
    }

    deinit {
        // A sink dropped without `finish` or `abandon` must not leave files behind.
        if case .receiving = phase { discardEverything() }
        buffer?.deallocate()
    }

    /// Parses the next bytes of the body and stores what they hold.
    /// - Throws: `MultipartError` for malformed framing, `UploadError` for a limit or a failed write; the spool
    ///   files are deleted first.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try checkReceiving()
        var parseError: MultipartError?
        do {
            try parser.feed(bytes) { event in
                guard self.pendingError == nil else { return }
                do { try self.handle(event) } catch { self.pendingError = error }
            }
        } catch {
            parseError = error
        }
        if let error = pendingError ?? parseError {
            fail(error)
            throw error
        }
    }

    /// Checks that the body ended with its close delimiter; afterwards `formData()` is available.
    /// - Throws: `MultipartError.truncated` (or the error that stopped the body); the spool files are deleted.
    public func finish() throws {
        try checkReceiving()
        do {
            try parser.finish()
        } catch {
            fail(error)
            throw error
        }
        phase = .finished(FormData(fields: fields, files: files))
        buffer?.deallocate()
        buffer = nil
    }

    /// Deletes every spool file made for this body; the body will not complete.
    public func abandon() {
        guard case .receiving = phase else { return }
        fail(UploadError.abandoned)
    }

    /// Whether `finish()` returned, so `formData()` may be called.
    public var isFinished: Bool {
        if case .finished = phase { return true }
        return false
    }

    /// What the body held; only after `finish()` returned.
    public func formData() -> FormData {
        guard case .finished(let data) = phase else { preconditionFailure("formData() before finish()") }
        return data
    }

    /// Throws the error that ended the body if there was one; a call after `finish()` is a programmer error.
    private func checkReceiving() throws {
        switch phase {
        case .receiving: return
        case .failed(let error): throw error
        case .finished: preconditionFailure("MultipartSpooler used after finish()")
        }
    }

    private func fail(_ error: any Error) {
        phase = .failed(error)
        discardEverything()
    }

    private func discardEverything() {
        if case .file(_, var spool) = part { spool.discard() }
        part = nil
        bufferedCount = 0
        FormData(files: files).removeSpoolFiles()
        files = []
    }

    // MARK: Events

    private func handle(_ event: MultipartEvent) throws(UploadError) {
        switch event {
        case .partStart(let head):
            if head.isFile {
                guard files.count < limits.maxFiles else { throw .tooManyFiles(limit: limits.maxFiles) }
                part = .file(head: head, spool: try SpoolFile(in: spoolDirectory))
            } else {
                part = .text(name: head.name)
                text.removeAll(keepingCapacity: true)
            }
            partByteCount = 0
        case .partData(let bytes):
            switch part {
            case .text(let name):
                guard partByteCount + bytes.count <= limits.maxTextFieldBytes else {
                    throw .textFieldTooLarge(field: name, limit: limits.maxTextFieldBytes)
                }
                guard totalTextBytes + bytes.count <= limits.maxTotalTextBytes else {
                    throw .textTooLarge(limit: limits.maxTotalTextBytes)
                }
                partByteCount += bytes.count
                totalTextBytes += bytes.count
                text.append(contentsOf: bytes)
            case .file(let head, let spool):
                guard partByteCount + bytes.count <= limits.maxFileBytes else {
                    throw .fileTooLarge(field: head.name, limit: limits.maxFileBytes)
                }
                partByteCount += bytes.count
                try store(bytes, in: spool)
            case nil:
                preconditionFailure("part data outside a part")
            }
        case .partEnd:
            switch part {
            case .text(let name):
                fields.append(FormData.Field(name: name, value: String(decoding: text, as: UTF8.self)))
            case .file(let head, var spool):
                let byteCount = partByteCount
                // From here on this copy of the spool file is the only one: a failure discards it here.
                part = nil
                do throws(UploadError) {
                    try flush(to: spool)
                    try spool.seal()
                } catch {
                    spool.discard()
                    throw error
                }
                if head.filename == "" && byteCount == 0 {
                    // A file input left empty: browsers send `filename=""` and no bytes.
                    spool.discard()
                } else {
                    let name = UploadedFile.displayName(for: head.filename ?? "")
                    files.append(
                        UploadedFile(
                            fieldName: head.name, fileName: name, contentType: head.contentType,
                            spoolPath: spool.path, byteCount: byteCount))
                }
            case nil:
                preconditionFailure("part end outside a part")
            }
            part = nil
        }
    }

    /// Gathers file bytes in the buffer and writes it when full; a slice at least as large as the buffer is
    /// written directly, so small reads cost a copy and large ones cost nothing extra.
    private func store(_ bytes: UnsafeRawBufferPointer, in spool: SpoolFile) throws(UploadError) {
        let buffer =
            self.buffer ?? UnsafeMutableRawBufferPointer.allocate(byteCount: limits.writeBufferBytes, alignment: 16)
        self.buffer = buffer
        if bufferedCount == 0 && bytes.count >= buffer.count {
            try spool.append(bytes)
            return
        }
        var remaining = bytes
        while !remaining.isEmpty {
            let count = min(remaining.count, buffer.count - bufferedCount)
            UnsafeMutableRawBufferPointer(rebasing: buffer[bufferedCount..<(bufferedCount + count)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: remaining[..<count]))
            bufferedCount += count
            remaining = UnsafeRawBufferPointer(rebasing: remaining[count...])
            if bufferedCount == buffer.count { try flush(to: spool) }
        }
    }

    private func flush(to spool: SpoolFile) throws(UploadError) {
        guard let buffer, bufferedCount > 0 else { return }
        defer { bufferedCount = 0 }
        try spool.append(UnsafeRawBufferPointer(rebasing: buffer[..<bufferedCount]))
    }
}
