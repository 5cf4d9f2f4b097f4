import KubeCore

/// Merges an applied configuration into a live object, as structured-merge-diff's `TypedValue.Merge` does.
///
/// Granular objects merge member by member; associative lists and sets merge item by item, keeping the live
/// order and inserting new items where the configuration puts them relative to shared items (new items after
/// the last shared one are appended); atomic lists and objects and scalars are replaced by the configuration.
/// A `null` in the configuration removes the member (upstream stores the `null`, which a built-in kind's decoding
/// then drops).
enum ObjectMerge {
    static func merge(live: JSONValue?, config: JSONValue, schema: MergeSchema) -> JSONValue? {
        merge(live: live, config: config, schemaPath: [], schema: schema, isRoot: true)
    }

    private static func merge(
        live: JSONValue?,
        config: JSONValue,
        schemaPath: [String],
        schema: MergeSchema,
        isRoot: Bool = false
    ) -> JSONValue? {
        switch config {
        case .null:
            return nil
        case .object(let configMembers) where isRoot || !schema.isAtomicObject(schemaPath):
            var members = live?.objectValue ?? [:]
            for (name, value) in configMembers {
                members[name] = merge(
                    live: members[name],
                    config: value,
                    schemaPath: schemaPath + [name],
                    schema: schema
                )
            }
            return .object(members)
        case .array(let configItems):
            guard let configElements = schema.itemElements(of: configItems, at: schemaPath) else { return config }
            let liveItems = live?.arrayValue ?? []
            guard let liveElements = schema.itemElements(of: liveItems, at: schemaPath) else {
                return .array(
                    mergeItems(
                        live: [],
                        liveElements: [],
                        config: configItems,
                        configElements: configElements,
                        schemaPath: schemaPath,
                        schema: schema
                    )
                )
            }
            return .array(
                mergeItems(
                    live: liveItems,
                    liveElements: liveElements,
                    config: configItems,
                    configElements: configElements,
                    schemaPath: schemaPath,
                    schema: schema
                )
            )
        default:
            return config
        }
    }

    /// The list-merge walk of structured-merge-diff (`mergingWalker.visitListItems`): both orders are kept where
    /// they agree, and the configuration's order wins for items both sides have.
    private static func mergeItems(
        live: [JSONValue],
        liveElements: [PathElement],
        config: [JSONValue],
        configElements: [PathElement],
        schemaPath: [String],
        schema: MergeSchema
    ) -> [JSONValue] {
        var observedLive: [PathElement: JSONValue] = [:]
        for (item, element) in zip(live, liveElements) where observedLive[element] == nil {
            observedLive[element] = item
        }
        var observedConfig: [PathElement: JSONValue] = [:]
        for (item, element) in zip(config, configElements) where observedConfig[element] == nil {
            observedConfig[element] = item
        }
        var sharedOrder = configElements.filter { observedLive[$0] != nil }[...]
        var nextShared = sharedOrder.popFirst()
        var mergedConfig: Set<PathElement> = []
        var out: [JSONValue] = []

        func mergeItem(_ element: PathElement, live: JSONValue?, config: JSONValue?) {
            guard let config else {
                if let live { out.append(live) }
                return
            }
            if let merged = merge(live: live, config: config, schemaPath: schemaPath, schema: schema) {
                out.append(merged)
            }
        }

        var liveIndex = 0
        var configIndex = 0
        while liveIndex < live.count || configIndex < config.count {
            if liveIndex < live.count && configIndex < config.count {
                let element = liveElements[liveIndex]
                if element == configElements[configIndex] {
                    mergedConfig.insert(element)
                    mergeItem(element, live: observedLive[element], config: observedConfig[element])
                    liveIndex += 1
                    configIndex += 1
                    nextShared = sharedOrder.popFirst()
                    continue
                }
                if observedConfig[element] != nil, let shared = nextShared, shared != element {
                    liveIndex += 1
                    continue
                }
            }
            if liveIndex < live.count {
                let element = liveElements[liveIndex]
                if observedConfig[element] == nil {
                    mergeItem(element, live: live[liveIndex], config: nil)
                    liveIndex += 1
                    continue
                } else if mergedConfig.contains(element) {
                    liveIndex += 1
                    continue
                }
            }
            if configIndex < config.count {
                let element = configElements[configIndex]
                let isFirstOccurrence = mergedConfig.insert(element).inserted
                if isFirstOccurrence {
                    mergeItem(element, live: observedLive[element], config: observedConfig[element])
                }
                configIndex += 1
                if let shared = nextShared, shared == element {
                    nextShared = sharedOrder.popFirst()
                }
            }
        }
        return out
    }
}
