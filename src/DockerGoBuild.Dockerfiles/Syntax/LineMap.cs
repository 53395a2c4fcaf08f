using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// The physical lines of a text. LF, CRLF and a lone CR each end a line, as Roslyn's SourceText
/// counts them, so that positions reported here and in the IDE agree.
/// </summary>
public sealed class LineMap
{
    // A line's content end is not stored: it is the next line's start (or the end of the text) less the
    // line break found there, which halves the table.
    private int[] _starts;

    // The binary check looks at this many characters from the start: a few stray Latin-1 bytes in a comment do not count.
    private const int SampleLength = 8192;

    // The line starts are collected in a buffer the thread keeps (only while used if it grew past this, see KeptTable), and copied into
    // a table of their exact number.
    private const int MaxRetainedStarts = 1 << 16;

    // One bit a byte: a character's byte in a narrowed mask is all ones or all zeros.
    private const ulong LowestBitOfEachByte = 0x0101_0101_0101_0101;

    [ThreadStatic]
    private static int[]? startsScratch;

    private LineMap(string text, int[] starts, int count, bool looksBinary)
    {
        Text = text;
        _starts = starts;
        Count = count;
        LooksBinary = looksBinary;
    }

    public string Text { get; private set; }

    public int Count { get; private set; }

    /// <summary>
    /// True when the text holds binary data rather than Dockerfile text: a NUL near its start, or more than a
    /// tenth of its first 8 KB control characters or undecodable bytes. Found by the pass that finds the lines,
    /// the one pass over every character.
    /// </summary>
    internal bool LooksBinary { get; private set; }

    public static LineMap Create(string text) => Create(text, ref startsScratch, largeBuffer: null, inPlace: false, reused: null);

    /// <summary>
    /// The map of <paramref name="text"/>, whose line starts are counted in <paramref name="buffer"/> (kept by the
    /// caller for its next text), or for a large text in <paramref name="largeBuffer"/>'s table (kept while used by
    /// the caller after a parse in place; none: a new table). In place, the map's table is that buffer, which the caller
    /// must not write while the map is read; else a copy of the starts, of their exact number, or a large text's table
    /// itself. A map parsed in place may be <paramref name="reused"/>: one the caller had of an earlier text, and reads
    /// no more.
    /// </summary>
    internal static unsafe LineMap Create(string text, ref int[]? buffer, KeptTable<int>? largeBuffer, bool inPlace, LineMap? reused)
    {
        // A large text's lines are counted into a table made once for about as many lines as it is likely to have
        // (a Dockerfile line is some forty characters), rather than into one doubled many times over.
        var expectedLines = text.Length / 32;
        var scan = new Scan(expectedLines > MaxRetainedStarts ? largeBuffer?.Take(expectedLines) ?? new int[expectedLines] : buffer ?? new int[256], largeBuffer);
        fixed (char* chars = text)
        {
            var length = text.Length;
            var i = scan.VisitBlocks(chars, length);
            scan.Visit(chars, length, i, length);
        }

        var sampleLength = Math.Min(text.Length, SampleLength);
        var looksBinary = scan.SawNul || (sampleLength >= 16 && scan.Suspicious * 10 > sampleLength);
        if (scan.Starts.Length > MaxRetainedStarts)
        {
            // Too large to keep for good: the table is the map's own, unused end and all, as a copy of its exact size
            // would be another large array; in place, kept while used for the caller's next text too (it is the map's
            // until the caller reads the map no more, which it does before its next text).
            if (inPlace)
            {
                largeBuffer?.Keep(scan.Starts);
            }

            return Made(reused, text, scan.Starts, scan.Count, looksBinary);
        }

        buffer = scan.Starts;
        if (inPlace)
        {
            return Made(reused, text, scan.Starts, scan.Count, looksBinary);
        }

        var starts = new int[scan.Count];
        Array.Copy(scan.Starts, starts, starts.Length);
        return new LineMap(text, starts, starts.Length, looksBinary);
    }

    /// <summary>Lets go of the text and its table, so that a map kept for reuse keeps neither alive.</summary>
    internal void Forget()
    {
        Text = string.Empty;
        _starts = Array.Empty<int>();
        Count = 0;
    }

