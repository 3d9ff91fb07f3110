import Analysis
import BriefingCore
import Foundation
import Render

/// `briefing pdf`: the printed 简报 of every report and case, written beside its page in a
/// site `briefing build` made (`site/reports/SLUG/SLUG.pdf`). Each document's print HTML is
/// rendered into a temporary folder and converted by WeasyPrint, documents on every core;
/// each PDF takes its place by a rename, so a reader never sees half a file.
public enum PDFWriter {
    public struct Request: Sendable {
        public var analysis: Analysis
        public var templates: Templates
        public var templatesDirectory: URL
        public var site: URL
        /// The site folder as the user typed it, for messages.
        public var siteShown: String
        public var weasyprint: URL?

        public init(analysis: Analysis, templates: Templates, templatesDirectory: URL, site: URL, siteShown: String, weasyprint: URL?) {
            (self.analysis, self.templates, self.templatesDirectory) = (analysis, templates, templatesDirectory)
            (self.site, self.siteShown, self.weasyprint) = (site, siteShown, weasyprint)
        }
    }

    /// Writes every PDF; returns their paths inside the site, in site order.
    public static func write(_ r: Request) throws -> [String] {
        guard let tool = r.weasyprint else {
            throw PDFFailure("错误: 找不到 WeasyPrint，无法生成 PDF：生成打印版简报需要 WeasyPrint（57 或更新）和中文字体。\(WeasyPrint.installHint)，装好后再运行")
        }
        let fm = FileManager.default
        let template = r.templatesDirectory.appendingPathComponent("print.mustache")
        guard fm.fileExists(atPath: template.path) else {
            throw PDFFailure("错误: 缺少模板 \(template.path)，无法生成 PDF：打印版简报的版式在 print.mustache 里",
                             exitCode: 2)
        }
        guard fm.fileExists(atPath: r.site.appendingPathComponent(SiteWriter.marker).path) else {
            throw PDFFailure("错误: \(r.siteShown)/ 不是“简报”生成的网站，无法写入 PDF。请先运行 briefing build（或 make site），再运行 briefing pdf")
        }
        // The PDF of every report and case, in site order, with the date it is stamped with.
        let jobs = r.analysis.project.documents.map { (route: Route.pdf($0.kind, slug: $0.slug), date: $0.date) }
        for job in jobs where !fm.fileExists(atPath: r.site.appendingPathComponent(job.route.folder + "index.html").path) {
            throw PDFFailure("错误: \(r.siteShown)/\(job.route.folder) 不存在：网站比内容旧。请先运行 briefing build，再运行 briefing pdf")
        }
        let renderer = Renderer(analysis: r.analysis, templates: r.templates)
        let tmp = try temporaryFolder()
        defer { try? fm.removeItem(at: tmp) }
        let base = r.analysis.project.config.baseURL
        try ParallelMap.forEach(jobs) { job in
            let route = job.route
            let file = try renderer.render(route)
            let html = tmp.appendingPathComponent(route.folder.split(separator: "/").joined(separator: "-") + ".html")
            try PlainWrite.write(file.data, to: html.path)
            // Beside the final file, so that the rename below never crosses file systems.
            let target = r.site.appendingPathComponent(route.path)
            let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
            try PlainWrite.write(Data(), to: partial.path)
            do {
                try WeasyPrint.convert(tool, html: html, pdf: partial, baseURL: linkBase(base, site: r.site, route: route),
                                       epoch: epoch(of: job.date), shown: route.path)
                guard rename(partial.path, target.path) == 0 else {
                    throw IOProblem(path: target.path, errno: errno, doing: "写入 PDF")
                }
            } catch {
                try? fm.removeItem(at: partial)
                throw error
            }
        }
        return jobs.map(\.route.path)
    }

    /// Where the PDF's links to other pages lead: the published site when site.yaml gives a
    /// full address, else the site folder on this computer (a link needs an absolute address
    /// inside a PDF, and a path alone names no server).
    static func linkBase(_ baseURL: String, site: URL, route: Route) -> String {
        if baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") { return baseURL + route.folder }
        return site.standardizedFileURL.appendingPathComponent(route.folder).absoluteString
    }

    /// Midnight UTC of a `YYYY-MM-DD` date in seconds since 1970 (0 when it is not one): the
    /// document's date, the same in every run.
    static func epoch(of date: String) -> Int {
        let p = date.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return 0 }
        // Days from civil (Howard Hinnant's algorithm), exact for every Gregorian date.
        let y = p[1] <= 2 ? p[0] - 1 : p[0]
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (p[1] + (p[1] > 2 ? -3 : 9)) + 2) / 5 + p[2] - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return max(0, (era * 146097 + doe - 719468) * 86400)
    }

    static func temporaryFolder() throws -> URL {
        var template = Array(FileManager.default.temporaryDirectory.appendingPathComponent("briefing-pdf-XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else {
            throw IOProblem(path: FileManager.default.temporaryDirectory.path, errno: errno, doing: "创建临时文件夹")
        }
        return URL(fileURLWithPath: String(cString: made))
    }
}
