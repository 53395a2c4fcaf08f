using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// The shape of a parser directive line, <c>#key=value</c>, as BuildKit matches it:
/// '#', blanks, a key of a letter then letters and digits, blanks, '=', blanks, a non-empty value
/// whose trailing blanks are dropped.
/// </summary>
public static class DirectiveSyntax
{
    /// <summary>The directive names BuildKit's parser knows.</summary>
    public static bool IsKnownName(string name) => name is "syntax" or "escape" or "check";

    /// <summary>Matches the directive shape on text[<paramref name="start"/>, <paramref name="end"/>), where text[start] must be '#'.</summary>
    public static bool TryMatch(string text, int start, int end, out TextSpan key, out TextSpan value)
    {
        key = default;
        value = default;
        if (start >= end || text[start] != '#')
        {
            return false;
        }

        var i = SkipBlanks(text, start + 1, end);
        var keyStart = i;
        if (i >= end || !IsAsciiLetter(text[i]))
        {
            return false;
        }

        while (i < end && (IsAsciiLetter(text[i]) || (text[i] >= '0' && text[i] <= '9')))
        {
            i++;
        }

        var keyEnd = i;
        i = SkipBlanks(text, i, end);
        if (i >= end || text[i] != '=')
        {
            return false;
        }

        var afterEquals = i + 1;
        if (afterEquals >= end)
        {
            return false;
        }

        var valueStart = SkipBlanks(text, afterEquals, end);
        int valueEnd;
        if (valueStart == end)
        {
            // Only blanks after '=': the lazy value group of BuildKit's pattern takes the last blank.
            valueStart = end - 1;
            valueEnd = end;
        }
        else
        {
            valueEnd = end;
            while (valueEnd > valueStart && IsBlank(text[valueEnd - 1]))
            {
                valueEnd--;
            }
        }

        key = TextSpan.FromBounds(keyStart, keyEnd);
        value = TextSpan.FromBounds(valueStart, valueEnd);
        return true;
    }

    // Go's \s: tab, line feed, form feed, carriage return and space.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsBlank(char c) => c is ' ' or '\t' or '\f' or '\r' or '\n';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAsciiLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipBlanks(string text, int i, int end)
    {
        while (i < end && IsBlank(text[i]))
        {
            i++;
        }

        return i;
    }
}