    private static LineMap Made(LineMap? reused, string text, int[] starts, int count, bool looksBinary)
    {
        if (reused == null)
        {
            return new LineMap(text, starts, count, looksBinary);
        }

        reused.Text = text;
        reused._starts = starts;
        reused.Count = count;
        reused.LooksBinary = looksBinary;
        return reused;
    }

    /// <summary>The line starts, one a line, for the parser's walk over every line (it reads them without checks).</summary>
    internal int[] StartTable => _starts;

    /// <summary>Offset of the first character of the line.</summary>
    public int Start(int line) => _starts[Checked(line)];

    /// <summary>Offset just past the line's last character, before its line break.</summary>
    public int ContentEnd(int line)
    {
        var end = End(Checked(line));
        var start = _starts[line];
        if (end == start)
        {
            return end;
        }

        // Only the last line can end without a line break; a '\r' before a final '\n' is part of a CRLF,
        // since a lone CR would have ended the line itself.
        var last = Text[end - 1];
        if (last == '\n')
        {
            return end - 1 > start && Text[end - 2] == '\r' ? end - 2 : end - 1;
        }

        return last == '\r' ? end - 1 : end;
    }

    /// <summary>Offset just past the line break (the next line's start, or the end of the text).</summary>
    public int End(int line) => line + 1 < Count ? _starts[line + 1] : Text.Length;

    /// <summary>The line break that ends the line: "\n", "\r\n", "\r" or "" at the end of the text.</summary>
    public string LineBreak(int line)
    {
        var contentEnd = ContentEnd(line);
        switch (End(line) - contentEnd)
        {
            case 0:
                return string.Empty;
            case 2:
                return "\r\n";
            default:
                return Text[contentEnd] == '\n' ? "\n" : "\r";
        }
    }

    // The throw is kept out of line, so that the check is inlined where a line is asked for.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Checked(int line)
    {
        if ((uint)line >= (uint)Count)
        {
            ThrowLineOutOfRange();
        }

        return line;
    }

    private static void ThrowLineOutOfRange() => throw new ArgumentOutOfRangeException("line");

    public int GetLineIndex(int position)
    {
        if (position <= 0)
        {
            return 0;
        }

        var index = Array.BinarySearch(_starts, 0, Count, position);
        return index >= 0 ? index : ~index - 1;
    }

    public LinePosition GetPosition(int position)
    {
        var line = GetLineIndex(position);
        return new LinePosition(line, position - _starts[line]);
    }

    /// <summary>What the pass over the characters has found so far: the line starts, and what the binary check counts.</summary>
    private unsafe struct Scan
    {
        public int[] Starts;
        public int Count;
        public int Suspicious;
        public bool SawNul;

        // Where a table that grows past what the caller keeps for good is taken from (none: a new one).
        private readonly KeptTable<int>? _large;

        public Scan(int[] starts, KeptTable<int>? large)
        {
            // The first line starts at 0 even in an empty text.
            _large = large;
            Starts = starts;
            Starts[0] = 0;
            Count = 1;
            Suspicious = 0;
            SawNul = false;
        }

        /// <summary>
        /// Looks at the characters from the start a block of two vectors at a time, and returns where the blocks end
        /// (the rest is less than a block). Lines are found where the characters are not printable ASCII: a block of
        /// printable ones, most stretches of a Dockerfile, is stepped over with a few vector instructions; in the others
        /// the first character that is not printable (most often a line feed) is found from the block's mask, and the
        /// next block starts just after it, so that a line costs about one such look.
        /// </summary>
        public int VisitBlocks(char* chars, int length)
        {
            var i = 0;
            while (true)
            {
                if (Count == Starts.Length)
                {
                    Grow();
                }

                int found;
                fixed (int* starts = Starts)
                {
                    found = FindLines(chars, length, i, starts, Starts.Length, ref Count);
                }

                if (found >= 0)
                {
                    Visit(chars, length, found, found + 1);
                    i = found + 1;
                    continue;
                }

                // The blocks end there, unless the table of starts is full.
                i = ~found;
                if (Count < Starts.Length)
                {
                    return i;
                }
            }
        }

