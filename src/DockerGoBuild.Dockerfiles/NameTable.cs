using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles;

/// <summary>
/// A few known names with a value each, found by the length of the name first: looking a word up costs a
/// comparison or two, not one per known name, and the word need not be a string.
/// </summary>
internal sealed class NameTable<T>
{
    private static readonly KeyValuePair<string, T>[] None = new KeyValuePair<string, T>[0];

    private readonly KeyValuePair<string, T>[][] _byLength;

    public NameTable(IReadOnlyList<KeyValuePair<string, T>> entries)
    {
        var longest = 0;
        foreach (var entry in entries)
        {
            longest = System.Math.Max(longest, entry.Key.Length);
        }

        var groups = new List<KeyValuePair<string, T>>[longest + 1];
        foreach (var entry in entries)
        {
            (groups[entry.Key.Length] ??= new List<KeyValuePair<string, T>>()).Add(entry);
        }

        _byLength = new KeyValuePair<string, T>[longest + 1][];
        for (var length = 0; length <= longest; length++)
        {
            _byLength[length] = groups[length]?.ToArray() ?? None;
        }
    }

    public bool TryFind(CharSlice name, out T value)
    {
        if (name.Length < _byLength.Length)
        {
            foreach (var entry in _byLength[name.Length])
            {
                if (name.Is(entry.Key))
                {
                    value = entry.Value;
                    return true;
                }
            }
        }

        value = default!;
        return false;
    }
}
