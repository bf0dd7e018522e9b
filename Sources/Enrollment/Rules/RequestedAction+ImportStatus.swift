extension RequestedAction {
    /// The action a User Status cell asks for, matched ignoring ASCII case (`new`, `UPDATE`, `Delete`,
    /// `activate`); nil for anything else, `Invite` included (it is not an import status).
    public init?(importStatus: String) {
        switch User.key(forEmail: importStatus) {
        case "new": self = .new
        case "update": self = .update
        case "delete": self = .delete
        case "activate": self = .activate
        default: return nil
        }
    }
}
