import Foundation
import Yams

/// One what-if scenario of `kamp whatif`: the base policy with some keys
/// changed, and changes to the team of managers.
///
/// A scenario file is a policy file (every key of the policy may be given
/// and replaces the base policy's value) with one more, optional section:
///
/// ```yaml
/// scenario:
///   name: paris-office            # default: the file name without extension
///   description: Open a Paris office with two managers
///   remove_managers: [M03, M07]   # manager_ids of the managers file
///   change_capacity: {M05: 800}   # new capacity_hours, > 0
///   add_managers:                 # rows with the columns of managers.csv
///     - {manager_id: P01, capacity_hours: 1600, base_country: FR, languages: [fr, en], tiers: [key, national]}
/// abc: {a: 0.70}
/// assignment: {max_moved_turnover_share: 0.05}
/// ```
///
/// The team of a scenario is the managers file with `remove_managers` taken
/// out, then `change_capacity` applied, then `add_managers` appended in the
/// order given. The accounts and the survey are never changed.
public struct Scenario: Hashable, Codable, Sendable {
    /// Names the scenario's rows in whatif.csv and its sub-directory.
    public var name: String
    /// The scenario file.
    public var file: String
    public var description: String?
    /// The base policy overlaid with the scenario's keys.
    public var policy: Policy
    public var removeManagers: [ManagerReference]
    public var capacityChanges: [CapacityChange]
    /// Validated as rows of managers.csv; `line` is the line of the item in the scenario file.
    public var addManagers: [Manager]

    /// A manager_id named in the scenario file, with where, for messages.
    public struct ManagerReference: Hashable, Codable, Sendable {
        public var id: String
        public var line: Int?
        public var column: Int?
    }

    public struct CapacityChange: Hashable, Codable, Sendable {
        public var manager: ManagerReference
        public var capacityHours: Double
    }

    /// Keys of the `scenario:` section.
    static let sectionKeys = ["name", "description", "remove_managers", "change_capacity", "add_managers"]
    static let managerColumns = ["manager_id", "capacity_hours", "base_country", "name", "base_region", "latitude",
                                 "longitude", "languages", "tiers", "industries", "max_accounts"]

    /// Reads the scenario file at `path` on top of `base`.
    /// - Throws: `cannotOpen` when the file cannot be read; `invalidPolicy`
    ///   with line and column for bad YAML, an unknown key or a bad value.
    public static func load(path: String, base: Policy) throws(KeyAccountsError) -> Scenario {
        try Scenario(yaml: PolicyNode.text(ofFile: path), file: path, base: base)
    }

    /// Parses a scenario from YAML text; `file` names it in messages and gives the default name.
    public init(yaml: String, file: String, base: Policy) throws(KeyAccountsError) {
        let root = try PolicyNode.compose(yaml, file: file)
        self.file = file
        name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        policy = base
        removeManagers = []
        capacityChanges = []
        addManagers = []
        guard let root else { try Self.checkName(name, at: nil, file: file); return }
        guard let mapping = root.mapping else {
            throw PolicyNode(node: root, path: "", file: file).error("a scenario file must be a mapping of policy keys and scenario")
        }
        // The policy keys go to the policy overlay, which knows and checks them all.
        let policyPairs = mapping.filter { $0.key.string != "scenario" }
        let policyRoot = Node.mapping(Node.Mapping(policyPairs.map { ($0.key, $0.value) }, mapping.tag, mapping.style, mapping.mark))
        policy = try base.overlaid(withNode: policyRoot, file: file)
        var nameNode: PolicyNode?
        if let section = mapping.first(where: { $0.key.string == "scenario" }) {
            nameNode = try parseSection(PolicyNode(node: section.value, path: "scenario", file: file))
        }
        try Self.checkName(name, at: nameNode, file: file)
    }

