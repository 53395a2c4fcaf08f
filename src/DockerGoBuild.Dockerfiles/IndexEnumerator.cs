namespace DockerGoBuild.Dockerfiles;

/// <summary>A list of values read by index: a view over a table, for <see cref="IndexEnumerator{TList, T}"/>.</summary>
internal interface IIndexedList<out T>
{
    int Count { get; }

    T this[int index] { get; }
}

/// <summary>
/// For foreach over a view of a table (<typeparamref name="TList"/>, a struct), without an object: the calls are made
/// on the view's own type, not through the interface.
/// </summary>
internal struct IndexEnumerator<TList, T>
    where TList : struct, IIndexedList<T>
{
    private readonly TList _list;
    private int _index;

    public IndexEnumerator(TList list)
    {
        _list = list;
        _index = -1;
    }

    public readonly T Current => _list[_index];

    public bool MoveNext() => ++_index < _list.Count;
}
