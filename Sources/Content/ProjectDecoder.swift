import BriefingCore

/// Decodes `content/site.yaml` and `content/regions.yaml`.
public enum ProjectDecoder {
    static let siteKeys = ["title", "subtitle", "base_url", "language", "publisher", "units", "topics", "headlines",
                           "reports_intro", "cases_intro"]

    public static func siteConfig(text: String, file: String) throws(Diagnostic) -> (SiteConfig, UnitRegistry) {
        var units = UnitRegistry()
        guard let root = try YAMLReader.read(text, file: file, firstLine: 1) else {
            throw Diagnostic(SourceLocation(file: file, line: 1), "site.yaml 是空的", hint: "至少要写 title:")
        }
        try root.checkKeys(siteKeys, what: "site.yaml")
        var config = SiteConfig(title: "")
        for (key, _, v) in try root.entries() {
            switch key {
            case "title": config.title = try v.nonEmptyString()
            case "subtitle": config.subtitle = try v.string()
            case "base_url":
                var u = try v.nonEmptyString()
                guard isSafeBaseURL(u) else {
                    throw v.error("`base_url` 应是以 https:// 或 http:// 开头的网址，或以 / 开头的路径",
                                  hint: "例如 base_url: https://example.org/briefing/；网址中不能有空格、引号或尖括号")
                }
                if !u.hasSuffix("/") { u += "/" }
                config.baseURL = u
            case "language":
                let lang = try v.nonEmptyString()
                guard lang.count <= 35, lang.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                    throw v.error("`language` 应是语言代码，例如 zh-CN", hint: "只能用英文字母、数字和 -")
                }
                config.language = lang
            case "publisher": config.publisher = try v.string()
            case "reports_intro": config.intros[.report] = try v.string()
            case "cases_intro": config.intros[.case] = try v.string()
            case "units":
                if case .scalar(let s) = v.node, s.string.isEmpty { break }
                for (symbol, _, def) in try v.entries() {
                    let d = try def.nonEmptyString()
                    do { try units.define(symbol, as: d) } catch { throw def.error(error.message, hint: error.hint) }
                }
            case "topics":
                for item in try v.list() {
                    try item.checkKeys(["name", "slug"], what: "主题")
                    var name = "", slug = ""
                    for (k, _, n) in try item.entries() {
                        if k == "name" { name = try n.nonEmptyString() } else { slug = try n.nonEmptyString() }
                    }
                    guard !name.isEmpty, isSlug(slug) else {
                        throw item.error("主题需要 name 和 ASCII 的 slug（小写字母、数字、-）")
                    }
                    config.topics.append(Topic(name: name, slug: slug))
                }
            case "headlines":
                for item in try v.list() {
                    try item.checkKeys(["title", "indicators"], what: "首页指标组")
                    var title = "", ids: [String] = []
                    for (k, _, n) in try item.entries() {
                        if k == "title" { title = try n.nonEmptyString() } else { ids = try n.stringList() }
                    }
                    config.headlines.append(Headline(title: title, indicatorIDs: ids, location: item.location))
                }
            default: break
            }
        }
        if config.title.isEmpty {
            throw Diagnostic(SourceLocation(file: file, line: 1, key: "title"), "site.yaml 缺少 `title`")
        }
        return (config, units)
    }

    /// `http(s)://…` or a path starting with `/`: it prefixes every URL in the feed and sitemap,
    /// so `javascript:` or markup must not get in.
    public static func isSafeBaseURL(_ s: String) -> Bool {
        let lower = s.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || (s.hasPrefix("/") && !s.hasPrefix("//")) else { return false }
        return s.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !"\"'<>\\`".unicodeScalars.contains($0) }
    }

    public static func isSlug(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 100 && s.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
            && !s.hasPrefix("-")
    }

    public static func regions(text: String, file: String) throws(Diagnostic) -> [Region] {
        guard let root = try YAMLReader.read(text, file: file, firstLine: 1) else { return [] }
        var out: [Region] = []
        for item in try root.list() {
            try item.checkKeys(["slug", "name", "kind", "parent"], what: "地区")
            var slug: String?, name: String?, kind: String?, parent: String?
            for (k, _, n) in try item.entries() {
                switch k {
                case "slug": slug = try n.nonEmptyString()
                case "name": name = try n.nonEmptyString()
                case "kind": kind = try n.nonEmptyString()
                default: parent = try n.nonEmptyString()
                }
            }
            guard let slug else { throw item.error("地区缺少 `slug`") }
            guard isSlug(slug) else {
                throw Diagnostic(item.location.with(key: "slug"), "地区编号 `\(slug)` 不合法",
                                 hint: "slug 只能用小写英文字母、数字和 -，例如 dalad、otog-front")
            }
            guard let name else { throw Diagnostic(item.location.with(key: "name"), "地区 `\(slug)` 缺少 `name`") }
            out.append(Region(slug: slug, name: name, kind: kind ?? "", parent: parent, location: item.location))
        }
        return out
    }
}
