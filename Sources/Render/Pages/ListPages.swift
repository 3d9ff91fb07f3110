import Analysis
import BriefingCore
import Mustache

/// A paginated list of reports or cases, or of a topic's documents.
public struct ListPage: ViewModel {
    public var page: PageVM
    public var heading: String
    public var intro: String
    public var total: Int
    public var documents: [DocSummaryVM]
    public var pager: PagerVM

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "page": return tv(page)
        case "heading": return tv(heading)
        case "intro": return tv(intro)
        case "total": return tv(total)
        case "documents": return tv(documents)
        case "pager": return tv(pager)
        default: return nil
        }
    }
}

/// Topics with the number of documents of each.
public struct TopicsPage: ViewModel {
    public struct Item: ViewModel {
        public var name: String
        public var href: String
        public var count: Int
        public func value(_ key: String) -> TemplateValue? {
            switch key {
            case "name": return tv(name)
            case "href": return tv(href)
            case "count": return tv(count)
            default: return nil
            }
        }
    }
    public var page: PageVM
    public var topics: [Item]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "page": return tv(page)
        case "topics": return tv(topics)
        default: return nil
        }
    }
}

extension Renderer {
    func listPage(_ kind: DocumentKind, page n: Int) -> ListPage {
        let route = Route.list(kind, page: n)
        let positions = derived.positions(of: kind)
        let title = Self.listTitle(kind) + (n > 1 ? "（第\(n)页）" : "")
        return ListPage(page: pageVM(route, title: title, nav: kind.rawValue), heading: Self.listTitle(kind),
                        intro: analysis.project.config.intros[kind] ?? "", total: positions.count,
                        documents: Self.slice(positions, page: n).map { summary(analysis.project.documents[$0], from: route) },
                        pager: pager(count: positions.count, current: n) { .list(kind, page: $0) })
    }

    func topicPage(_ slug: String, page n: Int) -> ListPage {
        let route = Route.topic(slug, page: n)
        let name = analysis.index.topics.first { analysis.project.topicSlug($0) == slug } ?? slug
        let positions = analysis.index.documentsByTopic[name] ?? []
        let crumbs = [LinkVM(title: "主题", href: Route.topics.href(from: route))]
        return ListPage(page: pageVM(route, title: "主题：\(name)" + (n > 1 ? "（第\(n)页）" : ""), nav: "topics", crumbs: crumbs),
                        heading: "主题：\(name)", intro: "", total: positions.count,
                        documents: Self.slice(positions, page: n).map { summary(analysis.project.documents[$0], from: route) },
                        pager: pager(count: positions.count, current: n) { .topic(slug, page: $0) })
    }

    func topicsPage() -> TopicsPage {
        let route = Route.topics
        return TopicsPage(page: pageVM(route, title: "主题", nav: "topics"), topics: analysis.index.topics.map { t in
            TopicsPage.Item(name: t, href: Route.topic(analysis.project.topicSlug(t), page: 1).href(from: route),
                            count: analysis.index.documentsByTopic[t]?.count ?? 0)
        })
    }
}
