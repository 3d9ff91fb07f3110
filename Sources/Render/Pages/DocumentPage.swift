import Analysis
import BriefingCore
import Calc
import Markup
import Mustache

public struct HeadingVM: ViewModel {
    public var text: String
    public var anchor: String
    public var sub: Bool

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "text": return tv(text)
        case "anchor": return tv(anchor)
        case "sub": return tv(sub)
        default: return nil
        }
    }
}

/// The briefing itself, reader first: title, summary and key numbers, then the prose.
/// Tables of figures and checks are on the data page it links to.
public struct DocumentPage: ViewModel {
    public var page: PageVM
    public var kindName: String
    public var summary: String?
    public var keyNumbers: [KeyNumberVM]
    public var dataHref: String
    /// The printed 简报 of this document (made by `briefing pdf`).
    public var pdfHref: String
    /// 课题组 · 执笔 · 指导老师 …, one line.
    public var byline: String
    public var date: String
    public var source: String?
    public var topics: [LinkVM]
    public var regions: [LinkVM]
    public var toc: [HeadingVM]
    /// The body, made by cmark; inserted raw.
    public var html: String
    public var counts: CountsVM
    public var previous: LinkVM?
    public var next: LinkVM?
    public var related: [DocSummaryVM]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "page": return tv(page)
        case "kindName": return tv(kindName)
        case "summary": return tv(summary)
        case "keyNumbers": return tv(keyNumbers)
        case "dataHref": return tv(dataHref)
        case "pdfHref": return tv(pdfHref)
        case "byline": return tv(byline)
        case "date": return tv(date)
        case "source": return tv(source)
        case "topics": return tv(topics)
        case "regions": return tv(regions)
        case "toc": return tv(toc)
        case "html": return tv(html)
        case "counts": return tv(counts)
        case "previous": return tv(previous)
        case "next": return tv(next)
        case "related": return tv(related)
        default: return nil
        }
    }
}

extension Renderer {
    /// `place` is where links are made from: the document's page, or its PDF (which holds
    /// the data page too, so links into it stay inside the file).
    func documentPage(_ slug: String, from place: Route? = nil) throws(Diagnostic) -> DocumentPage {
        let a = analysis
        guard let d = a.document(slug), let pos = a.index.position[slug] else {
            throw Diagnostic(SourceLocation(file: slug, line: 0), "没有这篇报告或案例")
        }
        guard let body = Loader.body(of: d, contentDirectory: a.contentDirectory) else {
            throw Diagnostic(SourceLocation(file: d.file, line: 0), "生成过程中文件被修改或无法读取",
                             hint: "文件在核验之后改变了；请重新运行 briefing build")
        }
        let route = place ?? Route.document(d.kind, slug: slug)
        let result = a.index.results[slug] ?? DocumentResult()
        let anchors = checkAnchors(slug)
        let html = BodyHTML.render(body, targets: linkTargets(for: d, result: result, from: route, anchors: anchors))
        let docs = a.project.documents
        let prev = pos > 0 && docs[pos - 1].kind == d.kind ? docs[pos - 1] : nil
        let next = pos + 1 < docs.count && docs[pos + 1].kind == d.kind ? docs[pos + 1] : nil
        var byline: [String] = []
        if let g = d.group { byline.append(g) }
        if let w = d.writer { byline.append("执笔：\(w)") }
        if !d.advisors.isEmpty { byline.append("指导老师：" + d.advisors.joined(separator: "、")) }
        let crumbs = [LinkVM(title: Self.listTitle(d.kind), href: Route.list(d.kind, page: 1).href(from: route))]
        return DocumentPage(
            page: pageVM(route, title: d.title, nav: d.kind.rawValue, description: d.summary ?? "", crumbs: crumbs),
            kindName: d.kind.chineseName, summary: d.summary,
            keyNumbers: a.keyIDs(of: d).compactMap { keyNumber($0, from: route, withDocument: false) },
            dataHref: Route.data(d.kind, slug: slug).href(from: route),
            pdfHref: Route.pdf(d.kind, slug: slug).href(from: route),
            byline: byline.joined(separator: " · "), date: d.date, source: d.source,
            topics: d.topics.map { LinkVM(title: $0, href: Route.topic(a.project.topicSlug($0), page: 1).href(from: route)) },
            regions: d.regions.compactMap { regionLink($0, from: route) },
            toc: (a.facts[slug]?.headings ?? []).filter { $0.level <= 3 }.map { HeadingVM(text: $0.text, anchor: $0.anchor, sub: $0.level > 2) },
            html: html, counts: Self.counts([result], unbound: a.facts[slug]?.unbound.count ?? 0),
            previous: prev.flatMap { docLink($0.slug, from: route) }, next: next.flatMap { docLink($0.slug, from: route) },
            related: a.index.related[pos].map { summary(docs[$0], from: route) })
    }

    /// How the body's links show: numbers with their check status and a title saying what
    /// was checked, values the site computed marked 推算, charts drawn from the current values.
    func linkTargets(for d: BriefingCore.Document, result: DocumentResult, from route: Route,
                     anchors: [ObjectIdentifier: String]) -> LinkTargets {
        let a = analysis
        return LinkTargets(
            figure: { i, id in
                guard let label = a.label(of: id), let shown = display(of: id) else { return nil }
                let href = self.valueHref(id, from: route)
                let derived = a.isDerived(id) ? a.project.indicators[id].map { self.formulaInWords($0.formula) } : nil
                var classes: [String] = [], title = "\(label)：\(shown)"
                if i < result.linkChecks.count, let c = result.linkChecks[i] {
                    classes.append(c.status.rawValue)
                    title = "\(label)：计算值 \(c.computedText)，文中 \(c.statedText)，\(c.status.chineseName)"
                }
                if let formula = derived {
                    classes.append("derived")
                    title += "（推算：\(formula)）"
                }
                return .init(href: href, classes: classes.joined(separator: " "), title: title, text: shown,
                             mark: derived == nil ? nil : "推算")
            },
            report: { slug, anchor in self.documentRoute(slug)?.href(from: route, anchor: anchor) },
            region: { slug in a.project.regions.contains { $0.slug == slug } ? Route.region(slug, page: 1).href(from: route) : nil },
            chart: { id in self.chartHTML(id) })
    }
}
