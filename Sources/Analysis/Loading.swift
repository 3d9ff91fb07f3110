import BriefingCore
import Content
import Foundation
import Markup

/// One report or case after loading: its front matter decoded and the facts of its body
/// collected. The body itself is not kept (pages read it again from the file).
public struct LoadedDocument: Sendable {
    public var decoded: DecodedDocument
    public var facts: BodyFacts
    public var document: Document { decoded.document }
}

/// Reading `content/`: settings, then every report and case decoded and its body's facts
/// collected in one pass per file, on every core, so no body outlives its own step.
public enum Loader {
    public struct Loaded: Sendable {
        public var settings: SiteSettings
        public var documents: [LoadedDocument]
        public var problems: [Diagnostic]
        public var warnings: [Diagnostic]
    }

    public static func load(directory: URL, display: String, cache: LoadCache? = nil) -> Loaded {
        let settings = ContentLoader.settings(directory: directory, display: display)
        cache?.reset(ifSiteChanged: settings.siteText)
        let listing = ContentLoader.documentFiles(directory: directory, display: display)
        let units = settings.units
        let results = ParallelMap.map(listing.files) { f -> Result<LoadedDocument, Diagnostic> in
            let stamp = cache == nil ? nil : FileStamp(path: f.url.path)
            if let stamp, let hit = cache?.get(f.url.path, stamp) { return hit }
            let result = loadFile(f, display: display, units: units)
            if let stamp { cache?.put(f.url.path, stamp, result) }
            return result
        }
        var documents: [LoadedDocument] = []
        var problems = settings.problems + listing.problems
        for r in results {
            switch r {
            case .success(let d): documents.append(d)
            case .failure(let e): problems.append(e)
            }
        }
        return Loaded(settings: settings, documents: documents, problems: problems, warnings: listing.warnings)
    }

    /// Decodes one file and collects its body's facts; the body is dropped here.
    public static func loadFile(_ f: DocumentFile, display: String, units: UnitRegistry) -> Result<LoadedDocument, Diagnostic> {
        switch ContentLoader.decodeFile(f.url, name: f.name, kind: f.kind, display: display, units: units) {
        case .failure(let e): return .failure(e)
        case .success(var d):
            var facts = BodyFacts.collect(d.body, file: d.document.file, firstLine: d.document.bodyStartLine, units: units)
            d.body = ""
            let file = d.document.file
            let title = InlineText.collect(d.document.title, field: "title", file: file, line: d.keyLines["title"] ?? 1, units: units)
            facts.unbound = title.unbound + facts.unbound
            d.document.title = title.plain
            facts.inlineLinks = title.links
            facts.problems += title.problems
            if let summary = d.document.summary {
                let line = d.keyLines["summary"] ?? 1
                let s = InlineText.collect(summary, field: "summary", file: file, line: line, units: units)
                facts.unbound = s.unbound + facts.unbound
                d.document.summary = s.plain
                facts.inlineLinks += s.links
                facts.problems += s.problems
            }
            return .success(LoadedDocument(decoded: d, facts: facts))
        }
    }

    /// The Markdown body of a document, read again from its file for its page. Nil when the
    /// file no longer holds the body that was analysed (it was edited meanwhile) or is unreadable.
    public static func body(of doc: Document, contentDirectory: URL) -> String? {
        let url = contentDirectory.appendingPathComponent(doc.kind.rawValue).appendingPathComponent(doc.slug + ".md")
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = try? SourceText.decode(data, file: doc.file),
              let fm = try? FrontMatter.split(text, file: doc.file),
              fm.bodyStartLine == doc.bodyStartLine, TextHash.of(fm.body) == doc.bodyHash else { return nil }
        return fm.body
    }
}

/// Loaded files kept between builds of `briefing serve`, keyed by path and invalidated by
/// modification time and size, so that a full rebuild reads only the files that changed.
public final class LoadCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (stamp: FileStamp, result: Result<LoadedDocument, Diagnostic>)] = [:]
    /// site.yaml's text: its units apply to every file, so a change there clears everything.
    private var siteText: String?
    /// Files loaded (not found in the cache) since the last reset.
    public private(set) var misses = 0

    public init() {}

    func reset(ifSiteChanged text: String?) {
        lock.withLock {
            if text != siteText {
                entries.removeAll()
                siteText = text
            }
            misses = 0
        }
    }

    func get(_ path: String, _ stamp: FileStamp) -> Result<LoadedDocument, Diagnostic>? {
        lock.withLock {
            guard let e = entries[path], e.stamp == stamp else { misses += 1; return nil }
            return e.result
        }
    }

    func put(_ path: String, _ stamp: FileStamp, _ result: Result<LoadedDocument, Diagnostic>) {
        lock.withLock { entries[path] = (stamp, result) }
    }
}
