using System.Globalization;
using System.Numerics;
using System.Text;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>Reads the exec form of an instruction: a JSON array of strings, strictly, as Go's JSON decoder does.</summary>
internal static unsafe class JsonArrayReader
{
    public enum Result
    {
        StringArray,
        NotJson,
        NotStringArray,
    }

    private const int MaxDepth = 10000;

    /// <summary>
    /// Reads the arguments' characters from <paramref name="start"/> as a JSON array of strings; string
    /// words get their logical offsets, and their values stay in the line unless they have escapes.
    /// </summary>
    public static Result Read(InstructionLineParsers.Arguments arguments, int start)
    {
        var text = arguments.Text;
        var end = arguments.End;
        var i = start;
        while (i < end && Chars.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= end || text[i] != '[')
        {
            return Result.NotJson;
        }

        i = SkipJsonSpace(text, i + 1, end);
        var allStrings = true;
        if (i < end && text[i] == ']')
        {
            i++;
        }
        else
        {
            while (true)
            {
                if (i < end && text[i] == '"')
                {
                    var tokenStart = i;
                    if (!SkipString(text, ref i, end, out var hasEscapes))
                    {
                        return Result.NotJson;
                    }

                    if (hasEscapes)
                    {
                        arguments.AddJsonStringWithEscapes(tokenStart, i - tokenStart);
                    }
                    else
                    {
                        arguments.AddWord(tokenStart, i - tokenStart, tokenStart + 1, i - tokenStart - 2);
                    }
                }
                else
                {
                    allStrings = false;
                    if (!SkipValue(text, ref i, end))
                    {
                        return Result.NotJson;
                    }
                }

                i = SkipJsonSpace(text, i, end);
                if (i < end && text[i] == ',')
                {
                    i = SkipJsonSpace(text, i + 1, end);
                    continue;
                }

                if (i < end && text[i] == ']')
                {
                    i++;
                    break;
                }

                return Result.NotJson;
            }
        }

        // Nothing but white space may follow the array.
        if (SkipJsonSpace(text, i, end) != end)
        {
            return Result.NotJson;
        }

        return allStrings ? Result.StringArray : Result.NotStringArray;
    }

