import Foundation
import BriefingCore

/// Finds pandoc and turns a .docx into GitHub-flavoured Markdown with the import filter.
public enum PandocRunner {
    /// Oldest pandoc whose Lua table API the filter uses (Debian 12 ships 2.17).
    static let minimumVersion = (2, 17)

    public struct Output: Sendable {
        public var markdown: String
        /// The document title pandoc found (Title style or file properties), or "".
        public var title: String
        public var images: Int
    }

    /// The pandoc executable on PATH, if any.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("pandoc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static let installHint = "安装方法：sudo apt-get install pandoc（Debian、Ubuntu），或从 https://pandoc.org/installing.html 下载安装"

    /// Converts `file` (shown as `shown` in messages) to Markdown.
    public static func convert(_ file: URL, shown: String, pandoc: URL?) throws(ImportFailure) -> Output {
        guard let pandoc else {
            throw .input("错误: 找不到 pandoc，无法读取 \(shown)：导入 Word 文件需要 pandoc（2.17 或更新）。\(installHint)，装好后再运行")
        }
        let version = try run(pandoc, ["--version"], shown: shown)
        if let v = parseVersion(version.stdout), v < minimumVersion {
            throw .input("错误: pandoc 版本太旧（\(v.0).\(v.1)），无法读取 \(shown)：需要 2.17 或更新。\(installHint)")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let filter = work.appendingPathComponent("import.lua")
        let output = work.appendingPathComponent("out.md")
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try Data(PandocFilter.lua.utf8).write(to: filter)
        } catch {
            throw .io("错误: 无法在临时目录 \(work.path) 中写文件，没有导入 \(shown)（检查磁盘空间和 TMPDIR 设置）")
        }
        let result = try run(pandoc, [file.path, "--from=docx", "--to=gfm", "--wrap=none",
                                      "--lua-filter=\(filter.path)", "--output=\(output.path)"], shown: shown)
        guard result.status == 0, let data = FileManager.default.contents(atPath: output.path) else {
            let first = result.stderr.split(whereSeparator: \.isNewline).map { String($0).trimmed() }
                .first { !$0.isEmpty && !$0.hasPrefix("[WARNING]") } ?? "（pandoc 没有给出原因，退出码 \(result.status)）"
            throw .input("错误: \(shown) 无法转换：pandoc 报告“\(first)”。文件可能已损坏；请用 Word 或 WPS 打开它，另存为新的 .docx 后再导入")
        }
        return split(String(decoding: data, as: UTF8.self))
    }

    /// Takes the filter's two marker lines off the top of pandoc's output.
    static func split(_ text: String) -> Output {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out = Output(markdown: "", title: "", images: 0)
        while let first = lines.first {
            if first.hasPrefix(PandocFilter.titleMarker), first.hasSuffix(PandocFilter.markerEnd) {
                out.title = String(first.dropFirst(PandocFilter.titleMarker.count).dropLast(PandocFilter.markerEnd.count)).trimmed()
            } else if first.hasPrefix(PandocFilter.imagesMarker), first.hasSuffix(PandocFilter.markerEnd) {
                out.images = Int(first.dropFirst(PandocFilter.imagesMarker.count).dropLast(PandocFilter.markerEnd.count)) ?? 0
            } else if !first.trimmed().isEmpty {
                break
            }
            lines.removeFirst()
        }
        out.markdown = lines.joined(separator: "\n")
        return out
    }

    /// `pandoc 2.17.1.1` → (2, 17).
    static func parseVersion(_ text: String) -> (Int, Int)? {
        guard let line = text.split(separator: "\n").first, line.hasPrefix("pandoc") else { return nil }
        let numbers = line.split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
        return numbers.count >= 2 ? (numbers[0], numbers[1]) : nil
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs pandoc with its output and errors going to temporary files, so neither pipe can fill up.
    static func run(_ pandoc: URL, _ arguments: [String], shown: String) throws(ImportFailure) -> Result {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("briefing-pandoc-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        defer {
            try? fm.removeItem(at: outURL)
            try? fm.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = pandoc
        process.arguments = arguments
        do {
            guard fm.createFile(atPath: outURL.path, contents: nil), fm.createFile(atPath: errURL.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
            defer {
                try? out.close()
                try? err.close()
            }
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        } catch {
            throw .input("错误: 无法运行 \(pandoc.path)，没有导入 \(shown)：pandoc 可能没有装好。\(installHint)")
        }
        let read = { (u: URL) in String(decoding: fm.contents(atPath: u.path) ?? Data(), as: UTF8.self) }
        return Result(status: process.terminationStatus, stdout: read(outURL), stderr: read(errURL))
    }
}
