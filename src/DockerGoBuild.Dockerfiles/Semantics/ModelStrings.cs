using System;
using System.Runtime.InteropServices;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// The strings the build model keeps (variable names and values, users, working directories, stage names), one per
/// distinct text from a table the thread keeps from model to model: files repeat the same few (GOPATH, CGO_ENABLED,
/// TARGETARCH, /app, builder), and a file analysed again on every keystroke repeats all of them, so that a model
/// makes a string only for a text the thread has not met lately. Texts are looked up where they lie. What the model
/// and the rules learn of a text (is the image a Windows one, is the name a secret's) is noted with its string, so
/// that a text met again is not classified again.
/// </summary>
internal sealed class ModelStrings
{
    // Longer texts are rarely repeated: made as they are, and not kept.
    private const int MaxSharedLength = 64;

    // The table holds at most half as many strings as it has slots; when that many are in, it starts again.
    private const int Slots = 1 << 13;
    private const int MaxCount = Slots / 2;

    [ThreadStatic]
    private static ModelStrings? table;

    // Open addressing: a text's slot is found from its hash, or the next free one after it.
    private readonly string?[] _strings = new string?[Slots];
    private readonly int[] _hashes = new int[Slots];
    private readonly TextFacts[] _facts = new TextFacts[Slots];
    private int _count;

    // The facts of a text too long to be kept, forgotten at once.
    private TextFacts _unkept;

    private ModelStrings()
    {
    }

    /// <summary>The thread's string of <paramref name="text"/>: one it made earlier, or a new one.</summary>
    public static string Get(ReadOnlySpan<char> text)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        return text.Length > MaxSharedLength ? text.ToString() : (table ??= new ModelStrings()).Find(text, out _);
    }

    /// <summary>
    /// <see cref="Get(ReadOnlySpan{char})"/> as <paramref name="value"/>, and the facts noted with it, for the caller to
    /// read and note: before the thread's next string is asked for, which may start the table again. An empty or long
    /// text is not kept: its value is null (for the caller to make if it needs it), its facts are noted nowhere.
    /// </summary>
    public static ref TextFacts GetWithFacts(ReadOnlySpan<char> text, out string? value)
    {
        if (text.Length == 0 || text.Length > MaxSharedLength)
        {
            value = null;
            var strings = table ??= new ModelStrings();
            strings._unkept = TextFacts.None;
            return ref strings._unkept;
        }

        var found = table ??= new ModelStrings();
        value = found.Find(text, out var slot);
        return ref found._facts[slot];
    }

    private string Find(ReadOnlySpan<char> text, out int slot)
    {
        var hash = Hash(text);
        slot = hash & (Slots - 1);
        while (_strings[slot] is { } candidate)
        {
            if (_hashes[slot] == hash && text.SequenceEqual(candidate.AsSpan()))
            {
                return candidate;
            }

            slot = (slot + 1) & (Slots - 1);
        }

        if (_count == MaxCount)
        {
            Array.Clear(_strings, 0, Slots);
            Array.Clear(_facts, 0, Slots);
            _count = 0;
            slot = hash & (Slots - 1);
        }

        var made = text.ToString();
        _strings[slot] = made;
        _hashes[slot] = hash;
        _facts[slot] = TextFacts.None;
        _count++;
        return made;
    }

    // Four characters at a time, then the rest one by one, mixed multiplicatively; the length is mixed in too.
    private static int Hash(ReadOnlySpan<char> text)
    {
        var hash = (ulong)text.Length * 0x9E3779B97F4A7C15UL;
        var blocks = MemoryMarshal.Cast<char, ulong>(text);
        foreach (var block in blocks)
        {
            hash = (hash ^ block) * 0x100000001B3UL;
            hash ^= hash >> 29;
        }

        for (var i = blocks.Length * 4; i < text.Length; i++)
        {
            hash = (hash ^ text[i]) * 0x100000001B3UL;
        }

        hash ^= hash >> 32;
        return (int)hash;
    }
}

/// <summary>What is known of a text the thread met (see <see cref="ModelStrings"/>): each fact with a bit that says it is known.</summary>
[Flags]
internal enum TextFacts : ushort
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
    SecretNameKnown = 16,

    /// <summary>As an ARG or ENV name: a secret's.</summary>
    SecretName = 32,

    /// <summary>The kind of credential file the text names as a COPY or ADD source is known: in the bits from <see cref="FileKindShift"/> on.</summary>
    FileKindKnown = 64,

    /// <summary>Where the <see cref="Secrets.SecretFileKind"/> of the text as a COPY or ADD source is (four bits).</summary>
    FileKindShift = 8,
}
