import Mustache

// Mustache reads view models through `child(named:)` instead of reflection: Mirror
// resolves field types by mangled name on every lookup, which dominated render time.
// An absent optional answers `Missing` rather than nil: nil would make Mustache look the
// name up in the enclosing objects and show, say, the page's `stated` in a table row.

/// A field that has no value: renders as nothing and counts as false in sections.
struct Missing: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

/// The value of an optional field for Mustache.
@inline(__always) func field<T>(_ v: T?) -> Any { v.map { $0 as Any } ?? Missing() }

extension SiteVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "subtitle": return self.subtitle
        case "publisher": return self.publisher
        case "language": return self.language
        case "baseURL": return self.baseURL
        default: return nil
        }
    }
}

extension LinkVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "href": return self.href
        default: return nil
        }
    }
}

extension DocSummaryVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "href": return self.href
        case "date": return self.date
        case "summary": return self.summary
        case "kindName": return self.kindName
        case "group": return field(self.group)
        case "writer": return field(self.writer)
        default: return nil
        }
    }
}

extension StatusVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "status": return self.status
        case "name": return self.name
        default: return nil
        }
    }
}

extension ValueRowVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "id": return self.id
        case "label": return self.label
        case "display": return self.display
        case "href": return self.href
        case "isFigure": return self.isFigure
        case "formula": return field(self.formula)
        case "stated": return field(self.stated)
        case "status": return field(self.status)
        case "region": return field(self.region)
        case "year": return field(self.year)
        case "where": return field(self.`where`)
        case "document": return field(self.document)
        default: return nil
        }
    }
}

extension CheckVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "id": return self.id
        case "label": return self.label
        case "href": return self.href
        case "kindName": return self.kindName
        case "status": return self.status
        case "file": return self.file
        case "line": return self.line
        case "stated": return self.stated
        case "computed": return self.computed
        case "difference": return self.difference
        case "tolerance": return self.tolerance
        case "note": return field(self.note)
        case "document": return field(self.document)
        default: return nil
        }
    }
}

extension CountsVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "total": return self.total
        case "passed": return self.passed
        case "acknowledged": return self.acknowledged
        case "failed": return self.failed
        case "hasAcknowledged": return self.hasAcknowledged
        case "hasFailed": return self.hasFailed
        default: return nil
        }
    }
}

extension HeadingVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "text": return self.text
        case "anchor": return self.anchor
        case "sub": return self.sub
        default: return nil
        }
    }
}

extension CardVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "label": return self.label
        case "display": return self.display
        case "href": return self.href
        case "status": return field(self.status)
        case "document": return field(self.document)
        default: return nil
        }
    }
}

extension HeadlineGroupVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "cards": return self.cards
        default: return nil
        }
    }
}

extension PageVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "site": return self.site
        case "root": return self.root
        case "title": return self.title
        case "description": return self.description
        case "section": return self.section
        case "breadcrumbs": return self.breadcrumbs
        default: return nil
        }
    }
}

extension HomePage: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "page": return self.page
        case "headlines": return self.headlines
        case "reports": return self.reports
        case "cases": return self.cases
        case "counts": return self.counts
        case "topics": return self.topics
        default: return nil
        }
    }
}

extension DocumentPage: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "page": return self.page
        case "kindName": return self.kindName
        case "date": return self.date
        case "group": return field(self.group)
        case "writer": return field(self.writer)
        case "advisors": return field(self.advisors)
        case "source": return field(self.source)
        case "summary": return field(self.summary)
        case "topics": return self.topics
        case "regions": return self.regions
        case "toc": return self.toc
        case "html": return self.html
        case "figures": return self.figures
        case "indicators": return self.indicators
        case "checks": return self.checks
        case "allChecks": return self.allChecks
        case "counts": return self.counts
        case "previous": return field(self.previous)
        case "next": return field(self.next)
        case "related": return self.related
        default: return nil
        }
    }
}

extension ListPage: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "page": return self.page
        case "intro": return self.intro
        case "documents": return self.documents
        default: return nil
        }
    }
}

extension CompactRowVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "label": return self.label
        case "href": return self.href
        case "display": return self.display
        case "status": return field(self.status)
        default: return nil
        }
    }
}

