import Foundation

/// A real S3 API server on loopback for the object-storage tests: the `moto` server (from a Python virtual
/// environment in `.build/s3-venv`, made with `python3 -m venv` and pip when missing), behind the counting proxy of
/// `Tests/Fixtures/object-storage/counting_proxy.py`, which counts requests and response bytes per object and can
/// answer errors or drop connections on request. `stop()` ends both processes.
public final class S3Server: @unchecked Sendable {
    /// The port of the proxy, where clients (Verdant through GDAL) connect.
    public let port: Int
    /// The port of the S3 API server itself (uploads go there directly, uncounted).
    public let serverPort: Int
    private let processes: [Process]

    /// The folder of the test scripts.
    static let fixtures = ProjectRoot.path + "/Tests/Fixtures/object-storage"
    /// The virtual environment.
    static let venv = ProjectRoot.path + "/.build/s3-venv"

    /// The virtual environment's Python once it holds moto (made on first use), or why it cannot be had.
    public static let python: Swift.Result<String, Unavailable> = {
        let python = venv + "/bin/python"
        if FileManager.default.isExecutableFile(atPath: venv + "/bin/moto_server") { return .success(python) }
        guard
            let system = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            }) ?? which("python3")
        else { return .failure(Unavailable(reason: "python3 is not installed")) }
        guard (try? shell(system, ["-m", "venv", venv]))?.status == 0 else {
            return .failure(Unavailable(reason: "python3 -m venv fails (is python3-venv installed?)"))
        }
        guard (try? shell(venv + "/bin/pip", ["install", "-q", "moto[server]"]))?.status == 0,
            FileManager.default.isExecutableFile(atPath: venv + "/bin/moto_server")
        else { return .failure(Unavailable(reason: "pip cannot install moto[server] into \(venv)")) }
        return .success(python)
    }()

    /// True when the server can be started.
    public static var isAvailable: Bool { (try? python.get()) != nil }

    /// Why the server cannot be started (empty when it can).
    public static var unavailableReason: String {
        if case .failure(let u) = python { return u.reason }
        return ""
    }

    /// Starts the S3 API server and the proxy in front of it on free loopback ports, and waits until both answer.
    public init() throws {
        let python = try S3Server.python.get()
        let ports = try S3Server.shell(python, [S3Server.fixtures + "/s3_client.py", "ports", "2"]).stdout
            .split(separator: "\n").compactMap { Int($0) }
        guard ports.count == 2 else { throw Unavailable(reason: "no free ports") }
        serverPort = ports[0]
        port = ports[1]
        let moto = Process()
        moto.executableURL = URL(fileURLWithPath: S3Server.venv + "/bin/moto_server")
        moto.arguments = ["-H", "127.0.0.1", "-p", "\(serverPort)"]
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: python)
        proxy.arguments = [S3Server.fixtures + "/counting_proxy.py", "\(port)", "\(serverPort)"]
        for p in [moto, proxy] {
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            p.standardInput = FileHandle.nullDevice
        }
        try moto.run()
        do { try proxy.run() } catch {
            moto.terminate()
            throw error
        }
        processes = [moto, proxy]
        do {
            try client(["wait", "http://127.0.0.1:\(serverPort)/"])
            try client(["wait", "http://127.0.0.1:\(port)/__proxy__/stats"])
        } catch {
            stop()
            throw error
        }
    }

    /// Ends both processes (SIGKILL: a child of the test runner may have SIGTERM blocked, and neither holds
    /// anything worth a clean exit).
    public func stop() {
        for p in processes where p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
    }

    /// The variables GDAL reads to reach the server through the proxy: path-style addresses over plain HTTP, test
    /// keys (the server takes any).
    public var environment: [String: String] {
        [
            "AWS_S3_ENDPOINT": "127.0.0.1:\(port)", "AWS_HTTPS": "NO", "AWS_VIRTUAL_HOSTING": "FALSE",
            "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "us-east-1",
            "AWS_NO_SIGN_REQUEST": "NO", "http_proxy": "", "https_proxy": "", "HTTP_PROXY": "", "HTTPS_PROXY": ""
        ]
    }

    /// The `http://` address of an object through the proxy (for `/vsicurl/` reads of a public object).
    public func httpAddress(bucket: String, key: String) -> String { "http://127.0.0.1:\(port)/\(bucket)/\(key)" }

    /// Creates a bucket.
    public func createBucket(_ name: String) throws {
        try client(["bucket", "http://127.0.0.1:\(serverPort)", name])
    }

    /// Uploads `file` as `bucket/key` (straight to the server, not counted); `publicRead` lets anyone read it.
    public func upload(_ file: String, bucket: String, key: String, publicRead: Bool = false) throws {
        try client(
            ["put", "http://127.0.0.1:\(serverPort)", bucket, key, file] + (publicRead ? ["public-read"] : []))
    }

    /// Uploads every file of `folder` as `bucket/prefix/NAME` (straight to the server, not counted).
    public func upload(folder: String, bucket: String, prefix: String) throws {
        try client(["put-folder", "http://127.0.0.1:\(serverPort)", bucket, prefix, folder])
    }

    /// Requests and response body bytes the proxy forwarded, in all and for one object.
    public struct Counts: Sendable {
        /// Requests in all.
        public var requests: Int
        /// Response body bytes in all.
        public var bytes: Int
        /// Requests and bytes per request path (`/bucket/key`).
        public var paths: [String: (requests: Int, bytes: Int)]
    }

    /// The proxy's counts since the last `resetCounts()`.
    public func counts() throws -> Counts {
        let text = try client(["control", "http://127.0.0.1:\(port)/__proxy__/stats"])
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Unavailable(reason: "the proxy's stats are not JSON: \(text)")
        }
        var paths: [String: (requests: Int, bytes: Int)] = [:]
        for (path, value) in object["paths"] as? [String: [String: Any]] ?? [:] {
            paths[path] = (value["requests"] as? Int ?? 0, value["bytes"] as? Int ?? 0)
        }
        return Counts(requests: object["requests"] as? Int ?? 0, bytes: object["bytes"] as? Int ?? 0, paths: paths)
    }

    /// Zeroes the proxy's counts.
    public func resetCounts() throws { try client(["control", "http://127.0.0.1:\(port)/__proxy__/reset"]) }

    /// Makes the proxy answer the next `count` requests with HTTP `status` (and an S3 error body).
    public func failNext(_ count: Int, status: Int) throws {
        try client(["control", "http://127.0.0.1:\(port)/__proxy__/fail?status=\(status)&count=\(count)"])
    }

    /// Makes the proxy close the connection of the next `count` requests without answering.
    public func dropNext(_ count: Int) throws {
        try client(["control", "http://127.0.0.1:\(port)/__proxy__/drop?count=\(count)"])
    }

    /// Runs the client script; throws with its standard error when it fails.
    @discardableResult
    private func client(_ arguments: [String]) throws -> String {
        let result = try S3Server.shell(try S3Server.python.get(), [S3Server.fixtures + "/s3_client.py"] + arguments)
        guard result.status == 0 else {
            throw Unavailable(reason: "s3_client.py \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result.stdout
    }

    /// Runs an executable, with its output.
    static func shell(_ executable: String, _ arguments: [String]) throws -> VerdantBinary.Result {
        try VerdantBinary.run(executable: executable, arguments)
    }

    /// The first `name` on `PATH`.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Why the server cannot be had.
    public struct Unavailable: Error, CustomStringConvertible {
        /// The reason.
        public var reason: String
        /// The reason.
        public var description: String { reason }
    }
}
