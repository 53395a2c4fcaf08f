using System;
using System.Text;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>Where <see cref="VariableExpander"/> finds the value of a variable (null: unset or unknown).</summary>
internal interface IVariableLookup
{
    string? Lookup(string name);
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

    // The thread's builder, free while no expansion uses it (a default or alternative value is expanded in the
    // middle of its variable's expansion, with a builder of its own).
    [ThreadStatic]
    private static StringBuilder? spareBuilder;

    public static string Expand<TLookup>(string raw, char escape, TLookup lookup, out bool hasUnknown)
        where TLookup : IVariableLookup
    {
        hasUnknown = false;

        // Most words have nothing to expand, unquote or unescape: they are their own value.
        var firstChange = FirstChange(raw, escape);
        if (firstChange < 0)
        {
            return raw;
        }

        var builder = spareBuilder ?? new StringBuilder(raw.Length);
        spareBuilder = null;
        var quote = '\0';

        // The characters from runStart on are taken as they are until a character that changes the word: they are
        // appended as one run then, not one by one.
        var runStart = 0;
        for (var i = firstChange; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c > '\'' && c != escape)
            {
                // Letters, digits and most punctuation: nearly every character, taken as it is.
                continue;
            }

            builder.Append(raw, runStart, i - runStart);
            if (quote != '\'' && c == escape && i + 1 < raw.Length)
            {
                // The escaped character starts the next run.
                i++;
                runStart = i;
                continue;
            }

            runStart = i + 1;
            if (quote == '\0' && (c == '\'' || c == '"'))
            {
                quote = c;
                continue;
            }

            if (c == quote)
            {
                quote = '\0';
                continue;
            }

            if (c == '$' && quote != '\'' && i + 1 < raw.Length)
            {
                i = ExpandVariable(raw, i, escape, lookup, builder, ref hasUnknown);
                runStart = i + 1;
                continue;
            }

            // Taken as it is: it starts the next run.
            runStart = i;
        }

        builder.Append(raw, runStart, raw.Length - runStart);
        var tooLong = builder.Length > MaxValueLength;
        hasUnknown |= tooLong;
        var value = tooLong ? UnknownMarkerText : builder.ToString();
        if (builder.Capacity <= 4 * MaxValueLength)
        {
            spareBuilder = builder.Clear();
        }

        return value;
    }

    /// <summary>
    /// True when the word text[start, + length) would not be its own value (see <see cref="Expand"/>): a caller that
    /// reads a word where it lies makes its value's string only then.
    /// </summary>
    public static bool Changes(string text, int start, int length, char escape) => FirstChange(text, start, start + length, escape) >= 0;

    private static int FirstChange(string raw, char escape) => FirstChange(raw, 0, raw.Length, escape);

    // The index of the first character of text[start, end) that changes the word, or -1: only '$' (with something
    // after it), quotes, an escape with something after it and NUL (which the loop above takes for the closing
    // "quote" of unquoted text, and drops) do.
    private static int FirstChange(string text, int start, int end, char escape)
    {
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c > '\'' && c != escape)
            {
                // Letters, digits and most punctuation: nearly every character.
                continue;
            }

            if (c == '\'' || c == '"' || c == '\0' || ((c == '$' || c == escape) && i + 1 < end))
            {
                return i;
            }
        }

        return -1;
    }

    // Expands the variable at raw[dollar] and returns the index of its last character.
    private static int ExpandVariable<TLookup>(string raw, int dollar, char escape, TLookup lookup, StringBuilder builder, ref bool hasUnknown)
        where TLookup : IVariableLookup
    {
        var next = raw[dollar + 1];
        if (next != '{')
        {
            var end = dollar + 1;
            while (end < raw.Length && (char.IsLetterOrDigit(raw[end]) || raw[end] == '_'))
            {
                end++;
            }

            if (end == dollar + 1)
            {
                builder.Append('$');
                return dollar;
            }

            AppendValue(lookup.Lookup(raw.Substring(dollar + 1, end - dollar - 1)), builder, ref hasUnknown);
            return end - 1;
        }

        var close = raw.IndexOf('}', dollar + 2);
        if (close < 0)
        {
            builder.Append(raw, dollar, raw.Length - dollar);
            return raw.Length - 1;
        }

        var body = raw.Substring(dollar + 2, close - dollar - 2);
        var nameEnd = 0;
        while (nameEnd < body.Length && (char.IsLetterOrDigit(body[nameEnd]) || body[nameEnd] == '_'))
        {
            nameEnd++;
        }

        var value = lookup.Lookup(body.Substring(0, nameEnd));
        var modifier = body.Substring(nameEnd);
        if (modifier.StartsWith(":-", StringComparison.Ordinal) || modifier.StartsWith("-", StringComparison.Ordinal))
        {
            var useDefault = value == null || (modifier[0] == ':' && value.Length == 0);
            if (useDefault)
            {
                value = Expand(modifier.Substring(modifier[0] == ':' ? 2 : 1), escape, lookup, out var unknownDefault);
                hasUnknown |= unknownDefault;
            }
        }
        else if (modifier.StartsWith(":+", StringComparison.Ordinal) || modifier.StartsWith("+", StringComparison.Ordinal))
        {
            var useAlternative = value != null && (modifier[0] != ':' || value.Length > 0);
            if (useAlternative)
            {
                value = Expand(modifier.Substring(modifier[0] == ':' ? 2 : 1), escape, lookup, out var unknownAlternative);
                hasUnknown |= unknownAlternative;
            }
            else
            {
                value = string.Empty;
            }
        }

        AppendValue(value, builder, ref hasUnknown);
        return close;
    }

    private static void AppendValue(string? value, StringBuilder builder, ref bool hasUnknown)
    {
        if (value == null)
        {
            hasUnknown = true;
            builder.Append(UnknownMarker);
        }
        else
        {
            builder.Append(value);
        }
    }
}
