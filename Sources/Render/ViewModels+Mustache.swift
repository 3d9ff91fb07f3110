import Mustache

// Mustache reads view models through `child(named:)` instead of reflection: Mirror
// resolves field types by mangled name on every lookup, which dominated render time.

extension SiteVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "subtitle": return subtitle
        case "publisher": return publisher
        case "language": return language
        case "baseURL": return baseURL
        default: return nil
        }
    }
}

extension LinkVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "href": return href
        default: return nil
        }
    }
}

extension DocSummaryVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "href": return href
        case "date": return date
        case "summary": return summary
        case "kindName": return kindName
        case "group": return group
        case "writer": return writer
        default: return nil
        }
    }
}

extension StatusVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "status": return status
        case "name": return name
        default: return nil
        }
    }
}

extension ValueRowVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "label": return label
        case "display": return display
        case "href": return href
        case "isFigure": return isFigure
        case "formula": return formula
        case "stated": return stated
        case "status": return status
        case "region": return region
        case "year": return year
        case "where": return `where`
        case "document": return document
        default: return nil
        }
    }
}

extension CheckVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "label": return label
        case "href": return href
        case "kindName": return kindName
        case "status": return status
        case "file": return file
        case "line": return line
        case "stated": return stated
        case "computed": return computed
        case "difference": return difference
        case "tolerance": return tolerance
        case "note": return note
        case "document": return document
        default: return nil
        }
    }
}

extension CountsVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "total": return total
        case "passed": return passed
        case "acknowledged": return acknowledged
        case "failed": return failed
        case "hasAcknowledged": return hasAcknowledged
        case "hasFailed": return hasFailed
        default: return nil
        }
    }
}

extension HeadingVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "text": return text
        case "anchor": return anchor
        case "sub": return sub
        default: return nil
        }
    }
}

extension CardVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "display": return display
        case "href": return href
        case "status": return status
        case "document": return document
        default: return nil
        }
    }
}

extension HeadlineGroupVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "cards": return cards
        default: return nil
        }
    }
}

extension PageVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "site": return site
        case "root": return root
        case "title": return title
        case "description": return description
        case "section": return section
        case "breadcrumbs": return breadcrumbs
        default: return nil
        }
    }
}

extension HomePage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "headlines": return headlines
        case "reports": return reports
        case "cases": return cases
        case "counts": return counts
        case "topics": return topics
        default: return nil
        }
    }
}

extension DocumentPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "kindName": return kindName
        case "date": return date
        case "group": return group
        case "writer": return writer
        case "advisors": return advisors
        case "source": return source
        case "summary": return summary
        case "topics": return topics
        case "regions": return regions
        case "toc": return toc
        case "html": return html
        case "figures": return figures
        case "indicators": return indicators
        case "checks": return checks
        case "allChecks": return allChecks
        case "counts": return counts
        case "previous": return previous
        case "next": return next
        case "related": return related
        default: return nil
        }
    }
}

extension ListPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "intro": return intro
        case "documents": return documents
        default: return nil
        }
    }
}

extension CompactRowVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "href": return href
        case "display": return display
        case "status": return status
        default: return nil
        }
    }
}

extension IndicatorGroupVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "document": return document
        case "rows": return rows
        default: return nil
        }
    }
}

extension IndicatorsPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "groups": return groups
        case "indicatorCount": return indicatorCount
        case "figureCount": return figureCount
        default: return nil
        }
    }
}

extension DocumentChecksVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "document": return document
        case "counts": return counts
        default: return nil
        }
    }
}

extension CitationVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "href": return href
        case "file": return file
        case "line": return line
        default: return nil
        }
    }
}

extension IndicatorPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "id": return id
        case "label": return label
        case "isFigure": return isFigure
        case "display": return display
        case "formula": return formula
        case "inputs": return inputs
        case "stated": return stated
        case "computed": return computed
        case "difference": return difference
        case "tolerance": return tolerance
        case "status": return status
        case "note": return note
        case "where": return `where`
        case "region": return region
        case "year": return year
        case "file": return file
        case "line": return line
        case "document": return document
        case "citations": return citations
        case "usedBy": return usedBy
        case "checks": return checks
        case "charts": return charts
        default: return nil
        }
    }
}

extension RegionPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "name": return name
        case "kind": return kind
        case "charts": return charts
        case "parent": return parent
        case "children": return children
        case "figures": return figures
        case "indicators": return indicators
        case "documents": return documents
        default: return nil
        }
    }
}

extension RegionTreeItemVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return name
        case "kind": return kind
        case "href": return href
        case "depth": return depth
        case "count": return count
        default: return nil
        }
    }
}

extension RegionsPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "regions": return regions
        default: return nil
        }
    }
}

extension TopicPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "name": return name
        case "documents": return documents
        default: return nil
        }
    }
}

extension TopicsPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "topics": return topics
        default: return nil
        }
    }
}

extension ChecksPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "counts": return counts
        case "acknowledged": return acknowledged
        case "failed": return failed
        case "documents": return documents
        default: return nil
        }
    }
}

extension FeedEntryVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "url": return url
        case "updated": return updated
        case "summary": return summary
        default: return nil
        }
    }
}

extension FeedVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "site": return site
        case "updated": return updated
        case "entries": return entries
        default: return nil
        }
    }
}

extension SitemapVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "urls": return urls
        default: return nil
        }
    }
}

extension SimplePage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        default: return nil
        }
    }
}

extension ChartVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "title": return title
        case "desc": return desc
        case "width": return width
        case "height": return height
        case "rows": return rows
        case "legend": return legend
        case "hasLegend": return hasLegend
        case "tableHead": return tableHead
        case "tableRows": return tableRows
        case "unit": return unit
        default: return nil
        }
    }
}

extension ChartRowVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "fullLabel": return fullLabel
        case "y": return y
        case "textY": return textY
        case "barY": return barY
        case "labelX": return labelX
        case "valueX": return valueX
        case "valueText": return valueText
        case "segments": return segments
        default: return nil
        }
    }
}

extension SegmentVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "x": return x
        case "width": return width
        case "color": return color
        case "title": return title
        default: return nil
        }
    }
}

extension LegendVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "color": return color
        case "x": return x
        case "y": return y
        case "textX": return textX
        case "textY": return textY
        default: return nil
        }
    }
}

extension ChartTableRowVM: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "cells": return cells
        default: return nil
        }
    }
}
