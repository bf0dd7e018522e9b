import HTTPWire
import Templating
import Web

/// Renders a page inside the layout, optionally with a dialog over it.
///
/// Every page goes through `render`, so the layout, navigation, signed-in admin and CSRF token are the same
/// everywhere. Values are escaped by the templates; only rendered template output is passed raw.
struct PageRenderer: Sendable {
    let templates: TemplateLibrary

    /// Which entry of the navigation is current.
    enum Section: String {
        case userImport = "import"
        case invite, users, outbox, none
    }

    func render(
        title: String, template: String, context: TemplateValue, section: Section, viewer: Viewer,
        dialog: (template: String, context: TemplateValue)? = nil, refreshSeconds: Int? = nil,
        status: HTTPStatus = .ok
    ) throws -> Response {
        let content = try templates.render(template, merged(context, viewer: viewer))
        let dialogHTML = try dialog.map { try templates.render($0.template, merged($0.context, viewer: viewer)) } ?? ""
        let layout: TemplateValue = [
            "title": .string(title), "content": .string(content), "dialog": .string(dialogHTML),
            "admin": viewer.admin.isEmpty ? .null : .string(viewer.admin), "csrf": .string(viewer.csrf),
            "showNavigation": .bool(section != .none),
            "nav": .object([section.rawValue: .bool(true)]),
            "refreshSeconds": refreshSeconds.map { .int($0) } ?? .null,
        ]
        return Response.html(try templates.render("layout", layout), status: status)
    }

    /// A fragment without the layout (the status line's refresh).
    func fragment(template: String, context: TemplateValue, viewer: Viewer) throws -> Response {
        Response.html(try templates.render(template, merged(context, viewer: viewer)))
    }

    private func merged(_ context: TemplateValue, viewer: Viewer) -> TemplateValue {
        guard case .object(var fields) = context else { return context }
        if fields["csrf"] == nil { fields["csrf"] = .string(viewer.csrf) }
        return .object(fields)
    }
}

/// Who is looking at a page: the signed-in admin and their form token.
struct Viewer: Sendable {
    var admin: String
    var csrf: String
}
