using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>Small character-level helpers shared by the lexers.</summary>
internal static class ScanHelpers
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNameStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNameChar(char c) => IsNameStart(c) || IsDigit(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>
    /// Copies characters between arrays. A word's few characters are copied in a loop: Array.Copy's checks cost more
    /// than the copy itself below some dozens of characters.
    /// </summary>
    public static unsafe void CopyChars(char[] source, int sourceStart, char[] destination, int destinationStart, int count)
    {
        if (count > 32 || count <= 0 || sourceStart < 0 || destinationStart < 0 || sourceStart > source.Length - count || destinationStart > destination.Length - count)
        {
            System.Array.Copy(source, sourceStart, destination, destinationStart, count);
            return;
        }

        // In bounds, checked above. Four characters at a time, as one 64-bit word, then the last few one by one.
        fixed (char* from = &source[sourceStart])
        fixed (char* to = &destination[destinationStart])
        {
            var i = 0;
            for (; i + 4 <= count; i += 4)
            {
                *(ulong*)(to + i) = *(ulong*)(from + i);
            }

            for (; i < count; i++)
            {
                to[i] = from[i];
            }
        }
    }

    /// <summary>
    /// Returns the offset just after the parenthesis that closes the one at <paramref name="open"/>,
    /// treating everything inside as data (used beyond the nesting limit and for arithmetic).
    /// </summary>
    public static int SkipBalanced(char[] text, int open, int limit, char openChar, char closeChar)
    {
        var depth = 0;
        var pos = open;
        while (pos < limit)
        {
            var c = text[pos];
            if (c == '\\')
            {
                pos += 2;
                continue;
            }

            if (c == '\'')
            {
                pos = SkipTo(text, pos + 1, limit, '\'');
                continue;
            }

            if (c == openChar)
            {
                depth++;
            }
            else if (c == closeChar)
            {
                depth--;
                if (depth == 0)
                {
                    return pos + 1;
                }
            }

            pos++;
        }

        return limit;
    }

    /// <summary>Returns the offset after the next <paramref name="target"/> at or after <paramref name="pos"/>, or the limit.</summary>
    public static int SkipTo(char[] text, int pos, int limit, char target)
    {
        var found = pos < limit ? System.Array.IndexOf(text, target, pos, limit - pos) : -1;
        return found < 0 ? limit : found + 1;
    }

    /// <summary>Returns the offset of the next newline at or after <paramref name="pos"/>, or the limit.</summary>
    public static int LineEnd(char[] text, int pos, int limit)
    {
        var found = pos < limit ? System.Array.IndexOf(text, '\n', pos, limit - pos) : -1;
        return found < 0 ? limit : found;
    }
}
