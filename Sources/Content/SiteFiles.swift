import BriefingCore
import Foundation

/// What `content/site.yaml` and `content/regions.yaml` say, and what went wrong reading them.
public struct SiteSettings: Sendable {
    public var config = SiteConfig(title: "简报")
    public var units = UnitRegistry()
    public var regions: [Region] = []
    /// regions.yaml could not be used: every region reference would look unknown, so say it once.
    public var regionsFailed = false
    /// site.yaml's text, so a cache of decoded files knows when the units may have changed.
    public var siteText: String?
    public var problems: [Diagnostic] = []
}

/// A report or case file to decode.
public struct DocumentFile: Sendable, Hashable {
    public var kind: DocumentKind
    public var name: String
    public var url: URL
    public init(kind: DocumentKind, name: String, url: URL) {
        self.kind = kind
        self.name = name
        self.url = url
    }
}

public extension ContentLoader {
    /// Reads site.yaml (required) and regions.yaml (optional). A file that exists but cannot
    /// be read is an error naming it, never silently the defaults.
    static func settings(directory: URL, display: String) -> SiteSettings {
        var s = SiteSettings()
        let site = readText(directory, "site.yaml", display: display, required: true, problems: &s.problems)
        if let (text, shown) = site {
            s.siteText = text
            do { (s.config, s.units) = try ProjectDecoder.siteConfig(text: text, file: shown) } catch { s.problems.append(error) }
        }
        let before = s.problems.count
        let regionsLoaded = readText(directory, "regions.yaml", display: display, required: false, problems: &s.problems)
        if let (text, shown) = regionsLoaded {
            do { s.regions = try ProjectDecoder.regions(text: text, file: shown) } catch {
                s.problems.append(error)
                s.regionsFailed = true
            }
        } else if s.problems.count > before {
            s.regionsFailed = true
        }
        return s
    }

    /// The text of a settings file, or nil with a problem recorded when it is missing (and
    /// required), not a regular file, unreadable or not UTF-8.
    private static func readText(_ directory: URL, _ name: String, display: String, required: Bool,
                                 problems: inout [Diagnostic]) -> (String, String)? {
        let path = directory.appendingPathComponent(name).path
        let shown = "\(display)/\(name)"
        let at = SourceLocation(file: shown, line: 0)
        var st = stat()
        guard stat(path, &st) == 0 else {
            if lstat(path, &st) == 0 {
                // A link to nothing exists but cannot be read: not the same as no file at all.
                problems.append(Diagnostic(at, "\(name) 是一个指向不存在位置的链接，无法读取",
                                           hint: "删去这个链接，在内容目录下直接写一个 \(name) 文件"))
            } else if required {
                problems.append(Diagnostic(at, "找不到 \(name)",
                                           hint: "内容目录下需要 \(name)（网站标题等）；检查 --content 指向的目录是否正确，或用 briefing init 新建一个网站"))
            }
            return nil
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            problems.append(Diagnostic(at, "\(name) 不是普通文件（可能是一个文件夹）", hint: "删去或改名这个文件夹，再写一个 \(name) 文件"))
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append(Diagnostic(at, "无法读取 \(name)（没有读取权限）", hint: "检查这个文件的权限，例如 chmod a+r \(shown)"))
            return nil
        }
        do { return (try SourceText.decode(data, file: shown), shown) } catch {
            problems.append(error)
            return nil
        }
    }

    /// The report and case files, sorted; warnings for files that look like content but are
    /// not read (wrong extension, trailing spaces), errors for links that lead outside content/.
    static func documentFiles(directory: URL, display: String) -> (files: [DocumentFile], warnings: [Diagnostic], problems: [Diagnostic]) {
        var files: [DocumentFile] = [], warnings: [Diagnostic] = [], problems: [Diagnostic] = []
        let root = realPath(directory.path) ?? directory.path
        for kind in DocumentKind.allKinds {
            let dir = directory.appendingPathComponent(kind.rawValue)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                let shown = "\(display)/\(kind.rawValue)/\(name)"
                let url = dir.appendingPathComponent(name)
                guard name.hasSuffix(".md") else {
                    let t = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                    if t.hasSuffix(".md") || t.hasSuffix(".markdown") {
                        warnings.append(Diagnostic(SourceLocation(file: shown, line: 0), "这个文件没有被读取：文件名应以小写的 .md 结尾",
                                                   hint: "改名为 \(suggestedName(name))，它才会出现在网站上"))
                    }
                    continue
                }
                guard let real = realPath(url.path), real.hasPrefix(root + "/") else {
                    problems.append(Diagnostic(SourceLocation(file: shown, line: 0), "这是一个指向内容目录之外的链接（或无法解析的链接），拒绝读取",
                                               hint: "把文件本身复制到 \(display)/\(kind.rawValue)/ 下，不要用符号链接"))
                    continue
                }
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue { continue }
                files.append(DocumentFile(kind: kind, name: name, url: url))
            }
        }
        return (files, warnings, problems)
    }

    static func suggestedName(_ name: String) -> String {
        var base = name.trimmingCharacters(in: .whitespacesAndNewlines)
        for ext in [".markdown", ".md"] where base.lowercased().hasSuffix(ext) { base = String(base.dropLast(ext.count)) }
        return base + ".md"
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}
