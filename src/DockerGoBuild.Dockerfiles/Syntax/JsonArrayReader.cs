using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>Reads the exec form of an instruction: a JSON array of strings, strictly, as Go's JSON decoder does.</summary>
internal static class JsonArrayReader
{
    public enum Result
    {
        StringArray,
        NotJson,
        NotStringArray,
    }

    private const int MaxDepth = 10000;

    /// <summary>Reads text[start, end) as a JSON array of strings; string words get their logical offsets.</summary>
    public static Result Read(string text, int start, int end, List<Word> words)
    {
        var i = start;
        while (i < end && char.IsWhiteSpace(text[i]))
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
                    var value = ReadString(text, ref i, end);
                    if (value == null)
                    {
                        return Result.NotJson;
                    }

                    words.Add(new Word(value, tokenStart, i - tokenStart));
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

    private static int SkipJsonSpace(string text, int i, int end)
    {
        while (i < end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        {
            i++;
        }

        return i;
    }

    /// <summary>Reads a JSON string starting at its opening quote; null when it is not valid JSON.</summary>
    private static string? ReadString(string text, ref int i, int end)
    {
        var builder = new StringBuilder();
        i++;
        while (i < end)
        {
            var c = text[i];
            if (c == '"')
            {
                i++;
                return builder.ToString();
            }

            if (c < ' ')
            {
                return null;
            }

            if (c != '\\')
            {
                builder.Append(c);
                i++;
                continue;
            }

            if (i + 1 >= end)
            {
                return null;
            }

            var escaped = text[i + 1];
            i += 2;
            switch (escaped)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (i + 4 > end || !int.TryParse(text.Substring(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        return null;
                    }

                    builder.Append((char)code);
                    i += 4;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Skips any JSON value (used only to tell "valid JSON, not all strings" from "not JSON").</summary>
    private static bool SkipValue(string text, ref int i, int end)
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
                if (ReadString(text, ref i, end) == null)
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
    private static bool AfterValue(string text, ref int i, int end, ref int depth, out bool done)
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
                    if (ReadString(text, ref probe, end) == null)
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

    private static bool SkipObjectKey(string text, ref int i, int end)
    {
        if (i >= end || text[i] != '"' || ReadString(text, ref i, end) == null)
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

    private static bool SkipLiteral(string text, ref int i, int end)
    {
        var start = i;
        while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] == '-' || text[i] == '+' || text[i] == '.'))
        {
            i++;
        }

        var literal = text.Substring(start, i - start);
        if (literal is "true" or "false" or "null")
        {
            return true;
        }

        return literal.Length > 0 && double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && literal[0] != '+' && literal[0] != '.';
    }
}
