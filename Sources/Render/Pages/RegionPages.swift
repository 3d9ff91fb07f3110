import Analysis
import BriefingCore
import Mustache

/// A region in the tree of all regions.
public struct RegionTreeItemVM: ViewModel {
    public var name: String
    public var kind: String
    public var href: String
    public var depth: Int
    public var count: Int

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return tv(name)
        case "kind": return tv(kind)
        case "href": return tv(href)
        case "depth": return tv(depth)
        case "count": return tv(count)
        default: return nil
        }
    }
}

public struct RegionsPage: ViewModel {
    public var page: PageVM
    public var regions: [RegionTreeItemVM]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "page": return tv(page)
        case "regions": return tv(regions)
        default: return nil
        }
    }
}

/// A value in a compact list: label, value, link to its row.
public struct ValueCellVM: ViewModel {
    public var label: String
    public var display: String
    public var href: String
    public var year: String?

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return tv(label)
        case "display": return tv(display)
        case "href": return tv(href)
        case "year": return tv(year)
        default: return nil
        }
    }
}

/// A document that concerns a region, with its figures about that region.
public struct RegionEntryVM: ViewModel {
    public var document: DocSummaryVM
    public var figures: [ValueCellVM]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "document": return tv(document)
        case "figures": return tv(figures)
        default: return nil
        }
    }
}

/// Everything known about a region: the documents that name it, each with its figures about
/// the region; paginated by document.
public struct RegionPage: ViewModel {
    public var page: PageVM
    public var name: String
    public var kind: String
    public var parent: LinkVM?
    public var children: [LinkVM]
    public var figureCount: Int
    /// One quantity compared across the region's children (rendered chart HTML).
    public var charts: [String]
    public var entries: [RegionEntryVM]
    public var pager: PagerVM

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "page": return tv(page)
        case "name": return tv(name)
        case "kind": return tv(kind)
        case "parent": return tv(parent)
        case "children": return tv(children)
        case "figureCount": return tv(figureCount)
        case "charts": return tv(charts)
        case "entries": return tv(entries)
        case "pager": return tv(pager)
        default: return nil
        }
    }
}

extension Renderer {
    func regionPage(_ slug: String, page n: Int) -> RegionPage {
        let a = analysis
        let route = Route.region(slug, page: n)
        let r = regionsBySlug[slug]!
        let positions = a.index.documentsByRegion[slug] ?? []
        var figuresByDocument: [String: [String]] = [:]
        for id in a.index.figuresByRegion[slug] ?? [] { if let o = a.index.owner[id] { figuresByDocument[o, default: []].append(id) } }
        var crumbs = [LinkVM(title: "地区", href: Route.regions.href(from: route))]
        var chain: [Region] = []
        var cur = r.parent
        while let p = cur, let reg = regionsBySlug[p], chain.count < 20 { chain.insert(reg, at: 0); cur = reg.parent }
        crumbs += chain.map { LinkVM(title: $0.name, href: Route.region($0.slug, page: 1).href(from: route)) }
        let entries = Self.slice(positions, page: n).map { pos -> RegionEntryVM in
            let d = a.project.documents[pos]
            let here = Set(figuresByDocument[d.slug] ?? [])
            let ids = d.figureIDs.filter { here.contains($0) }
            return RegionEntryVM(document: summary(d, from: route), figures: ids.map { id in
                ValueCellVM(label: a.label(of: id) ?? id, display: display(of: id) ?? "", href: valueHref(id, from: route),
                            year: a.project.figures[id]?.year.map(String.init))
            })
        }
        let children = a.project.regions.filter { $0.parent == slug }.sorted { $0.slug < $1.slug }
        return RegionPage(page: pageVM(route, title: r.name + (n > 1 ? "（第\(n)页）" : ""), nav: "regions", crumbs: crumbs),
                          name: r.name, kind: r.kind, parent: regionLink(r.parent, from: route),
                          children: children.map { LinkVM(title: $0.name, href: Route.region($0.slug, page: 1).href(from: route)) },
                          figureCount: a.index.figuresByRegion[slug]?.count ?? 0,
                          charts: n == 1 ? childCharts(r, children: children) : [], entries: entries,
                          pager: pager(count: positions.count, current: n) { .region(slug, page: $0) })
    }

    /// Charts that compare one quantity across a region's children: figures whose ids differ
    /// only in the segment naming the child (banner.dalad.capacity.pv, banner.hanggin.capacity.pv).
    /// Never different quantities side by side. At most four, the widest first.
    func childCharts(_ r: Region, children: [Region]) -> [String] {
        let a = analysis
        var groups: [String: [(child: Region, id: String)]] = [:]
        for c in children {
            let segment = Substring(c.slug.replacingOccurrences(of: "-", with: "_"))
            for id in a.index.figuresByRegion[c.slug] ?? [] {
                var parts = id.split(separator: ".")
                guard let at = parts.firstIndex(of: segment) else { continue }
                parts[at] = "*"
                groups[parts.joined(separator: "."), default: []].append((c, id))
            }
        }
        let chosen = groups.filter { $0.value.count >= 2 && Set($0.value.map(\.child.slug)).count == $0.value.count }
            .sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.prefix(4)
        return chosen.compactMap { pattern, members -> String? in
            let first = a.label(of: members[0].id) ?? pattern
            let quantity = first.replacingOccurrences(of: members[0].child.name, with: "")
            var labels: [String: String] = [:]
            for m in members { labels[m.id] = m.child.name }
            let slug = "region-" + r.slug + "-" + TextSlug.make(pattern.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "*", with: "x"))
            let spec = ChartSpec(id: slug, title: "\(r.name)各地区：\(quantity)", kind: .bar, data: members.map(\.id),
                                 labels: labels, document: "", location: SourceLocation(file: "", line: 0))
            guard let data = try? ChartData.resolve(spec, ids: a.evaluation.index, value: { a.value(of: $0) }) else { return nil }
            return templates.render("chart", ChartBuilder(analysis: a).build(data))
        }
    }

    func regionsPage() -> RegionsPage {
        let a = analysis
        let route = Route.regions
        var items: [RegionTreeItemVM] = []
        let children = Dictionary(grouping: a.project.regions, by: { $0.parent ?? "" })
        func walk(_ parent: String, _ depth: Int) {
            for r in (children[parent] ?? []).sorted(by: { $0.slug < $1.slug }) where depth < 20 {
                items.append(RegionTreeItemVM(name: r.name, kind: r.kind, href: Route.region(r.slug, page: 1).href(from: route),
                                              depth: depth, count: a.index.figuresByRegion[r.slug]?.count ?? 0))
                walk(r.slug, depth + 1)
            }
        }
        walk("", 0)
        return RegionsPage(page: pageVM(route, title: "地区", nav: "regions"), regions: items)
    }
}
