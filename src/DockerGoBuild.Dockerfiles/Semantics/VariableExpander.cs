using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>Where <see cref="VariableExpander"/> finds the value of a variable (null: unset or unknown).</summary>
internal interface IVariableLookup
{
    /// <summary>The value of the variable named <paramref name="name"/>, read where it lies in the word.</summary>
    string? Lookup(ReadOnlySpan<char> name);
}

/// <summary>
/// Evaluates a Dockerfile word as BuildKit's word processing does for ENV, ARG, FROM, USER, WORKDIR
/// and mount options: quotes are removed, the escape character protects the next character, and
/// <c>$NAME</c>, <c>${NAME}</c>, <c>${NAME:-default}</c>, <c>${NAME-default}</c>, <c>${NAME:+alt}</c>,
/// <c>${NAME+alt}</c> are expanded. A variable that cannot be resolved is reported through
/// <c>hasUnknown</c> and expands to <see cref="UnknownMarker"/>.
/// </summary>
internal static class VariableExpander
{
    /// <summary>Stands in for the value of a variable nobody set, so callers can tell which part is unknown.</summary>
    public const char UnknownMarker = '\u0001';

    /// <summary>
    /// Longer values are taken as unknown. No process can receive a longer environment string than a few
    /// pages anyway, and without a limit <c>ENV A=$A:x</c> repeated makes every instruction's state hold an
    /// ever longer copy: quadratic time and memory on a hostile file.
    /// </summary>
    public const int MaxValueLength = 4096;

    /// <summary><see cref="UnknownMarker"/> as a string.</summary>
    public const string UnknownMarkerText = "\u0001";

    // The thread's buffer for expanded values, free while no expansion uses it (a default or alternative value is
    // expanded in the middle of its variable's expansion, with a buffer of its own).
    [ThreadStatic]
    private static char[]? spareBuffer;

    public static string Expand<TLookup>(string raw, char escape, TLookup lookup, out bool hasUnknown)
        where TLookup : IVariableLookup
    {
        // Most words have nothing to expand, unquote or unescape: they are their own value.
        var firstChange = FirstChange(raw.AsSpan(), escape);
        if (firstChange < 0)
        {
            hasUnknown = false;
            return raw;
        }

        var value = ExpandFrom(raw.AsSpan(), firstChange, escape, lookup, out hasUnknown);
        return value.Length == 1 && value[0] == UnknownMarker && hasUnknown ? UnknownMarkerText : value.ToString();
    }

    /// <summary>
    /// <see cref="Expand"/> of a word read where it lies, without making a string of its value: the value is
    /// <paramref name="raw"/> itself when nothing changes it, or else lies in the thread's buffer until the thread's
    /// next expansion.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<char> ExpandInPlace<TLookup>(ReadOnlySpan<char> raw, char escape, TLookup lookup, out bool hasUnknown)
        where TLookup : IVariableLookup
    {
        var firstChange = FirstChange(raw, escape);
        if (firstChange < 0)
        {
            hasUnknown = false;
            return raw;
        }

        return ExpandFrom(raw, firstChange, escape, lookup, out hasUnknown);
    }

    /// <summary>
    /// <see cref="ExpandInPlace"/> of a word that changes from raw[<paramref name="firstChange"/>] on (see
    /// <see cref="ChangeAt"/>), which is not searched for again.
    /// </summary>
    public static ReadOnlySpan<char> ExpandFrom<TLookup>(ReadOnlySpan<char> raw, int firstChange, char escape, TLookup lookup, out bool hasUnknown)
        where TLookup : IVariableLookup
    {
        hasUnknown = false;
        var output = new Output(spareBuffer ?? new char[Math.Max(raw.Length, 64)]);
        spareBuffer = null;
        var quote = '\0';

        // The characters from runStart on are taken as they are until a character that changes the word: they are
        // appended as one run then, not one by one.
        var runStart = 0;
        for (var i = firstChange; i < raw.Length; i++)
        {
            // Letters, digits and most punctuation, nearly every character, are taken as they are: passed over.
            i = NextSpecial(raw, i, escape);
            if (i < 0)
            {
                break;
            }

            // A blank or other character the search stops at that changes nothing stays in the run (quoted values
            // have blanks): the run is appended only before a character that changes the word.
            var c = raw[i];
            if (quote != '\'' && c == escape && i + 1 < raw.Length)
            {
                // The escaped character starts the next run.
                output.Append(raw.Slice(runStart, i - runStart));
                i++;
                runStart = i;
                continue;
            }

            // An opening quote, its closing one, or NUL outside quotes (taken for the closing "quote" of unquoted text): dropped.
            if (c == quote || (quote == '\0' && (c == '\'' || c == '"')))
            {
                output.Append(raw.Slice(runStart, i - runStart));
                quote = c == quote ? '\0' : c;
                runStart = i + 1;
                continue;
            }

            if (c == '$' && quote != '\'' && i + 1 < raw.Length)
            {
                output.Append(raw.Slice(runStart, i - runStart));
                i = ExpandVariable(raw, i, escape, lookup, ref output, ref hasUnknown);
                runStart = i + 1;
            }
        }

        output.Append(raw.Slice(runStart));
        var tooLong = output.Length > MaxValueLength;
        hasUnknown |= tooLong;
        var chars = output.Chars;
        if (chars.Length <= 4 * MaxValueLength)
        {
            spareBuffer = chars;
        }

        return tooLong ? UnknownMarkerText.AsSpan() : new ReadOnlySpan<char>(chars, 0, output.Length);
    }

