import Foundation
import Render

/// Why `briefing pdf` stopped, in Chinese, with the exit code the command returns: 2 for
/// something the user has to set up or fix (as `briefing import` does for pandoc), 3 for a
/// file that could not be written (DESIGN §4).
public struct PDFFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 2) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }
}

/// The WeasyPrint command line (Debian's `weasyprint` 57, or PyPI's): HTML in, PDF out.
public enum WeasyPrint {
    public static let installHint = "安装方法：sudo apt-get install weasyprint fonts-noto-cjk（Debian、Ubuntu；"
        + "在本仓库中运行 make pdf 会自动安装），或 pip install weasyprint 并装上 Noto CJK（思源）中文字体"

    /// `BRIEFING_WEASYPRINT` when set (another build, or a test's stand-in), else `weasyprint` on PATH.
    public static func locate(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let given = environment["BRIEFING_WEASYPRINT"], !given.isEmpty {
            return FileManager.default.isExecutableFile(atPath: given) ? URL(fileURLWithPath: given) : nil
        }
        for dir in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("weasyprint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Converts `html` into `pdf`. Links relative to the page resolve against `baseURL`;
    /// `epoch` (seconds) stands for "now" wherever a tool would stamp the time. `shown` names
    /// the document in messages.
    static func convert(_ tool: URL, html: URL, pdf: URL, baseURL: String, epoch: Int, shown: String) throws(PDFFailure) {
        let errURL = html.appendingPathExtension("err")
        defer { try? FileManager.default.removeItem(at: errURL) }
        let process = Process()
        process.executableURL = tool
        process.arguments = [html.path, pdf.path, "--base-url", baseURL]
        // Same bytes on every run: fontTools stamps each embedded font subset with the time
        // unless SOURCE_DATE_EPOCH is set, and Python randomises string hashing (set order).
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["SOURCE_DATE_EPOCH": String(epoch), "PYTHONHASHSEED": "0"]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        do {
            guard FileManager.default.createFile(atPath: errURL.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
            let err = try FileHandle(forWritingTo: errURL)
            defer { try? err.close() }
            process.standardError = err
            try process.run()
            process.waitUntilExit()
        } catch {
            throw PDFFailure("错误: 无法运行 \(tool.path)，没有生成 \(shown) 的 PDF：WeasyPrint 可能没有装好。\(installHint)")
        }
        let stderr = String(decoding: FileManager.default.contents(atPath: errURL.path) ?? Data(), as: UTF8.self)
        let size = (try? FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? 0
        guard process.terminationReason == .exit, process.terminationStatus == 0, size > 0 else {
            let why = firstError(stderr) ?? "WeasyPrint 没有给出原因，退出码 \(process.terminationStatus)"
            throw PDFFailure("错误: \(shown) 的 PDF 生成失败：WeasyPrint 报告“\(why)”。"
                             + "请检查 templates/print.mustache 和 templates/assets/\(Renderer.printStyle)，或用 weasyprint 直接转换看完整信息")
        }
    }

    /// The line that says what went wrong: WeasyPrint's first `ERROR:` line, else the
    /// exception that ends a Python traceback, else the first line it wrote.
    static func firstError(_ stderr: String) -> String? {
        let lines = stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let e = lines.first(where: { $0.hasPrefix("ERROR") || $0.hasPrefix("CRITICAL") }) { return e }
        if lines.contains(where: { $0.hasPrefix("Traceback") }), let last = lines.last { return last }
        return lines.first { !$0.hasPrefix("WARNING") } ?? lines.first
    }
}