    /// Reads the `scenario:` section; returns the node of `name` when given.
    private mutating func parseSection(_ section: PolicyNode) throws(KeyAccountsError) -> PolicyNode? {
        if section.isNull { return nil }
        var nameNode: PolicyNode?
        for (key, value) in try section.entries(allowed: Self.sectionKeys) {
            switch key {
            case "name":
                name = try value.parsed(expected: "a name") { $0.trimmingCharacters(in: .whitespaces) }
                nameNode = value
            case "description":
                description = try value.isNull ? nil : value.parsed(expected: "text") { $0 }
            case "remove_managers":
                removeManagers = try references(value)
            case "change_capacity":
                guard let pairs = value.node.mapping else {
                    throw value.error("must be a mapping of manager_id to capacity_hours, such as {M05: 800}")
                }
                var seen = Set<String>()
                for pair in pairs {
                    let id = pair.key.string?.trimmingCharacters(in: .whitespaces) ?? ""
                    let keyNode = PolicyNode(node: pair.key, path: value.path, file: value.file)
                    guard !id.isEmpty else { throw keyNode.error("keys must be manager_ids") }
                    guard seen.insert(id).inserted else { throw keyNode.error("names \(id) twice") }
                    let hours = try PolicyNode(node: pair.value, path: "\(value.path).\(id)", file: value.file)
                        .number(in: 0...Double.greatestFiniteMagnitude, expected: "hours > 0")
                    guard hours > 0 else {
                        throw PolicyNode(node: pair.value, path: "\(value.path).\(id)", file: value.file).error("must be hours > 0, got 0")
                    }
                    capacityChanges.append(CapacityChange(manager: ManagerReference(id: id, line: pair.key.mark?.line,
                                                                                    column: pair.key.mark?.column),
                                                          capacityHours: hours))
                }
            default:
                addManagers = try Self.managers(value)
            }
        }
        return nameNode
    }

    private func references(_ node: PolicyNode) throws(KeyAccountsError) -> [ManagerReference] {
        let items: [Node]
        if let sequence = node.node.sequence { items = Array(sequence) } else if node.isNull { items = [] } else { items = [node.node] }
        var result: [ManagerReference] = []
        for item in items {
            let itemNode = PolicyNode(node: item, path: node.path, file: node.file)
            guard let id = item.scalar?.string.trimmingCharacters(in: .whitespaces), !id.isEmpty else {
                throw itemNode.error("items must be manager_ids, got '\(item.string ?? "a non-scalar")'")
            }
            guard !result.contains(where: { $0.id == id }) else { throw itemNode.error("names \(id) twice") }
            result.append(ManagerReference(id: id, line: item.mark?.line, column: item.mark?.column))
        }
        return result
    }

    /// The `add_managers` items, read as rows of managers.csv by the managers
    /// reader itself, so they are checked by exactly the same rules.
    private static func managers(_ node: PolicyNode) throws(KeyAccountsError) -> [Manager] {
        if node.isNull { return [] }
        guard let items = node.node.sequence else {
            throw node.error("must be a list of managers, each a mapping of managers.csv columns such as "
                             + "{manager_id: P01, capacity_hours: 1600, base_country: FR}")
        }
        var rows: [[String]] = []
        var itemNodes: [PolicyNode] = []
        for (index, item) in items.enumerated() {
            let itemNode = PolicyNode(node: item, path: "\(node.path)[\(index + 1)]", file: node.file)
            var row = [String](repeating: "", count: managerColumns.count)
            for (column, value) in try itemNode.entries(allowed: managerColumns) {
                let cell: String
                if let sequence = value.node.sequence {
                    // Lists are written as the file's `;`-separated cells.
                    var parts: [String] = []
                    for element in sequence {
                        guard let text = element.scalar?.string else {
                            throw PolicyNode(node: element, path: value.path, file: value.file).error("items must be text")
                        }
                        parts.append(text)
                    }
                    cell = parts.joined(separator: ";")
                } else if value.isNull {
                    cell = ""
                } else if let text = value.node.scalar?.string {
                    cell = text
                } else {
                    throw value.error("must be a value or a list, as in a cell of managers.csv")
                }
                row[managerColumns.firstIndex(of: column)!] = cell
            }
            rows.append(row)
            itemNodes.append(itemNode)
        }
        let csv = ([managerColumns] + rows).map { row in row.map(csvCell).joined(separator: ",") }.joined(separator: "\n") + "\n"
        let loaded: Loaded<[Manager]>
        do {
            loaded = try InputFiles.readManagers(csv: csv, file: node.file)
        } catch let error as KeyAccountsError {
            throw node.error("cannot be read as managers: \(error)")
        } catch {
            throw node.error("cannot be read as managers: \(error)")
        }
        // Line 1 of the generated CSV is its header, so item i is on line i + 2.
        if let reject = loaded.rejects.first {
            let item = itemNodes[reject.line - 2]
            throw item.error("\(reject.column): \(reject.reason)")
        }
        return loaded.value.enumerated().map { index, manager in
            var manager = manager
            manager.line = itemNodes[index].node.mark?.line ?? 0
            return manager
        }
    }

