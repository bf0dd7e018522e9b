extension SMTPClientStateMachine {
    /// The actions one complete reply leads to, given the state that awaited it.
    mutating func handle(_ reply: SMTPReply) -> [Action] {
        // 421: the server is shutting the channel (RFC 5321 §3.8); it may come in answer to anything.
        if reply.code == 421 && state != .quit {
            let actions = failRemaining(.temporaryFailure(reason: reply.text))
            state = .closed
            return actions + [.close]
        }
        switch state {
        case .greeting:
            guard reply.codeClass == 2 else { return giveUp(reply) }
            state = .ehlo
            return [command("EHLO \(clientName)")]
        case .ehlo:
            if reply.codeClass == 2 { return startTransaction() }
            guard reply.codeClass == 5 else { return giveUp(reply) }
            // RFC 5321 §3.2: a server that does not know EHLO answers 5xx; the client may fall back to HELO.
            state = .helo
            return [command("HELO \(clientName)")]
        case .helo:
            return reply.codeClass == 2 ? startTransaction() : giveUp(reply)
        case .mailFrom:
            guard reply.codeClass == 2 else { return abortTransaction(reply) }
            state = .recipient(0)
            return [command("RCPT TO:<\(envelopes[current].recipients[0])>")]
        case .recipient(let index):
            // All or nothing: a message is sent only when every recipient was accepted (250 or 251).
            guard reply.codeClass == 2 else { return abortTransaction(reply) }
            let recipients = envelopes[current].recipients
            if index + 1 < recipients.count {
                state = .recipient(index + 1)
                return [command("RCPT TO:<\(recipients[index + 1])>")]
            }
            state = .data
            return [command("DATA")]
        case .data:
            guard reply.code == 354 else { return abortTransaction(reply) }
            state = .content
            return [.send(envelopes[current].dataBytes)]
        case .content:
            // After the final dot's reply, positive or not, the transaction is over (RFC 5321 §4.1.1.4).
            let result = SMTPDeliveryResult(reply: reply)
            return [finishCurrent(result)] + startTransaction()
        case .reset:
            return reply.codeClass == 2 ? startTransaction() : giveUp(reply)
        case .quit:
            state = .closed
            return [.close]
        case .closed:
            return []
        }
    }

    /// `MAIL FROM` for the next envelope, or `QUIT` when none is left.
    private mutating func startTransaction() -> [Action] {
        guard current < envelopes.count else {
            state = .quit
            return [command("QUIT")]
        }
        state = .mailFrom
        return [command("MAIL FROM:<\(envelopes[current].sender)>")]
    }

    /// The server refused a step of the current transaction: report it, `RSET`, then carry on.
    private mutating func abortTransaction(_ reply: SMTPReply) -> [Action] {
        // A 2xx or 3xx reply out of place (e.g. 250 to DATA) is a broken server: retry later rather than fail.
        let result: SMTPDeliveryResult =
            reply.codeClass == 5 ? .permanentFailure(reason: reply.text) : .temporaryFailure(reason: reply.text)
        let delivered = finishCurrent(result)
        state = .reset
        return [delivered, command("RSET")]
    }

    /// The session itself failed (greeting, EHLO/HELO or RSET refused): every remaining envelope is retried later,
    /// whatever the reply class, since the refusal is about the connection, not a message.
    private mutating func giveUp(_ reply: SMTPReply) -> [Action] {
        let actions = failRemaining(.temporaryFailure(reason: reply.text))
        state = .quit
        return actions + [command("QUIT")]
    }

    /// `.deliver` for the current envelope, moving on to the next.
    private mutating func finishCurrent(_ result: SMTPDeliveryResult) -> Action {
        defer { current += 1 }
        return .deliver(index: current, result: result)
    }

    /// `.deliver` with `result` for every envelope not yet answered.
    mutating func failRemaining(_ result: SMTPDeliveryResult) -> [Action] {
        defer { current = envelopes.count }
        return (current..<envelopes.count).map { .deliver(index: $0, result: result) }
    }

    private func command(_ text: String) -> Action {
        .send(Array((text + "\r\n").utf8))
    }
}
