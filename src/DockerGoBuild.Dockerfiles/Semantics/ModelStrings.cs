using System;
using System.Runtime.InteropServices;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// The strings the build model keeps (variable names and values, users, working directories, stage names), one per
/// distinct text from a table the thread keeps from model to model: files repeat the same few (GOPATH, CGO_ENABLED,
/// TARGETARCH, /app, builder), and a file analysed again on every keystroke repeats all of them, so that a model
/// makes a string only for a text the thread has not met lately. Texts are looked up where they lie.
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
    private int _count;

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

        return text.Length > MaxSharedLength ? text.ToString() : (table ??= new ModelStrings()).Find(text);
    }

    private string Find(ReadOnlySpan<char> text)
    {
        var hash = Hash(text);
        var slot = hash & (Slots - 1);
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
            _count = 0;
            slot = hash & (Slots - 1);
        }

        var made = text.ToString();
        _strings[slot] = made;
        _hashes[slot] = hash;
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
