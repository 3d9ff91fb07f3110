import CFileExchange
import Foundation
@testable import Output
import Testing

// Where a build writes and how it replaces the old site: a build must never delete or write
// into its inputs, never leave the site missing, keep a `site` symlink, clean up after a
// killed build, and report file-system failures with exit 3 and a Chinese message.

extension HostileCase {
    /// The templates the base site was built with.
    static func baseTemplates() throws -> URL { try HostileFixture.base.get().appendingPathComponent("templates") }

    func cli(_ args: [String], deadline: Duration = .seconds(60)) throws -> RunResult {
        try HostileFixture.runCLI(args, cwd: dir, deadline: deadline)
    }

    /// `build` in this case's folder, with the base templates unless told otherwise.
    func build(content: String = "content", templates: String? = nil, output: String = "site") throws -> RunResult {
        try cli(["build", "--content", content, "--templates", templates ?? HostileCase.baseTemplates().path, "--output", output])
    }

    /// A private copy of the templates in this case's folder (`templates/`), to break on purpose.
    func copyTemplates() throws -> URL {
        let t = dir.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: HostileCase.baseTemplates(), to: t)
        return t
    }

    /// Names in the case's folder (hidden ones too), sorted.
    func entries(in folder: URL? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: (folder ?? dir).path).filter { !$0.hasPrefix(".out-") && !$0.hasPrefix(".err-") }.sorted()
    }
}

/// Runs the CLI as the unprivileged user `nobody` when the tests run as root (root ignores
/// permissions), else as the current user. Nil when root cannot drop privileges here.
func runUnprivileged(_ args: [String], cwd: URL) throws -> RunResult? {
    let p = Process()
    if getuid() == 0 {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", HostileFixture.binary.path] + args
    } else {
        p.executableURL = HostileFixture.binary
        p.arguments = args
    }
    p.currentDirectoryURL = cwd
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RunResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// Whether a message is written for people here: some Chinese, none of Foundation's English.
func expectChineseIOMessage(_ r: RunResult, naming path: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.status == 3, "exit \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
    #expect(r.stderr.contains(path), "`\(path)` not named in: \(r.stderr)", sourceLocation: sourceLocation)
    #expect(r.stderr.contains("文件错误") && r.stderr.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) },
            "\(r.stderr)", sourceLocation: sourceLocation)
    for english in ["NSCocoaErrorDomain", "Error Domain", "The operation", "couldn’t", "Error:"] {
        #expect(!r.stderr.contains(english), "\(r.stderr)", sourceLocation: sourceLocation)
    }
}

@Suite(.serialized) struct OutputSafetyTests {
    typealias F = HostileFixture

    // MARK: the output never swallows the inputs

    @Test func buildRefusesOutputFolderThatHoldsTheContentFolder() throws {
        let c = try HostileCase("content-in-output")
        try FileManager.default.moveItem(at: c.content, to: c.site.appendingPathComponent("content"))
        let before = snapshot(c.site)
        #expect(before.keys.contains("content/" + F.energyPath))
        let r = try c.build(content: "site/content")
        #expect(r.status == 2, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("site/content") && r.stderr.contains("输出目录包含输入目录"), "\(r.stderr)")
        #expect(snapshot(c.site) == before, "the content (or the site) was changed")
    }

    @Test func buildRefusesOutputFolderThatHoldsTheTemplatesFolder() throws {
        let c = try HostileCase("templates-in-output")
        try FileManager.default.copyItem(at: HostileCase.baseTemplates(), to: c.site.appendingPathComponent("templates"))
        let before = snapshot(c.site)
        let r = try c.build(templates: "site/templates")
        #expect(r.status == 2, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("site/templates"), "\(r.stderr)")
        #expect(snapshot(c.site) == before, "the templates (or the site) were changed")
    }

    @Test func buildRefusesOutputFolderInsideTheInputs() throws {
        let c = try HostileCase("output-in-inputs")
        let templates = try c.copyTemplates()
        let (t0, c0) = (snapshot(templates), snapshot(c.content))
        for output in ["templates/assets/out", "content/site", "content/reports/out"] {
            let r = try c.build(templates: "templates", output: output)
            #expect(r.status == 2, "\(output): \(r.stdout) \(r.stderr)")
            #expect(r.stderr.contains("输出目录位于输入目录"), "\(output): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: c.dir.appendingPathComponent(output).path), "\(output) was created")
        }
        #expect(snapshot(templates) == t0)
        #expect(snapshot(c.content) == c0)
    }

