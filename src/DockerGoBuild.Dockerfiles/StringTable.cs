using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DockerGoBuild.Dockerfiles.Semantics;

namespace DockerGoBuild.Dockerfiles;

/// <summary>
/// The strings an analysis keeps (the names and arguments of RUN commands; variable names and values, users, working
/// directories, stage names), one per distinct text from a table the thread keeps from analysis to analysis: files
/// repeat the same few (go, apt-get, install, GOPATH, CGO_ENABLED, /app, builder), so that a string is made only for
/// a text the thread has not met lately. Texts are looked up where they lie. What the model and the rules learn of a text within one analysis (is it its own
/// value, is the image a Windows one, is the name a secret's) is noted with its string, so that a text met again in
/// the same file is not read again; each analysis starts with nothing noted (see <see cref="BeginAnalysis"/>).
/// </summary>
internal sealed class StringTable
{
    // Longer texts are rarely repeated: made as they are, and not kept.
    private const int MaxSharedLength = 128;

    // The table holds at most half as many strings as it has slots; when that many are in, it starts again. 4,096
    // slots of 24 bytes (96 KB a thread that analyses files) hold the texts of many files of ordinary size.
    private const int Slots = 1 << 12;
    private const int MaxCount = Slots / 2;

    [ThreadStatic]
    private static StringTable? table;

    // Open addressing: a text's slot is found from its hash, or the next free one after it. One array of entries,
    // so that a look-up reads one place.
    private readonly Entry[] _entries = new Entry[Slots];
    private int _count;

    // The entry of a text that is not kept, its facts forgotten at once.
    private Entry _unkept;

    // The analysis the facts noted now belong to: an entry's facts noted in an earlier one are not read.
    private int _analysis;

    private StringTable()
    {
    }

    /// <summary>
    /// Forgets the facts noted so far (the strings are kept). What a text is does not change from file to file, but
    /// an analysis that read nothing because another one had read it would be measured as cheaper than it is: each
    /// file is analysed as if it were the first.
    /// </summary>
    public static void BeginAnalysis()
    {
        if (table is { } strings)
        {
            strings._analysis++;
        }
    }

    /// <summary>The thread's string of <paramref name="text"/>: one it made earlier, or a new one.</summary>
    public static string Get(ReadOnlySpan<char> text)
    {
        if ((uint)(text.Length - 1) >= MaxSharedLength)
        {
            return text.Length == 0 ? string.Empty : text.ToString();
        }

        var strings = table ??= new StringTable();
        return strings._entries[strings.Find(text)].Text!;
    }

    /// <summary>
    /// The thread's entry of <paramref name="text"/>: its <see cref="Entry.Text"/> is <see cref="Get(ReadOnlySpan{char})"/>,
    /// its <see cref="Entry.Facts"/> the facts noted with it, for the caller to read and note: before the thread's next
    /// string is asked for, which may start the table again. An empty or long text is not kept: its entry's text is
    /// null (for the caller to make if it needs it), its facts are noted nowhere. An entry rather than the string as
    /// an out parameter, which is written with a write barrier.
    /// </summary>
    public static ref Entry GetWithFacts(ReadOnlySpan<char> text)
    {
        var strings = table ??= new StringTable();
        if ((uint)(text.Length - 1) >= MaxSharedLength)
        {
            strings._unkept = default;
            return ref strings._unkept;
        }

        ref var entry = ref strings._entries[strings.Find(text)];
        strings.CurrentFacts(ref entry);
        return ref entry;
    }

    /// <summary>
    /// <see cref="GetWithFacts"/> for a caller that needs only the facts. A text the table does not have is added
    /// only while the table is less than half full: a file of many texts that no other file has (a generated one of
    /// megabytes) would otherwise make a string of each text that is only classified, and start the table again
    /// and again; its texts' facts are then noted nowhere.
    /// </summary>
    public static ref TextFacts FactsOf(ReadOnlySpan<char> text)
    {
        var strings = table ??= new StringTable();
        if ((uint)(text.Length - 1) < MaxSharedLength)
        {
            var slot = strings.Find(text, add: strings._count < MaxCount / 2);
            if (slot >= 0)
            {
                return ref strings.CurrentFacts(ref strings._entries[slot]);
            }
        }

        strings._unkept = default;
        return ref strings._unkept.Facts;
    }

