import Foundation

/// A real one-node Slurm cluster on this machine, for the tests of `deploy/slurm/` (Debian's `slurm-wlm` and
/// `munge`; `.ci/run` installs them). `start()` writes a `slurm.conf` and a MUNGE key in a scratch folder, starts
/// `munged`, `slurmctld` and `slurmd` there (on free ports, so that two runs of the suite do not meet) and waits
/// until `sinfo` shows the node idle; `stop()` cancels what is left, ends the three daemons (SIGTERM, then SIGKILL)
/// and removes the folder. A watchdog does the same when the test process ends without calling `stop()`.
public final class SlurmCluster: @unchecked Sendable {
    /// A daemon that did not start, a command that failed, or a job that did not end in time.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the daemons' last log lines.
        public var description: String
    }

    /// The programs the cluster needs.
    static let programs = [
        "munged", "slurmctld", "slurmd", "start-stop-daemon", "sbatch", "sinfo", "squeue", "scontrol", "scancel"
    ]

    /// True when Slurm and MUNGE are installed and the tests run as root (the configuration's `SlurmUser`).
    public static var available: Bool {
        #if os(Linux)
            return getuid() == 0 && programs.allSatisfy { Browser.which([$0]) != nil }
        #else
            return false
        #endif
    }

    /// The scratch folder holding the configuration, key, sockets, state and logs.
    public let scratch: String
    /// The `slurm.conf` every client command is pointed at (`SLURM_CONF`).
    public let configuration: String
    /// The node's name (this machine's short host name, as `slurmd -C` reports it).
    public let nodeName: String
    private let lock = NSLock()
    private var stopped = false

    /// The environment for commands run against the cluster: this process's, with `SLURM_CONF` set.
    public var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SLURM_CONF"] = configuration
        return environment
    }

    private init(scratch: String, nodeName: String) {
        self.scratch = scratch
        self.configuration = scratch + "/slurm.conf"
        self.nodeName = nodeName
    }

    deinit { stop() }

    /// Starts a cluster and waits (up to `timeout` seconds) until its node is idle.
    public static func start(timeout: TimeInterval = 60) throws -> SlurmCluster {
        let scratch = NSTemporaryDirectory() + "verdant-slurm-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(
            atPath: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for folder in ["state", "spool", "log"] {
            try FileManager.default.createDirectory(atPath: scratch + "/" + folder, withIntermediateDirectories: true)
        }
        // The node as slurmd sees it (name, CPUs, sockets, cores, threads), without its memory and uptime.
        let probe = try run("slurmd", ["-C"], environment: ProcessInfo.processInfo.environment)
        guard probe.status == 0,
            let line = probe.stdout.split(separator: "\n").first(where: { $0.hasPrefix("NodeName=") })
        else { throw Failure(description: "slurmd -C failed: \(probe.stderr)") }
        let fields = line.split(separator: " ").filter { !$0.hasPrefix("RealMemory=") }
        let nodeName = String(fields[0].dropFirst("NodeName=".count))
        let cluster = SlurmCluster(scratch: scratch, nodeName: nodeName)
        do {
            try cluster.launch(node: fields.joined(separator: " "), timeout: timeout)
        } catch {
            cluster.stop()
            throw error
        }
        return cluster
    }

    private func launch(node: String, timeout: TimeInterval) throws {
        let key = Data((0..<1024).map { _ in UInt8.random(in: .min ... .max) })
        try key.write(to: URL(fileURLWithPath: scratch + "/munge.key"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: scratch + "/munge.key")
        let (controllerPort, nodePort) = Self.freePorts()
        let conf = """
            ClusterName=verdant\(UInt32.random(in: 0 ... .max))
            SlurmctldHost=\(nodeName)(127.0.0.1)
            SlurmctldPort=\(controllerPort)
            SlurmdPort=\(nodePort)
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            CredType=cred/munge
            AuthInfo=socket=\(scratch)/munge.socket
            MpiDefault=none
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            SchedulerType=sched/backfill
            DependencyParameters=kill_invalid_depend
            ReturnToService=2
            MinJobAge=3600
            StateSaveLocation=\(scratch)/state
            SlurmdSpoolDir=\(scratch)/spool
            SlurmctldPidFile=\(scratch)/slurmctld.pid
            SlurmdPidFile=\(scratch)/slurmd.pid
            SlurmctldLogFile=\(scratch)/log/slurmctld.log
            SlurmdLogFile=\(scratch)/log/slurmd.log
            \(node) NodeAddr=127.0.0.1 State=UNKNOWN
            PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP

            """
        try Data(conf.utf8).write(to: URL(fileURLWithPath: configuration))
        try startWatchdog()
        try daemon(
            "munged",
            [
                "--foreground", "--force", "--socket=\(scratch)/munge.socket", "--key-file=\(scratch)/munge.key",
                "--log-file=\(scratch)/log/munged.log", "--pid-file=\(scratch)/munged.pid",
                "--seed-file=\(scratch)/munged.seed"
            ])
        let socketDeadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: scratch + "/munge.socket") && Date() < socketDeadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        try daemon("slurmctld", ["-D", "-f", configuration])
        try daemon("slurmd", ["-D", "-f", configuration])
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let state = try command("sinfo", ["-h", "-N", "-o", "%t"])
            if state.status == 0 && state.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "idle" { return }
            Thread.sleep(forTimeInterval: 0.5)
        }
        throw Failure(description: "the node did not become idle in \(Int(timeout)) s\n\(logTails())")
    }

    /// Starts a daemon in the foreground, detached by Debian's `start-stop-daemon` (which closes the inherited file
    /// descriptors: a daemon holding one of Foundation's would keep `waitUntilExit` waiting), its output in
    /// log/NAME.out and its process id in NAME.child.
    private func daemon(_ name: String, _ arguments: [String]) throws {
        guard let executable = Browser.which([name]) else { throw Failure(description: "\(name): not found on PATH") }
        let result = try Self.run(
            "start-stop-daemon",
            [
                "--start", "--background", "--make-pidfile", "--pidfile", "\(scratch)/\(name).child", "--output",
                "\(scratch)/log/\(name).out", "--exec", executable, "--"
            ] + arguments, environment: environment)
        guard result.status == 0 else {
            throw Failure(description: "\(name) did not start (\(result.status)): \(result.stderr)\n\(logTails())")
        }
        let deadline = Date().addingTimeInterval(5)
        while pid(of: name) == nil && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        Thread.sleep(forTimeInterval: 0.3)
        guard pid(of: name) != nil else {
            let output = (try? String(contentsOfFile: "\(scratch)/log/\(name).out", encoding: .utf8)) ?? ""
            throw Failure(description: "\(name) stopped at once: \(output)\n\(logTails())")
        }
    }

    /// The daemon's process id (from NAME.child), when it is alive.
    private func pid(of name: String) -> Int32? {
        guard let text = try? String(contentsOfFile: "\(scratch)/\(name).child", encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0, kill(pid, 0) == 0
        else { return nil }
        return pid
    }

    /// Ends the daemons and removes the scratch folder when this process is gone without having stopped the cluster.
    private func startWatchdog() throws {
        let script = """
            while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done
            [ -d "$2" ] || exit 0
            for name in slurmd slurmctld munged; do [ -f "$2/$name.child" ] && kill "$(cat "$2/$name.child")"; done
            sleep 3
            for name in slurmd slurmctld munged; do [ -f "$2/$name.child" ] && kill -9 "$(cat "$2/$name.child")"; done
            rm -rf "$2"
            """
        // Detached by start-stop-daemon like the daemons, so that it holds none of this process's descriptors.
        let result = try Self.run(
            "start-stop-daemon",
            [
                "--start", "--background", "--make-pidfile", "--pidfile", "\(scratch)/watchdog.child", "--exec",
                "/bin/sh", "--", "-c", script, "watchdog", String(ProcessInfo.processInfo.processIdentifier), scratch
            ], environment: environment)
        guard result.status == 0 else { throw Failure(description: "the watchdog did not start: \(result.stderr)") }
    }

    /// Cancels the cluster's jobs, ends the daemons (SIGTERM, then SIGKILL after 10 s) and removes the scratch
    /// folder. Safe to call more than once and from `deinit`.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        if stopped { return }
        stopped = true
        if pid(of: "slurmctld") != nil {
            _ = try? command("scancel", ["--quiet", "--user=root"])
        }
        for name in ["slurmd", "slurmctld", "munged"] {
            guard let pid = pid(of: name) else { continue }
            kill(pid, SIGTERM)
            let deadline = Date().addingTimeInterval(10)
            while kill(pid, 0) == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        }
        try? FileManager.default.removeItem(atPath: scratch)
    }

    /// Submits `arguments` with `sbatch --parsable` from `directory`; the job's id.
    public func submit(_ arguments: [String], in directory: String) throws -> String {
        let result = try command("sbatch", ["--parsable"] + arguments, in: directory)
        let id = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first ?? ""
        guard result.status == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw Failure(description: "sbatch \(arguments) failed (\(result.status)): \(result.stderr)")
        }
        return String(id)
    }

    /// The states Slurm ends a job in.
    public static let finalStates: Set<String> = [
        "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE",
        "PREEMPTED"
    ]

    /// Waits until job `id` (every task of it, for an array) has ended; the final state of each task, by the
    /// task's job id (`12_3`, or `12` for a plain job). Throws when it has not ended within `timeout` seconds.
    public func waitForJob(_ id: String, timeout: TimeInterval) throws -> [String: String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            let result = try command("scontrol", ["show", "job", "-o", id])
            last = result.stdout + result.stderr
            if result.status == 0 {
                var states: [String: String] = [:]
                for line in result.stdout.split(separator: "\n") {
                    let fields = Dictionary(
                        line.split(separator: " ").compactMap { field -> (String, String)? in
                            guard let equals = field.firstIndex(of: "=") else { return nil }
                            return (String(field[..<equals]), String(field[field.index(after: equals)...]))
                        }, uniquingKeysWith: { first, _ in first })
                    guard let state = fields["JobState"] else { continue }
                    let task =
                        fields["ArrayTaskId"].map { "\(fields["ArrayJobId"] ?? id)_\($0)" } ?? fields["JobId"] ?? id
                    states[task] = state
                }
                if !states.isEmpty && states.values.allSatisfy(Self.finalStates.contains) { return states }
            }
            Thread.sleep(forTimeInterval: 1)
        }
        throw Failure(description: "job \(id) did not end in \(Int(timeout)) s: \(last)\n\(logTails())")
    }

    /// Runs a Slurm command (or any program: a name on PATH or an absolute path) with `SLURM_CONF` pointing at the
    /// cluster and `variables` added to the environment.
    public func command(
        _ name: String, _ arguments: [String], in directory: String? = nil, variables: [String: String] = [:]
    ) throws -> VerdantBinary.Result {
        try Self.run(name, arguments, environment: environment.merging(variables) { _, new in new }, in: directory)
    }

    /// The last lines of the daemons' logs (for failure messages).
    public func logTails(lines: Int = 15) -> String {
        ["munged", "slurmctld", "slurmd"].map { name in
            let text = (try? String(contentsOfFile: "\(scratch)/log/\(name).log", encoding: .utf8)) ?? "(no log)"
            return "--- \(name).log\n" + text.split(separator: "\n").suffix(lines).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Two TCP ports nothing on this machine listens on (read from /proc/net/tcp and tcp6).
    static func freePorts() -> (Int, Int) {
        var used = Set<Int>()
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            let text = (try? String(contentsOfFile: table, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n").dropFirst() {
                let local = line.split(separator: " ").dropFirst().first ?? ""
                if let colon = local.lastIndex(of: ":"), let port = Int(local[local.index(after: colon)...], radix: 16)
                {
                    used.insert(port)
                }
            }
        }
        var port = Int.random(in: 20_000..<50_000)
        while used.contains(port) || used.contains(port + 1) { port = Int.random(in: 20_000..<50_000) }
        return (port, port + 1)
    }

    /// Runs a program found on PATH; output and errors go through files (no pipe to fill).
    static func run(
        _ name: String, _ arguments: [String], environment: [String: String], in directory: String? = nil
    ) throws -> VerdantBinary.Result {
        guard let executable = name.hasPrefix("/") ? name : Browser.which([name]) else {
            throw Failure(description: "\(name): not found on PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let base = NSTemporaryDirectory() + "verdant-slurm-run-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let stdout = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
        return VerdantBinary.Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}
