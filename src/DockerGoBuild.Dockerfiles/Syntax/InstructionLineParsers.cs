using System;
using System.Collections.Generic;
using System.Text;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// The per-instruction argument readers, one for each shape BuildKit's parser knows:
/// JSON-or-string, JSON-or-list, whitespace lists, quote-preserving words, name/value pairs.
/// </summary>
internal static class InstructionLineParsers
{
    public delegate void ReportProblem(string code, string message, int start, int end);

    /// <summary>The argument region of one instruction and what the reader made of it.</summary>
    public sealed class Arguments
    {
        public Arguments(LogicalLine line, int start, int end, char escape)
        {
            Line = line;
            Start = start;
            End = end;
            Escape = escape;
        }

        public LogicalLine Line { get; }

        public int Start { get; }

        public int End { get; }

        public char Escape { get; }

        public string Text => Line.Text;

        public List<Word> Words { get; } = new();

        public List<KeyValue> KeyValues { get; } = new();

        public bool IsJsonForm { get; set; }
    }

    public static void Read(InstructionKind kind, string keyword, Arguments arguments, ReportProblem report)
    {
        switch (kind)
        {
            case InstructionKind.Add:
            case InstructionKind.Copy:
            case InstructionKind.Volume:
                ReadJsonOrList(arguments, report);
                break;
            case InstructionKind.Arg:
                ReadWords(arguments, arguments.Start, arguments.Words);
                foreach (var word in arguments.Words)
                {
                    arguments.KeyValues.Add(SplitAtEquals(word));
                }

                break;
            case InstructionKind.Cmd:
            case InstructionKind.Entrypoint:
            case InstructionKind.Run:
            case InstructionKind.Shell:
                ReadJsonOrString(arguments, arguments.Start, report);
                break;
            case InstructionKind.Env:
            case InstructionKind.Label:
                ReadNameValues(arguments, keyword.ToUpperInvariant(), report);
                break;
            case InstructionKind.Expose:
            case InstructionKind.From:
                ReadWhitespaceList(arguments, arguments.Start);
                break;
            case InstructionKind.Healthcheck:
                ReadHealthcheck(arguments, report);
                break;
            default:
                if (arguments.End > arguments.Start)
                {
                    arguments.Words.Add(WordOf(arguments, arguments.Start, arguments.End));
                }

                break;
        }
    }

    /// <summary>
    /// Reads the builder flags (<c>--name[=value]</c>) at the start of the arguments and returns where
    /// the rest begins. Like BuildKit: a flag word is anything starting with "--", quotes and '\' escapes
    /// are removed from it, and a bare "--" ends the flags.
    /// </summary>
    public static int ReadFlags(LogicalLine line, int start, int end, List<InstructionFlag> flags)
    {
        var text = line.Text;
        var pos = start;
        while (true)
        {
            while (pos < end && char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }

            if (pos >= end || text[pos] != '-' || pos + 1 >= end || text[pos + 1] != '-')
            {
                return pos;
            }

            var wordStart = pos;
            var word = new StringBuilder();
            var quote = '\0';
            var blankOk = false;
            while (pos < end)
            {
                var c = text[pos];
                if (quote == '\0')
                {
                    if (char.IsWhiteSpace(c))
                    {
                        break;
                    }

                    if (c == '\'' || c == '"')
                    {
                        quote = c;
                        blankOk = true;
                        pos++;
                        continue;
                    }
                }
                else if (c == quote)
                {
                    quote = '\0';
                    pos++;
                    continue;
                }

                if (c == '\\')
                {
                    if (pos + 1 >= end)
                    {
                        pos++;
                        continue;
                    }

                    pos++;
                    c = text[pos];
                }

                word.Append(c);
                pos++;
            }

            var value = word.ToString();
            if (value == "--")
            {
                return pos;
            }

            if (blankOk || value.Length > 0)
            {
                flags.Add(CreateFlag(line, value, wordStart, pos));
            }
        }
    }

    private static InstructionFlag CreateFlag(LogicalLine line, string value, int start, int end)
    {
        var equals = value.IndexOf('=');
        var name = (equals < 0 ? value : value.Substring(0, equals)).TrimStart('-').ToLowerInvariant();
        var rawEquals = line.Text.IndexOf('=', start, end - start);
        return new InstructionFlag(
            line.Text,
            value,
            start,
            end - start,
            name,
            equals < 0 ? null : value.Substring(equals + 1),
            rawEquals < 0 ? -1 : rawEquals + 1,
            line.ToSource(start, end));
    }

    private static void ReadJsonOrString(Arguments arguments, int start, ReportProblem report)
    {
        if (arguments.End > start && ReadJson(arguments, start, report) == JsonArrayReader.Result.NotJson)
        {
            arguments.Words.Add(WordOf(arguments, start, arguments.End));
        }
    }

    private static void ReadJsonOrList(Arguments arguments, ReportProblem report)
    {
        if (ReadJson(arguments, arguments.Start, report) == JsonArrayReader.Result.NotJson)
        {
            ReadWhitespaceList(arguments, arguments.Start);
        }
    }

    private static JsonArrayReader.Result ReadJson(Arguments arguments, int start, ReportProblem report)
    {
        var wordsBefore = arguments.Words.Count;
        var result = JsonArrayReader.Read(arguments.Text, start, arguments.End, arguments.Words);
        if (result == JsonArrayReader.Result.StringArray)
        {
            arguments.IsJsonForm = true;
            return result;
        }

        arguments.Words.RemoveRange(wordsBefore, arguments.Words.Count - wordsBefore);
        if (result == JsonArrayReader.Result.NotStringArray)
        {
            report("json-not-strings", "A JSON array in exec form may only contain strings", start, arguments.End);
        }
        else if (start < arguments.End && arguments.Text[start] == '[')
        {
            // Text that starts like an exec-form array but is not valid JSON runs as a shell command: almost always a mistake.
            report("invalid-json", "The arguments start with '[' but are not a valid JSON array of strings, so BuildKit runs them as a shell command", start, arguments.End);
        }

        return result;
    }

