import HTTPWire
import Templating
import Web

/// Error pages (404, 405, 413, 500 …) rendered from `error.mustache` inside the layout.
struct TemplateErrorPages: ErrorPageRenderer {
    let templates: TemplateLibrary

    func renderErrorPage(status: HTTPStatus, message: String) -> String {
        let context: TemplateValue = [
            "code": .int(status.code), "reason": .string(status.reasonPhrase), "message": .string(message),
        ]
        do {
            let content = try templates.render("error", context)
            return try templates.render(
                "layout",
                [
                    "title": .string(status.reasonPhrase), "content": .string(content), "dialog": "",
                    "showNavigation": false,
                ])
        } catch {
            return PlainErrorPageRenderer().renderErrorPage(status: status, message: message)
        }
    }
}
