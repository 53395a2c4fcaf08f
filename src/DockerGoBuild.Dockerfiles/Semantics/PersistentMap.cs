using System;
using System.Collections;
using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// An immutable map from ordinal strings to values, where setting a key returns a new map that shares all
/// but O(log n) nodes with the old one (a persistent AVL tree). Every instruction's build state keeps its own
/// ENV and ARG tables; copying a dictionary per ENV made a stage of many ENVs quadratic in time and memory.
/// Enumerates in ordinal key order.
/// </summary>
internal sealed class PersistentMap<TValue> : IReadOnlyDictionary<string, TValue>
{
    public static readonly PersistentMap<TValue> Empty = new(null);

    private readonly Node? _root;

    private PersistentMap(Node? root)
    {
        _root = root;
    }

    public int Count => _root?.Count ?? 0;

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

    public bool TryGetValue(string key, out TValue value)
    {
        var node = _root;
        while (node != null)
        {
            var order = string.CompareOrdinal(key, node.Key);
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

    /// <summary>This map with <paramref name="key"/> set to <paramref name="value"/>; this map is unchanged.</summary>
    public PersistentMap<TValue> SetItem(string key, TValue value) => new(Set(_root, key ?? throw new ArgumentNullException(nameof(key)), value));

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        var stack = new Stack<Node>();
        for (var node = _root; node != null || stack.Count > 0; node = node.Right)
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

    private static Node Set(Node? node, string key, TValue value)
    {
        if (node == null)
        {
            return new Node(key, value, null, null);
        }

        var order = string.CompareOrdinal(key, node.Key);
        if (order == 0)
        {
            return new Node(key, value, node.Left, node.Right);
        }

        return order < 0
            ? Balance(node.Key, node.Value, Set(node.Left, key, value), node.Right)
            : Balance(node.Key, node.Value, node.Left, Set(node.Right, key, value));
    }

    // Rebuilds a node whose subtrees' heights differ by at most two, rotating so they differ by at most one.
    private static Node Balance(string key, TValue value, Node? left, Node? right)
    {
        var difference = Height(left) - Height(right);
        if (difference > 1)
        {
            if (Height(left!.Left) < Height(left.Right))
            {
                left = RotateLeft(left);
            }

            return new Node(left.Key, left.Value, left.Left, new Node(key, value, left.Right, right));
        }

        if (difference < -1)
        {
            if (Height(right!.Right) < Height(right.Left))
            {
                right = RotateRight(right);
            }

            return new Node(right.Key, right.Value, new Node(key, value, left, right.Left), right.Right);
        }

        return new Node(key, value, left, right);
    }

    private static Node RotateLeft(Node node) =>
        new(node.Right!.Key, node.Right.Value, new Node(node.Key, node.Value, node.Left, node.Right.Left), node.Right.Right);

    private static Node RotateRight(Node node) =>
        new(node.Left!.Key, node.Left.Value, node.Left.Left, new Node(node.Key, node.Value, node.Left.Right, node.Right));

    private static int Height(Node? node) => node?.Height ?? 0;

    private sealed class Node
    {
        public Node(string key, TValue value, Node? left, Node? right)
        {
            Key = key;
            Value = value;
            Left = left;
            Right = right;
            Height = Math.Max(PersistentMap<TValue>.Height(left), PersistentMap<TValue>.Height(right)) + 1;
            Count = (left?.Count ?? 0) + (right?.Count ?? 0) + 1;
        }

        public string Key { get; }

        public TValue Value { get; }

        public Node? Left { get; }

        public Node? Right { get; }

        public int Height { get; }

        public int Count { get; }
    }
}
