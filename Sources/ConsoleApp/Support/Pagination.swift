import Templating

/// A page of a long list: which page, how many a page, and the pager view built from them.
struct Pagination: Sendable, Equatable {
    /// 1-based.
    var page: Int
    var pageSize: Int

    /// Reads `page` from a query value, clamped to at least 1.
    init(page: String?, pageSize: Int) {
        self.page = max(1, Int(page ?? "") ?? 1)
        self.pageSize = pageSize
    }

    var offset: Int { (page - 1) * pageSize }

    /// The pager partial's context; `url` makes the link of a page number.
    func view(total: Int, noun: String, url: (Int) -> String) -> TemplateValue {
        let pageCount = max(1, (total + pageSize - 1) / pageSize)
        let first = total == 0 ? 0 : min(offset + 1, total)
        let last = min(offset + pageSize, total)
        return [
            "page": .int(min(page, pageCount)),
            "pageCount": .int(pageCount),
            "summary": .string(
                "\(DisplayFormat.count(first))–\(DisplayFormat.count(last)) of \(DisplayFormat.count(total)) \(noun)"),
            "previousURL": page > 1 ? .string(url(min(page - 1, pageCount))) : .null,
            "nextURL": page < pageCount ? .string(url(page + 1)) : .null,
        ]
    }
}
