using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// An immutable map from ordinal strings to values, where setting a key returns a new map that shares all but
/// O(log n) of its memory with the old one. Every instruction's build state keeps its own ENV and ARG tables;
/// copying a dictionary per ENV made a stage of many ENVs quadratic in time and memory. Enumerates in ordinal key
/// order.
/// </summary>
/// <remarks>
/// A map is a balanced tree (persistent AVL) with up to <see cref="ChainLimit"/> entries set on top of it, newest
/// first, each map one entry of that chain: setting a key then costs one small object rather than a copied path
/// of tree nodes, and most stages set only a few variables. A key set again shadows its older entries. The map
/// that would make the chain longer moves the chain's entries into a new tree.
/// </remarks>
internal sealed class PersistentMap<TValue> : IReadOnlyDictionary<string, TValue>
{
    public static readonly PersistentMap<TValue> Empty = new(null, default!, null, 0, 0, 0);

    // Sixteen rather than eight: a chain moved into the tree costs a copied path of nodes for each of its entries,
    // and a stage's ENVs and ARGs often number more than eight; a lookup's walk of the chain costs less than that.
    private const int ChainLimit = 16;

    // The newest entry (null key: none) and the map it was set on, or for a map with no entry (the chain's base)
    // the tree (null: empty), and how many entries the chain holds down to its base. The tree is kept once, in the
    // base, rather than in each entry: an entry is a small object (48 bytes) made for each variable a stage sets.
    private string? _key;
    private TValue _value;
    private object? _previousOrTree;

    // Up to ChainLimit: two bytes, beside the key lengths', so that an entry stays as large as it was without them.
    private ushort _chainLength;

    // The lengths of the map's keys, modulo 16, as bits: a key of a length no key has (nearly every key looked up
    // and absent: GOCACHE, HOME) is told absent without a walk of the chain and tree.
    private ushort _keyLengths;

    private PersistentMap(string? key, TValue value, object? previousOrTree, int chainLength, int count, ushort keyLengths)
    {
        _key = key;
        _value = value;
        _previousOrTree = previousOrTree;
        _chainLength = (ushort)chainLength;
        _keyLengths = keyLengths;
        Count = count;
    }

    private static ushort LengthBit(int length) => (ushort)(1 << (length & 15));

    public int Count { get; private set; }