    /// <summary>
    /// Where the word first changes (see <see cref="FirstChange(ReadOnlySpan{char}, char)"/>), -1 when it is its own
    /// value (nothing to expand, unquote or unescape), for a caller that expands a word that is not from there with
    /// <see cref="ExpandFrom"/>. A word found to be its own value is noted so in <paramref name="facts"/>, the facts
    /// of its text (see <see cref="StringTable"/>), and not read again when met again; noted for the escape character
    /// nearly every file has, '\'.
    /// </summary>
    public static int ChangeAt(ReadOnlySpan<char> raw, char escape, ref TextFacts facts)
    {
        if (escape != '\\')
        {
            return FirstChange(raw, escape);
        }

        if ((facts & TextFacts.OwnValue) != 0)
        {
            return -1;
        }

        var firstChange = FirstChange(raw, escape);
        if (firstChange < 0)
        {
            facts |= TextFacts.OwnValue;
        }

        return firstChange;
    }

    /// <summary>
    /// The index of the first character of the word that changes it, or -1 when it is its own value: only '$' (with
    /// something after it), quotes, an escape with something after it and NUL (which <see cref="ExpandFrom"/> takes for
    /// the closing "quote" of unquoted text, and drops) do.
    /// </summary>
    public static int FirstChange(ReadOnlySpan<char> raw, char escape)
    {
        for (var i = NextSpecial(raw, 0, escape); i >= 0; i = NextSpecial(raw, i + 1, escape))
        {
            var c = raw[i];
            if (c == '\'' || c == '"' || c == '\0' || ((c == '$' || c == escape) && i + 1 < raw.Length))
            {
                return i;
            }
        }

        return -1;
    }

    // Four UTF-16 characters read as one 64-bit word: one in every lane (times a character, that character in every
    // lane), and the top bit of every lane (set by a subtraction that borrowed, or in a lane from 0x8000 up).
    private const ulong EachLane = 0x0001_0001_0001_0001;
    private const ulong LaneTopBits = 0x8000_8000_8000_8000;

    // The index of the first character from raw[from] on that the expansion looks at, the escape or one at most '\''
    // (the quotes, '$' and NUL, and the blanks and few other characters below them), or -1. A vector at a time, then
    // (in a vector with one, or a word shorter than a vector) four characters at a time (a 64-bit word, a lane each)
    // up to the first four with one: most words have none, or few.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextSpecial(ReadOnlySpan<char> raw, int from, char escape)
    {
        ref var start = ref MemoryMarshal.GetReference(raw);
        var i = from;
        if (i + Vector<short>.Count <= raw.Length)
        {
            // A vector at a time first, as many characters as it has lanes: with the values below offset by 0x8000, a
            // signed comparison tells the characters below '(' (and not those from 0x8000 up). The last characters,
            // fewer than a vector's, are told by the vector that ends the word (overlapping the one before): when it
            // has none, there is none; else the steps below find it.
            var offset = new Vector<short>(unchecked((short)0x8000));
            var limit = new Vector<short>(unchecked((short)(0x8000 + '(')));
            var escapes = new Vector<short>((short)escape);
            while (true)
            {
                var chars = Unsafe.ReadUnaligned<Vector<short>>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref start, i)));
                if ((Vector.LessThan(chars + offset, limit) | Vector.Equals(chars, escapes)) != Vector<short>.Zero)
                {
                    break;
                }

