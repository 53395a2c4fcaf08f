using System;
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
    private readonly int[] _starts;

    // The binary check looks at this many characters from the start: a few stray Latin-1 bytes in a comment do not count.
    private const int SampleLength = 8192;

    // Four UTF-16 characters read as one 64-bit word are tested lane by lane (see NotPrintable).
    private const ulong EachSpace = 0x0020_0020_0020_0020;

    // The line starts are collected in a buffer the thread keeps (unless it grew past this), and copied into a
    // table of their exact number.
    private const int MaxRetainedStarts = 1 << 16;

    [ThreadStatic]
    private static int[]? startsScratch;

    private LineMap(string text, int[] starts, bool looksBinary)
    {
        Text = text;
        _starts = starts;
        Count = starts.Length;
        LooksBinary = looksBinary;
    }

    public string Text { get; }

    public int Count { get; }

    /// <summary>
    /// True when the text holds binary data rather than Dockerfile text: a NUL near its start, or more than a
    /// tenth of its first 8 KB control characters or undecodable bytes. Found by the pass that finds the lines,
    /// the one pass over every character.
    /// </summary>
    internal bool LooksBinary { get; }

    public static unsafe LineMap Create(string text)
    {
        var scan = new Scan(startsScratch ?? new int[256]);
        fixed (char* chars = text)
        {
            // Lines are found where the characters are not printable ASCII: sixteen printable ones, most stretches of
            // a Dockerfile, are stepped over with one branch, and only the four of them that hold something else
            // (most often a line feed) are looked at one by one.
            var length = text.Length;
            var i = 0;
            for (; i + 16 <= length; i += 16)
            {
                var first = *(ulong*)(chars + i);
                var second = *(ulong*)(chars + i + 4);
                var third = *(ulong*)(chars + i + 8);
                var fourth = *(ulong*)(chars + i + 12);

                // NotPrintable of the four at once: the lanes' tests are combined before they are masked.
                var plusOne = (first + CharLanes.EachOne) | (second + CharLanes.EachOne) | (third + CharLanes.EachOne) | (fourth + CharLanes.EachOne);
                var lessSpace = (first - EachSpace) | (second - EachSpace) | (third - EachSpace) | (fourth - EachSpace);
                if (((plusOne & CharLanes.NotAsciiBits) | (lessSpace & CharLanes.TopBits)) != 0)
                {
                    scan.VisitSixteen(chars, length, i);
                }
            }

            scan.Visit(chars, length, i, length);
        }

        var starts = new int[scan.Count];
        Array.Copy(scan.Starts, starts, starts.Length);
        startsScratch = scan.Starts.Length <= MaxRetainedStarts ? scan.Starts : null;
        var sampleLength = Math.Min(text.Length, SampleLength);
        return new LineMap(text, starts, scan.SawNul || (sampleLength >= 16 && scan.Suspicious * 10 > sampleLength));
    }

    /// <summary>
    /// Non-zero when one of the four UTF-16 characters in <paramref name="four"/> is not printable ASCII (and at
    /// times for printable ones next to one that is not). Adding one sets a bit of 0xFF80 in the lanes from 0x7F to
    /// 0xFFFE; taking ' ' away sets the top bit in those below ' ' and from 0x8020 up (0xFFFF included). A carry or a
    /// borrow into the next lane only comes from a lane caught itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong NotPrintable(ulong four) => ((four + CharLanes.EachOne) & CharLanes.NotAsciiBits) | ((four - EachSpace) & CharLanes.TopBits);

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

        public Scan(int[] starts)
        {
            // The first line starts at 0 even in an empty text.
            Starts = starts;
            Starts[0] = 0;
            Count = 1;
            Suspicious = 0;
            SawNul = false;
        }

        /// <summary>Looks at the sixteen characters at <paramref name="at"/>, where a faster test has seen something other than printable ASCII.</summary>
        public void VisitSixteen(char* chars, int length, int at)
        {
            for (var four = at; four < at + 16; four += 4)
            {
                if (NotPrintable(*(ulong*)(chars + four)) != 0)
                {
                    VisitFour(chars, length, four);
                }
            }
        }

        /// <summary>Looks at the four characters at <paramref name="at"/> one by one.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void VisitFour(char* chars, int length, int at)
        {
            for (var i = at; i < at + 4; i++)
            {
                var c = chars[i];
                if ((uint)(c - ' ') < '\u007F' - ' ')
                {
                    continue;
                }

                // Most often a line feed: the next line starts after it unless the text ends there.
                if (c == '\n')
                {
                    if (i + 1 < length)
                    {
                        AddStart(i + 1);
                    }

                    continue;
                }

                Visit(chars, length, i, i + 1);
            }
        }

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
                Array.Resize(ref Starts, Count * 2);
            }

            Starts[Count++] = start;
        }
    }
}
