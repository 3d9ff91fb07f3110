import BriefingCore
import Foundation
import Render

/// Renders an analysis into the output folder atomically: everything is written into a
/// temporary folder beside it, which replaces the old folder only when all succeeded.
public enum SiteBuilder {
    public struct Stats: Sendable {
        public var files: Int
        public var timings = Timings()
    }

    /// Marks a folder as Briefing's output, so a build never replaces a folder it did not make.
    public static let marker = ".briefing-site"

    public static func build(_ analysis: Analysis, templates t: Templates, output: URL) throws -> Stats {
        let prepared = Timings.now()
        let input = RenderInput(project: analysis.project, evaluation: analysis.evaluation, checks: analysis.checks,
                                bodies: analysis.bodies, displays: analysis.context.values.all.mapValues(\.display),
                                charts: analysis.charts)
        let renderer = Renderer(input: input, templates: t)
        let jobs = renderer.jobs()
        let indexSeconds = Timings.seconds(since: prepared)
        let clock = PhaseClock()
        // Read once: the environment is copied into a dictionary on every access.
        let reportSlow = ProcessInfo.processInfo.environment["BRIEFING_SLOW_PAGES"] != nil
        let start = Timings.now()
        var stats = try write(to: output) { emit in
            // Pages are independent: render and write each on any core, holding none in memory.
            try ParallelMap.forEach(jobs) { job in
                let t0 = Timings.now()
                let file = renderer.render(job)
                let t1 = Timings.now()
                if reportSlow, t1 - t0 > 50_000_000 {
                    FileHandle.standardError.write(Data("slow page \(file.path): \(Double(t1 - t0) / 1e9) s\n".utf8))
                }
                try emit(file)
                clock.add(render: t1 - t0, write: Timings.now() - t1)
            }
        }
        // Render and write overlap across cores; split the wall time by their share of work.
        let wall = Timings.seconds(since: start)
        let (r, w) = clock.totals()
        let share = r + w > 0 ? Double(r) / Double(r + w) : 1
        stats.timings.record("index", seconds: indexSeconds, count: jobs.count, unit: "jobs (lookups, related documents)")
        stats.timings.record("render", seconds: wall * share, count: jobs.count, unit: "pages and files")
        stats.timings.record("write", seconds: wall * (1 - share), count: stats.files, unit: "files")
        return stats
    }

    /// Writes files produced by `produce` into a fresh folder and swaps it in for `output`.
    /// `produce` may call its `emit` from several threads at once.
    public static func write(to output: URL, _ produce: (@Sendable (OutputFile) throws -> Void) throws -> Void) throws -> Stats {
        let fm = FileManager.default
        let out = output.standardizedFileURL
        let outLocation = SourceLocation(file: out.path, line: 0)
        guard out.path != "/", out.pathComponents.count > 1 else {
            throw Diagnostics([Diagnostic(outLocation, "不能把网站写到根目录")])
        }
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: out.path, isDirectory: &isDir) {
            let contents = (try? fm.contentsOfDirectory(atPath: out.path)) ?? []
            guard isDir.boolValue, contents.isEmpty || contents.contains(marker) else {
                throw Diagnostics([Diagnostic(outLocation, "输出目录已存在，且不是“简报”生成的网站，为免误删，拒绝覆盖",
                                              hint: "请换一个 --output 目录，或先手动清空它")])
            }
        }
        let parent = out.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let tmp = parent.appendingPathComponent(".\(out.lastPathComponent).tmp-\(getpid())")
        try? fm.removeItem(at: tmp)
        try fm.createDirectory(at: tmp, withIntermediateDirectories: false)
        let dirs = DirectoryMaker(root: tmp)
        do {
            try writeFile(OutputFile(path: marker, data: Data("Briefing output folder; rebuilt by `briefing build`.\n".utf8)), dirs: dirs)
            dirs.count = 0
            try produce { file in try writeFile(file, dirs: dirs) }
            try swap(tmp, into: out)
        } catch {
            try? fm.removeItem(at: tmp)
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

    /// Exchanges the new folder with the old one in one step where the kernel allows it.
    static func swap(_ tmp: URL, into out: URL) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: out.path) {
            let old = out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).old-\(getpid())")
            try? fm.removeItem(at: old)
            try fm.moveItem(at: out, to: old)
            do { try fm.moveItem(at: tmp, to: out) } catch {
                try? fm.moveItem(at: old, to: out)
                throw error
            }
            try? fm.removeItem(at: old)
        } else {
            try fm.moveItem(at: tmp, to: out)
        }
    }
}

/// Plain POSIX writes: Foundation's `Data.write`/`String.write` sync each file on Linux.
enum PlainWrite {
    static func write(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        try data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
            var off = 0
            while off < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
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
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
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
