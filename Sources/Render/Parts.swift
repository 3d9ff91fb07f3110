import Mustache

// View models shared by several page kinds. Templates read view models through
// `child(named:)` tables rather than reflection (Mirror resolved field types on every lookup,
// which dominated render time); `ViewModelTests` checks every stored field is answered and
// every name a template uses resolves. An absent optional answers `Missing` rather than nil:
// nil would make Mustache look the name up in enclosing objects.

public struct SiteVM: ViewModel {
    public var title: String
    public var subtitle: String
    public var publisher: String
    public var language: String
    public var baseURL: String

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return tv(title)
        case "subtitle": return tv(subtitle)
        case "publisher": return tv(publisher)
        case "language": return tv(language)
        case "baseURL": return tv(baseURL)
        default: return nil
        }
    }
}

/// Fields every page has: the layout reads these.
public struct PageVM: ViewModel {
    public var site: SiteVM
    public var root: String
    public var title: String
    public var description: String
    /// The navigation entry this page belongs to (`reports`, `checks` …), marked current.
    public var nav: String
    public var breadcrumbs: [LinkVM]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "site": return tv(site)
        case "root": return tv(root)
        case "title": return tv(title)
        case "description": return tv(description)
        case "breadcrumbs": return tv(breadcrumbs)
        case "nav": return tv(nav)
        case "isReports": return tv(nav == "reports")
        case "isCases": return tv(nav == "cases")
        case "isIndicators": return tv(nav == "indicators")
        case "isRegions": return tv(nav == "regions")
        case "isTopics": return tv(nav == "topics")
        case "isChecks": return tv(nav == "checks")
        case "isSearch": return tv(nav == "search")
        default: return nil
        }
    }
}

public struct LinkVM: ViewModel {
    public var title: String
    public var href: String

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return tv(title)
        case "href": return tv(href)
        default: return nil
        }
    }
}

/// A check status as a badge: its CSS class, its Chinese name, and where its check is.
public struct StatusVM: ViewModel {
    public var status: String
    public var name: String
    public var href: String

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "status": return tv(status)
        case "name": return tv(name)
        case "href": return tv(href)
        default: return nil
        }
    }
}

/// A report or case in a list.
public struct DocSummaryVM: ViewModel {
    public var title: String
    public var href: String
    public var date: String
    public var summary: String
    public var kindName: String
    public var group: String?
    public var writer: String?

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return tv(title)
        case "href": return tv(href)
        case "date": return tv(date)
        case "summary": return tv(summary)
        case "kindName": return tv(kindName)
        case "group": return tv(group)
        case "writer": return tv(writer)
        default: return nil
        }
    }
}

/// Check counts in the words readers use: recomputed indicators, prose numbers matched to
/// their data, discrepancies of the source (explained), and failures.
public struct CountsVM: ViewModel {
    public var indicators: Int
    public var indicatorsAgree: Int
    public var prose: Int
    public var proseAgree: Int
    public var relations: Int
    public var relationsAgree: Int
    /// Numbers in prose, title and summary bound to no data (not checked).
    public var unbound: Int = 0
    public var acknowledged: Int
    public var failed: Int

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "indicators": return tv(indicators)
        case "indicatorsAgree": return tv(indicatorsAgree)
        case "prose": return tv(prose)
        case "proseAgree": return tv(proseAgree)
        case "relations": return tv(relations)
        case "relationsAgree": return tv(relationsAgree)
        case "hasRelations": return tv(relations > 0)
        case "unbound": return tv(unbound)
        case "hasUnbound": return tv(unbound > 0)
        case "proseAll": return tv(prose + unbound)
        case "acknowledged": return tv(acknowledged)
        case "failed": return tv(failed)
        // Mustache treats 0 as true, so sections test these.
        case "hasIndicators": return tv(indicators > 0)
        case "hasProse": return tv(prose + unbound > 0)
        case "hasAcknowledged": return tv(acknowledged > 0)
        case "hasFailed": return tv(failed > 0)
        default: return nil
        }
    }
}

/// Links to the pages of a paginated list.
public struct PagerVM: ViewModel {
    public struct Item: ViewModel {
        public var number: Int
        public var href: String
        public var current: Bool

        public func value(_ key: String) -> TemplateValue? {
            switch key {
            case "number": return tv(number)
            case "href": return tv(href)
            case "current": return tv(current)
            default: return nil
            }
        }
    }
    public var pages: [Item]
    public var previous: String?
    public var next: String?

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "pages": return tv(pages)
        case "previous": return tv(previous)
        case "next": return tv(next)
        case "isPaged": return tv(pages.count > 1)
        default: return nil
        }
    }
}
