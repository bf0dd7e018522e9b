import HTTPWire

/// Errors the server itself answers, beside `WireError`.
public enum ServerError: HTTPStatusError, Equatable {
    /// The request head or body did not arrive within its timeout → 408.
    case requestTimeout

    public var status: HTTPStatus {
        switch self {
        case .requestTimeout: .requestTimeout
        }
    }

    public var publicMessage: String {
        switch self {
        case .requestTimeout: "The request took too long to arrive."
        }
    }
}