    // The map an entry was set on, read without a cast's check: an entry's is always a map.
    private PersistentMap<TValue> Previous => Unsafe.As<PersistentMap<TValue>>(_previousOrTree!);

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var pair in this)
            {
                yield return pair.Key;
            }
        }
    }

    public IEnumerable<TValue> Values
    {
        get
        {
            foreach (var pair in this)
            {
                yield return pair.Value;
            }
        }
    }

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out TValue value) => TryGetValue(key.AsSpan(), out value);

    /// <summary><see cref="TryGetValue(string, out TValue)"/> of a key read where it lies, compared as ordinal strings are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(ReadOnlySpan<char> key, out TValue value)
    {
        // Inlined: most keys looked up are told absent here, at the cost of a call otherwise.
        if ((_keyLengths & LengthBit(key.Length)) == 0)
        {
            value = default!;
            return false;
        }

        return TryFind(key, out value);
    }

    // TryGetValue of a key of a length some key has: the chain, then the tree.
    private bool TryFind(ReadOnlySpan<char> key, out TValue value)
    {
        var map = this;
        for (; map._chainLength > 0; map = map.Previous)
        {
            if (key.SequenceEqual(map._key.AsSpan()))
            {
                value = map._value;
                return true;
            }
        }

        var node = Unsafe.As<Node?>(map._previousOrTree);
        while (node != null)
        {
            var order = key.SequenceCompareTo(node.Key.AsSpan());
            if (order == 0)
            {
                value = node.Value;
                return true;
            }

            node = order < 0 ? node.Left : node.Right;
        }

        value = default!;
        return false;
    }

    public PersistentMap<TValue> SetItem(string key, TValue value)
    {
        if (key == null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var count = ContainsKey(key) ? Count : Count + 1;
        var keyLengths = (ushort)(_keyLengths | LengthBit(key.Length));
        return _chainLength < ChainLimit
            ? new PersistentMap<TValue>(key, value, this, _chainLength + 1, count, keyLengths)
            : new PersistentMap<TValue>(null, default!, TreeWith(key, value, null), 0, count, keyLengths);
    }

    /// <summary>
    /// <see cref="SetItem(string, TValue)"/>, the new map taken from <paramref name="pool"/>: for a map that nothing
    /// reads once the pool is released.
    /// </summary>
    public PersistentMap<TValue> SetItem(string key, TValue value, Pool pool)
    {
        var count = ContainsKey(key) ? Count : Count + 1;
        var keyLengths = (ushort)(_keyLengths | LengthBit(key.Length));
        return _chainLength < ChainLimit
            ? pool.Take(key, value, this, _chainLength + 1, count, keyLengths)
            : pool.Take(null, default!, TreeWith(key, value, pool), 0, count, keyLengths);
    }

    /// <summary>
    /// Maps made for one use after another, each use's maps made again for the next instead of anew: the build
    /// model's variable tables, which nothing reads once the model is released, are made from the thread's pool
    /// (see <see cref="ModelTables"/>), so that a model allocates none in the common case. A map of the pool is as
    /// immutable as any while it is in use.
    /// </summary>
    public sealed class Pool
    {
        // A use that needs more maps than this makes the others as plain maps, which the pool does not keep. A file
        // of thousands of variables (a generated one of megabytes: tens of thousands) has them kept, with the tables
        // that hold the pool only as long as the collector leaves them (see ModelTables): the same file analysed again
        // then makes none, rather than objects that each analysis's collections mark and copy.
        private const int MaxKept = 1 << 18;

        private readonly List<PersistentMap<TValue>> _maps = new();
        private int _used;
        private readonly List<Node> _nodes = new();
        private int _usedNodes;

        /// <summary>How many maps and nodes the pool keeps for its next use.</summary>
        public int Kept => _maps.Count + _nodes.Count;

        internal PersistentMap<TValue> Take(string? key, TValue value, object? previousOrTree, int chainLength, int count, ushort keyLengths)
        {
            if (_used == _maps.Count)
            {
                var made = new PersistentMap<TValue>(key, value, previousOrTree, chainLength, count, keyLengths);
                if (_maps.Count < MaxKept)
                {
                    _maps.Add(made);
                    _used++;
                }

                return made;
            }

            var map = _maps[_used++];
            map._key = key;
            map._value = value;
            map._previousOrTree = previousOrTree;
            map._chainLength = (ushort)chainLength;
            map._keyLengths = keyLengths;
            map.Count = count;
            return map;
        }

        internal Node TakeNode(string key, TValue value, Node? left, Node? right)
        {
            if (_usedNodes == _nodes.Count)
            {
                var made = new Node(key, value, left, right);
                if (_nodes.Count < MaxKept)
                {
                    _nodes.Add(made);
                    _usedNodes++;
                }

                return made;
            }

            var node = _nodes[_usedNodes++];
            node.Set(key, value, left, right);
            return node;
        }

        /// <summary>Ends the use: its maps are made again by the next; nothing may read them afterwards.</summary>
        public void Release()
        {
            for (var i = 0; i < _usedNodes; i++)
            {
                _nodes[i].Clear();
            }

            _usedNodes = 0;

            // Cleared, so that the pool keeps neither strings nor trees of the use alive.
            for (var i = 0; i < _used; i++)
            {
                var map = _maps[i];
                map._key = null;
                map._value = default!;
                map._previousOrTree = null;
            }

            _used = 0;
        }
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        var stack = new Stack<Node>();
        for (var node = Flatten(); node != null || stack.Count > 0; node = node.Right)
        {
            while (node != null)
            {
                stack.Push(node);
                node = node.Left;
            }

            node = stack.Pop();
            yield return new KeyValuePair<string, TValue>(node.Key, node.Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Trees of up to this many entries are built anew, whole, when a chain moves into them (see TreeWith).
    private const int MaxRebuiltTree = 64;

    // The entries TreeWith sets, sorted, and the entries of the tree it builds, in order; cleared after each use.
    [ThreadStatic]
    private static Entry[]? chainEntries;

    [ThreadStatic]
    private static Entry[]? treeEntries;

    /// <summary>
    /// The tree of this map's entries with key set to value, for a map whose chain is full: a small tree is built
    /// anew from the entries in order, one node each, rather than by setting the chain's entries in it one after
    /// another, as each of those copies a path of nodes that the next one copies again. A larger tree keeps its
    /// nodes, and takes the entries one at a time.
    /// </summary>
    private Node TreeWith(string key, TValue value, Pool? pool)
    {
        var chainBase = this;
        while (chainBase._chainLength > 0)
        {
            chainBase = chainBase.Previous;
        }

        // The base of a chain holds no entry of its own: its count is its tree's.
        if (chainBase.Count > MaxRebuiltTree)
        {
            return Set(Flatten(pool), key, value, pool);
        }

        // The new entry and the chain's, newest first, so that each key keeps its newest value.
        var set = chainEntries ??= new Entry[ChainLimit + 1];
        var setCount = 0;
        InsertIfNew(set, ref setCount, key, value);
        for (var map = this; map._chainLength > 0; map = map.Previous)
        {
            InsertIfNew(set, ref setCount, map._key!, map._value);
        }

        var merged = treeEntries ??= new Entry[MaxRebuiltTree + ChainLimit + 1];
        var count = 0;
        var nextSet = 0;
        AppendInOrder(Unsafe.As<Node?>(chainBase._previousOrTree), set, setCount, ref nextSet, merged, ref count);
        while (nextSet < setCount)
        {
            merged[count++] = set[nextSet++];
        }

        var tree = Build(merged, 0, count, pool)!;

        // Cleared, so that the thread keeps no keys nor values alive.
        Array.Clear(set, 0, setCount);
        Array.Clear(merged, 0, count);
        return tree;
    }

    // Inserts key and value into sorted[0, count), kept sorted by key, unless the key is in it already.
    private static void InsertIfNew(Entry[] sorted, ref int count, string key, TValue value)
    {
        var at = count;
        for (; at > 0; at--)
        {
            var order = string.CompareOrdinal(sorted[at - 1].Key, key);
            if (order == 0)
            {
                return;
            }

            if (order < 0)
            {
                break;
            }
        }

        Array.Copy(sorted, at, sorted, at + 1, count - at);
        sorted[at] = new Entry(key, value);
        count++;
    }

    // Appends the entries of the tree under node to merged, in order, with the entries of set (sorted) from nextSet
    // on that come before them; an entry of set replaces the tree's of the same key.
    private static void AppendInOrder(Node? node, Entry[] set, int setCount, ref int nextSet, Entry[] merged, ref int count)
    {
        if (node == null)
        {
            return;
        }

        AppendInOrder(node.Left, set, setCount, ref nextSet, merged, ref count);
        while (nextSet < setCount && string.CompareOrdinal(set[nextSet].Key, node.Key) < 0)
        {
            merged[count++] = set[nextSet++];
        }

        merged[count++] = nextSet < setCount && string.Equals(set[nextSet].Key, node.Key) ? set[nextSet++] : new Entry(node.Key, node.Value);
        AppendInOrder(node.Right, set, setCount, ref nextSet, merged, ref count);
    }

    // The balanced tree of entries[start, end), which are in order.
    private static Node? Build(Entry[] entries, int start, int end, Pool? pool)
    {
        if (start >= end)
        {
            return null;
        }

        var middle = start + ((end - start) / 2);
        return NewNode(entries[middle].Key, entries[middle].Value, Build(entries, start, middle, pool), Build(entries, middle + 1, end, pool), pool);
    }

    private readonly struct Entry
    {
        public Entry(string key, TValue value)
        {
            Key = key;
            Value = value;
        }

        public string Key { get; }

        public TValue Value { get; }
    }

    // The tree with the chain's entries set in it, oldest first.
    private Node? Flatten(Pool? pool = null) => _chainLength == 0 ? Unsafe.As<Node?>(_previousOrTree) : Set(Previous.Flatten(pool), _key!, _value, pool);

    // The tree with key set to value; its new nodes taken from pool, when there is one.
    private static Node Set(Node? node, string key, TValue value, Pool? pool)
    {
        if (node == null)
        {
            return NewNode(key, value, null, null, pool);
        }

        var order = string.CompareOrdinal(key, node.Key);
        if (order == 0)
        {
            return NewNode(key, value, node.Left, node.Right, pool);
        }

        return order < 0
            ? Balance(node.Key, node.Value, Set(node.Left, key, value, pool), node.Right, pool)
            : Balance(node.Key, node.Value, node.Left, Set(node.Right, key, value, pool), pool);
    }

    // Rebuilds a node whose subtrees' heights differ by at most two, rotating so they differ by at most one.
    private static Node Balance(string key, TValue value, Node? left, Node? right, Pool? pool)
    {
        var difference = Height(left) - Height(right);
        if (difference > 1)
        {
            if (Height(left!.Left) < Height(left.Right))
            {
                left = RotateLeft(left, pool);
            }

            return NewNode(left.Key, left.Value, left.Left, NewNode(key, value, left.Right, right, pool), pool);
        }

        if (difference < -1)
        {
            if (Height(right!.Right) < Height(right.Left))
            {
                right = RotateRight(right, pool);
            }

            return NewNode(right.Key, right.Value, NewNode(key, value, left, right.Left, pool), right.Right, pool);
        }

        return NewNode(key, value, left, right, pool);
    }

    private static Node RotateLeft(Node node, Pool? pool) =>
        NewNode(node.Right!.Key, node.Right.Value, NewNode(node.Key, node.Value, node.Left, node.Right.Left, pool), node.Right.Right, pool);

    private static Node RotateRight(Node node, Pool? pool) =>
        NewNode(node.Left!.Key, node.Left.Value, node.Left.Left, NewNode(node.Key, node.Value, node.Left.Right, node.Right, pool), pool);

    private static Node NewNode(string key, TValue value, Node? left, Node? right, Pool? pool) =>
        pool == null ? new Node(key, value, left, right) : pool.TakeNode(key, value, left, right);

    private static int Height(Node? node) => node?.Height ?? 0;

    /// <summary>A node of a map's tree (not private, as pools hand them out).</summary>
    internal sealed class Node
    {
        public Node(string key, TValue value, Node? left, Node? right)
        {
            Set(key, value, left, right);
        }

        public string Key { get; private set; } = null!;

        public TValue Value { get; private set; } = default!;

        public Node? Left { get; private set; }

        public Node? Right { get; private set; }

        public int Height { get; private set; }

        // Made again, for a pool's next use (see Pool).
        public void Set(string key, TValue value, Node? left, Node? right)
        {
            Key = key;
            Value = value;
            Left = left;
            Right = right;
            Height = Math.Max(PersistentMap<TValue>.Height(left), PersistentMap<TValue>.Height(right)) + 1;
        }

        // Forgotten, so that a pool keeps no strings nor nodes of a use that ended.
        public void Clear()
        {
            Key = null!;
            Value = default!;
            Left = null;
            Right = null;
        }
    }
}
