import Storage

/// Why a repository call failed.
public enum RepositoryError: Error, Equatable, CustomStringConvertible {
    /// The data folder could not be read or written; the storage error names the file and offset.
    case storage(StorageError)
    /// No operation has this ID.
    case noSuchOperation(id: Int64)
    /// The operation is not in a state that allows the call (e.g. `beginRun` on a completed operation).
    case wrongState(id: Int64, state: OperationState, action: String)
    /// The run was already committed, failed or abandoned.
    case runFinished(id: Int64)
    /// A stored record could not be decoded (a bug or a foreign file that passed its checksum).
    case malformed(reason: String)
    /// The repository was closed.
    case closed

    /// A message naming the operation, file or offset concerned.
    public var description: String {
        switch self {
        case .storage(let error): return error.description
        case .noSuchOperation(let id): return "no operation \(id)"
        case .wrongState(let id, let state, let action): return "operation \(id) is \(state.rawValue); cannot \(action)"
        case .runFinished(let id): return "the run of operation \(id) is already finished"
        case .malformed(let reason): return "malformed repository record: \(reason)"
        case .closed: return "the repository is closed"
        }
    }

    /// Runs `body`, turning any error into a `RepositoryError`.
    static func wrap<Result>(_ body: () throws -> Result) throws(RepositoryError) -> Result {
        do {
            return try body()
        } catch let error as RepositoryError {
            throw error
        } catch let error as StorageError {
            throw .storage(error)
        } catch {
            throw .malformed(reason: "\(error)")
        }
    }
}