    private static void ReadWhitespaceList(Arguments arguments, int start)
    {
        var text = arguments.Text;
        var i = start;
        while (i < arguments.End)
        {
            var wordStart = i;
            while (i < arguments.End && !IsListSeparator(text[i]))
            {
                i++;
            }

            arguments.Words.Add(WordOf(arguments, wordStart, i));
            while (i < arguments.End && IsListSeparator(text[i]))
            {
                i++;
            }
        }
    }

    private static bool IsListSeparator(char c) => c is ' ' or '\t' or '\v' or '\f' or '\r';

    private static void ReadHealthcheck(Arguments arguments, ReportProblem report)
    {
        var text = arguments.Text;
        var separator = arguments.Start;
        while (separator < arguments.End && !char.IsWhiteSpace(text[separator]))
        {
            separator++;
        }

        if (separator == arguments.Start)
        {
            return;
        }

        arguments.Words.Add(WordOf(arguments, arguments.Start, separator));
        var next = separator;
        while (next < arguments.End && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        ReadJsonOrString(arguments, next, report);
    }

    private static void ReadNameValues(Arguments arguments, string keyword, ReportProblem report)
    {
        var words = new List<Word>();
        ReadWords(arguments, arguments.Start, words);
        if (words.Count == 0)
        {
            report("missing-arguments", $"{keyword} requires at least one argument", arguments.Start, arguments.End);
            return;
        }

        if (words[0].Value.IndexOf('=') < 0)
        {
            // Legacy form: NAME value...; the value is the raw rest of the line.
            var text = arguments.Text;
            var keyEnd = arguments.Start;
            while (keyEnd < arguments.End && !IsListSeparator(text[keyEnd]))
            {
                keyEnd++;
            }

            var valueStart = keyEnd;
            while (valueStart < arguments.End && IsListSeparator(text[valueStart]))
            {
                valueStart++;
            }

            if (keyEnd == arguments.End)
            {
                report("missing-value", $"{keyword} must have two arguments", arguments.Start, arguments.End);
                return;
            }

            arguments.KeyValues.Add(new KeyValue(WordOf(arguments, arguments.Start, keyEnd), WordOf(arguments, valueStart, arguments.End), string.Empty));
            return;
        }

        foreach (var word in words)
        {
            if (word.Value.IndexOf('=') < 0)
            {
                report("missing-equals", $"Syntax error - can't find = in \"{word.Value}\". Must be of the form: name=value", word.Start, word.End);
                arguments.KeyValues.Clear();
                return;
            }

            arguments.KeyValues.Add(SplitAtEquals(word));
        }
    }

    private static KeyValue SplitAtEquals(Word word)
    {
        var equals = word.Value.IndexOf('=');
        if (equals < 0)
        {
            return new KeyValue(word, null, string.Empty);
        }

        var key = new Word(word.Value.Substring(0, equals), word.Start, equals);
        var valueLength = Math.Max(0, word.Length - equals - 1);
        var value = new Word(word.Value.Substring(equals + 1), word.Start + equals + 1, valueLength);
        return new KeyValue(key, value, "=");
    }

    /// <summary>
    /// Splits text into words on blanks, keeping quotes and escapes in the words (BuildKit's parseWords):
    /// the escape character protects the next character, and only double quotes honour it.
    /// </summary>
    private static void ReadWords(Arguments arguments, int start, List<Word> words)
    {
        var text = arguments.Text;
        var escape = arguments.Escape;
        var end = arguments.End;
        var word = new StringBuilder();
        var wordStart = -1;
        var quote = '\0';
        var blankOk = false;
        var pos = start;
        while (pos < end)
        {
            var c = text[pos];
            if (wordStart < 0)
            {
                if (char.IsWhiteSpace(c))
                {
                    pos++;
                    continue;
                }

                wordStart = pos;
            }

            if (quote == '\0')
            {
                if (char.IsWhiteSpace(c))
                {
                    AddWord(words, word, wordStart, pos, blankOk);
                    wordStart = -1;
                    blankOk = false;
                    pos++;
                    continue;
                }

                if (c == '\'' || c == '"')
                {
                    quote = c;
                    blankOk = true;
                }

                if (c == escape)
                {
                    if (pos + 1 == end)
                    {
                        pos++;
                        continue;
                    }

                    word.Append(c);
                    pos++;
                    c = text[pos];
                }

                word.Append(c);
                pos++;
                continue;
            }

            if (c == quote)
            {
                quote = '\0';
            }
            else if (c == escape && quote != '\'')
            {
                if (pos + 1 == end)
                {
                    pos++;
                    continue;
                }

                word.Append(c);
                pos++;
                c = text[pos];
            }

            word.Append(c);
            pos++;
        }

        if (wordStart >= 0)
        {
            AddWord(words, word, wordStart, end, blankOk);
        }
    }

    private static void AddWord(List<Word> words, StringBuilder word, int start, int end, bool blankOk)
    {
        if (blankOk || word.Length > 0)
        {
            words.Add(new Word(word.ToString(), start, end - start));
        }

        word.Clear();
    }

    private static Word WordOf(Arguments arguments, int start, int end) =>
        new(arguments.Text.Substring(start, end - start), start, end - start);
}
