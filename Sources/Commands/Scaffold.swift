import BriefingCore
import Content
import Foundation

/// `briefing new report|case SLUG --title T`: a new file with every front-matter key,
/// commented in Chinese, that builds and checks as it is.
public enum Scaffold {
    /// `region` is the registered region the example figures belong to (a new site from
    /// `init` has its own regions).
    public static func text(kind: DocumentKind, slug: String, title: String, date: String,
                            region: (slug: String, name: String) = ("ordos", "鄂尔多斯市")) -> String {
        let prefix = slug.replacingOccurrences(of: "-", with: "_")
        let quotedTitle = "\"" + title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return """
        ---
        # 标题（必填）
        title: \(quotedTitle)
        # 日期（必填），写成 YYYY-MM-DD
        date: \(date)
        # 在目录中的顺序（可选，整数，小的在前）
        order: 99
        # 课题组、执笔人、指导老师（可选）
        group: 行动学习第X小组
        writer: 执笔人姓名
        advisors: [指导老师甲, 指导老师乙]
        # 原文出处：刊物名称与页码
        source: 《原文名称》第1—10页
        # 一两句话的摘要
        summary: 用一两句话概括本\(kind == .report ? "报告" : "案例")的主要发现和建议。
        # 主题（中文，可多个）与地区（content/regions.yaml 中登记的编号）
        topics: [示例主题]
        regions: [\(region.slug)]
        # 原始数据：编号 → 数值与单位。编号只用小写英文、数字和下划线，用 . 分段，全站唯一。
        figures:
          \(prefix).example.part_a:
            value: 12.5
            unit: 万元
            label: 示例数据甲
            region: \(region.slug)
            year: 2022
            where: 一（一）
          \(prefix).example.part_b:
            value: 7.5
            unit: 万元
            label: 示例数据乙
        # 没有 label 等其他键时可以简写成一行：编号: 数值 单位（读者会看到编号，check 会提醒）
        # 指标：由公式计算；stated 是原文写的数字，程序会核对二者是否一致。
        indicators:
          \(prefix).example.total:
            label: 示例合计
            formula: \(prefix).example.part_a + \(prefix).example.part_b
            unit: 万元
            stated: 20 万元
            where: 一（一）
        # 图表（可选）：type 为 bar（条形）、stacked（堆叠）或 composition（构成）；
        # data 写编号列表或通配模式；在正文中单独一段写 [](chart:图表编号) 放置图表。
        charts:
          \(prefix)_parts:
            title: 示例合计的构成
            type: composition
            data: [\(prefix).example.part_a, \(prefix).example.part_b]
            unit: 万元
            labels: {\(prefix).example.part_a: 甲, \(prefix).example.part_b: 乙}
        ---

        ## 一、概况

        正文用中文写。文中出现的每个数字都写成链接：合计为[20万元](fig:\(prefix).example.total)，
        程序会核对所写数字与计算结果是否一致；也可以留空让程序填入数值：[](fig:\(prefix).example.part_a)。

        提到地区时可以链接到地区页：[\(region.name)](region:\(region.slug))。

        [](chart:\(prefix)_parts)

        ## 二、建议

        在这里写建议。
        """ + "\n"
    }

    /// Writes the file; refuses to overwrite. Returns the path written.
    /// The site's own first top-level region, so that the new file checks at once in any site
    /// (the built-in default otherwise; a broken regions.yaml is reported by `check`).
    static func firstRegion(_ content: URL) -> (slug: String, name: String) {
        let file = content.appendingPathComponent("regions.yaml")
        guard let data = FileManager.default.contents(atPath: file.path),
              let regions = try? ProjectDecoder.regions(text: String(decoding: data, as: UTF8.self), file: "content/regions.yaml"),
              let r = regions.first(where: { $0.parent == nil }) ?? regions.first else { return ("ordos", "鄂尔多斯市") }
        return (r.slug, r.name)
    }

    public static func create(kind: DocumentKind, slug: String, title: String, content: URL,
                              date: String) throws(Diagnostic) -> String {
        let file = content.appendingPathComponent(kind.rawValue).appendingPathComponent("\(slug).md")
        let shown = "content/\(kind.rawValue)/\(slug).md"
        guard slug.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil, slug.count <= 100 else {
            throw Diagnostic(SourceLocation(file: shown, line: 0), "文件名 `\(slug)` 不能用作网址",
                             hint: "只能用小写英文字母、数字和 -，例如 new-energy")
        }
        guard !title.trimmedSpaces().isEmpty else {
            throw Diagnostic(SourceLocation(file: shown, line: 0), "标题不能为空", hint: "用 --title 给出标题")
        }
        guard !hasControlCharacters(title) else {
            throw Diagnostic(SourceLocation(file: shown, line: 0), "标题中有换行或其他控制字符", hint: "标题写成一行文字")
        }
        let fm = FileManager.default
        guard fm.fileExists(atPath: content.appendingPathComponent("site.yaml").path) else {
            throw Diagnostic(SourceLocation(file: content.appendingPathComponent("site.yaml").path, line: 0),
                             "这里不是“简报”网站：找不到 \(content.path)/site.yaml，没有创建任何文件",
                             hint: "先进入网站所在的文件夹（含 content/ 的那个），或用 --content 指明内容目录；还没有网站时用 briefing init 文件夹 --title 标题 新建一个")
        }
        for k in DocumentKind.allKinds where fm.fileExists(atPath: content.appendingPathComponent(k.rawValue).appendingPathComponent("\(slug).md").path) {
            throw Diagnostic(SourceLocation(file: "content/\(k.rawValue)/\(slug).md", line: 0), "文件已存在，不会覆盖",
                             hint: "换一个文件名，或直接编辑已有的文件")
        }
        do {
            try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text(kind: kind, slug: slug, title: title, date: date, region: firstRegion(content)).utf8)
                .write(to: file, options: .withoutOverwriting)
        } catch {
            throw Diagnostic(SourceLocation(file: shown, line: 0), "无法写入文件：\(error.localizedDescription)")
        }
        return shown
    }

    /// Line breaks and other control characters, which a one-line title cannot hold.
    static func hasControlCharacters(_ s: String) -> Bool {
        s.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }
}
