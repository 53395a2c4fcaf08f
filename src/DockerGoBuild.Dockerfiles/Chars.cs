namespace DockerGoBuild.Dockerfiles;

/// <summary>Character comparisons on buffers, so that text can be compared where it lies instead of as substrings.</summary>
internal static class Chars
{
    /// <summary><see cref="char.IsWhiteSpace(char)"/>, settling a space or other printable ASCII (most characters) with a comparison or two.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsWhiteSpace(char c) => c == ' ' || ((uint)(c - '!') >= '\u007F' - '!' && char.IsWhiteSpace(c));

    /// <summary>Equality as <see cref="System.StringComparison.OrdinalIgnoreCase"/> compares two characters (each upper-cased invariantly).</summary>
    public static bool EqualIgnoringCase(char a, char b)
    {
        if (a == b)
        {
            return true;
        }

        if ((a | b) < 0x80)
        {
            // ASCII: equal when both are the same letter in either case.
            return (uint)((a | 0x20) - 'a') <= 'z' - 'a' && (a | 0x20) == (b | 0x20);
        }

        // Outside ASCII, e.g. U+0131 (dotless i) upper-cases to 'I'.
        return char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
    }

    public static bool Equal(char[] chars, int start, int length, string text)
    {
        if (length != text.Length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            if (chars[start + i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    public static bool EqualIgnoringCase(char[] chars, int start, int length, string text)
    {
        if (length != text.Length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            if (!EqualIgnoringCase(chars[start + i], text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><see cref="EqualIgnoringCase(char[], int, int, string)"/> for the <paramref name="length"/> characters at <paramref name="chars"/>.</summary>
    public static unsafe bool EqualIgnoringCase(char* chars, int length, string text)
    {
        if (length != text.Length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            if (!EqualIgnoringCase(chars[i], text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Index of <paramref name="c"/> in chars[start, end) (a short run: a plain walk), or -1.</summary>
    public static unsafe int IndexOf(char* chars, char c, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (chars[i] == c)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Index of <paramref name="c"/> in chars[start, end), or -1.</summary>
    public static int IndexOf(char[] chars, char c, int start, int end) =>
        start < end ? System.Array.IndexOf(chars, c, start, end - start) : -1;

    /// <summary>
    /// The first index of <paramref name="lowerAscii"/> (lower-case ASCII) in <paramref name="text"/> as
    /// <see cref="System.StringComparison.OrdinalIgnoreCase"/> finds it, or -1: a plain scan, much faster for the
    /// short texts here than the general search.
    /// </summary>
    public static int IndexOfIgnoringCase(string text, string lowerAscii)
    {
        if (lowerAscii.Length == 0)
        {
            return 0;
        }

        var first = lowerAscii[0];
        var firstUpper = first >= 'a' && first <= 'z' ? (char)(first - 32) : first;
        for (var i = 0; i + lowerAscii.Length <= text.Length; i++)
        {
            // Most positions fail on their first character: tell them apart before anything else.
            var c = text[i];
            if (c != first && c != firstUpper && c < 0x80)
            {
                continue;
            }

            var k = 0;
            while (k < lowerAscii.Length && MatchesLowerAscii(text[i + k], lowerAscii[k]))
            {
                k++;
            }

            if (k == lowerAscii.Length)
            {
                return i;
            }
        }

        return -1;
    }

    // c equals the lower-case ASCII character p ignoring case.
    private static bool MatchesLowerAscii(char c, char p) =>
        c == p || (c < 0x80 ? c >= 'A' && c <= 'Z' && c + 32 == p : EqualIgnoringCase(c, p));
}