    // MARK: replacing the old site

    @Test func buildOverAnExistingSiteLeavesNewSiteAndNoTemporaryFolders() throws {
        let c = try HostileCase("swap")
        try c.edit(F.energyPath, "title: 新能源报告", "title: 新能源报告修订版")
        let r = try c.build()
        #expect(r.status == 0, "\(r.stderr)")
        let page = String(decoding: (try? Data(contentsOf: c.site.appendingPathComponent("reports/energy/index.html"))) ?? Data(), as: UTF8.self)
        #expect(page.contains("新能源报告修订版"))
        #expect(FileManager.default.fileExists(atPath: c.site.appendingPathComponent(SiteWriter.marker).path))
        #expect(try c.entries() == ["content", "site"])
    }

    /// The swap is one exchange: a second thread watching the output folder never finds it
    /// missing. (With two renames, the old site moved away and the new one moved in, the
    /// watcher sees the gap between them; a build killed there left no site at all.)
    @Test func swapNeverLeavesTheSiteFolderMissing() throws {
        let dir = tempDir("exchange")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("0".utf8).write(to: out.appendingPathComponent("n"))
        let watcher = MissingWatcher(path: out.path)
        let thread = Thread { watcher.watch() }
        thread.start()
        for i in 1...100 {
            let tmp = dir.appendingPathComponent(".site.tmp-\(i)")
            try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
            try Data("\(i)".utf8).write(to: tmp.appendingPathComponent("n"))
            try OutputTarget.swap(tmp, into: out)
            #expect(!FileManager.default.fileExists(atPath: tmp.path))
        }
        watcher.stop()
        #expect(watcher.looks > 0)
        #expect(watcher.missing == 0, "the site folder was missing \(watcher.missing) times")
        #expect(String(decoding: try Data(contentsOf: out.appendingPathComponent("n")), as: UTF8.self) == "100")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["site"])
    }

