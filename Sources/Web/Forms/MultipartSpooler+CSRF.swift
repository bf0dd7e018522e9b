extension MultipartSpooler: CSRFTokenCarrying {
    /// The `_csrf` field of the finished upload, so streamed uploads are checked like buffered forms; nil
    /// before the body finished.
    public var csrfToken: String? {
        guard isFinished else { return nil }
        return formData().field(SessionGuard.csrfFieldName)
    }
}
