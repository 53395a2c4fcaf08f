using System;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// An instruction's text as BuildKit reads it: its physical lines joined, with line continuations,
/// comment lines and blank lines inside the continuation removed. Every character maps back to its
/// offset in the source, so spans found in the joined text point at the exact source bytes.
/// </summary>
/// <remarks>
/// The joined text is only made into a string when <see cref="Text"/> is asked for: the parser and the
/// rules read the characters where they lie in the source, piece by piece.
/// </remarks>
public sealed class LogicalLine
{
    private const int MaxRetainedChars = 1 << 16;

    [ThreadStatic]
    private static char[]? joinBuffer;

    private readonly string _source;

    // With one piece (most instructions): the piece's source start. With more: null otherwise, triples
    // (logical start, source start, length) for piece i at [3i, 3i + 3).
    private readonly int _singleStart;
    private readonly int[]? _pieces;
    private string? _text;

    private LogicalLine(string source, int singleStart, int[]? pieces, int length)
    {
        _source = source;
        _singleStart = singleStart;
        _pieces = pieces;
        Length = length;
    }

    /// <summary>The joined text.</summary>
    public string Text => _text ??= _pieces == null ? _source.Substring(_singleStart, Length) : Substring(0, Length);

    /// <summary>The length of the joined text.</summary>
    public int Length { get; }

    /// <summary>How many physical pieces make up the line.</summary>
    public int PieceCount => _pieces == null ? 1 : _pieces.Length / 3;

    /// <summary>The source span of piece <paramref name="index"/>.</summary>
    public TextSpan PieceSourceSpan(int index) =>
        _pieces == null ? new TextSpan(_singleStart, Length) : new TextSpan(_pieces[(3 * index) + 1], _pieces[(3 * index) + 2]);

    /// <summary>Source offset of the character at logical <paramref name="offset"/> (the end maps to just past the last character).</summary>
    public int ToSource(int offset)
    {
        if (_pieces == null)
        {
            return _singleStart + Math.Min(offset, Length);
        }

        var count = _pieces.Length / 3;
        if (offset >= Length)
        {
            var last = count - 1;
            return _pieces[(3 * last) + 1] + _pieces[(3 * last) + 2];
        }

        // The last piece whose logical start is at or before the offset; empty pieces share a logical start
        // with the next piece, and the search moves past them to the one that holds the offset.
        var key = Math.Max(offset, 0);
        var low = 0;
        var high = count - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (_pieces[3 * mid] <= key)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return _pieces[(3 * low) + 1] + (offset - _pieces[3 * low]);
    }

    /// <summary>
    /// <see cref="ToSource(int)"/> for a caller that maps many offsets in about increasing order:
    /// <paramref name="piece"/> is where the last offset was found (start at 0), and where the search starts.
    /// </summary>
    internal int ToSource(int offset, ref int piece)
    {
        if (_pieces == null || offset < 0 || offset >= Length)
        {
            return ToSource(offset);
        }

        var count = _pieces.Length / 3;
        if (piece < 0 || piece >= count || _pieces[3 * piece] > offset)
        {
            piece = 0;
        }

        // The last piece starting at or before the offset, as ToSource(int) finds it.
        while (piece + 1 < count && _pieces[3 * (piece + 1)] <= offset)
        {
            piece++;
        }

        return _pieces[(3 * piece) + 1] + (offset - _pieces[3 * piece]);
    }

    /// <summary>Source span of the logical span [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public TextSpan ToSource(int start, int end)
    {
        if (end <= start)
        {
            var at = ToSource(start);
            return new TextSpan(at, 0);
        }

        var sourceStart = ToSource(start);
        var sourceEnd = ToSource(end - 1) + 1;
        return TextSpan.FromBounds(sourceStart, Math.Max(sourceStart, sourceEnd));
    }

    /// <summary>Logical offset of a source offset inside one of the pieces, or -1.</summary>
    public int FromSource(int sourceOffset)
    {
        for (var i = 0; i < PieceCount; i++)
        {
            var piece = PieceSourceSpan(i);
            if (sourceOffset >= piece.Start && sourceOffset <= piece.End)
            {
                return LogicalStart(i) + (sourceOffset - piece.Start);
            }
        }

        return -1;
    }

    /// <summary>The joined text's character at <paramref name="offset"/>, read where it lies.</summary>
    internal char CharAt(int offset) =>
        _text != null ? _text[offset]
        : (uint)offset >= (uint)Length ? throw new ArgumentOutOfRangeException(nameof(offset))
        : _source[ToSource(offset)];

    /// <summary>The joined text of [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
    internal string Substring(int start, int length)
    {
        if (_text != null)
        {
            return _text.Substring(start, length);
        }

        if (_pieces == null)
        {
            return _source.Substring(_singleStart + start, length);
        }

        // The pieces are joined in a buffer the thread keeps, so that only the string is allocated.
        var chars = joinBuffer is { } cached && cached.Length >= length ? cached : new char[Math.Max(length, 256)];
        CopyTo(start, chars, 0, length);
        if (chars.Length <= MaxRetainedChars)
        {
            joinBuffer = chars;
        }

        return new string(chars, 0, length);
    }

    /// <summary>Copies the joined characters [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) into <paramref name="destination"/>.</summary>
    internal void CopyTo(int start, char[] destination, int destinationIndex, int length)
    {
        if (_pieces == null)
        {
            _source.CopyTo(_singleStart + start, destination, destinationIndex, length);
            return;
        }

        var end = start + length;
        for (var i = 0; i < _pieces.Length && start < end; i += 3)
        {
            var pieceStart = _pieces[i];
            var pieceEnd = pieceStart + _pieces[i + 2];
            if (pieceEnd <= start)
            {
                continue;
            }

            var count = Math.Min(pieceEnd, end) - start;
            _source.CopyTo(_pieces[i + 1] + (start - pieceStart), destination, destinationIndex, count);
            destinationIndex += count;
            start += count;
        }
    }

    private int LogicalStart(int index) => _pieces == null ? 0 : _pieces[3 * index];

    /// <summary>Collects the pieces of one logical line; one builder serves every line of a parse, and more parses after it.</summary>
    internal sealed class Builder
    {
        // The triples of the pieces so far in [0, _count); a plain array, as this is done for every line of a file.
        private int[] _pieces = new int[48];
        private int _count;
        private string _source = string.Empty;
        private int _length;

        /// <summary>Starts reading lines of <paramref name="source"/>.</summary>
        public void Reset(string source)
        {
            _source = source;
            Clear();
        }

        /// <summary>Starts a line of the same source.</summary>
        public void Clear()
        {
            _count = 0;
            _length = 0;
        }

        public void Add(int sourceStart, int length)
        {
            if (_count + 3 > _pieces.Length)
            {
                Array.Resize(ref _pieces, _pieces.Length * 2);
            }

            _pieces[_count] = _length;
            _pieces[_count + 1] = sourceStart;
            _pieces[_count + 2] = length;
            _count += 3;
            _length += length;
        }

        public LogicalLine Build()
        {
            if (_count == 3)
            {
                return new LogicalLine(_source, _pieces[1], null, _length);
            }

            var pieces = new int[_count];
            Array.Copy(_pieces, pieces, _count);
            return new LogicalLine(_source, 0, pieces, _length);
        }
    }
}
