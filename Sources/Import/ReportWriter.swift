import BriefingCore

/// The imported file: front matter in the order and style of `briefing new`, commented in
/// Chinese, with the candidate figures commented out under `figures:`, then the body.
public enum ReportWriter {
    public struct Input: Sendable {
        public var meta: ReportMeta
        public var candidates: [Candidate]
        public var body: String
        public var kind: DocumentKind
        public var sourceName: String
        public var today: String
    }

    public static func text(_ input: Input) -> String {
        // Each candidate names its file line, which depends on the front matter's length:
        // render once to count, then again with the offset.
        let draft = frontMatter(input, bodyStart: 0)
        let bodyStart = draft.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        var body = input.body
        while body.hasSuffix("\n") { body.removeLast() }
        return frontMatter(input, bodyStart: bodyStart) + "\n" + body + "\n"
    }

    /// `bodyStart` is the file line of the body's first line.
    static func frontMatter(_ input: Input, bodyStart: Int) -> String {
        let m = input.meta
        let what = input.kind == .report ? "报告" : "案例"
        var y: [String] = ["---"]
        y.append("# 由 briefing import 从 Word 文件 \(input.sourceName) 导入。以下各项取自原文，请逐项核对。")
        switch m.titleSource {
        case .documentTitle: y.append("# 标题（必填）：取自 Word 文件的标题")
        case .heading: y.append("# 标题（必填）：取自文中第一个标题，请核对")
        case .paragraph: y.append("# 标题（必填）：取自文首第一段，请核对")
        case .fileName: y.append("# 标题（必填）：原文中没有找到标题，暂用文件名，请改为\(what)的标题")
        }
        y.append("title: \(quoted(m.title))")
        y.append("# 日期（必填），写成 YYYY-MM-DD")
        if let d = m.date {
            y.append("date: \(d.iso)" + (d.hasDay ? "" : "    # 原文写“\(d.written)”，只到月份，暂取该月1日"))
        } else {
            y.append("date: \(input.today)    # 请改为报告日期（原文中没有找到日期，暂填导入当天）")
        }
        y.append("# 在目录中的顺序（可选，整数，小的在前）")
        y.append("# order: 99")
        y.append("# 课题组、执笔人、指导老师（可选；原文中没有找到的项已注释掉）")
        y.append(m.group.isEmpty ? "# group: 行动学习第X小组" : "group: \(quoted(m.group))")
        y.append(m.writers.isEmpty ? "# writer: 执笔人姓名" : "writer: \(quoted(m.writers.joined(separator: "、")))")
        y.append(m.advisors.isEmpty ? "# advisors: [指导老师甲, 指导老师乙]"
                 : "advisors: [\(m.advisors.map(quoted).joined(separator: ", "))]")
        y.append("# 原文出处：导入的 Word 文件；可改为刊物名称与页码")
        y.append("source: \(quoted(input.sourceName))")
        y.append("# 一两句话的摘要：写好后去掉行首的 #（摘要里的数字也写成链接）")
        y.append("# summary: 用一两句话概括本\(what)的主要发现和建议。")
        y.append("# 主题（中文，可多个）与地区（content/regions.yaml 中登记的编号）：填好后去掉行首的 #")
        y.append("# topics: [示例主题]")
        y.append("# regions: [ordos]")
        y.append("# 原始数据：编号 → 数值与单位。编号只用小写英文、数字和下划线，用 . 分段，全站唯一。")
        if input.candidates.isEmpty {
            y.append("# 正文中没有找到可作数据的数字（年份、日期、序号和名称中的数字不算）。")
            y.append("figures: {}")
        } else {
            y.append("# 下面是正文中找到的 \(input.candidates.count) 个数字（年份、日期、序号和名称中的数字不算），都已注释掉。")
            y.append("# 要用哪个，就去掉它那几行行首的“# ”（保留前面的空格），把编号改得好懂，把 label 改成数据的名称；")
            y.append("# 再在正文中把这个数字写成链接：[数字单位](fig:编号)，例如 [413.8万千瓦](fig:ordos.capacity.total)。")
            y.append("figures:")
            for c in input.candidates {
                y.append("  # \(c.id):    # 正文第 \(bodyStart + c.bodyLine) 行：\(c.number.written)")
                y.append("  #   value: \(c.number.value)")
                if !c.number.unit.isEmpty { y.append("  #   unit: \(quoted(c.number.unit))") }
                y.append("  #   label: \(quoted(c.label))")
                if !c.where_.isEmpty { y.append("  #   where: \(quoted(c.where_))") }
                if let r = c.number.remark { y.append("  #   # \(r)") }
            }
        }
        y.append("---")
        return y.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar: always valid, whatever the text holds.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}":
                out += "\\u" + String(u.value, radix: 16).leftPadded(4)
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    out += "\\u" + String(u.value, radix: 16).leftPadded(4)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
