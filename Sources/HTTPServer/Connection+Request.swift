import HTTPWire

#if canImport(Glibc)
    import Glibc
#endif

extension Connection {
    /// A head arrived: ask the application about the body, then read it, refuse it or dispatch the request.
    func start(_ head: RequestHead, now: Duration) {
        self.head = head
        requestStartedAt = now
        bodyCount = 0
        let framing = parser.framing
        let hasBody = framing != .none
        let decision = loop.responder.bodyDecision(for: head)
        var limit = 0
        switch decision {
        case .reject(let response):
            machine.headReceived(isKeepAlive: head.isKeepAlive, expectsBody: false, now: now)
            if hasBody { machine.mustCloseAfterResponse() }
            respond(with: response, now: now)
            return
        case .buffer(let bufferLimit):
            limit = bufferLimit
            var bytes: [UInt8] = []
            if case .contentLength(let length) = framing, length <= bufferLimit { bytes.reserveCapacity(length) }
            bodyTarget = .buffer(limit: bufferLimit, bytes: bytes)
        case .stream(let streamLimit, let sink):
            limit = streamLimit
            bodyTarget = .stream(limit: streamLimit, sink: sink)
        }
        if case .contentLength(let length) = framing, length > limit {
            // 413 before reading a byte of the body; with `Expect: 100-continue` the client never sends it.
            machine.headReceived(isKeepAlive: false, expectsBody: false, now: now)
            fail(WireError.bodyTooLarge(limit: limit), now: now)
            return
        }
        machine.headReceived(isKeepAlive: head.isKeepAlive, expectsBody: hasBody, now: now)
        switch framing {
        case .none:
            finishBody(now: now)
            return
        case .contentLength(let length):
            bodyReader = .length(remaining: length)
        case .chunked:
            bodyReader = .chunked(ChunkedDecoder(limits: loop.configuration.wireLimits))
        }
        if head.expectsContinue, head.minorVersion >= 1 {
            output.append { ResponseSerializer.writeContinue(into: &$0) }
            flush(now: now)
        }
    }

