using System;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// A table of ints too large for a thread to keep for good from parse to parse, kept for its next parse while the
/// thread keeps using it (see <see cref="KeptWhileUsed{T}"/>). Allocated for every parse of a large file, such a
/// table goes on the large-object heap, whose allocations are what make the collector run its full collections;
/// reused, it costs nothing, and as it holds no references it costs the collector nothing while kept either.
/// </summary>
internal sealed class KeptTable
{
    private readonly KeptWhileUsed<int[]> _kept = new();

    /// <summary>
    /// A table of at least <paramref name="length"/> ints, of any content: the one kept, unless it was let go of or
    /// is shorter, else a new one. Either is the caller's: this forgets the one kept, so that a table that becomes a
    /// syntax's own is never handed out again.
    /// </summary>
    public int[] Take(int length) => _kept.Take() is { } table && table.Length >= length ? table : new int[length];

    /// <summary>
    /// <paramref name="table"/>, of which the first <paramref name="used"/> ints are in use, grown to at least
    /// <paramref name="length"/> ints (see <see cref="Take"/>).
    /// </summary>
    public int[] Grow(int[] table, int used, int length)
    {
        var grown = Take(length);
        Array.Copy(table, grown, used);
        return grown;
    }

    /// <summary>Keeps <paramref name="table"/> for the next <see cref="Take"/>, which its caller may write from then on.</summary>
    public void Keep(int[] table) => _kept.Keep(table);
}