    private static int SkipJsonSpace(char* text, int i, int end)
    {
        while (i < end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        {
            i++;
        }

        return i;
    }

    /// <summary>Steps over a JSON string starting at its opening quote; false when it is not valid JSON.</summary>
    private static bool SkipString(char* text, ref int i, int end, out bool hasEscapes)
    {
        // The walk keeps its place in a local, written back to i where it stops.
        hasEscapes = false;
        var at = i + 1;
        var quotes = new Vector<short>((short)'"');
        var backslashes = new Vector<short>((short)'\\');
        while (at < end)
        {
            // Most characters are above '"' and not '\\': a vector of them (from '#' up to 0x7FFF, compared as
            // signed) is stepped over at once, and the rest of the run with two comparisons a character.
            while (at + Vector<short>.Count <= end
                && (Vector.LessThanOrEqual(*(Vector<short>*)(text + at), quotes) | Vector.Equals(*(Vector<short>*)(text + at), backslashes)) == Vector<short>.Zero)
            {
                at += Vector<short>.Count;
            }

            while (at < end && text[at] > '"' && text[at] != '\\')
            {
                at++;
            }

            if (at == end)
            {
                break;
            }

            var c = text[at];
            if (c == '"')
            {
                i = at + 1;
                return true;
            }

            if (c < ' ')
            {
                i = at;
                return false;
            }

            if (c != '\\')
            {
                at++;
                continue;
            }

            if (at + 1 >= end)
            {
                i = at;
                return false;
            }

            hasEscapes = true;
            var escaped = text[at + 1];
            at += 2;
            switch (escaped)
            {
                case '"':
                case '\\':
                case '/':
                case 'b':
                case 'f':
                case 'n':
                case 'r':
                case 't':
                    break;
                case 'u':
                    if (at + 4 > end || HexValue(text, at) < 0)
                    {
                        i = at;
                        return false;
                    }

                    at += 4;
                    break;
                default:
                    i = at;
                    return false;
            }
        }

        i = at;
        return false;
    }

    /// <summary>The value of the valid JSON string body text[start, end) (quotes excluded).</summary>
    public static string Decode(char* text, int start, int end)
    {
        var builder = new StringBuilder(end - start);
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            i++;
            switch (text[i])
            {
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    builder.Append((char)HexValue(text, i + 1));
                    i += 4;
                    break;
                default:
                    // '"', '\\' and '/' stand for themselves.
                    builder.Append(text[i]);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>The value of the four hex digits at text[i], or -1.</summary>
    private static int HexValue(char* text, int i)
    {
        var value = 0;
        for (var k = i; k < i + 4; k++)
        {
            var c = text[k];
            var digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0)
            {
                return -1;
            }

            value = (value * 16) + digit;
        }

        return value;
    }

    /// <summary>Skips any JSON value (used only to tell "valid JSON, not all strings" from "not JSON").</summary>
    private static bool SkipValue(char* text, ref int i, int end)
    {
        // Iterative, so deeply nested arrays cannot overflow the stack.
        var depth = 0;
        while (true)
        {
            i = SkipJsonSpace(text, i, end);
            if (i >= end)
            {
                return false;
            }

            var c = text[i];
            if (c == '[' || c == '{')
            {
                if (++depth > MaxDepth)
                {
                    return false;
                }

                i = SkipJsonSpace(text, i + 1, end);
                if (i < end && (text[i] == ']' || text[i] == '}'))
                {
                    depth--;
                    i++;
                    if (!AfterValue(text, ref i, end, ref depth, out var done))
                    {
                        return false;
                    }

                    if (done)
                    {
                        return true;
                    }

                    continue;
                }

                if (c == '{' && !SkipObjectKey(text, ref i, end))
                {
                    return false;
                }

                continue;
            }

            if (c == '"')
            {
                if (!SkipString(text, ref i, end, out _))
                {
                    return false;
                }
            }
            else if (!SkipLiteral(text, ref i, end))
            {
                return false;
            }

            if (!AfterValue(text, ref i, end, ref depth, out var finished))
            {
                return false;
            }

            if (finished)
            {
                return true;
            }
        }
    }

    // After a value inside containers: a ',' continues, a closing bracket pops. done = the outermost value ended.
    private static bool AfterValue(char* text, ref int i, int end, ref int depth, out bool done)
    {
        done = false;
        while (true)
        {
            if (depth == 0)
            {
                done = true;
                return true;
            }

            i = SkipJsonSpace(text, i, end);
            if (i >= end)
            {
                return false;
            }

            var c = text[i];
            if (c == ',')
            {
                i++;
                var next = SkipJsonSpace(text, i, end);
                if (next < end && text[next] == '"')
                {
                    // Could be an object key; SkipObjectKey is lenient enough to accept either position.
                    var probe = next;
                    if (!SkipString(text, ref probe, end, out _))
                    {
                        return false;
                    }

                    var colon = SkipJsonSpace(text, probe, end);
                    if (colon < end && text[colon] == ':')
                    {
                        i = colon + 1;
                    }
                }

                return true;
            }

            if (c == ']' || c == '}')
            {
                depth--;
                i++;
                continue;
            }

            return false;
        }
    }

    private static bool SkipObjectKey(char* text, ref int i, int end)
    {
        if (i >= end || text[i] != '"' || !SkipString(text, ref i, end, out _))
        {
            return false;
        }

        i = SkipJsonSpace(text, i, end);
        if (i >= end || text[i] != ':')
        {
            return false;
        }

        i++;
        return true;
    }

    private static bool SkipLiteral(char* text, ref int i, int end)
    {
        var start = i;
        while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] == '-' || text[i] == '+' || text[i] == '.'))
        {
            i++;
        }

        var literal = new string(text, start, i - start);
        if (literal is "true" or "false" or "null")
        {
            return true;
        }

        return literal.Length > 0 && double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && literal[0] != '+' && literal[0] != '.';
    }
}
