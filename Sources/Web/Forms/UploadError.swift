import HTTPWire

/// Why a form upload was refused or could not be stored, beyond malformed framing (`MultipartError`).
public enum UploadError: Error, Hashable, Sendable {
    /// The file part `field` is larger than `UploadLimits.maxFileBytes`.
    case fileTooLarge(field: String, limit: Int)
    /// The text field `field` is larger than `UploadLimits.maxTextFieldBytes`.
    case textFieldTooLarge(field: String, limit: Int)
    /// The text fields together are larger than `UploadLimits.maxTotalTextBytes`.
    case textTooLarge(limit: Int)
    /// The upload has more file parts than `UploadLimits.maxFiles`.
    case tooManyFiles(limit: Int)
    /// A system call on a spool file failed (`operation` is its name, `errno` its error number).
    case spoolFailed(operation: String, errno: Int32)
    /// The body was abandoned (`RequestBodySink.abandon()`) before it completed.
    case abandoned
}

extension UploadError: HTTPStatusError {
    /// 413 for a limit, 500 for a failure to store, 400 for an abandoned body.
    public var status: HTTPStatus {
        switch self {
        case .spoolFailed: .internalServerError
        case .abandoned: .badRequest
        default: .contentTooLarge
        }
    }

    /// A short explanation for the client; system errors are not described.
    public var publicMessage: String {
        switch self {
        case .fileTooLarge(_, let limit): "The file is larger than \(limit) bytes."
        case .textFieldTooLarge(_, let limit): "A form field is longer than \(limit) bytes."
        case .textTooLarge(let limit): "The form fields are longer than \(limit) bytes together."
        case .tooManyFiles(let limit): "The form has more than \(limit) files."
        case .spoolFailed: "The upload could not be stored."
        case .abandoned: "The upload did not complete."
        }
    }
}
