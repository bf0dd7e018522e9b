extension OutboxDelivery {
    /// Records the relay's verdict on the queued message `name` durably in the folder.
    ///
    /// Accepted: moved to `sent/`. Permanent: the reason written to `failed/<name>.reason`, then the message moved
    /// to `failed/`. Temporary: the retry record updated, or, after `schedule.maximumAttempts`, given up as
    /// permanent. A file error is added to `report.problems`; the message then stays queued.
    func record(
        _ result: SMTPDeliveryResult, for name: String, state: OutboxRetryState? = nil, now: Int64,
        report: inout OutboxDeliveryReport
    ) {
        let path = directory + "/" + name
        do {
            switch result {
            case .accepted:
                try OutboxFiles.move(path, to: sentFolder + "/" + name)
                try OutboxFiles.remove(retryPath(name))
                report.sent.append(name)
            case .permanentFailure(let reason):
                try fail(name, reason: reason)
                report.failed.append(name)
                report.reasons[name] = reason
            case .temporaryFailure(let reason):
                let attempts = (state?.attempts ?? 0) + 1
                if attempts >= schedule.maximumAttempts {
                    let summary = "gave up after \(attempts) attempts; last error: \(reason)"
                    try fail(name, reason: summary)
                    report.failed.append(name)
                    report.reasons[name] = summary
                    return
                }
                let next = OutboxRetryState(
                    attempts: attempts, nextAttempt: now + schedule.delay(afterAttempts: attempts), lastError: reason)
                try OutboxFiles.writeAtomically(next.encoded(), to: retryPath(name))
                report.deferred.append(name)
                report.reasons[name] = reason
            }
        } catch {
            report.problems.append(error.description)
        }
    }

    private func fail(_ name: String, reason: String) throws(OutboxError) {
        // The reason first: a crash between the two steps leaves the message queued, to be tried again.
        let base = failedFolder + "/" + name.dropLast(4)
        try OutboxFiles.writeAtomically(Array((reason + "\n").utf8), to: base + ".reason")
        try OutboxFiles.move(directory + "/" + name, to: failedFolder + "/" + name)
        try OutboxFiles.remove(retryPath(name))
    }
}
