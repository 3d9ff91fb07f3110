import BriefingCore
import Calc
import Foundation
import Markup

/// Everything rendering reads; built by the Site pipeline.
public struct RenderInput: Sendable {
    public var project: Project
    public var evaluation: Evaluation
    public var checks: [CheckResult]
    public var bodies: [String: RenderedBody]
    /// How `fig:` links show each id (same text in prose and on pages).
    public var displays: [String: String]
    public var charts: ChartBuilder

    public init(project: Project, evaluation: Evaluation, checks: [CheckResult], bodies: [String: RenderedBody],
                displays: [String: String], charts: ChartBuilder) {
        self.charts = charts
        self.project = project
        self.evaluation = evaluation
        self.checks = checks
        self.bodies = bodies
        self.displays = displays
    }
}

/// One output file: a path inside the output folder and its bytes.
public struct OutputFile: Sendable {
    public var path: String
    public var data: Data
    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}

/// Builds the view models of every page kind and renders them with the templates.
public struct Renderer: Sendable {
    public internal(set) var input: RenderInput
    var templates: Templates
    var site: SiteVM
    var docsBySlug: [String: Document]
    var ordered: [Document]
    /// Slug → position in `ordered`.
    var orderIndex: [String: Int]
    var regionsBySlug: [String: Region]
    var checksByID: [String: [CheckResult]]
    var checksByDocument: [String: [CheckResult]]
    var indicatorStatus: [String: CheckStatus]
    var regionsSorted: [Region]
    /// Figure or indicator id → where prose cites it (document index in `ordered`, line).
    var citations: [String: [(doc: Int, line: Int)]]
    /// Region slug → ids of the figures in that region.
    var figuresByRegion: [String: [String]]
    /// Document index → up to five related documents, most shared regions and topics first.
    var related: [[Int]]
    var allIDs: [String]
    var topicNames: [String]

