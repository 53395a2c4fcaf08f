using System;
using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// Hands out contiguous pieces of arrays, a new array when the current one has no room left; each new array is twice
/// as long as the one before, up to a limit. Compared with one array that doubles: nothing is copied as the model
/// grows, the arrays stay small enough for the young generation (a large file's model would otherwise reallocate
/// megabytes on the large object heap), and the first few arrays are kept for the thread's next model, a small
/// file's being small.
/// </summary>
internal sealed class SegmentBuffer<T>
{
    // Arrays kept for the next model; the rest of a large file's are left to the collector.
    private const int RetainedSegments = 4;

    private const int FirstSegmentLength = 256;

    private readonly int _maxSegmentLength;
    private readonly bool _holdsReferences;
    private readonly List<T[]> _segments = new();

    // The array being filled: its index in _segments, and how much of it is taken.
    private int _current = -1;
    private int _used;

    /// <param name="maxSegmentLength">The length of the longest segment.</param>
    /// <param name="holdsReferences">
    /// Whether the elements refer to objects, which <see cref="Clear"/> must then let go of; elements that refer to
    /// nothing (numbers, characters) are left as they are, each piece being written whole before it is read.
    /// </param>
    public SegmentBuffer(int maxSegmentLength, bool holdsReferences = true)
    {
        _maxSegmentLength = maxSegmentLength;
        _holdsReferences = holdsReferences;
    }

    /// <summary>
    /// A piece of <paramref name="count"/> elements: <paramref name="start"/> in the array returned. A piece longer
    /// than the longest segment gets an array of its own.
    /// </summary>
    public T[] Take(int count, out int start)
    {
        if (count > _maxSegmentLength)
        {
            start = 0;
            return new T[count];
        }

        if (_current < 0 || _used + count > _segments[_current].Length)
        {
            // The next segment: the one kept from an earlier model when it is long enough, else a new one.
            _current++;
            _used = 0;
            var length = Math.Min(_maxSegmentLength, Math.Max(count, _current == 0 ? FirstSegmentLength : 2 * _segments[_current - 1].Length));
            if (_current == _segments.Count)
            {
                _segments.Add(new T[length]);
            }
            else if (_segments[_current].Length < count)
            {
                _segments[_current] = new T[length];
            }
        }

        start = _used;
        _used += count;
        return _segments[_current];
    }

    /// <summary>
    /// Empties the buffer for the next model; elements that refer to objects are cleared, so that they keep nothing
    /// alive. The arrays past the first few are dropped unless <paramref name="keepAll"/>: for the buffer of tables
    /// that the thread keeps only while used (see <see cref="ModelTables.Return"/>), so that the same large file analysed
    /// again takes them rather than making megabytes of them anew.
    /// </summary>
    public void Clear(bool keepAll)
    {
        for (var i = 0; _holdsReferences && i <= _current; i++)
        {
            // As a span: Array.Clear of an array of any type first finds out what its elements are, at every call.
            var segment = _segments[i];
            new Span<T>(segment, 0, i == _current ? _used : segment.Length).Clear();
        }

        if (!keepAll && _segments.Count > RetainedSegments)
        {
            _segments.RemoveRange(RetainedSegments, _segments.Count - RetainedSegments);
        }

        _current = -1;
        _used = 0;
    }
}
