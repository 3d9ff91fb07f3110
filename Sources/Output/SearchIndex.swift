import BriefingCore
import Foundation

/// The search page's index, made by Pagefind (with Chinese word segmentation) over the finished
/// pages, inside the folder that is then swapped in, so a published site always has its index.
public enum SearchIndex {
    public enum Outcome: Sendable, Equatable {
        case built(seconds: Double)
        /// Pagefind is not installed: the site works, its search page says so.
        case unavailable
    }

    /// How to run Pagefind here: its own program on PATH, or the PyPI package.
    static func command() -> [String]? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["pagefind_extended", "pagefind"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return ["\(dir)/\(name)"]
            }
        }
        for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/python3") {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: "\(dir)/python3")
            probe.arguments = ["-c", "import pagefind_bin_extended"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { continue }
            probe.waitUntilExit()
            if probe.terminationStatus == 0 { return ["\(dir)/python3", "-m", "pagefind_bin_extended"] }
        }
        return nil
    }

    /// Indexes the site in `folder` into `folder/pagefind/`.
    public static func build(in folder: URL) throws -> Outcome {
        guard let cmd = command() else { return .unavailable }
        let start = Timings.now()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: cmd[0])
        p.arguments = Array(cmd.dropFirst()) + ["--site", folder.path, "--output-subdir", "pagefind", "--keep-index-url", "--silent"]
        p.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        p.standardError = err
        do { try p.run() } catch { return .unavailable }
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let first = message.split(separator: "\n").first.map(String.init) ?? "退出码 \(p.terminationStatus)"
            throw IOProblem(path: folder.path, message: "生成搜索索引失败：\(TerminalText.line(first))",
                            hint: "可用 --no-search 先不生成搜索索引")
        }
        return .built(seconds: Timings.seconds(since: start))
    }
}
