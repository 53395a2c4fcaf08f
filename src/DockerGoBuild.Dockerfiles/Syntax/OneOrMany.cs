using System;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// An instruction's flags or pairs as the parser keeps them, for the analysis's loops: most instructions that have
/// any have one, kept as itself rather than in an array of its own.
/// </summary>
internal readonly struct OneOrMany<T>
    where T : class
{
    // The one item, or null with _many the items (empty for none).
    private readonly T? _one;
    private readonly T[] _many;

    /// <summary>The items as <see cref="Instruction"/> keeps them: an item, an array of items, or anything else for none.</summary>
    public OneOrMany(object? items)
    {
        _one = items as T;
        _many = items as T[] ?? Array.Empty<T>();
    }

    public int Count => _one != null ? 1 : _many.Length;

    public T this[int index] => _one == null ? _many[index]
        : index == 0 ? _one
        : throw new ArgumentOutOfRangeException(nameof(index));

    public Enumerator GetEnumerator() => new(this);

    /// <summary>For foreach, without an object.</summary>
    public struct Enumerator
    {
        private readonly OneOrMany<T> _items;
        private int _index;

        public Enumerator(OneOrMany<T> items)
        {
            _items = items;
            _index = -1;
        }

        public T Current => _items[_index];

        public bool MoveNext() => ++_index < _items.Count;
    }
}
