using System;

namespace DockerGoBuild.Dockerfiles;

/// <summary>
/// A run of characters in a buffer, compared where it lies: how the shell reader looks at word values and the
/// secret classifiers at file names without making a string of each one. Only what a caller keeps becomes a string.
/// </summary>
internal readonly struct CharSlice
{
    public CharSlice(char[] array, int start, int length)
    {
        Array = array;
        Start = start;
        Length = length;
    }

    public char[] Array { get; }

    public int Start { get; }

    public int Length { get; }

    public char this[int index] => Array[Start + index];

    public CharSlice Slice(int start) => new(Array, Start + start, Length - start);

    public CharSlice Slice(int start, int length) => new(Array, Start + start, length);

    public bool Is(string text)
    {
        if (text.Length != Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (Array[Start + i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Equality as <see cref="StringComparison.OrdinalIgnoreCase"/> compares (each character upper-cased invariantly).</summary>
    public bool IsIgnoringCase(string text) => text.Length == Length && StartsWithIgnoringCase(text);

    public bool StartsWith(string prefix)
    {
        if (prefix.Length > Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (Array[Start + i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    public bool EndsWith(string suffix) => suffix.Length <= Length && Slice(Length - suffix.Length).Is(suffix);

    public bool StartsWithIgnoringCase(string prefix)
    {
        if (prefix.Length > Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (!EqualIgnoringCase(Array[Start + i], prefix[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the slice is a prefix of <paramref name="word"/>, compared as <see cref="StringComparison.OrdinalIgnoreCase"/> does.</summary>
    public bool IsPrefixOfIgnoringCase(string word)
    {
        if (Length > word.Length)
        {
            return false;
        }

        for (var i = 0; i < Length; i++)
        {
            if (!EqualIgnoringCase(Array[Start + i], word[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the slice's characters are those of <paramref name="text"/> from <paramref name="start"/> on.</summary>
    public bool IsAt(char[] text, int start)
    {
        if (start < 0 || start + Length > text.Length)
        {
            return false;
        }

        for (var i = 0; i < Length; i++)
        {
            if (Array[Start + i] != text[start + i])
            {
                return false;
            }
        }

        return true;
    }

    public int IndexOf(char c, int from = 0)
    {
        var found = System.Array.IndexOf(Array, c, Start + from, Length - from);
        return found < 0 ? -1 : found - Start;
    }

    public int LastIndexOf(char c)
    {
        for (var i = Length - 1; i >= 0; i--)
        {
            if (Array[Start + i] == c)
            {
                return i;
            }
        }

        return -1;
    }

    public bool Contains(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        // Only where the first character is can the text start.
        var last = Length - text.Length;
        var i = last < 0 ? -1 : IndexOf(text[0]);
        while (i >= 0 && i <= last)
        {
            if (Slice(i, text.Length).Is(text))
            {
                return true;
            }

            i = IndexOf(text[0], i + 1);
        }

        return false;
    }

    /// <summary>The last path segment without a <c>.exe</c> suffix (any case): how a command is named whatever its path.</summary>
    public CharSlice BaseName()
    {
        var name = this;
        for (var i = Length - 1; i >= 0; i--)
        {
            var c = Array[Start + i];
            if (c == '/' || c == '\\')
            {
                name = Slice(i + 1);
                break;
            }
        }

        return name.Length > 4 && name.Slice(name.Length - 4).IsIgnoringCase(".exe") ? name.Slice(0, name.Length - 4) : name;
    }

    /// <summary>True when the slice ends with one of <paramref name="suffixes"/>.</summary>
    public bool IsAnyEnding(string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (EndsWith(suffix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the slice is one of <paramref name="candidates"/>.</summary>
    public bool IsAny(string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Is(candidate))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsAnyIgnoringCase(string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (IsIgnoringCase(candidate))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => new(Array, Start, Length);

    private static bool EqualIgnoringCase(char a, char b) => Chars.EqualIgnoringCase(a, b);
}
