using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// A quick test, before a <see cref="NameTable{T}"/> lookup, that a word may be one of a few names: by its length
/// and its first and last characters. Nearly every command name (apt-get, echo, curl) fails it, and so costs no
/// comparison with the names of its length.
/// </summary>
internal sealed class NameFilter
{
    // For each length, a bit per first (last) character, taken modulo 64: a bit set may be a false positive, which the
    // table lookup that follows settles; a bit clear is a sure no.
    private readonly ulong[] _firsts;
    private readonly ulong[] _lasts;

    public NameFilter(IEnumerable<string> names)
    {
        var longest = 0;
        foreach (var name in names)
        {
            longest = System.Math.Max(longest, name.Length);
        }

        _firsts = new ulong[longest + 1];
        _lasts = new ulong[longest + 1];
        foreach (var name in names)
        {
            if (name.Length > 0)
            {
                _firsts[name.Length] |= 1UL << (name[0] & 63);
                _lasts[name.Length] |= 1UL << (name[name.Length - 1] & 63);
            }
        }
    }

    /// <summary>False when <paramref name="word"/> is surely none of the names.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayBe(CharSlice word)
    {
        var length = word.Length;
        if (length == 0 || length >= _firsts.Length)
        {
            return false;
        }

        var chars = word.Array;
        return ((_firsts[length] >> (chars[word.Start] & 63)) & 1) != 0
            && ((_lasts[length] >> (chars[word.Start + length - 1] & 63)) & 1) != 0;
    }
}