        /// <summary>
        /// Steps over the blocks from <paramref name="i"/>, adding the start after each line feed to
        /// <paramref name="starts"/> (of which <paramref name="count"/> of <paramref name="capacity"/> are used), up to
        /// the first character that is neither printable ASCII, a line feed nor a tab, which it returns; or returns ~
        /// where it stopped, at the end of the blocks or with the starts full. It calls nothing, so that its vectors
        /// stay in registers.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int FindLines(char* chars, int length, int i, int* starts, int capacity, ref int count)
        {
            var width = Vector<short>.Count;
            var block = 2 * width;

            // Taking 0x8020 from a character moves [' ', '~'] to the bottom of the signed range, [-0x8000, -0x8000 + 0x5E],
            // and everything else above it: a character is not printable when the result is above -0x8000 + 0x5E.
            var shift = new Vector<short>(unchecked((short)0x8020));
            var printableTop = new Vector<short>(unchecked((short)0x805E));
            var used = count;
            while (true)
            {
                while (i + block <= length
                    && (Vector.GreaterThan(*(Vector<short>*)(chars + i) - shift, printableTop) | Vector.GreaterThan(*(Vector<short>*)(chars + i + width) - shift, printableTop)) == Vector<short>.Zero)
                {
                    i += block;
                }

                if (i + block > length)
                {
                    count = used;
                    return ~i;
                }

                // The masks narrowed to a byte a character, in the characters' order, read eight characters a word,
                // one bit kept a character: the first word with a bit set holds the first character marked.
                var firstOut = Vector.GreaterThan(*(Vector<short>*)(chars + i) - shift, printableTop);
                var secondOut = Vector.GreaterThan(*(Vector<short>*)(chars + i + width) - shift, printableTop);
                var marks = Vector.AsVectorUInt64(Vector.Narrow(Vector.AsVectorUInt16(firstOut), Vector.AsVectorUInt16(secondOut)));
                var word = 0;
                ulong bits;
                while ((bits = marks[word] & LowestBitOfEachByte) == 0)
                {
                    word++;
                }

                var at = i + (8 * word) + ByteIndex(bits & (0 - bits));
                var c = chars[at];
                if (c == '\n')
                {
                    // The next line starts after it unless the text ends there.
                    if (at + 1 < length)
                    {
                        starts[used++] = at + 1;
                        if (used == capacity)
                        {
                            count = used;
                            return ~(at + 1);
                        }
                    }
                }
                else if (c != '\t')
                {
                    // (A tab, the most common of the others, neither ends a line nor counts for the binary check.)
                    count = used;
                    return at;
                }

                i = at + 1;
            }
        }

        // The index of the byte whose lowest bit is the one bit set in bit: multiplying moves the constant's bytes up by
        // as many bytes, and its top byte is then that index.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int ByteIndex(ulong bit) => (int)((bit * 0x0001_0203_0405_0607) >> 56);

        /// <summary>Looks at chars[from, to) one by one, where a faster test has seen something other than printable ASCII.</summary>
        public void Visit(char* chars, int length, int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var c = chars[i];
                if ((uint)(c - ' ') < '\u007F' - ' ')
                {
                    continue;
                }

                // LF, CRLF and a lone CR each end a line (a CRLF's line is ended at its LF); a final line break
                // does not start another line unless text follows it.
                if (c == '\n' || (c == '\r' && (i + 1 == length || chars[i + 1] != '\n')))
                {
                    if (i + 1 < length)
                    {
                        AddStart(i + 1);
                    }
                }
                else if (i < SampleLength)
                {
                    SawNul |= c == '\0';
                    if ((char.IsControl(c) && c is not ('\t' or '\r' or '\f' or '\v' or '\u001B')) || c == '\uFFFD')
                    {
                        Suspicious++;
                    }
                }
            }
        }

        private void AddStart(int start)
        {
            if (Count == Starts.Length)
            {
                Grow();
            }

            Starts[Count++] = start;
        }

        // Doubles the table: past the bound, into the large table of an earlier text if the collector has not freed it
        // (below it, never: a map not parsed in place would own a large table for a small text).
        private void Grow()
        {
            if (_large != null && Count * 2 > MaxRetainedStarts)
            {
                Starts = _large.Grow(Starts, Count, Count * 2);
            }
            else
            {
                Array.Resize(ref Starts, Count * 2);
            }
        }
    }
}
