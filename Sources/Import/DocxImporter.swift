import BriefingCore
import Foundation

/// `briefing import FILE.docx`: checks the site and the file, converts with pandoc, fills in
/// the front matter, lists candidate figures and writes content/reports/SLUG.md (or cases/).
public enum DocxImporter {
    public struct Request: Sendable {
        public var file: URL
        /// How paths are shown in messages: the file as the user typed it, the content folder.
        public var fileShown: String
        public var content: URL
        public var contentShown: String
        public var kind: DocumentKind
        public var slug: String?
        public var units: UnitRegistry
        /// YYYY-MM-DD, used when the document gives no date.
        public var today: String
        public var pandoc: URL?

        public init(file: URL, fileShown: String, content: URL, contentShown: String, kind: DocumentKind,
                    slug: String?, units: UnitRegistry, today: String, pandoc: URL?) {
            (self.file, self.fileShown, self.content, self.contentShown) = (file, fileShown, content, contentShown)
            (self.kind, self.slug, self.units, self.today, self.pandoc) = (kind, slug, units, today, pandoc)
        }
    }

    public struct Result: Sendable {
        /// The file written, as shown to the user.
        public var path: String
        public var candidates: [Candidate]
        public var images: Int
        public var meta: ReportMeta
    }

    public static func run(_ r: Request) throws(ImportFailure) -> Result {
        let fm = FileManager.default
        let name = r.file.lastPathComponent
        guard fm.fileExists(atPath: r.content.appendingPathComponent("site.yaml").path) else {
            throw .input("错误: \(r.contentShown)/site.yaml 不存在：这里不是“简报”网站的内容目录，没有导入 \(r.fileShown)。"
                + "请进入网站的根目录（其中有 content/site.yaml）再运行，或用 --content 指定内容目录；"
                + "还没有网站时，先建一个 content 目录，在其中写 site.yaml（至少一行 title: 网站标题）")
        }
        let slug = try slugFor(r, name: name)
        let shown = "\(r.contentShown)/\(r.kind.rawValue)/\(slug).md"
        for k in DocumentKind.allKinds
        where fm.fileExists(atPath: r.content.appendingPathComponent(k.rawValue).appendingPathComponent("\(slug).md").path) {
            throw .input("错误: \(r.contentShown)/\(k.rawValue)/\(slug).md 已存在，不会覆盖，没有导入 \(r.fileShown)。"
                + "用 --slug 换一个文件名，或先把已有的文件改名")
        }
        let data = try read(r.file, shown: r.fileShown)
        try sniff(data, shown: r.fileShown)
        let converted = try PandocRunner.convert(r.file, shown: r.fileShown, pandoc: r.pandoc)
        let stem = (name as NSString).deletingPathExtension
        let (meta, extracted) = HeadExtractor.extract(markdown: converted.markdown, documentTitle: converted.title, fileStem: stem)
        let body = MarkdownLine.demoteHeadings(extracted)
        let candidates = CandidateFinder.find(body: body, prefix: slug.replacingOccurrences(of: "-", with: "_"), units: r.units)
        let text = ReportWriter.text(.init(meta: meta, candidates: candidates, body: body, kind: r.kind,
                                           sourceName: name, today: r.today))
        try FileWriter.create(text, at: r.content.appendingPathComponent(r.kind.rawValue).appendingPathComponent("\(slug).md"), shown: shown)
        return Result(path: shown, candidates: candidates, images: converted.images, meta: meta)
    }

    static func isSlug(_ s: String) -> Bool {
        s.count <= 100 && s.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil
    }

    static func slugFor(_ r: Request, name: String) throws(ImportFailure) -> String {
        if let s = r.slug {
            guard isSlug(s) else {
                throw .input("错误: --slug `\(s)` 不能用作文件名和网址：只能用小写英文字母、数字和 -（不以 - 开头），例如 --slug new-energy")
            }
            return s
        }
        let stem = (name as NSString).deletingPathExtension
        if isSlug(stem) { return stem }
        let suggestion = isSlug(stem.lowercased()) ? stem.lowercased() : "new-energy"
        throw .input("错误: 文件名“\(name)”不能直接用作网址（只能用小写英文字母、数字和 -），没有导入。"
            + "请用 --slug 给出文件名，例如：briefing import \(quotedArgument(r.fileShown)) --slug \(suggestion)")
    }

    static func quotedArgument(_ s: String) -> String {
        s.contains(where: { " '\"()&;|<>$`\\".contains($0) }) ? "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" : s
    }

    static func read(_ url: URL, shown: String) throws(ImportFailure) -> Data {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw .input("错误: 找不到文件 \(shown)：检查文件名和路径是否写对（文件名有空格时用引号括起来）")
        }
        if isDir.boolValue { throw .input("错误: \(shown) 是一个目录，不是 Word 文件：请给出 .docx 文件的路径") }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw .input("错误: 无法读取 \(shown)：没有读取权限（检查文件权限，或把文件复制到自己的目录后再导入）")
        }
        guard let data = try? Data(contentsOf: url) else {
            throw .input("错误: 无法读取 \(shown)：读取时出错（文件在网络盘或U盘上时，先复制到本机再导入）")
        }
        return data
    }

    static let saveAs = "请用 Word 或 WPS 打开它，“另存为” Word 文档（.docx）后再导入"

    static func sniff(_ data: Data, shown: String) throws(ImportFailure) {
        switch DocxSniffer.check(data) {
        case .docx: return
        case .empty: throw .input("错误: \(shown) 是空文件（0 字节），不是 Word 文档：请重新复制或下载原文件")
        case .oleCompound:
            throw .input("错误: \(shown) 是设置了密码（加密）的 Word 文件，或旧版 Word 的 .doc 文件，无法导入。"
                + "请用 Word 或 WPS 打开它，“另存为” Word 文档（.docx），保存时不设密码"
                + "（已设的密码在“文件 → 信息 → 保护文档 → 用密码进行加密”中清空），再导入新保存的文件")
        case .notZip(let what):
            throw .input("错误: \(shown) 不是 Word 文档（.docx），看起来是\(what)。\(saveAs)")
        case .damagedZip:
            throw .input("错误: \(shown) 已损坏：.docx 是一个压缩包，而这个文件不完整（可能没有下载或复制完）。"
                + "请重新获取原文件；或用 Word 或 WPS 打开它（会提示修复），另存为新的 .docx 后再导入")
        case .notWord(let what):
            throw .input("错误: \(shown) 不是 Word 文档：它是\(what)，里面没有 Word 正文。\(saveAs)")
        }
    }
}
