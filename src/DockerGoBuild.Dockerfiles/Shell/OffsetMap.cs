using System;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Maps offsets in a nested script (e.g. the argument of <c>sh -c</c>) back to the analysed text,
/// through every level of nesting. Each level clamps into the span of the word it came from, so
/// offsets stay inside that word even where escapes make the mapping inexact.
/// </summary>
internal sealed class OffsetMap
{
    private readonly OffsetMap? parent;

    // Set again for each read on a root map, which a read's context keeps.
    private int localBase;
    private readonly int[] valueStarts;
    private readonly int[] rawStarts;
    private readonly int clampStart;
    private readonly int clampEnd;

    private OffsetMap(OffsetMap? parent, int localBase, int[] valueStarts, int[] rawStarts, int clampStart, int clampEnd)
    {
        this.parent = parent;
        this.localBase = localBase;
        this.valueStarts = valueStarts;
        this.rawStarts = rawStarts;
        this.clampStart = clampStart;
        this.clampEnd = clampEnd;
    }

    /// <summary>The map of the script read: offset i in the reader's copy is <paramref name="origin"/> + i in the caller's text.</summary>
    public static OffsetMap Root(int origin) => new(null, -origin, Array.Empty<int>(), Array.Empty<int>(), 0, 0);

    /// <summary>Points a root map at the next read's text.</summary>
    public void SetOrigin(int origin)
    {
        if (parent != null)
        {
            throw new InvalidOperationException("Only a root map has an origin.");
        }

        localBase = -origin;
    }

    /// <summary>
    /// A script whose offset <paramref name="localBase"/> is the value index 0 of a word of the parent's text: value
    /// index valueStarts[i] is the parent's offset rawStarts[i], then contiguously, clamped into [clampStart, clampEnd).
    /// </summary>
    public static OffsetMap Nested(OffsetMap parent, int localBase, int[] valueStarts, int[] rawStarts, int clampStart, int clampEnd) =>
        new(parent, localBase, valueStarts, rawStarts, clampStart, clampEnd);

    /// <summary>Maps the span [start, end) and returns the outer start and length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (int Start, int Length) MapSpan(int start, int end)
    {
        var outerStart = MapPoint(start);
        if (end <= start)
        {
            return (outerStart, 0);
        }

        var outerLast = MapPoint(end - 1);
        return outerLast < outerStart ? (outerStart, 0) : (outerStart, outerLast + 1 - outerStart);
    }

    /// <summary>Maps the offset <paramref name="local"/> of this map's text to the reader's caller (as MapSpan maps an empty span's start).</summary>
    /// <remarks>Inlined: most maps are the root's, with no level to walk.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int MapPoint(int local)
    {
        var level = this;
        var offset = local;
        while (level.parent != null)
        {
            offset = level.MapOneLevel(offset - level.localBase);
            level = level.parent;
        }

        return offset - level.localBase;
    }

    private int MapOneLevel(int local)
    {
        var segment = FindSegment(local);
        var mapped = rawStarts[segment] + (local - valueStarts[segment]);
        if (mapped >= clampEnd)
        {
            mapped = clampEnd - 1;
        }

        return mapped < clampStart ? clampStart : mapped;
    }

    private int FindSegment(int local)
    {
        var low = 0;
        var high = valueStarts.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (valueStarts[mid] <= local)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }
}
