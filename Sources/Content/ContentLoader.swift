import BriefingCore
import Foundation

/// Reads `content/` into a validated Project: every file decoded, then the rules that
/// span files (unique ids, known regions, parents) checked. Problems are collected.
public enum ContentLoader {
    /// Reads every file of `content/` and assembles the project (tests and tools that need no
    /// Markdown facts). `display` is how paths are shown in messages (e.g. `content`).
    public static func load(directory: URL, display: String = "content") throws(Diagnostics) -> Project {
        let settings = self.settings(directory: directory, display: display)
        var problems = settings.problems
        let files = documentFiles(directory: directory, display: display)
        problems += files.problems
        let units = settings.units
        let results = ParallelMap.map(files.files) { f in decodeFile(f.url, name: f.name, kind: f.kind, display: display, units: units) }
        var decoded: [DecodedDocument] = []
        for r in results {
            switch r {
            case .success(var d):
                d.body = ""
                decoded.append(d)
            case .failure(let e): problems.append(e)
            }
        }
        let project = assemble(settings, decoded: decoded, problems: &problems)
        if !problems.isEmpty { throw Diagnostics(problems) }
        return project
    }

    /// Decodes one report or case file (`name` inside `kind`'s folder).
    public static func decodeFile(_ url: URL, name: String, kind: DocumentKind, display: String,
                                  units: UnitRegistry) -> Result<DecodedDocument, Diagnostic> {
        let shown = "\(display)/\(kind.rawValue)/\(name)"
        let slug = String(name.dropLast(3))
        do throws(Diagnostic) {
            guard ProjectDecoder.isSlug(slug) else {
                throw Diagnostic(SourceLocation(file: shown, line: 0), "文件名 `\(name)` 不能用作网址",
                                 hint: "文件名只能用小写英文字母、数字和 -，例如 new-energy.md")
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw Diagnostic(SourceLocation(file: shown, line: 0), "无法读取文件")
            }
            let text = try SourceText.decode(data, file: shown)
            return .success(try DocumentDecoder.decode(text: text, file: shown, slug: slug, kind: kind, units: units))
        } catch {
            return .failure(error)
        }
    }

    /// Regions named by a document or its figures that `known` does not hold.
    public static func unknownRegions(_ d: DecodedDocument, known: (String) -> Bool,
                                      hint: (String) -> String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func check(_ slug: String, _ loc: SourceLocation) {
            guard !known(slug) else { return }
            var h = hint(slug)
            h += (h.isEmpty ? "" : "；") + "地区须先在 content/regions.yaml 中登记"
            out.append(Diagnostic(loc, "未知地区 `\(slug)`", hint: h))
        }
        let doc = d.document
        for (i, r) in doc.regions.enumerated() {
            check(r, SourceLocation(file: doc.file, line: d.keyLines["regions[\(i)]"] ?? 1, key: "regions[\(i)]"))
        }
        for f in d.figures {
            guard let r = f.region else { continue }
            let key = "figures.\(f.id).region"
            check(r, SourceLocation(file: f.location.file, line: d.keyLines[key] ?? f.location.line, key: key))
        }
        return out
    }

    /// Cross-file rules: unique slugs and ids, known regions and parents, headline ids.
    public static func assemble(_ settings: SiteSettings, decoded: [DecodedDocument], problems: inout [Diagnostic]) -> Project {
        let (config, units, regions, regionsFailed) = (settings.config, settings.units, settings.regions, settings.regionsFailed)
        // A headline id may live in a file that did not load: no second error about it.
        let somethingFailed = !problems.isEmpty
        var regionBySlug: [String: Region] = [:]
        for r in regions {
            if let first = regionBySlug[r.slug] {
                problems.append(Diagnostic(r.location.with(key: "slug"), "地区编号 `\(r.slug)` 重复定义，另一处在 \(first.location)"))
            } else {
                regionBySlug[r.slug] = r
            }
        }
        for r in regions {
            guard let p = r.parent else { continue }
            if regionBySlug[p] == nil {
                problems.append(Diagnostic(r.location.with(key: "parent"), "上级地区 `\(p)` 不存在",
                                           hint: Suggest.hint(p, in: regionBySlug.keys)))
            }
            // Follow parents; coming back to this region means it is on a cycle, which is
            // reported once, at its member with the smallest slug.
            var chain = [r.slug], cur: String? = p
            while let c = cur, chain.count <= regions.count {
                if c == r.slug {
                    if r.slug == chain.min() {
                        problems.append(Diagnostic(r.location.with(key: "parent"),
                                                   "地区上下级形成了循环：" + (chain + [r.slug]).joined(separator: " → "),
                                                   hint: "每个地区的 parent 应指向更大的上级地区"))
                    }
                    break
                }
                chain.append(c)
                cur = regionBySlug[c]?.parent
            }
        }

        var figures: [String: Figure] = [:]
        var indicators: [String: Indicator] = [:]
        var firstDefinition: [String: SourceLocation] = [:]
        var documents: [Document] = []
        var slugs: [String: String] = [:]
        for d in decoded.sorted(by: { $0.document.file < $1.document.file }) {
            let doc = d.document
            if let other = slugs[doc.slug] {
                problems.append(Diagnostic(doc.location, "报告与案例的文件名 `\(doc.slug)` 重复，另一处是 \(other)",
                                           hint: "report: 链接按文件名寻找目标，文件名必须唯一"))
            }
            slugs[doc.slug] = doc.file
            documents.append(doc)
            // When regions.yaml itself failed, every reference would look unknown: say it once.
            if !regionsFailed {
                problems += unknownRegions(d, known: { regionBySlug[$0] != nil }, hint: { Suggest.hint($0, in: regionBySlug.keys) })
            }
            for f in d.figures {
                if let first = firstDefinition[f.id] {
                    problems.append(Diagnostic(f.location, "编号 `\(f.id)` 重复定义：\(first) 已定义过",
                                               hint: "编号在全部内容中必须唯一；两处是同一个数就删去一处，不同的数请另起编号"))
                } else {
                    firstDefinition[f.id] = f.location
                    figures[f.id] = f
                }
            }
            for ind in d.indicators {
                if let first = firstDefinition[ind.id] {
                    problems.append(Diagnostic(ind.location, "编号 `\(ind.id)` 重复定义：\(first) 已定义过",
                                               hint: "编号在全部内容中必须唯一"))
                } else {
                    firstDefinition[ind.id] = ind.location
                    indicators[ind.id] = ind
                }
            }
        }
        let ids = Set(figures.keys).union(indicators.keys)
        for h in config.headlines where !somethingFailed {
            for id in h.indicatorIDs where !ids.contains(id) {
                problems.append(Diagnostic(h.location.with(key: "headlines"), "首页指标 `\(id)` 不存在", hint: Suggest.hint(id, in: ids)))
            }
        }
        return Project(config: config, units: units, regions: regions, documents: documents, figures: figures, indicators: indicators)
    }
}

