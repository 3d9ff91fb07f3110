import Analysis
import BriefingCore
import CFileExchange
import Foundation
import Render

/// Renders an analysis into the output folder atomically: every page is rendered, written
/// and released on any core into a temporary folder beside the output, which then takes the
/// output's place in one step. A failure leaves the previous site as it was.
public enum SiteWriter {
    public struct Stats: Sendable {
        public var files: Int
        public var timings = Timings()
        /// What became of the search index (nil when not asked for).
        public var search: SearchIndex.Outcome?
    }

    /// Marks a folder as Briefing's output, so a build never replaces a folder it did not make.
    public static let marker = ".briefing-site"

    /// `inputs` are the content and templates folders: the output may neither hold nor lie inside them.
    /// With `search`, Pagefind indexes the pages before the folder is swapped in.
    public static func build(_ analysis: Analysis, templates: Templates, output: URL, inputs: [URL],
                             search: Bool = false) throws -> Stats {
        let renderer = Renderer(analysis: analysis, templates: templates)
        let routes = renderer.routes()
        let clock = PhaseClock()
        let start = Timings.now()
        var outcome: SearchIndex.Outcome?
        var stats = try write(to: output, inputs: inputs, finish: { folder in
            if search { outcome = try SearchIndex.build(in: folder) }
        }) { emit in
            try ParallelMap.forEach(routes) { route in
                let t0 = Timings.now()
                let file = try renderer.render(route)
                let t1 = Timings.now()
                try emit(file)
                clock.add(render: t1 - t0, write: Timings.now() - t1)
            }
        }
        // Render and write overlap across cores; split the wall time by their share of work.
        let wall = Timings.seconds(since: start)
        let (r, w) = clock.totals()
        let share = r + w > 0 ? Double(r) / Double(r + w) : 1
        stats.timings.record("render", seconds: wall * share, count: routes.count, unit: "pages and files")
        stats.timings.record("write", seconds: wall * (1 - share), count: stats.files, unit: "files")
        stats.search = outcome
        if case .built(let seconds)? = outcome { stats.timings.record("search", seconds: seconds, count: 1, unit: "index (Pagefind)") }
        return stats
    }

    /// Writes files produced by `produce` into a fresh folder and swaps it in for `output`.
    /// `produce` may call its `emit` from several threads at once.
    public static func write(to output: URL, inputs: [URL] = [], finish: (URL) throws -> Void = { _ in },
                             _ produce: (@Sendable (OutputFile) throws -> Void) throws -> Void) throws -> Stats {
        let target = try OutputTarget.resolve(output, inputs: inputs)
        OutputTarget.removeLeftovers(beside: target)
        let tmp = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
        try? FileManager.default.removeItem(at: tmp)
        guard mkdir(tmp.path, 0o755) == 0 else { throw IOProblem(path: tmp.path, errno: errno, doing: "创建临时文件夹") }
        let dirs = DirectoryMaker(root: tmp)
        do {
            try writeFile(OutputFile(path: marker, data: Data("Briefing output folder; rebuilt by `briefing build`.\n".utf8)), dirs: dirs)
            dirs.count = 0
            try produce { file in try writeFile(file, dirs: dirs) }
            try finish(tmp)
            try OutputTarget.swap(tmp, into: target)
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
        return Stats(files: dirs.count)
    }

    /// Rejects any path that could leave the output folder.
    static func checkPath(_ path: String) throws {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !parts.isEmpty,
              parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\\") && !$0.contains("\0") }) else {
            throw Diagnostics([Diagnostic(SourceLocation(file: path, line: 0), "输出路径 `\(path)` 不安全，已拒绝写入")])
        }
    }

    static func writeFile(_ file: OutputFile, dirs: DirectoryMaker) throws {
        try checkPath(file.path)
        try dirs.ensureFolder(of: file.path)
        try PlainWrite.write(file.data, to: dirs.rootPath + "/" + file.path)
        dirs.countFile()
    }
}

/// Plain POSIX writes: Foundation's `Data.write`/`String.write` sync each file on Linux.
enum PlainWrite {
    static func write(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw IOProblem(path: path, errno: errno, doing: "写入文件") }
        defer { close(fd) }
        try data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
            var off = 0
            while off < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw IOProblem(path: path, errno: errno, doing: "写入文件")
                }
                off += n
            }
        }
    }
}

/// Creates each output folder once, from any thread, and counts the files written.
final class DirectoryMaker: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Set<Substring> = [""]
    /// The folder everything is written into, as a path (URL.path is recomputed on each call).
    let rootPath: String
    var count = 0

    init(root: URL) { rootPath = root.path }

    /// Makes the folder that will hold `path` (relative to the root).
    func ensureFolder(of path: String) throws {
        lock.lock()
        defer { lock.unlock() }
        try make(Self.parent(Substring(path)))
    }

    private static func parent(_ path: Substring) -> Substring { path[..<(path.lastIndex(of: "/") ?? path.startIndex)] }

    /// Parents first, with plain mkdir: one system call per new folder.
    private func make(_ relative: Substring) throws {
        if made.contains(relative) { return }
        try make(Self.parent(relative))
        if mkdir(rootPath + "/" + relative, 0o755) != 0 && errno != EEXIST {
            throw IOProblem(path: rootPath + "/" + relative, errno: errno, doing: "创建文件夹")
        }
        made.insert(relative)
    }

    func countFile() {
        lock.lock()
        count += 1
        lock.unlock()
    }
}

/// Sums of render and write time across threads, in nanoseconds.
final class PhaseClock: @unchecked Sendable {
    private let lock = NSLock()
    private var render: UInt64 = 0
    private var write: UInt64 = 0

    func add(render r: UInt64, write w: UInt64) {
        lock.lock()
        render += r
        write += w
        lock.unlock()
    }

    func totals() -> (UInt64, UInt64) {
        lock.lock()
        defer { lock.unlock() }
        return (render, write)
    }
}
