import Classifier

/// Groups messages so that near-duplicates count together: messages that normalise the same are one, and
/// messages whose character pairs (`CharacterShingles`) have a Jaccard similarity of at least
/// `similarity` join the group of the more frequent one.
///
/// Greedy leader clustering, most frequent message first: each message joins the most similar existing
/// group leader at or above the threshold, or leads a new group. Finding the candidates uses prefix
/// filtering (Bayardo et al., "Scaling up all pairs similarity search", 2007): with pairs ordered rarest
/// first, two sets with Jaccard ≥ t share at least one of their first |s| − ⌈t·|s|⌉ + 1 pairs, so only
/// leaders sharing such a pair are compared. That is exact, unlike MinHash, and fast because the common
/// pairs (`花呗`) come last and are rarely in a prefix.
struct MessageGrouper {
    let shingles: CharacterShingles
    let similarity: Double

    private struct Item {
        var key: String
        var messages: [(text: String, tally: MessageTally)]
        var count: Int
    }

    init(normalizer: TextNormalizer, similarity: Double) {
        self.shingles = CharacterShingles(normalizer: normalizer)
        self.similarity = min(1, max(0.01, similarity))
    }

    /// The groups, most frequent first (ties: by text).
    func group(_ tallies: [String: MessageTally]) -> [MessageCluster] {
        let items = mergedByKey(tallies)
        let sets = rankedShingleSets(items)
        var leaderOf = [Int](repeating: -1, count: items.count)
        var index: [Int32: [Int]] = [:]
        var lastProbe = [Int](repeating: -1, count: items.count)

        for item in items.indices {
            let set = sets[item]
            var best = -1
            var bestScore = 0.0
            if !set.isEmpty {
                for token in set.prefix(prefixLength(set.count)) {
                    for leader in index[token, default: []] where lastProbe[leader] != item {
                        lastProbe[leader] = item
                        let other = sets[leader]
                        // Length filter: Jaccard ≤ min/max of the sizes.
                        if Double(min(set.count, other.count)) < similarity * Double(max(set.count, other.count)) - 1e-9 { continue }
                        let score = Self.jaccard(set, other)
                        if score >= similarity - 1e-9, score > bestScore || (score == bestScore && leader < best) {
                            best = leader
                            bestScore = score
                        }
                    }
                }
            }
            if best >= 0 {
                leaderOf[item] = best
            } else {
                leaderOf[item] = item
                for token in set.prefix(prefixLength(set.count)) { index[token, default: []].append(item) }
            }
        }

        var clusters: [Int: MessageCluster] = [:]
        for item in items.indices {
            let leader = leaderOf[item]
            var cluster = clusters[leader] ?? MessageCluster(messages: [], keys: [], count: 0)
            cluster.messages += items[item].messages
            cluster.keys.append(items[item].key)
            cluster.count += items[item].count
            clusters[leader] = cluster
        }
        return clusters.values.map { cluster in
            var cluster = cluster
            cluster.messages.sort { $0.tally.count != $1.tally.count ? $0.tally.count > $1.tally.count : $0.text < $1.text }
            return cluster
        }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.representative < $1.representative }
    }

    /// Messages that normalise the same, as one item; most frequent first.
    private func mergedByKey(_ tallies: [String: MessageTally]) -> [Item] {
        var positions: [String: Int] = [:]
        var items: [Item] = []
        for (text, tally) in tallies {
            let key = shingles.key(for: text)
            if let position = positions[key] {
                items[position].messages.append((text, tally))
                items[position].count += tally.count
            } else {
                positions[key] = items.count
                items.append(Item(key: key, messages: [(text, tally)], count: tally.count))
            }
        }
        return items.sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
    }

    /// Each item's pairs as ranks in a global order, rarest pair first, sorted.
    private func rankedShingleSets(_ items: [Item]) -> [[Int32]] {
        let hashed = items.map { shingles.shingles(ofKey: $0.key) }
        var frequency: [UInt64: Int] = [:]
        for set in hashed {
            for token in set { frequency[token, default: 0] += 1 }
        }
        let order = frequency.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
        var rank: [UInt64: Int32] = [:]
        rank.reserveCapacity(order.count)
        for (position, entry) in order.enumerated() { rank[entry.key] = Int32(position) }
        return hashed.map { set in set.compactMap { rank[$0] }.sorted() }
    }

    /// |s| − ⌈t·|s|⌉ + 1, at least 1.
    private func prefixLength(_ size: Int) -> Int {
        let required = Int((similarity * Double(size) - 1e-9).rounded(.up))
        return max(1, min(size, size - required + 1))
    }

    /// Jaccard similarity of two sorted sets.
    static func jaccard(_ first: [Int32], _ second: [Int32]) -> Double {
        var i = 0
        var j = 0
        var shared = 0
        while i < first.count, j < second.count {
            if first[i] == second[j] {
                shared += 1
                i += 1
                j += 1
            } else if first[i] < second[j] {
                i += 1
            } else {
                j += 1
            }
        }
        let union = first.count + second.count - shared
        return union == 0 ? 1 : Double(shared) / Double(union)
    }
}