    // The entry's facts, as noted in this analysis: none yet when they were noted in an earlier one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref TextFacts CurrentFacts(ref Entry entry)
    {
        if (entry.Analysis != _analysis)
        {
            entry.Facts = TextFacts.None;
            entry.Analysis = _analysis;
        }

        return ref entry.Facts;
    }

    // The slot of the text's string, made and added when the table has none (-1 when it has none and add is false).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(ReadOnlySpan<char> text, bool add = true)
    {
        var hash = Hash(text);
        var entries = _entries;
        var slot = hash & (Slots - 1);
        while (entries[slot].Text is { } candidate)
        {
            if (entries[slot].Hash == hash && text.SequenceEqual(candidate.AsSpan()))
            {
                return slot;
            }

            slot = (slot + 1) & (Slots - 1);
        }

        return add ? Add(text, hash, slot) : -1;
    }

    private int Add(ReadOnlySpan<char> text, int hash, int slot)
    {
        if (_count == MaxCount)
        {
            Array.Clear(_entries, 0, Slots);
            _count = 0;
            slot = hash & (Slots - 1);
        }

        _entries[slot] = new Entry(text.ToString(), hash, _analysis);
        _count++;
        return slot;
    }

    // The length and three blocks of four characters, at the start, the middle and the end (overlapping in a short
    // text), mixed multiplicatively: a hash in a few instructions whatever the length, which texts that differ only
    // elsewhere share (they are told apart by comparison).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<char> text)
    {
        ulong first, middle, last;
        ref var start = ref MemoryMarshal.GetReference(text);
        if (text.Length >= 4)
        {
            first = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref start));
            middle = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref start, (text.Length / 2) - 2)));
            last = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref start, text.Length - 4)));
        }
        else
        {
            // One to three characters (an empty text is never looked up).
            first = start;
            middle = Unsafe.Add(ref start, text.Length / 2);
            last = Unsafe.Add(ref start, text.Length - 1);
        }

        var hash = ((ulong)text.Length * 0x9E3779B97F4A7C15UL) ^ first;
        hash = (hash * 0xBF58476D1CE4E5B9UL) ^ middle;
        hash = (hash * 0x94D049BB133111EBUL) ^ last;
        hash *= 0x9E3779B97F4A7C15UL;
        return (int)(hash >> 32);
    }

    /// <summary>A kept text's string, its hash, and what is known of it in the analysis it was noted in.</summary>
    internal struct Entry
    {
        public Entry(string text, int hash, int analysis)
        {
            Text = text;
            Hash = hash;
            Facts = TextFacts.None;
            Analysis = analysis;
        }

        public string? Text;
        public int Hash;

        /// <summary>The facts noted (see <see cref="GetWithFacts"/>).</summary>
        public TextFacts Facts;
        public int Analysis;
    }
}

/// <summary>What is known of a text the thread met (see <see cref="StringTable"/>): each fact with a bit that says it is known.</summary>
[Flags]
internal enum TextFacts : uint
{
    None = 0,

    /// <summary>The image facts below are known.</summary>
    ImageKnown = 1,

    /// <summary>As an image: its repository is golang.</summary>
    GolangImage = 2,

    /// <summary>As an image: its repository is unresolved.</summary>
    UnknownImage = 4,

    /// <summary>As an image: a Windows one.</summary>
    WindowsImage = 8,

    /// <summary>Whether the text is a secret's name is known.</summary>
    SecretNameKnown = 0x10,

    /// <summary>As an ARG or ENV name: a secret's.</summary>
    SecretName = 0x20,

    /// <summary>
    /// As a word of a file whose escape character is '\': its own value, nothing to expand, unquote or unescape. Only
    /// this is noted: a word that changes is read again, for where it does (see VariableExpander.ChangeAt).
    /// </summary>
    OwnValue = 0x80,

    /// <summary>The credential the text holds as an ARG or ENV value is known: in the bits from <see cref="CredentialShift"/> on.</summary>
    CredentialKnown = 0x200,

    /// <summary>Whether the text, as an absolute path, is its own resolved path (see <see cref="UnixPath.ResolvesToItself(string)"/>) is known.</summary>
    OwnPathKnown = 0x400,

    /// <summary>As a path: its own resolved path, whatever it is resolved against.</summary>
    OwnPath = 0x800,

    /// <summary>Where the credential the text holds is: 0 for none, else one more than its place in the kinds' labels (four bits).</summary>
    CredentialShift = 20,
}