extension IndicatorGroupVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "document": return self.document
        case "rows": return self.rows
        default: return nil
        }
    }
}

extension IndicatorsPage: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "page": return self.page
        case "groups": return self.groups
        case "indicatorCount": return self.indicatorCount
        case "figureCount": return self.figureCount
        default: return nil
        }
    }
}

extension DocumentChecksVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "document": return self.document
        case "counts": return self.counts
        default: return nil
        }
    }
}

extension CitationVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "href": return self.href
        case "file": return self.file
        case "line": return self.line
        default: return nil
        }
    }
}

extension IndicatorPage: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "page": return self.page
        case "id": return self.id
        case "label": return self.label
        case "isFigure": return self.isFigure
        case "display": return self.display
        case "formula": return field(self.formula)
        case "inputs": return self.inputs
        case "stated": return field(self.stated)
        case "computed": return field(self.computed)
        case "difference": return field(self.difference)
        case "tolerance": return field(self.tolerance)
        case "status": return field(self.status)
        case "note": return field(self.note)
        case "where": return field(self.`where`)
        case "region": return field(self.region)
        case "year": return field(self.year)
        case "file": return self.file
        case "line": return self.line
        case "document": return field(self.document)
        case "citations": return self.citations
        case "usedBy": return self.usedBy
        case "checks": return self.checks
        case "charts": return self.charts
        default: return nil
        }
    }
}

extension RegionPage: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "page": return self.page
        case "name": return self.name
        case "kind": return self.kind
        case "charts": return self.charts
        case "parent": return field(self.parent)
        case "children": return self.children
        case "figures": return self.figures
        case "indicators": return self.indicators
        case "documents": return self.documents
        default: return nil
        }
    }
}

extension RegionTreeItemVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": return self.name
        case "kind": return self.kind
        case "href": return self.href
        case "depth": return self.depth
        case "count": return self.count
        default: return nil
        }
    }
}

extension RegionsPage: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "page": return self.page
        case "regions": return self.regions
        default: return nil
        }
    }
}

extension TopicPage: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "page": return self.page
        case "name": return self.name
        case "documents": return self.documents
        default: return nil
        }
    }
}

extension TopicsPage: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "page": return self.page
        case "topics": return self.topics
        default: return nil
        }
    }
}

extension ChecksPage: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "page": return self.page
        case "counts": return self.counts
        case "acknowledged": return self.acknowledged
        case "failed": return self.failed
        case "documents": return self.documents
        default: return nil
        }
    }
}

extension FeedEntryVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": return self.title
        case "url": return self.url
        case "updated": return self.updated
        case "summary": return self.summary
        default: return nil
        }
    }
}

extension FeedVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "site": return self.site
        case "updated": return self.updated
        case "entries": return self.entries
        default: return nil
        }
    }
}

extension SitemapVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "urls": return self.urls
        default: return nil
        }
    }
}

extension SimplePage: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "page": return self.page
        default: return nil
        }
    }
}

extension ChartVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "id": return self.id
        case "title": return self.title
        case "desc": return self.desc
        case "width": return self.width
        case "height": return self.height
        case "rows": return self.rows
        case "legend": return self.legend
        case "hasLegend": return self.hasLegend
        case "tableHead": return self.tableHead
        case "tableRows": return self.tableRows
        case "unit": return self.unit
        default: return nil
        }
    }
}

extension ChartRowVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "label": return self.label
        case "fullLabel": return self.fullLabel
        case "y": return self.y
        case "textY": return self.textY
        case "barY": return self.barY
        case "labelX": return self.labelX
        case "valueX": return self.valueX
        case "valueText": return self.valueText
        case "segments": return self.segments
        default: return nil
        }
    }
}

extension SegmentVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "x": return self.x
        case "width": return self.width
        case "color": return self.color
        case "title": return self.title
        default: return nil
        }
    }
}

extension LegendVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "label": return self.label
        case "color": return self.color
        case "x": return self.x
        case "y": return self.y
        case "textX": return self.textX
        case "textY": return self.textY
        default: return nil
        }
    }
}

extension ChartTableRowVM: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "label": return self.label
        case "cells": return self.cells
        default: return nil
        }
    }
}
