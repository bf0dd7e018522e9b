import Storage

/// A model enum with a one-byte code on disk. `stableCode` is a `switch`, so encoding a row's values costs no
/// search; the values by code, for decoding, are derived from it (`StableCodes`). Codes are dense from 0 and never
/// change: a new case takes the next one.
protocol StablyCoded: CaseIterable, Equatable {
    /// The code written to disk.
    var stableCode: UInt8 { get }
}

/// Each `StablyCoded` enum's values in code order, for decoding.
enum StableCodes {
    /// Codes of `UserState`.
    static let userStates = byCode(UserState.self)
    /// Codes of `OperationKind`.
    static let operationKinds = byCode(OperationKind.self)
    /// Codes of `OperationState`.
    static let operationStates = byCode(OperationState.self)
    /// Codes of `RequestedAction` (written plus one; 0 means none).
    static let actions = byCode(RequestedAction.self)
    /// Codes of `RowOutcome`.
    static let outcomes = byCode(RowOutcome.self)
    /// Codes of `MailKind`.
    static let mailKinds = byCode(MailKind.self)

    /// Every value of `T` at the index of its code; codes that are not dense from 0 are a programmer error.
    static func byCode<T: StablyCoded>(_: T.Type) -> [T] {
        let list = T.allCases.sorted { $0.stableCode < $1.stableCode }
        precondition(list.indices.allSatisfy { Int(list[$0].stableCode) == $0 }, "\(T.self) codes are dense")
        return list
    }

    /// The value of `code`; throws `.malformedRecord` for unknown codes.
    static func value<T>(_ code: UInt8, in list: [T]) throws(StorageError) -> T {
        guard Int(code) < list.count else { throw .malformedRecord(reason: "unknown code \(code) for \(T.self)") }
        return list[Int(code)]
    }
}

extension UserState: StablyCoded {
    var stableCode: UInt8 {
        switch self {
        case .invited: 0
        case .active: 1
        case .inactive: 2
        }
    }
}

extension OperationKind: StablyCoded {
    var stableCode: UInt8 {
        switch self {
        case .userImport: 0
        case .bulkInvite: 1
        }
    }
}

extension OperationState: StablyCoded {
    var stableCode: UInt8 {
        switch self {
        case .queued: 0
        case .running: 1
        case .completed: 2
        case .rejected: 3
        case .interrupted: 4
        }
    }
}

extension RequestedAction: StablyCoded {
    var stableCode: UInt8 {
        switch self {
        case .new: 0
        case .update: 1
        case .delete: 2
        case .activate: 3
        case .invite: 4
        }
    }
}

extension RowOutcome: StablyCoded {
    /// The outcome's position in `allCases`, which only ever grows at its end (the codes test pins it).
    var stableCode: UInt8 { UInt8(position) }
}

extension MailKind: StablyCoded {
    var stableCode: UInt8 {
        switch self {
        case .invitation: 0
        case .activation: 1
        }
    }
}
