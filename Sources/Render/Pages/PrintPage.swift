import Analysis
import BriefingCore
import Foundation

/// The printed 简报 of one report or case, the HTML `briefing pdf` hands to WeasyPrint: a red
/// masthead (报头), the briefing as its page shows it, and its data page as an appendix.
/// Both parts come from the document and data page builders with links made from the PDF's
/// route, so links into either page become anchors inside the file.
public struct PrintPage: ViewModel {
    /// The site's title, printed as the name of the 简报.
    public var title: String
    /// 第N期.
    public var issue: String
    /// 编印单位 (site.yaml `publisher`); nil when the site names none.
    public var publisher: String?
    /// The document's date as printed: 2022年6月1日.
    public var dateText: String
    /// The document's date as written (YYYY-MM-DD): the PDF's creation and modification date,
    /// so that every run writes the same bytes.
    public var created: String
    /// The print stylesheet (templates/assets/print-pdf.css), inlined: the HTML is converted
    /// on its own, with no site folder around it to load files from.
    public var style: String
    public var document: DocumentPage
    public var data: DataPage

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return tv(title)
        case "issue": return tv(issue)
        case "publisher": return tv(publisher)
        case "dateText": return tv(dateText)
        case "created": return tv(created)
        case "style": return tv(style)
        case "document": return tv(document)
        case "data": return tv(data)
        default: return nil
        }
    }
}

extension Renderer {
    /// The stylesheet of printed briefings, by its path under templates/assets.
    public static let printStyle = "print-pdf.css"

    func printPage(_ slug: String) throws(Diagnostic) -> PrintPage {
        guard let d = analysis.document(slug) else {
            throw Diagnostic(SourceLocation(file: slug, line: 0), "没有这篇报告或案例")
        }
        let route = Route.pdf(d.kind, slug: slug)
        let sameKind = analysis.project.documents.filter { $0.kind == d.kind }
        let number = d.order ?? ((sameKind.firstIndex { $0.slug == slug } ?? 0) + 1)
        let css = templates.assets.first { $0.path == Self.printStyle }.map { String(decoding: $0.data, as: UTF8.self) } ?? ""
        let publisher = analysis.project.config.publisher
        return PrintPage(title: analysis.project.config.title, issue: "第\(number)期",
                         publisher: publisher.isEmpty ? nil : publisher, dateText: Self.chineseDate(d.date),
                         created: d.date, style: css,
                         document: try documentPage(slug, from: route), data: dataPage(slug, from: route))
    }

    /// `2022-06-01` → `2022年6月1日`, as dates are printed on Chinese documents.
    static func chineseDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso }
        return "\(parts[0])年\(parts[1])月\(parts[2])日"
    }
}
