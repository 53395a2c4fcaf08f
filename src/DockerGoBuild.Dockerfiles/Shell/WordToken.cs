using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>A word as the lexer saw it, in the coordinates of the text being lexed.</summary>
internal struct WordToken
{
    public int Start;

    public int End;

    public int ValueStart;

    public int ValueLength;

    /// <summary>
    /// 0 for most words; else 1 + the index of the word's <see cref="WordExtra"/> in the context: the map from
    /// its value to its raw text when that is not one to one, and the substitutions in it that already ran.
    /// </summary>
    public int Extra;

    // The flags come after the integers, so that they share one word rather than leaving gaps between them.

    /// <summary>
    /// Where the value (quotes removed, escapes resolved) is: in the context's arena, or (for a word written without
    /// quotes, escapes or expansions) in the lexed text itself. A flag rather than the array, so that the words
    /// parsers keep in lists hold no references.
    /// </summary>
    public bool InArena;

    public bool IsLiteral;

    /// <summary>True when the word has no quotes or escapes, so reserved words and assignments can be recognised.</summary>
    public bool IsPlain;

    /// <summary>True when every value character is the raw character it maps to: no escape was translated (<c>$'\n'</c>).</summary>
    public bool IsRawCopy;

    /// <summary>A copy with the first <paramref name="count"/> value characters removed (e.g. cmd's <c>@</c>).</summary>
    public readonly WordToken DropPrefix(int count) => new()
    {
        Start = Start + count,
        End = End,
        InArena = InArena,
        ValueStart = ValueStart + count,
        ValueLength = ValueLength - count,
        IsLiteral = IsLiteral,
        IsPlain = IsPlain,

        // Without its segment table, the rest of the value is taken to map one to one from the new start.
        IsRawCopy = IsRawCopy && Extra == 0,
    };
}

/// <summary>What few words have: see <see cref="WordToken.Extra"/>.</summary>
internal readonly struct WordExtra
{
    public WordExtra(int segmentStart, int segmentCount, int substitutionStart, int substitutionCount)
    {
        SegmentStart = segmentStart;
        SegmentCount = segmentCount;
        SubstitutionStart = substitutionStart;
        SubstitutionCount = substitutionCount;
    }

    /// <summary>
    /// The word's slice of <see cref="ShellReadContext.Segments"/>, in pairs: value index ValueStarts[i] maps to raw
    /// offset RawStarts[i], then contiguously. No segments means the value maps one to one from the word's start.
    /// </summary>
    public int SegmentStart { get; }

    public int SegmentCount { get; }

    /// <summary>The word's slice of <see cref="ShellReadContext.Substitutions"/> (substitutions the enclosing shell already ran).</summary>
    public int SubstitutionStart { get; }

    public int SubstitutionCount { get; }
}

/// <summary>Accumulates a word's value together with the raw offset of every character.</summary>
internal sealed class WordBuilder
{
    private readonly ShellReadContext context;
    // Pairs (value index, raw offset) where the value stops mapping on from the last one: an array and its count
    // rather than a list, as every character or run a built word takes may add one.
    private int[] segments = new int[16];
    private int segmentCount;
    private readonly List<int> substitutions = new();
    private char[] value = new char[64];
    private int length;
    private int lastRaw;

    public WordBuilder(ShellReadContext context)
    {
        this.context = context;
    }

    public bool IsLiteral { get; set; }

    public bool IsPlain { get; set; }

    /// <summary>See <see cref="WordToken.IsRawCopy"/>.</summary>
    public bool IsRawCopy { get; private set; }

    public int Length => length;

    // Begin and AddSegment are inlined: every word that is not its raw text is begun, and most take one segment.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Begin()
    {
        length = 0;
        lastRaw = -2;
        segmentCount = 0;
        if (substitutions.Count > 0)
        {
            substitutions.Clear();
        }

        IsLiteral = true;
        IsPlain = true;
        IsRawCopy = true;
    }

    public void Append(char c, int raw)
    {
        if (raw != lastRaw + 1 || length == 0)
        {
            AddSegment(raw);
        }

        if (length == value.Length)
        {
            Array.Resize(ref value, value.Length * 2);
        }

        value[length++] = c;
        lastRaw = raw;
    }

    /// <summary>Appends the character an escape at <paramref name="raw"/> stands for.</summary>
    public void AppendTranslated(char c, int raw)
    {
        IsRawCopy = false;
        Append(c, raw);
    }

    // Inlined: a built word takes its runs of characters one call each.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendRaw(char[] text, int start, int end)
    {
        if (end <= start)
        {
            return;
        }

        if (start != lastRaw + 1 || length == 0)
        {
            AddSegment(start);
        }

        var count = end - start;
        if (length + count > value.Length)
        {
            Array.Resize(ref value, Math.Max(length + count, value.Length * 2));
        }

        ScanHelpers.CopyChars(text, start, value, length, count);
        length += count;
        lastRaw = end - 1;
    }

    // Starts a segment: the value from its current length on maps on from the raw offset.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddSegment(int raw)
    {
        if (segmentCount + 2 > segments.Length)
        {
            Array.Resize(ref segments, segments.Length * 2);
        }

        segments[segmentCount] = length;
        segments[segmentCount + 1] = raw;
        segmentCount += 2;
    }

    /// <summary>Records that a substitution this shell runs starts at <paramref name="valueIndex"/>.</summary>
    public void MarkSubstitution(int valueIndex)
    {
        IsLiteral = false;
        substitutions.Add(valueIndex);
    }

    /// <summary>A word that is its raw text, with no quotes, escapes or expansions: nothing to copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WordToken Verbatim(int start, int end) => new()
    {
        Start = start,
        End = end,
        ValueStart = start,
        ValueLength = end - start,
        IsLiteral = true,
        IsPlain = true,
        IsRawCopy = true,
    };

    public WordToken Build(int start, int end)
    {
        var valueStart = context.AppendToArena(value, 0, length);
        var token = new WordToken
        {
            Start = start,
            End = end,
            InArena = true,
            ValueStart = valueStart,
            ValueLength = length,
            IsLiteral = IsLiteral,
            IsPlain = IsPlain,
            IsRawCopy = IsRawCopy,
        };

        // One segment starting the value at the word's start is the common case and needs no table.
        var mapsFromStart = segmentCount == 0 || (segmentCount == 2 && segments[1] == start);
        if (!mapsFromStart || substitutions.Count > 0)
        {
            token.Extra = context.AddExtra(segments, mapsFromStart ? 0 : segmentCount, substitutions);
        }

        return token;
    }
}

/// <summary>
/// A growable list of words whose indexer returns a reference: a word is 24 bytes, and the resolver and the sinks
/// read a command's words where they lie instead of copying each one out as a list's indexer does.
/// </summary>
internal sealed class WordList
{
    private WordToken[] items = new WordToken[16];

    public int Count { get; private set; }

    public ref readonly WordToken this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return ref items[index];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in WordToken word)
    {
        if (Count == items.Length)
        {
            Array.Resize(ref items, items.Length * 2);
        }

        items[Count++] = word;
    }

    public void Clear() => Count = 0;
}
