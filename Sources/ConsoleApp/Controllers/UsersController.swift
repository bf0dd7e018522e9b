import Enrollment
import HTTPWire
import Templating
import Web

/// The Users page: the directory, searchable by email or name, one page at a time.
struct UsersController: Sendable {
    let context: AppContext
    static let pageSize = 50

    func register(in router: inout RouterBuilder) {
        let this = self
        // A search scans the whole directory (about a second at a million users): keep it off the event loops.
        router.get("/enrollment/users", runsOffLoop: true) { try this.list($0) }
    }

    func list(_ request: RequestContext) throws -> Response {
        let query = (request.query.value("q") ?? "").trimmingCharacters(in: .whitespaces)
        let pagination = Pagination(page: request.query.value("page"), pageSize: Self.pageSize)
        let (users, total) = context.repository.users(
            matching: query, offset: pagination.offset, limit: pagination.pageSize)
        let rows: [TemplateValue] = users.map { user in
            [
                "email": .string(user.email), "firstName": .string(user.firstName), "lastName": .string(user.lastName),
                "alternateID": .string(user.alternateID), "workPhone": .string(user.workPhone),
                "title": .string(user.title), "department": .string(user.department),
                "state": .string(user.state.rawValue), "stateClass": .string(Self.stateClass(user.state)),
                "updated": .string(DisplayFormat.dateTime(milliseconds: user.updatedAt)),
                "updatedISO": .string(DisplayFormat.iso(milliseconds: user.updatedAt)),
            ]
        }
        let noun = total == 1 ? "user" : "users"
        let view: TemplateValue = [
            "query": query.isEmpty ? .null : .string(query),
            "summary": .string(
                query.isEmpty
                    ? "\(DisplayFormat.count(context.repository.userCount)) \(noun) in the directory."
                    : "\(DisplayFormat.count(total)) \(noun) match."),
            "hasUsers": .bool(!rows.isEmpty), "users": .list(rows),
            "pager": pagination.view(total: total, noun: "users") { n in
                "/enrollment/users" + URLQuery.encode([("q", query), ("page", n == 1 ? "" : String(n))])
            },
        ]
        return try context.pages.render(
            title: "Users", template: "pages/users", context: view, section: .users, viewer: context.viewer(request))
    }

    static func stateClass(_ state: UserState) -> String {
        switch state {
        case .active: "good"
        case .invited: "info"
        case .inactive: "warn"
        }
    }
}
