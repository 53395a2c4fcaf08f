using System;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles;

/// <summary>
/// A table too large for a thread to keep for good from analysis to analysis, kept for its next one while the thread
/// keeps using it (see <see cref="KeptWhileUsed{T}"/>). Allocated for every analysis of a large file, such a table
/// goes on the large-object heap, whose allocations are what make the collector run its full collections; reused,
/// it costs nothing, and a table of ints (or one cleared before it is kept) costs the collector nothing while kept
/// either.
/// </summary>
internal sealed class KeptTable<T>
{
    private readonly KeptWhileUsed<T[]> _kept = new();

    /// <summary>
    /// A table of at least <paramref name="length"/> elements, of any content: the one kept, unless it was let go of or
    /// is shorter, else a new one. Either is the caller's: this forgets the one kept, so that a table that becomes a
    /// syntax's own is never handed out again.
    /// </summary>
    public T[] Take(int length) => _kept.Take() is { } table && table.Length >= length ? table : new T[length];

    /// <summary>
    /// <paramref name="table"/>, of which the first <paramref name="used"/> elements are in use, grown to at least
    /// <paramref name="length"/> elements (see <see cref="Take"/>).
    /// </summary>
    /// <remarks>Not inlined: a table grows rarely, and its callers' loops (a line's pieces, a run of facts) are hot.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public T[] Grow(T[] table, int used, int length)
    {
        var grown = Take(length);
        Array.Copy(table, grown, used);
        return grown;
    }

    /// <summary>Keeps <paramref name="table"/> for the next <see cref="Take"/>, which its caller may write from then on.</summary>
    public void Keep(T[] table) => _kept.Keep(table);
}
