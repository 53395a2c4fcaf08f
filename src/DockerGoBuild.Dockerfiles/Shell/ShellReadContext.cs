using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// The working memory of one read: the script's text, the values of the words read so far, their maps back
/// to the raw text, and one parser per nesting depth. A thread keeps one context and reuses it, so reading a
/// script allocates only what the caller keeps (the commands and the strings in them).
/// </summary>
internal sealed class ShellReadContext
{
    /// <summary>Nesting beyond this depth (substitutions, nested scripts, heredoc scripts) is treated as data.</summary>
    public const int MaxDepth = 32;

    // Buffers that grew past this are dropped after the read rather than kept by the thread.
    private const int MaxRetainedChars = 1 << 16;

    [ThreadStatic]
    private static ShellReadContext? cached;

    // Strings up to this long are remembered in recentStrings.
    private const int MaxRecentLength = 32;

    private readonly List<ScriptParser> parsers = new();

    // The last interned string made in each slot of a cheap hash (see MakeString); kept from read to read.
    private readonly string?[] recentStrings = new string?[256];
    private long reparseBudget;
    private int polls;
    private int arenaLength;

    private ShellReadContext()
    {
    }

    /// <summary>The script being read (copied in, so that every parser reads a char[] whatever the source).</summary>
    public char[] Text { get; private set; } = new char[256];

    /// <summary>Word values, appended as words are completed; a word's value is a slice of it.</summary>
    public char[] Arena { get; private set; } = new char[256];

    /// <summary>Pairs (value index, raw offset) of the words whose value does not map one to one onto their raw text.</summary>
    public List<int> Segments { get; } = new();

    /// <summary>Value indexes of the substitutions inside words that the enclosing shell already ran.</summary>
    public List<int> Substitutions { get; } = new();

    private List<WordExtra> Extras { get; } = new();

    public IShellCommandSink Sink { get; private set; } = null!;

    /// <summary>The variables of the script read (forks of it serve the nested shells).</summary>
    public VariableScope RootScope { get; } = new();

    /// <summary>The map from the copy to the caller's text.</summary>
    public OffsetMap RootMap { get; } = OffsetMap.Root(0);

    /// <summary>Where <see cref="Text"/> starts in the caller's text: offset i of the copy is Origin + i there.</summary>
    public int Origin { get; private set; }

    /// <summary>Whether the strings a sink keeps are the thread's (see <see cref="StringTable"/>) rather than made each time.</summary>
    public bool Intern { get; private set; }

    /// <summary>Takes this thread's context (or a new one while it is in use) for a read of <paramref name="length"/> characters.</summary>
    public static ShellReadContext Rent(int origin, int length, IShellCommandSink sink, bool intern)
    {
        var context = cached ?? new ShellReadContext();
        cached = null;
        context.Origin = origin;
        context.RootMap.SetOrigin(origin);
        context.RootScope.Reset();
        context.Sink = sink;
        context.Intern = intern;
        context.reparseBudget = (2L * length) + 4096;
        if (context.Text.Length < length)
        {
            context.Text = new char[Math.Max(length, context.Text.Length * 2)];
        }

        return context;
    }

    /// <remarks>Inlined, as the parser's start is: once a read.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Return()
    {
        Sink = null!;
        Intern = false;
        arenaLength = 0;
        Segments.Clear();
        Substitutions.Clear();
        Extras.Clear();
        if (Text.Length > MaxRetainedChars)
        {
            Text = new char[256];
        }

        if (Arena.Length > MaxRetainedChars)
        {
            Arena = new char[256];
        }

        cached = this;
    }

    /// <summary>
    /// Checks for cancellation of the analysis every 256th call: counted here, so that a word costs no
    /// thread-local access.
    /// </summary>
    public void PollCancellation()
    {
        if ((++polls & 255) == 0)
        {
            AnalysisCancellation.Check();
        }
    }

    /// <summary>The parser for <paramref name="depth"/>: at most one parser per depth is active at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ScriptParser Parser(int depth)
    {
        while (parsers.Count <= depth)
        {
            parsers.Add(new ScriptParser(this));
        }

        return parsers[depth];
    }

    /// <summary>
    /// Nested scripts (<c>sh -c</c>, <c>eval</c>, ...) are parsed again from their word's value. Their
    /// total size is capped at a multiple of the input, so chains like <c>eval eval eval ...</c> stay linear.
    /// </summary>
    public bool TryReparse(int length)
    {
        if (length > reparseBudget)
        {
            return false;
        }

        reparseBudget -= length;
        return true;
    }