                i += Vector<short>.Count;
                if (i + Vector<short>.Count > raw.Length)
                {
                    var last = Unsafe.ReadUnaligned<Vector<short>>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref start, raw.Length - Vector<short>.Count)));
                    if (i == raw.Length || (Vector.LessThan(last + offset, limit) | Vector.Equals(last, escapes)) == Vector<short>.Zero)
                    {
                        return -1;
                    }

                    break;
                }
            }
        }

        var escapeLanes = escape * EachLane;
        for (; i + 4 <= raw.Length; i += 4)
        {
            var four = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref start, i)));

            // A lane below 0x28 borrows (lanes from 0x8000 up do not count); a lane that is the escape becomes 0 and borrows.
            var escapes = four ^ escapeLanes;
            if (((((four - (0x28 * EachLane)) & ~four) | ((escapes - EachLane) & ~escapes)) & LaneTopBits) != 0)
            {
                break;
            }
        }

        for (; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c <= '\'' || c == escape)
            {
                return i;
            }
        }

        return -1;
    }

    // Expands the variable at raw[dollar] and returns the index of its last character.
    private static int ExpandVariable<TLookup>(ReadOnlySpan<char> raw, int dollar, char escape, TLookup lookup, ref Output output, ref bool hasUnknown)
        where TLookup : IVariableLookup
    {
        var next = raw[dollar + 1];
        if (next != '{')
        {
            var end = dollar + 1;
            while (end < raw.Length && IsNameChar(raw[end]))
            {
                end++;
            }

            if (end == dollar + 1)
            {
                output.Append('$');
                return dollar;
            }

            AppendValue(lookup.Lookup(raw.Slice(dollar + 1, end - dollar - 1)), ref output, ref hasUnknown);
            return end - 1;
        }

        // The name first: no '}' is a name's character, so the closing brace is the first one from the name's end on,
        // most often right there (${NAME}), found without a search.
        var nameStart = dollar + 2;
        var nameEnd = nameStart;
        while (nameEnd < raw.Length && IsNameChar(raw[nameEnd]))
        {
            nameEnd++;
        }

        var close = nameEnd;
        if (close == raw.Length || raw[close] != '}')
        {
            var closeAfterName = raw.Slice(nameEnd).IndexOf('}');
            if (closeAfterName < 0)
            {
                output.Append(raw.Slice(dollar));
                return raw.Length - 1;
            }

            close = nameEnd + closeAfterName;
        }

        var value = lookup.Lookup(raw.Slice(nameStart, nameEnd - nameStart));
        var modifier = raw.Slice(nameEnd, close - nameEnd);
        var colon = modifier.Length > 0 && modifier[0] == ':';
        var operation = modifier.Length > (colon ? 1 : 0) ? modifier[colon ? 1 : 0] : '\0';
        if (operation == '-' && (value == null || (colon && value.Length == 0)))
        {
            AppendExpanded(modifier.Slice(colon ? 2 : 1), escape, lookup, ref output, ref hasUnknown);
            return close;
        }

        if (operation == '+')
        {
            if (value != null && (!colon || value.Length > 0))
            {
                AppendExpanded(modifier.Slice(colon ? 2 : 1), escape, lookup, ref output, ref hasUnknown);
            }

            return close;
        }

        AppendValue(value, ref output, ref hasUnknown);
        return close;
    }

    // A letter, digit or '_': told by two comparisons for the ASCII letters and digits of nearly every name.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNameChar(char c) =>
        (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '_' || (c >= 0x80 && char.IsLetterOrDigit(c));

    // A default or alternative value, expanded with a buffer of its own (the thread's is the caller's meanwhile).
    private static void AppendExpanded<TLookup>(ReadOnlySpan<char> raw, char escape, TLookup lookup, ref Output output, ref bool hasUnknown)
        where TLookup : IVariableLookup
    {
        output.Append(ExpandInPlace(raw, escape, lookup, out var unknown));
        hasUnknown |= unknown;
    }

    private static void AppendValue(string? value, ref Output output, ref bool hasUnknown)
    {
        if (value == null)
        {
            hasUnknown = true;
            output.Append(UnknownMarker);
        }
        else
        {
            output.Append(value.AsSpan());
        }
    }

    // The characters of an expanded value, in an array that grows by copies.
    private struct Output
    {
        public Output(char[] chars)
        {
            Chars = chars;
            Length = 0;
        }

        public char[] Chars { get; private set; }

        public int Length { get; private set; }

        public void Append(char c)
        {
            if (Length == Chars.Length)
            {
                Grow(1);
            }

            Chars[Length++] = c;
        }

        public void Append(ReadOnlySpan<char> text)
        {
            if (text.Length > Chars.Length - Length)
            {
                Grow(text.Length);
            }

            text.CopyTo(new Span<char>(Chars, Length, text.Length));
            Length += text.Length;
        }

        private void Grow(int more)
        {
            var chars = new char[Math.Max(Chars.Length * 2, Length + more)];
            Array.Copy(Chars, chars, Length);
            Chars = chars;
        }
    }
}
