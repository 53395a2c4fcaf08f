using System;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Maps offsets in a nested script (e.g. the argument of <c>sh -c</c>) back to the analysed text,
/// through every level of nesting. Each level clamps into the span of the word it came from, so
/// offsets stay inside that word even where escapes make the mapping inexact.
/// </summary>
internal sealed class OffsetMap
{
    public static readonly OffsetMap Identity = new OffsetMap(null, Array.Empty<int>(), Array.Empty<int>(), 0, 0);

    private readonly OffsetMap? parent;
    private readonly int[] valueStarts;
    private readonly int[] rawStarts;
    private readonly int clampStart;
    private readonly int clampEnd;

    public OffsetMap(OffsetMap? parent, int[] valueStarts, int[] rawStarts, int clampStart, int clampEnd)
    {
        this.parent = parent;
        this.valueStarts = valueStarts;
        this.rawStarts = rawStarts;
        this.clampStart = clampStart;
        this.clampEnd = clampEnd;
    }

    /// <summary>Maps the span [start, end) and returns the outer start and length.</summary>
    public (int Start, int Length) MapSpan(int start, int end)
    {
        int outerStart = MapPoint(start);
        if (end <= start)
        {
            return (outerStart, 0);
        }

        int outerLast = MapPoint(end - 1);
        return outerLast < outerStart ? (outerStart, 0) : (outerStart, outerLast + 1 - outerStart);
    }

    private int MapPoint(int local)
    {
        OffsetMap? level = this;
        int offset = local;
        while (level != null && level.parent != null)
        {
            offset = level.MapOneLevel(offset);
            level = level.parent;
        }

        return offset;
    }

    private int MapOneLevel(int local)
    {
        int mapped = local;
        if (valueStarts.Length > 0)
        {
            int segment = FindSegment(local);
            mapped = rawStarts[segment] + (local - valueStarts[segment]);
        }

        if (mapped >= clampEnd)
        {
            mapped = clampEnd - 1;
        }

        return mapped < clampStart ? clampStart : mapped;
    }

    private int FindSegment(int local)
    {
        int low = 0;
        int high = valueStarts.Length - 1;
        while (low < high)
        {
            int mid = (low + high + 1) / 2;
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
