namespace Lode.Snapshots.Reading;

/// <summary>
/// A least-recently-used cache of immutable values by key (a file offset, a <see cref="BlockKey"/>), bounded by a budget in bytes and split into
/// 16 independently locked shards so concurrent readers rarely contend. Thread-safe. A value larger than a
/// shard's budget (budget / 16) is not cached.
/// </summary>
internal sealed class LruCache<TKey, TValue>
    where TKey : struct, IEquatable<TKey>
    where TValue : class
{
    private const int ShardCount = 16;
    private readonly Shard[] _shards;

    /// <summary>Creates the cache; a budget of 0 caches nothing.</summary>
    public LruCache(long budgetBytes)
    {
        _shards = new Shard[ShardCount];
        for (int i = 0; i < ShardCount; i++)
        {
            _shards[i] = new Shard(budgetBytes / ShardCount);
        }
    }

    /// <summary>Finds a value and marks it recently used.</summary>
    public bool TryGet(TKey key, out TValue? value) => ShardOf(key).TryGet(key, out value);

    /// <summary>Adds (or replaces) a value that costs <paramref name="weight"/> bytes, evicting the least recently used.</summary>
    public void Add(TKey key, TValue value, long weight) => ShardOf(key).Add(key, value, weight);

    private Shard ShardOf(TKey key) => _shards[(int)((uint)(key.GetHashCode() * unchecked((int)0x9E3779B9)) >> 28)];

    private sealed class Shard(long budget)
    {
        private readonly Dictionary<TKey, LinkedListNode<Entry>> _map = [];
        private readonly LinkedList<Entry> _order = new();
        private readonly Lock _lock = new();
        private long _used;

        public bool TryGet(TKey key, out TValue? value)
        {
            lock (_lock)
            {
                if (_map.TryGetValue(key, out var node))
                {
                    _order.Remove(node);
                    _order.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }
            }
            value = null;
            return false;
        }

        public void Add(TKey key, TValue value, long weight)
        {
            if (weight > budget)
            {
                return;
            }
            lock (_lock)
            {
                if (_map.Remove(key, out var old))
                {
                    _order.Remove(old);
                    _used -= old.Value.Weight;
                }
                while (_used + weight > budget && _order.Last is { } last)
                {
                    _order.RemoveLast();
                    _map.Remove(last.Value.Key);
                    _used -= last.Value.Weight;
                }
                _map[key] = _order.AddFirst(new Entry(key, value, weight));
                _used += weight;
            }
        }
    }

    private readonly record struct Entry(TKey Key, TValue Value, long Weight);
}
