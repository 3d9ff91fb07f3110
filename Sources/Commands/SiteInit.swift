import BriefingCore
import Foundation

/// `briefing init DIR --title T`: a new site that checks and builds as it is — settings,
/// a small region registry, one example report and one example case (the same scaffold
/// `briefing new` writes) and a short 使用说明. No templates/: the built-in ones are used.
public enum SiteInit {
    /// The example documents; report and case slugs must differ, and so do their figure ids.
    public static let reportPath = "content/reports/example-report.md"
    public static let casePath = "content/cases/example-case.md"

    /// The files of a new site, by path inside it.
    public static func files(title: String, publisher: String, date: String) -> [(path: String, data: Data)] {
        [
            ("content/site.yaml", siteYAML(title: title, publisher: publisher)),
            ("content/regions.yaml", regionsYAML),
            (reportPath, Scaffold.text(kind: .report, slug: "example-report", title: "示例报告：把这里换成报告标题",
                                       date: date, region: ("city", "示例市"))),
            (casePath, Scaffold.text(kind: .case, slug: "example-case", title: "示例案例：把这里换成案例标题",
                                     date: date, region: ("district-a", "示例甲区"))),
            ("使用说明.md", guide),
        ].map { ($0.0, Data($0.1.utf8)) }
    }

    /// Writes a new site into `dir` (created when missing). Refuses a folder that is not empty
    /// and titles that cannot be one line, writing nothing then. Returns the paths written.
    /// Throws `Diagnostic` for bad input (exit 2), `IOProblem` for the file system (exit 3).
    public static func create(at dir: URL, shown: String, title: String, publisher: String?,
                              date: String) throws -> [String] {
        let here = SourceLocation(file: shown, line: 0)
        guard !title.trimmedSpaces().isEmpty else {
            throw Diagnostic(here, "网站标题不能为空", hint: "用 --title 给出标题，例如 --title 某某市委党校行动学习成果简报")
        }
        for (option, value) in [("--title", title), ("--publisher", publisher ?? "")] where Scaffold.hasControlCharacters(value) {
            throw Diagnostic(here, "\(option) 中有换行或其他控制字符，没有创建任何文件", hint: "写成一行文字")
        }
        if NewFiles.entry(dir.path) == .other {
            throw Diagnostic(here, "这是一个文件，不是文件夹，没有创建任何文件", hint: "换一个新文件夹的名字")
        }
        if let names = try NewFiles.entries(of: dir, shown: shown), !names.isEmpty {
            let listed = names.prefix(5).joined(separator: "、") + (names.count > 5 ? " 等 \(names.count) 项" : "")
            throw Diagnostic(here, "文件夹不是空的（有 \(listed)），没有创建任何文件",
                             hint: "换一个新文件夹的名字，或指定一个空文件夹；已有网站时直接在其中运行 briefing new")
        }
        let written = Self.files(title: title, publisher: publisher ?? "", date: date)
        try NewFiles.write(written, into: dir, shown: shown)
        return written.map(\.path)
    }

    /// A YAML double-quoted scalar: any one-line text, colons and `#` included.
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func siteYAML(title: String, publisher: String) -> String {
        """
        # 网站设置。修改后运行 briefing check 检查。
        # 网站标题（必填），显示在每页顶部
        title: \(quoted(title))
        # 副标题（可选），显示在首页标题下
        subtitle: 研究报告与案例 · 文中数字逐项核验
        # 网站发布后的地址：以 / 开头的路径，或以 https:// 开头的完整网址
        base_url: /
        language: zh-CN
        # 发布单位，显示在每页底部\(publisher.isEmpty ? "，例如 某某市委党校" : "")
        publisher: \(quoted(publisher))
        # 内置单位以外另加的单位（一般不需要）
        units: {}
        # 首页的重点指标：每组一个标题，列出指标编号
        headlines:
          - title: 示例指标
            indicators:
              - example_report.example.total
              - example_case.example.total
        # 主题：中文名称和网址中用的名字（小写英文字母、数字和 -）
        topics:
          - {name: 示例主题, slug: example-topic}
        # 报告列表和案例列表开头的一句话（可选）
        reports_intro: 课题组的研究报告，文中数字均与数据逐项核验。
        cases_intro: 与课题相关的案例文章。

        """
    }

    static let regionsYAML = """
        # 地区登记表：报告、案例和数据中提到的每个地区都在这里登记。
        # slug 是地区编号（小写英文字母、数字和 -），name 是中文名称，kind 是层级，
        # parent 是上级地区的编号。把示例地区换成本地的地区；改了编号，
        # 也要改报告和案例前置信息中 regions 和 region 里的编号。
        - slug: city
          name: 示例市
          kind: 盟市
        - slug: district-a
          name: 示例甲区
          kind: 旗区
          parent: city
        - slug: district-b
          name: 示例乙区
          kind: 旗区
          parent: city

        """

    static let guide = """
        # 使用说明

        这个文件夹是用“简报”（briefing）新建的网站：报告和案例写成 Markdown，文中的数字和数据一一对应，
        程序计算各项指标、核验正文中的每个数字，再生成网站。

        ## 文件

        - `content/site.yaml`：网站设置——标题、副标题、发布单位、首页的重点指标、主题。
        - `content/regions.yaml`：地区登记表。把示例地区换成本地的地区。
        - `content/reports/example-report.md`：一篇示例报告；`content/cases/example-case.md`：一篇示例案例。
          照着其中的注释改写，或删掉后用 `briefing new` 新建。
        - `site/`：生成的网站（运行 `briefing build` 后出现）。把整个文件夹放到任何静态网站服务器上即可发布。

        ## 常用命令（在这个文件夹中运行）

        ```sh
        briefing check                            # 计算并核验所有数字
        briefing build                            # 核验并生成网站到 site/
        briefing serve                            # 本机预览 http://127.0.0.1:8000/ ，保存后自动刷新
        briefing new report 文件名 --title 标题    # 新建一篇报告（案例把 report 换成 case）
        briefing import 文件.docx                  # 从 Word 文件导入一篇报告
        ```

        `check` 和 `build` 的退出码：0 全部一致；1 有数字核验未通过；2 文件写得有误（按提示的文件和行号修改）。

        ## 模板

        网页模板和样式内置在程序中。要改外观，运行 `briefing templates export`，模板会写到 `templates/`；
        只留下要改的文件即可，其余的仍用内置的。

        ## 更多

        前置信息的全部写法、单位、公式、常见错误与改法，见“简报”程序源代码中的撰写指南 `docs/撰写指南.md`。

        """
}