    public init(input: RenderInput, templates: Templates) {
        self.input = input
        self.templates = templates
        let c = input.project.config
        site = SiteVM(title: c.title, subtitle: c.subtitle, publisher: c.publisher, language: c.language, baseURL: c.baseURL)
        ordered = input.project.orderedDocuments
        orderIndex = Dictionary(ordered.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { a, _ in a })
        docsBySlug = Dictionary(input.project.documents.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        regionsBySlug = Dictionary(input.project.regions.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        checksByID = Dictionary(grouping: input.checks, by: \.id)
        checksByDocument = Dictionary(grouping: input.checks, by: \.document)
        var status: [String: CheckStatus] = [:]
        for c in input.checks where c.kind == .indicator { status[c.id] = c.status }
        indicatorStatus = status
        regionsSorted = input.project.regions.sorted { $0.slug < $1.slug }
        var cites: [String: [(doc: Int, line: Int)]] = [:]
        for (i, d) in ordered.enumerated() {
            for c in input.bodies[d.slug]?.citations ?? [] { cites[c.id, default: []].append((i, c.line)) }
        }
        citations = cites
        var byRegion: [String: [String]] = [:]
        for f in input.project.figures.values { if let r = f.region { byRegion[r, default: []].append(f.id) } }
        for k in byRegion.keys { byRegion[k]!.sort() }
        figuresByRegion = byRegion
        related = Renderer.relatedDocuments(ordered)
        allIDs = (Array(input.project.figures.keys) + Array(input.project.indicators.keys)).sorted()
        topicNames = Array(Set(input.project.documents.flatMap(\.topics))).sorted()
    }

    /// One output file to produce; jobs are independent, so they run in parallel.
    public enum Job: Sendable {
        case home, list(DocumentKind), document(Int), indicatorsIndex, indicator(String), regionsIndex, region(Int)
        case topicsIndex, topic(String), checks, search, notFound, feed, sitemap, indicatorsJSON, figuresCSV, asset(Int)
    }

    /// Every job, in a stable order.
    public func jobs() -> [Job] {
        var out: [Job] = [.home, .list(.report), .list(.case)]
        out += ordered.indices.map { .document($0) }
        out.append(.indicatorsIndex)
        out += allIDs.map { .indicator($0) }
        out.append(.regionsIndex)
        out += regionsSorted.indices.map { .region($0) }
        out.append(.topicsIndex)
        out += topicNames.map { .topic($0) }
        out += [.checks, .search, .notFound, .feed, .sitemap, .indicatorsJSON, .figuresCSV]
        out += templates.assets.indices.map { .asset($0) }
        return out
    }

    /// The output path of a job, without rendering it.
    public func path(of job: Job) -> String {
        switch job {
        case .home: return "index.html"
        case .list(let kind): return "\(kind.rawValue)/index.html"
        case .document(let i): return "\(ordered[i].kind.rawValue)/\(ordered[i].slug)/index.html"
        case .indicatorsIndex: return "indicators/index.html"
        case .indicator(let id): return "indicators/\(id)/index.html"
        case .regionsIndex: return "regions/index.html"
        case .region(let i): return "regions/\(regionsSorted[i].slug)/index.html"
        case .topicsIndex: return "topics/index.html"
        case .topic(let t): return "topics/\(input.project.topicSlug(t))/index.html"
        case .checks: return "checks/index.html"
        case .search: return "search/index.html"
        case .notFound: return "404.html"
        case .feed: return "feed.xml"
        case .sitemap: return "sitemap.xml"
        case .indicatorsJSON: return "data/indicators.json"
        case .figuresCSV: return "data/figures.csv"
        case .asset(let i): return templates.assets[i].path
        }
    }

    public func render(_ job: Job) -> OutputFile {
        func page(_ path: String, _ template: String, _ model: Any) -> OutputFile {
            OutputFile(path: path, data: Data(templates.render(template, model).utf8))
        }
        switch job {
        case .home: return page("index.html", "home", home())
        case .list(let kind): return page("\(kind.rawValue)/index.html", "list", list(kind))
        case .document(let i):
            let d = ordered[i]
            return page("\(d.kind.rawValue)/\(d.slug)/index.html", "document", document(d, position: i))
        case .indicatorsIndex: return page("indicators/index.html", "indicators", indicatorsIndex())
        case .indicator(let id): return page("indicators/\(id)/index.html", "indicator", indicator(id))
        case .regionsIndex: return page("regions/index.html", "regions", regionsIndex())
        case .region(let i):
            let r = regionsSorted[i]
            return page("regions/\(r.slug)/index.html", "region", region(r))
        case .topicsIndex: return page("topics/index.html", "topics", topicsIndex())
        case .topic(let t): return page("topics/\(input.project.topicSlug(t))/index.html", "topic", topic(t))
        case .checks: return page("checks/index.html", "checks", checksPage())
        case .search: return page("search/index.html", "search", SimplePage(page: pageVM("搜索", root: "../", section: "search")))
        case .notFound:
            let root = URL(string: site.baseURL)?.path.appending("/").replacingOccurrences(of: "//", with: "/") ?? "/"
            return page("404.html", "notfound", PageVM(site: site, root: root, title: "页面不存在", description: "", section: "", breadcrumbs: []))
        case .feed: return page("feed.xml", "feed", feed())
        case .sitemap: return page("sitemap.xml", "sitemap", sitemap())
        case .indicatorsJSON:
            return OutputFile(path: "data/indicators.json", data: Data(DataExport.indicatorsJSON(input, displays: input.displays).utf8))
        case .figuresCSV: return OutputFile(path: "data/figures.csv", data: Data(DataExport.figuresCSV(input.project).utf8))
        case .asset(let i): return OutputFile(path: templates.assets[i].path, data: templates.assets[i].data)
        }
    }


    // MARK: shared pieces

    func pageVM(_ title: String, root: String, section: String, description: String = "", crumbs: [LinkVM] = []) -> PageVM {
        PageVM(site: site, root: root, title: title, description: description, section: section,
               breadcrumbs: section == "home" ? [] : [LinkVM(title: "首页", href: "\(root)index.html")] + crumbs)
    }

    static func statusVM(_ s: CheckStatus?) -> StatusVM? {
        s.map { StatusVM(status: $0.rawValue, name: $0.chineseName) }
    }

    func docLink(_ slug: String, root: String) -> LinkVM? {
        guard let d = docsBySlug[slug] else { return nil }
        return LinkVM(title: d.title, href: "\(root)\(d.kind.rawValue)/\(d.slug)/index.html")
    }

    func regionLink(_ slug: String?, root: String) -> LinkVM? {
        guard let slug, let r = regionsBySlug[slug] else { return nil }
        return LinkVM(title: r.name, href: "\(root)regions/\(slug)/index.html")
    }

    func summary(_ d: Document, root: String) -> DocSummaryVM {
        DocSummaryVM(title: d.title, href: "\(root)\(d.kind.rawValue)/\(d.slug)/index.html", date: d.date,
                     summary: d.summary ?? CJKText.truncate(input.bodies[d.slug]?.firstParagraph ?? "", 120),
                     kindName: d.kind.chineseName, group: d.group, writer: d.writer)
    }

    func row(_ id: String, root: String) -> ValueRowVM {
        let href = "\(root)indicators/\(id)/index.html"
        if let f = input.project.figures[id] {
            return ValueRowVM(id: id, label: f.label, display: input.displays[id] ?? "", href: href, isFigure: true,
                              region: regionLink(f.region, root: root), year: f.year.map(String.init), where: f.where,
                              document: docLink(f.document, root: root))
        }
        let ind = input.project.indicators[id]!
        return ValueRowVM(id: id, label: ind.label, display: input.displays[id] ?? "", href: href, isFigure: false,
                          formula: ind.formula, stated: ind.stated.map { statedText($0.written) },
                          status: Self.statusVM(indicatorStatus[id]), where: ind.where, document: docLink(ind.document, root: root))
    }

    func statedText(_ w: WrittenQuantity) -> String {
        (w.comparator == .equal ? "" : w.comparator.rawValue) + w.number.text + w.quantity.unit.symbol
    }

    func checkVM(_ c: CheckResult, root: String) -> CheckVM {
        CheckVM(id: c.id, label: c.label, href: "\(root)indicators/\(c.id)/index.html",
                kindName: c.kind == .indicator ? "指标所述值" : "正文数字", status: Self.statusVM(c.status)!,
                file: c.location.file, line: c.location.line, stated: c.statedText, computed: c.computedText,
                difference: c.differenceText, tolerance: c.toleranceText, note: c.note, document: docLink(c.document, root: root))
    }

    static func counts(_ checks: [CheckResult]) -> CountsVM {
        let ack = checks.filter { $0.status == .acknowledged }.count
        let failed = checks.filter { $0.status.failsCI }.count
        return CountsVM(total: checks.count, passed: checks.count - ack - failed, acknowledged: ack, failed: failed,
                        hasAcknowledged: ack > 0, hasFailed: failed > 0)
    }

    // MARK: pages

    func home() -> HomePage {
        let root = ""
        let groups = input.project.config.headlines.map { h in
            HeadlineGroupVM(title: h.title, cards: h.indicatorIDs.map { id in
                let r = row(id, root: root)
                return CardVM(label: r.label, display: r.display, href: r.href, status: r.status, document: r.document)
            })
        }
        return HomePage(page: pageVM(site.title, root: root, section: "home", description: site.subtitle, crumbs: []),
                        headlines: groups,
                        reports: ordered.filter { $0.kind == .report }.map { summary($0, root: root) },
                        cases: ordered.filter { $0.kind == .case }.map { summary($0, root: root) },
                        counts: Self.counts(input.checks),
                        topics: topicNames.map { LinkVM(title: $0, href: "topics/\(input.project.topicSlug($0))/index.html") })
    }

    func list(_ kind: DocumentKind) -> ListPage {
        let root = "../"
        let title = kind == .report ? "研究报告" : "相关案例"
        return ListPage(page: pageVM(title, root: root, section: kind.rawValue),
                        intro: kind == .report ? "第26期中青年干部培训班行动学习课题研究成果，按目录顺序排列。" : "报刊报道的相关基层治理与集体经济案例。",
                        documents: ordered.filter { $0.kind == kind }.map { summary($0, root: root) })
    }

    func document(_ d: Document, position: Int) -> DocumentPage {
        let root = "../../"
        let body = input.bodies[d.slug]
        // `ordered` has reports then cases, so neighbours of the same kind are adjacent.
        let prev = position > 0 && ordered[position - 1].kind == d.kind ? ordered[position - 1] : nil
        let next = position + 1 < ordered.count && ordered[position + 1].kind == d.kind ? ordered[position + 1] : nil
        let related = related[position].map { ordered[$0] }
        let checks = checksByDocument[d.slug] ?? []
        let listTitle = d.kind == .report ? "研究报告" : "相关案例"
        return DocumentPage(
            page: pageVM(d.title, root: root, section: d.kind.rawValue, description: d.summary ?? "",
                         crumbs: [LinkVM(title: listTitle, href: "\(root)\(d.kind.rawValue)/index.html")]),
            kindName: d.kind.chineseName, date: d.date, group: d.group, writer: d.writer,
            advisors: d.advisors.isEmpty ? nil : d.advisors.joined(separator: "、"), source: d.source, summary: d.summary,
            topics: d.topics.map { LinkVM(title: $0, href: "\(root)topics/\(input.project.topicSlug($0))/index.html") },
            regions: d.regions.compactMap { regionLink($0, root: root) },
            toc: (body?.headings ?? []).filter { $0.level <= 3 }.map { HeadingVM(text: $0.text, anchor: $0.anchor, sub: $0.level > 2) },
            html: body?.html ?? "",
            figures: d.figureIDs.map { row($0, root: root) },
            indicators: d.indicatorIDs.map { row($0, root: root) },
            checks: checks.filter { $0.status != .pass }.map { checkVM($0, root: root) },
            allChecks: checks.map { checkVM($0, root: root) },
            counts: Self.counts(checks),
            previous: prev.flatMap { docLink($0.slug, root: root) },
            next: next.flatMap { docLink($0.slug, root: root) },
            related: related.map { summary($0, root: root) })
    }

    /// Indicators grouped by the document that defines them (figures are listed on each
    /// document's page and in data/figures.csv, so this page stays small at any size).
    func indicatorsIndex() -> IndicatorsPage {
        let root = "../"
        let groups = ordered.filter { !$0.indicatorIDs.isEmpty }.map { d in
            IndicatorGroupVM(document: docLink(d.slug, root: root)!, rows: d.indicatorIDs.map { compactRow($0, root: root) })
        }
        return IndicatorsPage(page: pageVM("指标与数据", root: root, section: "indicators"), groups: groups,
                              indicatorCount: input.project.indicators.count, figureCount: input.project.figures.count)
    }

    func compactRow(_ id: String, root: String) -> CompactRowVM {
        CompactRowVM(label: input.project.indicators[id]?.label ?? input.project.figures[id]?.label ?? id,
                     href: "\(root)indicators/\(id)/index.html", display: input.displays[id] ?? "",
                     status: Self.statusVM(indicatorStatus[id]))
    }

    func indicator(_ id: String) -> IndicatorPage {
        let root = "../../"
        let r = row(id, root: root)
        let citations: [CitationVM] = (self.citations[id] ?? []).map { c in
            let d = ordered[c.doc]
            return CitationVM(title: d.title, href: "\(root)\(d.kind.rawValue)/\(d.slug)/index.html", file: d.file, line: c.line)
        }
        let usedBy = (input.evaluation.usedBy[id] ?? []).map { row($0, root: root) }
        let inputIDs = Array(Set(input.evaluation.inputs[id] ?? [])).sorted()
        let allChecks = (checksByID[id] ?? []).map { checkVM($0, root: root) }
        var p = IndicatorPage(page: pageVM(r.label, root: root, section: "indicators",
                                           crumbs: [LinkVM(title: "指标与数据", href: "\(root)indicators/index.html")]),
                              id: id, label: r.label, isFigure: r.isFigure, display: r.display, inputs: [],
                              region: r.region, year: r.year, file: "", line: 0, document: r.document,
                              citations: citations, usedBy: usedBy, checks: allChecks,
                              charts: inputIDs.count >= 2 ? groupCharts(inputIDs, id: "inputs-\(id)", title: "\(r.label)的组成") : [])
        if let f = input.project.figures[id] {
            p.where = f.where
            p.note = f.note
            p.file = f.location.file
            p.line = f.location.line
        } else if let ind = input.project.indicators[id] {
            p.formula = ind.formula
            var seen: Set<String> = []
            p.inputs = (input.evaluation.inputs[id] ?? []).filter { seen.insert($0).inserted }.map { row($0, root: root) }
            p.where = ind.where
            p.note = ind.note
            p.file = ind.location.file
            p.line = ind.location.line
            if let c = checksByID[id]?.first(where: { $0.kind == .indicator }) {
                p.stated = c.statedText
                p.computed = c.computedText
                p.difference = c.differenceText
                p.tolerance = c.toleranceText
                p.status = Self.statusVM(c.status)
            }
        }
        return p
    }

    /// Regions with every id whose region is it, and the documents that name it.
    func region(_ r: Region) -> RegionPage {
        let root = "../../"
        let figures = figuresByRegion[r.slug] ?? []
        let docsWithFigures = Set(figures.compactMap { input.project.figures[$0]?.document })
        let docs = ordered.filter { d in d.regions.contains(r.slug) || docsWithFigures.contains(d.slug) }
        let children = input.project.regions.filter { $0.parent == r.slug }.sorted { $0.slug < $1.slug }
        var crumbs = [LinkVM(title: "地区", href: "\(root)regions/index.html")]
        var chain: [Region] = []
        var cur = r.parent
        while let p = cur, let reg = regionsBySlug[p], chain.count < 20 { chain.insert(reg, at: 0); cur = reg.parent }
        crumbs += chain.map { LinkVM(title: $0.name, href: "\(root)regions/\($0.slug)/index.html") }
        return RegionPage(page: pageVM(r.name, root: root, section: "regions", crumbs: crumbs), name: r.name, kind: r.kind,
                          charts: groupCharts(figures, id: "region-\(r.slug)", title: "\(r.name)"),
                          parent: regionLink(r.parent, root: root),
                          children: children.map { LinkVM(title: $0.name, href: "\(root)regions/\($0.slug)/index.html") },
                          figures: figures.map { row($0, root: root) }, indicators: [],
                          documents: docs.map { summary($0, root: root) })
    }

    /// Bar charts of ids that share a unit (at least two per chart), as rendered HTML.
    func groupCharts(_ ids: [String], id: String, title: String) -> [String] {
        var groups: [String: [String]] = [:]
        for i in ids {
            guard let v = input.charts.values[i] else { continue }
            groups[v.quantity.unit.symbol, default: []].append(i)
        }
        // The largest groups first, at most four charts, each of a readable size.
        let units = groups.keys.filter { !$0.isEmpty && (2...16).contains(groups[$0]!.count) }
            .sorted { (groups[$0]!.count, $1) > (groups[$1]!.count, $0) }.prefix(4)
        return units.compactMap { unit -> String? in
            let members = groups[unit]!
            let slug = TextSlug.make(id + "-" + unit).replacingOccurrences(of: ".", with: "-")
            let spec = ChartSpec(id: slug, title: "\(title)（\(unit)）", kind: .bar, data: members, document: "",
                                 location: SourceLocation(file: "", line: 0))
            guard let vm = try? input.charts.build(spec) else { return nil }
            return templates.render("chart", vm)
        }
    }

    func regionsIndex() -> RegionsPage {
        let root = "../"
        var items: [RegionTreeItemVM] = []
        let children = Dictionary(grouping: input.project.regions, by: { $0.parent ?? "" })
        var figureCount: [String: Int] = [:]
        for f in input.project.figures.values { if let r = f.region { figureCount[r, default: 0] += 1 } }
        func walk(_ parent: String, _ depth: Int) {
            for r in (children[parent] ?? []).sorted(by: { $0.slug < $1.slug }) where depth < 20 {
                items.append(RegionTreeItemVM(name: r.name, kind: r.kind, href: "\(root)regions/\(r.slug)/index.html",
                                              depth: depth, count: figureCount[r.slug] ?? 0))
                walk(r.slug, depth + 1)
            }
        }
        walk("", 0)
        // Regions whose parent is unknown were reported at load; nothing is left out here.
        return RegionsPage(page: pageVM("地区", root: root, section: "regions"), regions: items)
    }

    func topic(_ name: String) -> TopicPage {
        let root = "../../"
        return TopicPage(page: pageVM(name, root: root, section: "topics", crumbs: [LinkVM(title: "主题", href: "\(root)topics/index.html")]),
                         name: name, documents: ordered.filter { $0.topics.contains(name) }.map { summary($0, root: root) })
    }

    func topicsIndex() -> TopicsPage {
        let root = "../"
        return TopicsPage(page: pageVM("主题", root: root, section: "topics"), topics: topicNames.map { t in
            RegionTreeItemVM(name: t, kind: "", href: "\(root)topics/\(input.project.topicSlug(t))/index.html", depth: 0,
                             count: input.project.documents.filter { $0.topics.contains(t) }.count)
        })
    }

    /// Discrepancies in full; every other check is counted per document and listed on the
    /// document's own page.
    func checksPage() -> ChecksPage {
        let root = "../"
        let all = input.checks
        let perDocument = ordered.compactMap { d -> DocumentChecksVM? in
            let cs = checksByDocument[d.slug] ?? []
            guard !cs.isEmpty, let link = docLink(d.slug, root: root) else { return nil }
            return DocumentChecksVM(document: LinkVM(title: link.title, href: link.href + "#doc-allchecks-h"), counts: Self.counts(cs))
        }
        return ChecksPage(page: pageVM("数据核验", root: root, section: "checks"), counts: Self.counts(all),
                          acknowledged: all.filter { $0.status == .acknowledged }.map { checkVM($0, root: root) },
                          failed: all.filter { $0.status.failsCI }.map { checkVM($0, root: root) },
                          documents: perDocument)
    }

    func feed() -> FeedVM {
        let entries = ordered.sorted { ($0.date, $0.slug) > ($1.date, $1.slug) }.map { d in
            FeedEntryVM(title: d.title, url: "\(site.baseURL)\(d.kind.rawValue)/\(d.slug)/", updated: "\(d.date)T00:00:00Z",
                        summary: summary(d, root: "").summary)
        }
        return FeedVM(site: site, updated: (ordered.map(\.date).max() ?? "2000-01-01") + "T00:00:00Z", entries: entries)
    }

    func sitemap() -> SitemapVM {
        var paths = ["", "reports/", "cases/", "indicators/", "regions/", "topics/", "checks/"]
        paths += ordered.map { "\($0.kind.rawValue)/\($0.slug)/" }
        paths += allIDs.map { "indicators/\($0)/" }
        paths += input.project.regions.map { "regions/\($0.slug)/" }.sorted()
        paths += topicNames.map { "topics/\(input.project.topicSlug($0))/" }
        return SitemapVM(urls: paths.map { site.baseURL + $0 })
    }
}