    private static func csvCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Files at the top of the whatif output that a sub-directory must not hide.
    static let reservedNames: Set<String> = ["whatif.csv", "whatif.json", "whatif.md", "whatif_accounts.csv",
                                             "whatif_accounts.json", "run.json", "rejects.csv", "rejects.json"]

    /// A name is a directory name: letters, digits, space, `-`, `_` and `.`, not starting with `.`.
    private static func checkName(_ name: String, at node: PolicyNode?, file: String) throws(KeyAccountsError) {
        func fail(_ problem: String) -> KeyAccountsError {
            node?.error(problem) ?? .invalidPolicy(file: file, line: nil, column: nil, problem: "scenario.name \(problem)")
        }
        guard !name.isEmpty else { throw fail("must not be empty") }
        guard name.count <= 100 else { throw fail("must have at most 100 characters, got \(name.count)") }
        guard !name.hasPrefix("."), name.allSatisfy({ $0.isLetter || $0.isNumber || " -_.".contains($0) }) else {
            throw fail("'\(name)' must be a directory name: letters, digits, space, -, _ and . (not first); set scenario.name")
        }
        guard !reservedNames.contains(name.lowercased()) else { throw fail("'\(name)' is the name of a whatif output file") }
    }

    // MARK: the team

    /// The managers of this scenario: the base team with the changes applied.
    /// - Throws: `invalidPolicy` at the scenario's line when it names a
    ///   manager_id the base team does not have, changes a removed manager,
    ///   or adds a manager_id that is still in the team.
    public func team(from base: [Manager], managersFile: String) throws(KeyAccountsError) -> [Manager] {
        func fail(_ reference: ManagerReference, _ problem: String) -> KeyAccountsError {
            .invalidPolicy(file: file, line: reference.line, column: reference.column, problem: problem)
        }
        let known = Set(base.map(\.id))
        for reference in removeManagers where !known.contains(reference.id) {
            throw fail(reference, "scenario.remove_managers names \(reference.id), which is not in \(managersFile)")
        }
        let removed = Set(removeManagers.map(\.id))
        var team = base.filter { !removed.contains($0.id) }
        for change in capacityChanges {
            guard known.contains(change.manager.id) else {
                throw fail(change.manager, "scenario.change_capacity names \(change.manager.id), which is not in \(managersFile)")
            }
            guard let index = team.firstIndex(where: { $0.id == change.manager.id }) else {
                throw fail(change.manager, "scenario.change_capacity names \(change.manager.id), which scenario.remove_managers removes")
            }
            team[index].capacityHours = change.capacityHours
        }
        for manager in addManagers {
            guard !team.contains(where: { $0.id == manager.id }) else {
                throw KeyAccountsError.invalidPolicy(
                    file: file, line: manager.line, column: nil,
                    problem: "scenario.add_managers adds \(manager.id), which is already in \(managersFile); "
                        + "remove it first or choose another manager_id")
            }
            team.append(manager)
        }
        return team
    }

    /// The policy keys this scenario changes, as dotted paths with the base and
    /// the scenario value (`abc.a: 0.8 -> 0.7`), sorted by path.
    public func policyChanges(from base: Policy) -> [String] {
        let before = Self.flattened(base), after = Self.flattened(policy)
        return Set(before.keys).union(after.keys).sorted().compactMap { key in
            let old = before[key] ?? "null", new = after[key] ?? "null"
            return old == new ? nil : "\(key): \(old) -> \(new)"
        }
    }

    /// The policy as dotted keys and JSON text values, through its own Codable form.
    static func flattened(_ policy: Policy) -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(policy), let object = try? JSONSerialization.jsonObject(with: data) else { return [:] }
        var result: [String: String] = [:]
        func walk(_ value: Any, _ path: String) {
            if let dictionary = value as? [String: Any] {
                for (key, child) in dictionary { walk(child, path.isEmpty ? key : "\(path).\(key)") }
            } else if let child = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes]) {
                result[path] = String(decoding: child, as: UTF8.self)
            }
        }
        walk(object, "")
        return result
    }
}
