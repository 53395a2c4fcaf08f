using System;
using System.Runtime.CompilerServices;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// Reads the value of a word where it lies: in the source when its line is one piece (nearly every line), or copied
/// into a buffer of the caller's otherwise, so that names and values that are only compared, classified or looked up
/// are never made into strings.
/// </summary>
internal static class WordText
{
    /// <summary>The word's value: where it lies, as the string it has become, or copied into <paramref name="buffer"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<char> Read(Word word, ref char[]? buffer) =>
        word.TryGetLineValue(out var line, out var start, out var length) ? Read(line, start, length, ref buffer) : word.Value.AsSpan();

    /// <summary>The word's value: where it lies, copied into <paramref name="buffer"/>, or decoded (a JSON string with escapes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<char> Read(ArgumentWord word, ref char[]? buffer) =>
        word.TryGetLineValue(out var line, out var start, out var length) ? Read(line, start, length, ref buffer) : word.Value.AsSpan();

    /// <summary>The line's characters [<paramref name="start"/>, + <paramref name="length"/>), in the source or copied into <paramref name="buffer"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<char> Read(LogicalLine line, int start, int length, ref char[]? buffer) =>
        line.TryGetSource(start, length, out var text) ? text : Copy(line, start, length, ref buffer);

    // A line of more pieces: the characters where they lie when they are in one piece (most words of such a line:
    // their source is then as long as they are, a piece break adding the escape and the line's end), else copied.
    private static ReadOnlySpan<char> Copy(LogicalLine line, int start, int length, ref char[]? buffer)
    {
        var source = line.ToSource(start, start + length);
        if (source.Length == length)
        {
            return line.Tables.Source.AsSpan(source.Start, length);
        }

        if (buffer == null || buffer.Length < length)
        {
            buffer = new char[Math.Max(length, 256)];
        }

        line.CopyTo(start, buffer, 0, length);
        return new ReadOnlySpan<char>(buffer, 0, length);
    }
}
