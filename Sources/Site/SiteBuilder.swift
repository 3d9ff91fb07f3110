import BriefingCore
import Foundation
import Render

/// Renders an analysis into the output folder atomically: everything is written into a
/// temporary folder beside it, which replaces the old folder only when all succeeded.
public enum SiteBuilder {
    public struct Stats: Sendable {
        public var files: Int
    }

    /// Marks a folder as Briefing's output, so a build never replaces a folder it did not make.
    public static let marker = ".briefing-site"

    public static func build(_ analysis: Analysis, templates t: Templates, output: URL) throws -> Stats {
        let input = RenderInput(project: analysis.project, evaluation: analysis.evaluation, checks: analysis.checks,
                                bodies: analysis.bodies, displays: analysis.context.values.mapValues(\.display),
                                charts: analysis.charts)
        let renderer = Renderer(input: input, templates: t)
        return try write(to: output) { emit in try renderer.renderAll(emit) }
    }

    /// Writes files produced by `produce` into a fresh folder and swaps it in for `output`.
    public static func write(to output: URL, _ produce: ((OutputFile) throws -> Void) throws -> Void) throws -> Stats {
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
        var count = 0
        do {
            var made: Set<String> = [""]
            try writeFile(OutputFile(path: marker, data: Data("Briefing output folder; rebuilt by `briefing build`.\n".utf8)), into: tmp, made: &made)
            try produce { file in
                try writeFile(file, into: tmp, made: &made)
                count += 1
            }
            try swap(tmp, into: out)
        } catch {
            try? fm.removeItem(at: tmp)
            throw error
        }
        return Stats(files: count)
    }

    /// Rejects any path that could leave the output folder.
    static func checkPath(_ path: String) throws {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !parts.isEmpty,
              parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\\") && !$0.contains("\0") }) else {
            throw Diagnostics([Diagnostic(SourceLocation(file: path, line: 0), "输出路径 `\(path)` 不安全，已拒绝写入")])
        }
    }

    static func writeFile(_ file: OutputFile, into dir: URL, made: inout Set<String>) throws {
        try checkPath(file.path)
        let parentPath = (file.path as NSString).deletingLastPathComponent
        if !made.contains(parentPath) {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(parentPath), withIntermediateDirectories: true)
            made.insert(parentPath)
        }
        try PlainWrite.write(file.data, to: dir.appendingPathComponent(file.path).path)
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
