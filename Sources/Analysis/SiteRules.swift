import BriefingCore
import Content

/// Rules across documents that the loader does not check: chart ids unique, topic folders
/// distinct, 要点 ids known.
enum SiteRules {
    static func check(_ project: Project, _ decoded: [DecodedDocument]) -> [Diagnostic] {
        var lines: [String: [String: Int]] = [:]
        for d in decoded { lines[d.document.slug] = d.keyLines }
        func at(_ d: Document, _ key: String) -> SourceLocation {
            SourceLocation(file: d.file, line: lines[d.slug]?[key] ?? 1, key: key)
        }
        var problems: [Diagnostic] = []
        var chartOwner: [String: SourceLocation] = [:]
        for spec in project.documents.sorted(by: { $0.file < $1.file }).flatMap(\.charts) {
            if let other = chartOwner[spec.id] {
                problems.append(Diagnostic(spec.location, "图表编号 `\(spec.id)` 重复定义：\(other) 已定义过",
                                           hint: "图表编号在全部内容中必须唯一"))
            } else {
                chartOwner[spec.id] = spec.location
            }
        }
        // Two topics whose folder names collide would overwrite each other's page.
        var topicBySlug: [String: (name: String, file: String)] = [:]
        for d in project.documents.sorted(by: { $0.file < $1.file }) {
            for (i, t) in d.topics.enumerated() {
                let slug = project.topicSlug(t)
                if let other = topicBySlug[slug], other.name != t {
                    problems.append(Diagnostic(at(d, "topics[\(i)]"),
                                               "主题“\(t)”与“\(other.name)”（\(other.file)）的网址相同（topics/\(slug)/），两个页面会互相覆盖",
                                               hint: "把其中一个改成同一个写法，或在 site.yaml 的 topics 中给它们不同的 slug"))
                } else if topicBySlug[slug] == nil {
                    topicBySlug[slug] = (t, d.file)
                }
            }
        }
        for d in project.documents {
            for (i, id) in d.key.enumerated() where project.figures[id] == nil && project.indicators[id] == nil {
                problems.append(Diagnostic(at(d, "key[\(i)]"), "要点中的编号 `\(id)` 不存在",
                                           hint: "key 列出本文要点的数据或指标编号"))
            }
        }
        return problems
    }
}
