using System;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// A table of ints too large for a thread to keep for good from parse to parse, kept for its next parse only weakly.
/// Allocated for every parse of a large file, such a table goes on the large-object heap, whose allocations are what
/// make the collector run its full collections; reused, it costs nothing, and as it holds no references it costs the
/// collector nothing while alive either. Held weakly, it is freed by the first full collection that finds it unused,
/// so that a thread that once parsed a large file does not hold its memory for good (and large objects die at no other
/// collection, which become rare once the large allocations stop).
/// </summary>
internal sealed class WeaklyKeptTable
{
    private WeakReference<int[]>? _kept;

    /// <summary>
    /// A table of at least <paramref name="length"/> ints, of any content: the one kept, unless the collector freed it or
    /// it is shorter, else a new one. Either is the caller's: this forgets the one kept, so that a table that becomes a
    /// syntax's own is never handed out again.
    /// </summary>
    public int[] Take(int length)
    {
        if (_kept != null && _kept.TryGetTarget(out var table))
        {
            _kept.SetTarget(null!);
            if (table.Length >= length)
            {
                return table;
            }
        }

        return new int[length];
    }

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
    public void Keep(int[] table)
    {
        if (_kept == null)
        {
            _kept = new WeakReference<int[]>(table);
        }
        else
        {
            _kept.SetTarget(table);
        }
    }
}