    /// Takes body bytes from the front of `buffer`; returns how many were used.
    func readBody(_ buffer: UnsafeRawBufferPointer, now: Duration) throws -> Int {
        switch bodyReader {
        case .none:
            return 0
        case .length(let remaining):
            let take = min(remaining, buffer.count)
            try deliver(UnsafeRawBufferPointer(rebasing: buffer[..<take]))
            if take == remaining {
                bodyReader = .none
                finishBody(now: now)
            } else {
                bodyReader = .length(remaining: remaining - take)
            }
            return take
        case .chunked(var decoder):
            var offset = 0
            while offset < buffer.count {
                let step = try decoder.decode(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
                switch step {
                case .data(let range):
                    try deliver(
                        UnsafeRawBufferPointer(
                            rebasing: buffer[(offset + range.lowerBound)..<(offset + range.upperBound)]))
                    offset += range.upperBound
                case .needMoreData:
                    bodyReader = .chunked(decoder)
                    return buffer.count
                case .end(let consumed):
                    bodyReader = .none
                    finishBody(now: now)
                    return offset + consumed
                }
            }
            bodyReader = .chunked(decoder)
            return offset
        }
    }

    /// Hands body bytes to the target, enforcing the application's limit (413 once it is passed).
    private func deliver(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        bodyCount += bytes.count
        switch bodyTarget {
        case .none:
            break
        case .buffer(let limit, var buffered):
            guard bodyCount <= limit else { throw WireError.bodyTooLarge(limit: limit) }
            bodyTarget = .none
            buffered.append(contentsOf: bytes)
            bodyTarget = .buffer(limit: limit, bytes: buffered)
        case .stream(let limit, let sink):
            guard bodyCount <= limit else { throw WireError.bodyTooLarge(limit: limit) }
            try sink.write(bytes)
        }
    }

    /// The body is complete: finish the sink and give the request to the application.
    private func finishBody(now: Duration) {
        guard let head else { return }
        var body = RequestBody.empty
        switch bodyTarget {
        case .none:
            break
        case .buffer(_, let bytes):
            body = bytes.isEmpty ? .empty : .bytes(bytes)
        case .stream(_, let sink):
            do {
                try sink.finish()
            } catch {
                bodyTarget = .none
                fail(error, now: now)
                return
            }
            body = .streamed(sink)
        }
        bodyTarget = .none
        machine.bodyReceived()
        let request = Request(head: head, body: body, remoteAddress: remoteAddress)
        let loop = self.loop
        let fd = self.fd
        // A ticket per request: an answer delivered twice, or after the connection moved on, matches nothing.
        loop.nextID += 1
        let ticket = loop.nextID
        self.ticket = ticket
        loop.responder.respond(to: request) { response in
            loop.deliver(response, fd: fd, ticket: ticket)
        }
    }

    /// Answers a failed request (parse error, limit, timeout, sink error) and closes after the answer.
    /// Statuses come from `HTTPStatusError`; anything else is a 500 whose details stay on the server.
    func fail(_ error: any Error, now: Duration) {
        if case .stream(_, let sink) = bodyTarget { sink.abandon() }
        bodyTarget = .none
        bodyReader = .none
        machine.mustCloseAfterResponse()
        let status = (error as? any HTTPStatusError)?.status ?? .internalServerError
        let message = (error as? any HTTPStatusError)?.publicMessage ?? "Internal server error."
        let response = Response(
            status: status, headers: ["Content-Type": "text/plain; charset=utf-8"],
            body: .bytes(Array((message + "\n").utf8)))
        respond(with: response, now: now)
    }

    /// Queues `response` for the request in flight (or a bare error when no head was read), logs it, and writes.
    func respond(with response: Response, now: Duration) {
        guard !isClosed else { return }
        var response = response
        let fileFD = openFileBody(of: &response)
        let method = head?.method ?? .get
        let closeRequested = ResponseSerializer.asksToClose(response)
        let isKeepAlive = machine.isKeepAlive && !closeRequested
        var fileFollows = false
        var written = output.append { buffer in
            fileFollows = loop.serializer.write(
                response, method: method, minorVersion: head?.minorVersion ?? 1, isKeepAlive: isKeepAlive,
                epochSeconds: loop.epochSeconds, into: &buffer)
        }
        if fileFD >= 0 {
            if fileFollows, case .file(_, let offset, let length) = response.body {
                output.appendFile(fd: fileFD, offset: offset, length: length)
                written += length
            } else {
                Glibc.close(fileFD)
            }
        }
        if let accessLog = loop.accessLog {
            let milliseconds = ((now - requestStartedAt).milliseconds * 100).rounded() / 100
            accessLog("\(method) \(head?.path ?? "-") \(response.status.code) \(written) \(milliseconds)ms")
        }
        head = nil
        bodyReader = .none
        let action = machine.responseQueued(
            closeRequested: !isKeepAlive, outputPending: !output.isEmpty, now: now)
        if action == .close {
            close()
            return
        }
        flush(now: now)
    }

    /// Opens the file of a `.file` body and checks the range lies inside it; returns the descriptor, or -1 when there
    /// is nothing to send. A missing file or a range past its end turns the response into a 500 (the length is
    /// announced before the bytes, so a short file could not be answered honestly later).
    private func openFileBody(of response: inout Response) -> Int32 {
        guard case .file(let path, let offset, let length) = response.body, length > 0 else { return -1 }
        var fd: Int32 = -1
        if offset >= 0 {
            fd = open(path, O_RDONLY | O_CLOEXEC)
        }
        var info = stat()
        if fd >= 0, fstat(fd, &info) == 0, Int(info.st_size) >= offset + length {
            return fd
        }
        if fd >= 0 { Glibc.close(fd) }
        response = Response(status: .internalServerError, body: .bytes(Array("Internal server error.\n".utf8)))
        return -1
    }
}
