using System;
using System.Runtime.CompilerServices;

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
public readonly struct LogicalLine : IEquatable<LogicalLine>
{
    private const int MaxRetainedChars = 1 << 16;

    [ThreadStatic]
    private static char[]? joinBuffer;

    private readonly SyntaxTables _table;

    // With one piece (most instructions): the piece's source start. With more: ~i, i being where the table holds
    // the piece count, the triples (logical start, source start, length) of the pieces following it.
    private readonly int _start;

    /// <summary>The line that an instruction's record keeps as <paramref name="start"/> and <paramref name="length"/> (see <see cref="SyntaxTables.LineStartField"/>).</summary>
    internal LogicalLine(SyntaxTables table, int start, int length)
    {
        _table = table;
        _start = start;
        Length = length;
    }

    /// <summary>True for <c>default</c>, no line.</summary>
    internal bool IsDefault => _table == null;

    /// <summary>The tables the line is read from (null for <c>default</c>).</summary>
    internal SyntaxTables Tables => _table;

    /// <summary>What an instruction's record keeps of the line (see <see cref="SyntaxTables.LineStartField"/>).</summary>
    internal int StartField => _start;

    public bool Equals(LogicalLine other) => _table == other._table && _start == other._start && Length == other.Length;

    public override bool Equals(object? obj) => obj is LogicalLine other && Equals(other);

    public override int GetHashCode() => (_start * 31) + Length;

    public static bool operator ==(LogicalLine left, LogicalLine right) => left.Equals(right);

    public static bool operator !=(LogicalLine left, LogicalLine right) => !left.Equals(right);

    /// <summary>The joined text (a new string each time: the parser and the rules read the line where it lies).</summary>
    public string Text => Substring(0, Length);

    /// <summary>The length of the joined text.</summary>
    public int Length { get; }

    /// <summary>How many physical pieces make up the line.</summary>
    public int PieceCount => _start >= 0 ? 1 : _table.Pieces[~_start];

    // Where the table holds piece i's triple.
    private int PieceAt(int index) => ~_start + 1 + (3 * index);

    /// <summary>The source span of piece <paramref name="index"/>.</summary>
    public TextSpan PieceSourceSpan(int index) =>
        _start >= 0 ? new TextSpan(_start, Length) : new TextSpan(_table.Pieces[PieceAt(index) + 1], _table.Pieces[PieceAt(index) + 2]);

    /// <summary>Source offset of the character at logical <paramref name="offset"/> (the end maps to just past the last character).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ToSource(int offset) => _start >= 0 ? _start + Math.Min(offset, Length) : ToSourceInPieces(offset);

    // ToSource(int) for a line of more than one piece (most lines are one, mapped inline by the callers).
    private int ToSourceInPieces(int offset)
    {
        var pieces = _table.Pieces;
        var count = PieceCount;
        if (offset >= Length)
        {
            var last = PieceAt(count - 1);
            return pieces[last + 1] + pieces[last + 2];
        }

        // The last piece whose logical start is at or before the offset; empty pieces share a logical start
        // with the next piece, and the search moves past them to the one that holds the offset.
        var key = Math.Max(offset, 0);
        var low = 0;
        var high = count - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (pieces[PieceAt(mid)] <= key)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        var at = PieceAt(low);
        return pieces[at + 1] + (offset - pieces[at]);
    }

    /// <summary>
    /// <see cref="ToSource(int)"/> for a caller that maps many offsets in about increasing order:
    /// <paramref name="piece"/> is where the last offset was found (start at 0), and where the search starts.
    /// </summary>
    internal int ToSource(int offset, ref int piece)
    {
        if (_start >= 0 || offset < 0 || offset >= Length)
        {
            return ToSource(offset);
        }

        var pieces = _table.Pieces;
        var count = PieceCount;
        if (piece < 0 || piece >= count || pieces[PieceAt(piece)] > offset)
        {
            piece = 0;
        }

        // The last piece starting at or before the offset, as ToSource(int) finds it.
        while (piece + 1 < count && pieces[PieceAt(piece + 1)] <= offset)
        {
            piece++;
        }

        var at = PieceAt(piece);
        return pieces[at + 1] + (offset - pieces[at]);
    }

    /// <summary>Source span of the logical span [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public TextSpan ToSource(int start, int end)
    {
        if (_start >= 0)
        {
            // One piece: ToSource(int) of the start and of the last character, without the calls.
            var from = _start + Math.Min(start, Length);
            return end <= start ? new TextSpan(from, 0) : TextSpan.FromBounds(from, Math.Max(from, _start + Math.Min(end - 1, Length) + 1));
        }

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

    /// <summary>
    /// For a line of one piece, the source and where the line starts in it (logical offset o is the source's
    /// sourceStart + o, up to <see cref="Length"/>); false for a line joined from more.
    /// </summary>
    internal bool TryGetOnePiece(out string source, out int sourceStart)
    {
        source = _table.Source;
        sourceStart = _start;
        return _start >= 0;
    }

    /// <summary>The joined text's character at <paramref name="offset"/>, read where it lies.</summary>
    internal char CharAt(int offset) =>
        (uint)offset >= (uint)Length ? throw new ArgumentOutOfRangeException(nameof(offset)) : _table.Source[ToSource(offset)];

    /// <summary>The joined text of [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
    internal string Substring(int start, int length)
    {
        if (_start >= 0)
        {
            return _table.Source.Substring(_start + start, length);
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
        var source = _table.Source;
        if (_start >= 0)
        {
            source.CopyTo(_start + start, destination, destinationIndex, length);
            return;
        }

        var pieces = _table.Pieces;
        var end = start + length;
        var last = PieceAt(PieceCount);
        for (var i = PieceAt(0); i < last && start < end; i += 3)
        {
            var pieceStart = pieces[i];
            var pieceEnd = pieceStart + pieces[i + 2];
            if (pieceEnd <= start)
            {
                continue;
            }

            var count = Math.Min(pieceEnd, end) - start;
            source.CopyTo(pieces[i + 1] + (start - pieceStart), destination, destinationIndex, count);
            destinationIndex += count;
            start += count;
        }
    }

    /// <summary>The lines of the source the line was read from.</summary>
    internal LineMap Lines => _table.Lines;

    private int LogicalStart(int index) => _start >= 0 ? 0 : _table.Pieces[PieceAt(index)];

    /// <summary>
    /// The joined characters [<paramref name="start"/>, + <paramref name="length"/>) where they lie in the source, when
    /// the line is one piece (nearly every line): read without a copy. False for a line of more pieces.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryGetSource(int start, int length, out ReadOnlySpan<char> text)
    {
        if (_start >= 0)
        {
            text = _table.Source.AsSpan(_start + start, length);
            return true;
        }

        text = default;
        return false;
    }

    /// <summary>Collects the pieces of the logical lines of a source; one builder serves every line of a parse, and more parses after it.</summary>
    internal sealed class Builder
    {
        // A buffer that grew past this is kept by the thread after the parse only while used (see KeptTable).
        private const int MaxRetainedPieces = 1 << 16;

        // The large buffer of an earlier parse, for the next parse whose pieces outgrow the one kept for good.
        private readonly KeptTable<int> _largePieces = new();

        // The lines kept so far in [0, _kept); the line being read from _lineAt: its count's slot, then its triples,
        // up to _used. A plain array, as this is done for every line of a file.
        private int[] _pieces = new int[48];
        private SyntaxTables? _table;
        private int _kept;
        private int _lineAt;
        private int _used;
        private int _length;

        /// <summary>Starts reading the logical lines of a parse into its <paramref name="tables"/> (null: forgets the last parse).</summary>
        public void Reset(SyntaxTables? tables)
        {
            _table = tables;
            if (tables != null)
            {
                tables.Pieces = _pieces;
            }

            _kept = 0;
            Clear();
        }

        /// <summary>Starts a line of the same source.</summary>
        public void Clear()
        {
            _lineAt = _kept;
            _used = _kept + 1;
            _length = 0;
            Reserve(0);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int sourceStart, int length)
        {
            Reserve(3);

            // The ints written through one checked reference to the first, as Reserve made room for them all.
            var at = _used;
            ref var piece = ref _pieces[at];
            piece = _length;
            Unsafe.Add(ref piece, 1) = sourceStart;
            Unsafe.Add(ref piece, 2) = length;
            _used = at + 3;
            _length += length;
        }

        /// <summary>The line of the one piece [<paramref name="sourceStart"/>, + <paramref name="length"/>), without <see cref="Clear"/> and <see cref="Add"/>.</summary>
        public LogicalLine BuildOne(int sourceStart, int length) => new(_table!, sourceStart, length);

        public LogicalLine Build()
        {
            var count = (_used - _lineAt - 1) / 3;
            if (count == 1)
            {
                // One piece needs no room in the table: the line keeps its start.
                return new LogicalLine(_table!, _pieces[_lineAt + 2], _length);
            }

            _pieces[_lineAt] = count;
            _kept = _used;
            return new LogicalLine(_table!, ~_lineAt, _length);
        }

        /// <summary>
        /// Gives the table a copy of the lines' pieces, of their exact number, once every line is built; in place, the
        /// table keeps the builder's buffer (which the builder writes again only in a later parse).
        /// </summary>
        public void Finish(bool inPlace)
        {
            if (!inPlace)
            {
                var pieces = _kept == 0 ? Array.Empty<int>() : new int[_kept];
                Array.Copy(_pieces, pieces, _kept);
                _table!.Pieces = pieces;
            }

            // The builder's buffer, not the syntax's (a copy, or in place read only until the builder's next parse).
            if (_pieces.Length > MaxRetainedPieces)
            {
                _largePieces.Keep(_pieces);
                _pieces = new int[48];
            }
        }

        private void Reserve(int more)
        {
            if (_used + more > _pieces.Length)
            {
                // Into the large buffer of an earlier parse if the collector has not freed it, rather than through
                // every doubling up to its size again.
                _pieces = _largePieces.Grow(_pieces, _pieces.Length, _pieces.Length * 2);
                _table!.Pieces = _pieces;
            }
        }
    }
}
