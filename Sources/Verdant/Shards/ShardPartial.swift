/// What one shard of a sharded run writes to its `.vpart` file: the command it ran (`estimate`, `series`,
/// `credits`), the shard, the command line and folder `verdant merge` remakes the request from, and one
/// `EstimatePartial` per estimate of the run (one for `estimate`, one per date for `series`, t0 and t1 for
/// `credits`). As JSON it is `docs/schemas/partial.schema.json` (`schema` `verdant-partial/1`).
public struct ShardPartial: Sendable, Codable {
    /// `verdant-partial/1`.
    public var schema: String = OutputSchema.partial.id
    /// The layout's version.
    public var schemaVersion: String = OutputSchema.partial.version
    /// The Verdant that wrote it.
    public var verdantVersion: String = VerdantVersion.verdant
    /// The command run: `estimate`, `series` or `credits`.
    public var command: String
    /// Which shard.
    public var shard: Shard
    /// The command line after the command's name, less the shard's own options, when it came from `verdant`.
    public var arguments: [String]?
    /// The folder the shard ran in.
    public var workingDirectory: String?
    /// One part per estimate of the run, in the run's order.
    public var parts: [EstimatePartial]

    /// A shard's partial.
    public init(
        command: String, shard: Shard, parts: [EstimatePartial], arguments: [String]? = nil,
        workingDirectory: String? = nil
    ) {
        self.command = command
        self.shard = shard
        self.parts = parts
        self.arguments = arguments
        self.workingDirectory = workingDirectory
    }

    // `schema` and `schema_version` as in every Verdant document; the other keys as the properties are named.
    enum CodingKeys: String, CodingKey {
        case schema
        case schemaVersion = "schema_version"
        case verdantVersion, command, shard, arguments, workingDirectory, parts
    }
}
