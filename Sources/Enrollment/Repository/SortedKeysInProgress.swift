import Synchronization

/// The sorted keys of a directory whose last merge added keys still being sorted (`AddedKeys`): the directory's
/// keys before the merge, the keys it removed, and the sort. The merged list is made once, by the first reader of
/// `keys` (the Users page, a snapshot, the next merge), and shared by every copy of the directory.
final class SortedKeysInProgress: Sendable {
    private let base: [DirectoryKey]
    private let removed: [DirectoryKey]
    private let added: AddedKeys
    private let merged = Mutex<[DirectoryKey]?>(nil)

    /// `base` less `removed` plus what `added` sorts, once it has.
    init(base: [DirectoryKey], removed: [DirectoryKey], added: AddedKeys) {
        self.base = base
        self.removed = removed
        self.added = added
    }

    /// The merged keys, ascending; the first call waits for the sort and merges.
    var keys: [DirectoryKey] {
        merged.withLock { merged in
            if let merged { return merged }
            let keys = UserDirectory.merging(base, added: added.wait(), removed: removed)
            merged = keys
            return keys
        }
    }
}
