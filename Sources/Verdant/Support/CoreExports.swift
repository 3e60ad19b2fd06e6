/// The engine's API includes the pure core's values (geometry, indices, models, factors, accounting): a Swift
/// program needs only `import Verdant`.
@_exported import VerdantCore