    /// <summary>
    /// Records a word's segment table (the first <paramref name="segmentCount"/> entries of <paramref name="segments"/>,
    /// in pairs; none: one to one) and substitutions; returns the word's <see cref="WordToken.Extra"/>.
    /// </summary>
    /// <remarks>Inlined into the word's build, its one caller.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AddExtra(int[] segments, int segmentCount, List<int> substitutions)
    {
        var segmentStart = Segments.Count / 2;

        // Added one by one: the tables are short, and AddRange costs interface calls and a copy through an array.
        for (var i = 0; i < segmentCount; i++)
        {
            Segments.Add(segments[i]);
        }

        var substitutionStart = Substitutions.Count;
        for (var i = 0; i < substitutions.Count; i++)
        {
            Substitutions.Add(substitutions[i]);
        }

        Extras.Add(new WordExtra(segmentStart, segmentCount / 2, substitutionStart, substitutions.Count));
        return Extras.Count;
    }

    /// <summary>The segments and substitutions of a word (none for most).</summary>
    public WordExtra ExtraOf(in WordToken word) => word.Extra == 0 ? default : Extras[word.Extra - 1];

    /// <summary>
    /// Where in <see cref="Text"/> the word's value was read from when it was read from one run of it (a word quoted
    /// as a whole, say), else -1. Its characters can still differ from the run's where an escape was translated.
    /// </summary>
    public int SingleRunStart(in WordToken word)
    {
        if (!word.InArena)
        {
            return word.ValueStart;
        }

        var extra = ExtraOf(word);
        return extra.SegmentCount switch
        {
            0 => word.Start,
            1 => Segments[(2 * extra.SegmentStart) + 1],
            _ => -1,
        };
    }

    /// <summary>Appends characters to the arena and returns where they start.</summary>
    public int AppendToArena(char[] source, int start, int length)
    {
        var at = ReserveArena(length);
        ScanHelpers.CopyChars(source, start, Arena, at, length);
        return at;
    }

    public int AppendToArena(char c)
    {
        var at = ReserveArena(1);
        Arena[at] = c;
        return at;
    }

    /// <summary>A string of the characters, the thread's when the read interns them.</summary>
    /// <remarks>
    /// Names and values repeat (go, apt-get, CGO_ENABLED, 0): one found in its slot of the recent strings costs a
    /// comparison rather than the table's hash over every character. That look is inlined; the rest is a call.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string MakeString(CharSlice slice)
    {
        var length = slice.Length;
        if (Intern && length > 0 && length <= MaxRecentLength
            && recentStrings[SlotOf(slice.Array, slice.Start, length)] is { } recent && IsSame(slice.Array, slice.Start, length, recent))
        {
            return recent;
        }

        return MakeNewString(slice);
    }

    // MakeString of characters not in their slot of the recent strings, which they then take.
    private string MakeNewString(CharSlice slice)
    {
        var length = slice.Length;
        if (length == 0)
        {
            return string.Empty;
        }

        var chars = slice.Array;
        var start = slice.Start;
        if (!Intern)
        {
            return new string(chars, start, length);
        }

        var made = StringTable.Get(new ReadOnlySpan<char>(chars, start, length));
        if (length <= MaxRecentLength)
        {
            recentStrings[SlotOf(chars, start, length)] = made;
        }

        return made;
    }

    // The slot of the recent strings for characters [start, start + length), length above 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(char[] chars, int start, int length) =>
        ((length * 31) + (chars[start] * 7) + chars[start + length - 1]) & (recentStrings.Length - 1);

    // CharSlice.Is, in the caller: a string found in its slot by its length and end characters is most often the same.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSame(char[] chars, int start, int length, string recent)
    {
        if (recent.Length != length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            if (chars[start + i] != recent[i])
            {
                return false;
            }
        }

        return true;
    }

    // Inlined: every word built, and every nested script joined, reserves its value's room.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReserveArena(int length)
    {
        if (arenaLength + length > Arena.Length)
        {
            GrowArena(length);
        }

        var at = arenaLength;
        arenaLength += length;
        return at;
    }

    private void GrowArena(int length)
    {
        // Words already read keep their offsets: the old characters move to the same places.
        var grown = new char[Math.Max(arenaLength + length, Arena.Length * 2)];
        Array.Copy(Arena, grown, arenaLength);
        Arena = grown;
    }
}
