using System.Globalization;
using System.Text;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// Prints a parse in the S-expression layout of BuildKit's parser test results, e.g.
/// <c>(copy ["--from=build"] "/out" "/bin")</c>, one instruction a line.
/// </summary>
public static class BuildKitDump
{
    public static string Dump(DockerfileSyntax syntax)
    {
        var builder = new StringBuilder();
        foreach (var instruction in syntax.Instructions)
        {
            builder.Append('(');
            AppendInstruction(builder, instruction);
            builder.Append(")\n");
        }

        return builder.ToString();
    }

    private static void AppendInstruction(StringBuilder builder, Instruction instruction)
    {
        builder.Append(instruction.Keyword.ToLowerInvariant());
        if (instruction.Flags.Count > 0)
        {
            builder.Append(" [");
            for (var i = 0; i < instruction.Flags.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(' ');
                }

                AppendQuoted(builder, instruction.Flags[i].Text);
            }

            builder.Append(']');
        }

        switch (instruction.Kind)
        {
            case InstructionKind.Onbuild:
                if (instruction.Inner is { } trigger)
                {
                    builder.Append(" (");
                    AppendInstruction(builder, trigger);
                    builder.Append(')');
                }

                break;
            case InstructionKind.Env:
            case InstructionKind.Label:
                foreach (var pair in instruction.KeyValues)
                {
                    AppendWord(builder, pair.Key.Value);
                    AppendWord(builder, pair.Value?.Value ?? string.Empty);
                    AppendWord(builder, pair.Separator);
                }

                break;
            case InstructionKind.Unknown:
                // BuildKit's parser keeps an unknown instruction with one empty argument node.
                AppendWord(builder, string.Empty);
                break;
            default:
                foreach (var word in instruction.Words)
                {
                    AppendWord(builder, word.Value);
                }

                break;
        }
    }

    private static void AppendWord(StringBuilder builder, string value)
    {
        builder.Append(' ');
        AppendQuoted(builder, value);
    }

    /// <summary>Quotes like Go's strconv.Quote: printable characters as they are, the rest escaped.</summary>
    public static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, value[i + 1]);
                if (IsPrintable(CharUnicodeInfo.GetUnicodeCategory(value, i)))
                {
                    builder.Append(c).Append(value[i + 1]);
                }
                else
                {
                    builder.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"': builder.Append("\\\""); continue;
                case '\\': builder.Append("\\\\"); continue;
                case '\a': builder.Append("\\a"); continue;
                case '\b': builder.Append("\\b"); continue;
                case '\f': builder.Append("\\f"); continue;
                case '\n': builder.Append("\\n"); continue;
                case '\r': builder.Append("\\r"); continue;
                case '\t': builder.Append("\\t"); continue;
                case '\v': builder.Append("\\v"); continue;
            }

            if (c == ' ' || (c > ' ' && c < 0x7f))
            {
                builder.Append(c);
            }
            else if (c < ' ' || c == 0x7f)
            {
                builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append("\\ufffd");
            }
            else if (IsPrintable(CharUnicodeInfo.GetUnicodeCategory(c)))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        builder.Append('"');
    }

    private static bool IsPrintable(UnicodeCategory category) => category switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator => false,
        _ => true,
    };
}