    @Test func exchangeSwapsTwoFullFoldersInOneStep() throws {
        let dir = tempDir("exchange-call")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        for (u, text) in [(a, "old"), (b, "new")] {
            try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: u.appendingPathComponent(text))
        }
        #expect(briefing_exchange(b.path, a.path) == 0, "errno \(errno)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: a.path) == ["new"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: b.path) == ["old"])
    }

    @Test func leftoverTemporaryFoldersOfADeadBuildAreRemovedButALiveOnesAreKept() throws {
        let c = try HostileCase("leftovers")
        // A PID no process has now; the test runner's own PID is certainly alive.
        let dead = try #require((2...Int32(4_000_000)).reversed().lazy.first { kill($0, 0) != 0 && errno == ESRCH })
        let live = getpid()
        let names = [".site.tmp-\(dead)", ".site.old-\(dead)", ".site.tmp-\(live)", ".site.old-\(live)"]
        for n in names {
            let u = c.dir.appendingPathComponent(n)
            try FileManager.default.createDirectory(at: u.appendingPathComponent("reports"), withIntermediateDirectories: true)
            try Data("half-written".utf8).write(to: u.appendingPathComponent("reports/index.html"))
        }
        defer { for n in names { try? FileManager.default.removeItem(at: c.dir.appendingPathComponent(n)) } }
        let r = try c.build()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try c.entries() == [".site.old-\(live)", ".site.tmp-\(live)", "content", "site"].sorted())
    }

    @Test func siteSymlinkStaysALinkAndItsTargetIsUpdated() throws {
        let c = try HostileCase("symlink-output")
        let real = c.dir.appendingPathComponent("published")
        try FileManager.default.moveItem(at: c.site, to: real)
        try FileManager.default.createSymbolicLink(atPath: c.site.path, withDestinationPath: "published")
        try c.edit(F.energyPath, "title: 新能源报告", "title: 新能源报告第二版")
        let r = try c.build()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: c.site.path) == "published")
        let page = String(decoding: (try? Data(contentsOf: real.appendingPathComponent("reports/energy/index.html"))) ?? Data(), as: UTF8.self)
        #expect(page.contains("新能源报告第二版"), "the link's target was not updated")
        #expect(try c.entries() == ["content", "published", "site"])
    }

    // MARK: file-system failures: exit 3, in Chinese, naming the path

    @Test func outputBelowARegularFileIsAFileErrorInChinese() throws {
        let c = try HostileCase("output-under-file")
        try Data("not a folder".utf8).write(to: c.dir.appendingPathComponent("afile"))
        let r = try c.build(output: "afile/site")
        expectChineseIOMessage(r, naming: c.dir.appendingPathComponent("afile").path)
        #expect(r.stderr.contains("不是文件夹"), "\(r.stderr)")
    }

    @Test func outputWhereNoFolderCanBeCreatedIsAFileErrorInChinese() throws {
        let c = try HostileCase("output-in-proc")
        let parent = "/proc/briefing-\(UUID().uuidString)"
        let r = try c.build(output: parent + "/site")
        expectChineseIOMessage(r, naming: parent)
        let sys = try c.build(output: "/sys/briefing-site")
        expectChineseIOMessage(sys, naming: "/sys/")
    }

    @Test func readOnlyOutputParentIsAFileErrorInChinese() throws {
        let c = try HostileCase("read-only-parent")
        let parent = c.dir.appendingPathComponent("readonly")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        chmod(parent.path, 0o555)
        defer { chmod(parent.path, 0o755) }
        let r = try #require(try runUnprivileged(["build", "--content", "content", "--templates", HostileCase.baseTemplates().path,
                                                  "--output", "readonly/site"], cwd: c.dir), "cannot drop root privileges here")
        expectChineseIOMessage(r, naming: parent.path)
        #expect(r.stderr.contains("没有权限"), "\(r.stderr)")
        #expect(try c.entries(in: parent).isEmpty)
    }

    /// A write past the file-size limit (as on a full disk or a quota): exit 3, a Chinese
    /// message, the old site kept whole. Run through a shell so SIGXFSZ has its default action.
    @Test func fileSizeLimitIsAFileErrorAndKeepsTheOldSite() throws {
        let c = try HostileCase("file-size-limit")
        let before = snapshot(c.site)
        let command = "ulimit -f 8; exec '\(HostileFixture.binary.path)' build --no-search --content content --templates '\(try HostileCase.baseTemplates().path)' --output site"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.currentDirectoryURL = c.dir
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 3, "\(p.terminationReason) \(p.terminationStatus): \(e)")
        #expect(e.contains("文件超过了系统允许的大小"), "\(e)")
        #expect(!e.contains("File too large"), "\(e)")
        #expect(snapshot(c.site) == before)
        let left = try c.entries()
        #expect(left.filter { $0.hasPrefix(".site") }.isEmpty, "no temporary folder left: \(left)")
    }

    /// A really full disk: a 2 MiB tmpfs (needs root and permission to mount; skipped otherwise).
    @Test func fullDiskIsAFileErrorAndKeepsTheOldSite() throws {
        let c = try HostileCase("full-disk")
        let disk = c.dir.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.path]
        mount.standardError = FileHandle.nullDevice
        guard getuid() == 0, (try? mount.run()) != nil else { return }
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { return }
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [disk.path]
            try? umount.run()
            umount.waitUntilExit()
        }
        // The old site on the small disk, then a body that cannot fit beside it.
        try FileManager.default.copyItem(at: c.site, to: disk.appendingPathComponent("site"))
        let before = snapshot(disk.appendingPathComponent("site"))
        try c.insert(String(repeating: "很长的正文。", count: 200_000), after: "## 一、发展现状\n")
        let r = try c.build(output: "disk/site")
        #expect(r.status == 3, "\(r.status): \(r.stderr)")
        #expect(r.stderr.contains("磁盘已满"), "\(r.stderr)")
        #expect(snapshot(disk.appendingPathComponent("site")) == before)
    }
}

/// Polls a path on its own thread and counts the times it did not exist.
final class MissingWatcher: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var running = true
    private var counts = (looks: 0, missing: 0)

    init(path: String) { self.path = path }

    var looks: Int { lock.withLock { counts.looks } }
    var missing: Int { lock.withLock { counts.missing } }

    func watch() {
        var st = stat()
        while lock.withLock({ running }) {
            let gone = stat(path, &st) != 0
            lock.withLock {
                counts.looks += 1
                if gone { counts.missing += 1 }
            }
        }
        done.signal()
    }

    /// Stops watching and waits for the watching thread to finish.
    func stop() {
        lock.withLock { running = false }
        done.wait()
    }
}
