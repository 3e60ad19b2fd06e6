/// Folds for cross-validation made of whole groups (training polygons): the samples of one group never sit on
/// both the training and the test side, since neighbouring cells of a polygon are near-duplicates and splitting
/// them would flatter the accuracy.
public enum GroupFolds {
    /// The fold (in `0..<folds`) of each sample.
    ///
    /// Every group holds samples of one class. Class by class (in class order), the class's groups are shuffled
    /// with `SeededGenerator(seed: seed)`, ordered by size, largest first (the shuffle orders equal sizes), and
    /// dealt one by one to the fold that holds the fewest samples of that class, then the fewest samples, then
    /// the lowest index. So each class's samples are spread as evenly as whole groups allow, the folds are
    /// balanced in sample count, no fold is empty, and — since every class has at least 2 groups and its first
    /// two go to different folds — every class has samples on the training side of every fold.
    ///
    /// - Parameters:
    ///   - groups: the group (polygon id) of each sample; any integers.
    ///   - labels: the class of each sample.
    ///   - folds: the number of folds, from 2 to the number of groups.
    ///   - seed: the seed of the shuffle.
    ///   - classNames: names for the classes in error messages (class indices when empty).
    /// - Throws: `VerdantError.invalidParameter(.folds, …)` for a bad fold count,
    ///   `VerdantError.invalidParameter(.training, …)` when the counts differ, a group holds two classes or a class
    ///   has fewer than 2 groups.
    public static func assign(
        groups: [Int], labels: [Int], folds: Int, seed: UInt64, classNames: [String] = []
    ) throws -> [Int] {
        guard groups.count == labels.count else {
            throw VerdantError.invalidParameter(
                .training, problem: "has \(groups.count) groups for \(labels.count) samples")
        }
        guard folds >= 2 else {
            throw VerdantError.invalidParameter(.folds, problem: "must be at least 2 (got \(folds))")
        }
        func name(_ c: Int) -> String { c >= 0 && c < classNames.count ? "'\(classNames[c])'" : "\(c)" }
        // Each group's class and size, groups in order of first appearance.
        var groupIndex: [Int: Int] = [:]
        var groupClass: [Int] = [], groupSize: [Int] = [], groupID: [Int] = []
        for (i, g) in groups.enumerated() {
            if let k = groupIndex[g] {
                guard groupClass[k] == labels[i] else {
                    throw VerdantError.invalidParameter(
                        .training,
                        problem: "group \(g) holds samples of classes \(name(groupClass[k])) and \(name(labels[i]))")
                }
                groupSize[k] += 1
            } else {
                groupIndex[g] = groupClass.count
                groupClass.append(labels[i])
                groupSize.append(1)
                groupID.append(g)
            }
        }
        guard folds <= groupClass.count else {
            throw VerdantError.invalidParameter(
                .folds, problem: "must be at most the \(groupClass.count) groups (got \(folds))")
        }
        let classes = Set(groupClass).sorted()
        var byClass: [Int: [Int]] = [:]
        for k in groupClass.indices { byClass[groupClass[k], default: []].append(k) }
        for c in classes where byClass[c]!.count < 2 {
            throw VerdantError.invalidParameter(
                .training,
                problem: ErrorText(
                    "class \(name(c)) has 1 group (\(groupID[byClass[c]![0]])); grouped cross-validation "
                        + "needs at least 2 per class"))
        }
        var generator = SeededGenerator(seed: seed)
        var foldOfGroup = [Int](repeating: 0, count: groupClass.count)
        var foldTotal = [Int](repeating: 0, count: folds)
        for c in classes {
            var members = byClass[c]!
            generator.shuffle(&members)
            let ranked = members.enumerated().sorted {
                groupSize[$0.element] != groupSize[$1.element]
                    ? groupSize[$0.element] > groupSize[$1.element] : $0.offset < $1.offset
            }.map(\.element)
            var foldClass = [Int](repeating: 0, count: folds)
            for k in ranked {
                var target = 0
                for f in 1..<folds
                where (foldClass[f], foldTotal[f]) < (foldClass[target], foldTotal[target]) {
                    target = f
                }
                foldOfGroup[k] = target
                foldClass[target] += groupSize[k]
                foldTotal[target] += groupSize[k]
            }
        }
        return groups.map { foldOfGroup[groupIndex[$0]!] }
    }
}
