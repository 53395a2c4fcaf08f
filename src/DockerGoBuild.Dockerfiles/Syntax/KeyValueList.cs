using System;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// An instruction's pairs as the parser keeps them, for the analysis's loops: most ENV and ARG instructions have one
/// pair, kept as itself rather than in an array of its own.
/// </summary>
internal readonly struct KeyValueList
{
    // The one pair, or null with _many the pairs (empty for none).
    private readonly KeyValue? _one;
    private readonly KeyValue[] _many;

    /// <summary>The pairs as <see cref="Instruction"/> keeps them: a pair, an array of pairs, or anything else for none.</summary>
    public KeyValueList(object? pairs)
    {
        _one = pairs as KeyValue;
        _many = pairs as KeyValue[] ?? Array.Empty<KeyValue>();
    }

    public int Count => _one != null ? 1 : _many.Length;

    public KeyValue this[int index] => _one == null ? _many[index]
        : index == 0 ? _one
        : throw new ArgumentOutOfRangeException(nameof(index));

    public Enumerator GetEnumerator() => new(this);

    /// <summary>For foreach, without an object.</summary>
    public struct Enumerator
    {
        private readonly KeyValueList _list;
        private int _index;

        public Enumerator(KeyValueList list)
        {
            _list = list;
            _index = -1;
        }

        public KeyValue Current => _list[_index];

        public bool MoveNext() => ++_index < _list.Count;
    }
}
