import BriefingCore
import Foundation

/// Decoded files kept between builds of `briefing serve`, keyed by path and invalidated by
/// modification time and size, so that a rebuild decodes only the files that changed.
public final class DecodeCache: @unchecked Sendable {
    struct Entry {
        var stamp: FileStamp
        var result: Result<DecodedDocument, Diagnostic>
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// site.yaml's text: its units apply to every file, so a change there clears everything.
    private var siteText: String?
    public private(set) var hits = 0
    public private(set) var misses = 0

    public init() {}

    func reset(ifSiteChanged text: String?) {
        lock.lock()
        defer { lock.unlock() }
        if text != siteText {
            entries.removeAll()
            siteText = text
        }
        hits = 0
        misses = 0
    }

    func get(_ path: String, _ stamp: FileStamp) -> Result<DecodedDocument, Diagnostic>? {
        lock.lock()
        defer { lock.unlock() }
        guard let e = entries[path], e.stamp == stamp else { misses += 1; return nil }
        hits += 1
        return e.result
    }

    func put(_ path: String, _ stamp: FileStamp, _ result: Result<DecodedDocument, Diagnostic>) {
        lock.lock()
        entries[path] = Entry(stamp: stamp, result: result)
        lock.unlock()
    }
}

/// A file's modification time (nanoseconds) and size.
public struct FileStamp: Hashable, Sendable {
    public var mtime: Int64
    public var size: Int64

    /// Nil when there is no regular file at `path` (folders have no stamp: their time
    /// changes whenever an editor saves through a temporary file).
    public init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        size = Int64(st.st_size)
    }
}
