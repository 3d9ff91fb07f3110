import BriefingCore
import Content
import Foundation

/// Which input files of `serve` changed since the last good build: inotify where it works,
/// a scan of modification times and sizes otherwise. Only the watcher thread calls it.
final class FileTracker: @unchecked Sendable {
    let content: URL
    let templates: URL
    private var watcher: ChangeWatcher?
    private var watching = false
    private var scanned = false
    private var stamps: [String: FileStamp] = [:]
    /// Stamps of the last good build: a path missing here was added since.
    private var goodStamps: [String: FileStamp] = [:]
    private var editedSinceGood: Set<String> = []
    /// A failed build during a save is tried again once the files are quiet.
    private var retryAt: Double?

    init(content: URL, templates: URL) {
        self.content = content
        self.templates = templates
    }

    /// The watcher starts before the first scan, so no change falls between the two.
    func startWatching() {
        guard !watching else { return }
        watcher = ChangeWatcher(roots: [content, templates])
        watching = true
    }

    func rescan() {
        stamps = scan()
        scanned = true
    }

    /// The build now reflects every file as it is.
    func accepted() {
        goodStamps = stamps
        editedSinceGood = []
        retryAt = nil
    }

    /// Files changed since the last good build, when something changed since the last call
    /// (or a retry is due); nil when nothing did.
    func changedSinceGood() -> Set<String>? {
        var now = stamps
        var changed: Set<String> = []
        switch scanned ? watcher?.changes() ?? .unknown : .unknown {
        case .none:
            break
        case .paths(let paths):
            for p in paths where isInput(p) {
                let stamp = FileStamp(path: p)
                if stamp != now[p] { changed.insert(p) }
                now[p] = stamp
            }
        case .unknown:
            let fresh = scan()
            for (p, s) in fresh where now[p] != s { changed.insert(p) }
            for p in now.keys where fresh[p] == nil { changed.insert(p) }
            now = fresh
            scanned = true
        }
        stamps = now
        editedSinceGood.formUnion(changed)
        if !changed.isEmpty { return editedSinceGood }
        if let at = retryAt, Self.clock() >= at {
            retryAt = nil
            return editedSinceGood
        }
        return nil
    }

    /// The reports and cases among `paths`, when that is all they are and each existed at the
    /// last good build and still does; nil when a full rebuild is needed.
    func editedDocuments(_ paths: Set<String>) -> [(path: String, kind: DocumentKind)]? {
        var out: [(String, DocumentKind)] = []
        for p in paths.sorted() {
            guard goodStamps[p] != nil, stamps[p] != nil, let kind = documentKind(of: p) else { return nil }
            out.append((p, kind))
        }
        return out.isEmpty ? nil : out
    }

    /// Whether any of `paths` was written in the last half second (a save may be under way).
    func recentlyWritten(_ paths: Set<String>) -> Bool {
        let now = Date().timeIntervalSince1970
        return paths.contains { p in
            guard let s = FileStamp(path: p) else { return false }
            return abs(now - Double(s.mtime) / 1e9) < Self.quiet
        }
    }

    static let quiet = 0.5

    func retryLater() { retryAt = Self.clock() + Self.quiet }

    /// Blocks until a file may have changed, or `timeout` passed.
    func wait(timeout: Double) {
        if scanned, let watcher { watcher.wait(timeout: timeout) } else { usleep(UInt32(timeout * 1_000_000)) }
    }

    static func clock() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// The kind of a report or case file under content/, nil for any other file.
    func documentKind(of path: String) -> DocumentKind? {
        guard path.hasSuffix(".md") else { return nil }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return DocumentKind.allKinds.first { content.appendingPathComponent($0.rawValue).path == folder }
    }

    /// Whether a file is read by a build: editors' temporary and swap files are not.
    func isInput(_ path: String) -> Bool {
        let name = URL(fileURLWithPath: path).lastPathComponent
        if name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913" {
            return false
        }
        guard path.hasPrefix(content.path + "/") else { return true }
        let rel = String(path.dropFirst(content.path.count + 1))
        return rel == "site.yaml" || rel == "regions.yaml" || documentKind(of: path) != nil
    }

    func scan() -> [String: FileStamp] {
        var out: [String: FileStamp] = [:]
        for root in [content, templates] {
            guard let e = FileManager.default.enumerator(atPath: root.path) else { continue }
            while let rel = e.nextObject() as? String {
                let p = root.path + "/" + rel
                if isInput(p), let s = FileStamp(path: p) { out[p] = s }
            }
        }
        return out
    }
}
