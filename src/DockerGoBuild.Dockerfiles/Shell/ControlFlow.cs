using System;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Tracks the little control-flow syntax that decides whether a word in command position is a command:
/// reserved words, <c>for</c> headers, <c>case</c> patterns, and per dialect PowerShell expressions
/// and cmd's <c>if</c>/<c>rem</c>.
/// </summary>
internal sealed class ControlFlow
{
    private static readonly string[] PosixReserved = { "{", "}", "if", "then", "elif", "else", "fi", "while", "until", "do", "done", "!" };

    // The first characters of the POSIX words that are not commands in command position (see PosixCommandWord).
    private static bool IsPosixKeywordStart(char c) => c is '{' or '}' or 'i' or 't' or 'e' or 'f' or 'w' or 'u' or 'd' or '!' or 's' or 'c' or '[';

    private static readonly string[] PowerShellKeywords =
    {
        "if", "elseif", "else", "while", "for", "foreach", "switch", "do", "until", "try", "finally", "begin", "process", "end",
    };

    private static readonly string[] PowerShellDefinitions = { "function", "filter", "class", "enum", "workflow", "configuration" };

    private static readonly string[] PowerShellStatements = { "param", "return", "throw", "exit", "break", "continue", "using", "catch", "trap", "data" };

    private static readonly string[] CmdConditions = { "exist", "defined", "errorlevel", "cmdextversion" };

    private readonly ScriptParser parser;
    private ShellDialect dialect;
    private Mode mode;
    private int caseDepth;
    private int cmdIfWordsLeft;
    private string powerShellVariable = string.Empty;

    public ControlFlow(ScriptParser parser)
    {
        this.parser = parser;
    }

    private enum Mode
    {
        Command,
        ForHeader,
        CaseHeader,
        CasePattern,
        ConditionalExpression,
        FunctionName,
        SkipStatement,
        SkipLine,
        CmdIf,
        EnvAssignment,
        EnvValue,
    }

    /// <summary>True while words are header, pattern or expression text rather than commands.</summary>
    public bool IsSkipping => mode != Mode.Command;

    public void Reset(ShellDialect dialect)
    {
        this.dialect = dialect;
        mode = Mode.Command;
        caseDepth = 0;
        cmdIfWordsLeft = 0;
        powerShellVariable = string.Empty;
    }

    /// <summary>
    /// Looks at the first word of a would-be command. False when the word is a keyword or starts something
    /// that is not a command; else true with <paramref name="command"/> the word (cmd's <c>@</c> removed).
    /// </summary>
    public bool CommandWord(in WordToken word, CommandSyntax current, out WordToken command)
    {
        command = word;
        switch (dialect)
        {
            case ShellDialect.PowerShell:
                return PowerShellCommandWord(word, current);
            case ShellDialect.Cmd:
                return CmdCommandWord(ref command);
            default:
                return PosixCommandWord(word);
        }
    }

    /// <summary>Consumes a word while skipping.</summary>
    public void SkipWord(in WordToken word)
    {
        switch (mode)
        {
            case Mode.ForHeader:
                if (IsKeyword(word, "do"))
                {
                    mode = Mode.Command;
                }

                break;
            case Mode.CaseHeader:
                if (IsKeyword(word, "in"))
                {
                    mode = Mode.CasePattern;
                }

                break;
            case Mode.CasePattern:
                if (IsKeyword(word, "esac"))
                {
                    caseDepth--;
                    mode = Mode.Command;
                }

                break;
            case Mode.ConditionalExpression:
                if (IsKeyword(word, "]]"))
                {
                    mode = Mode.Command;
                }

                break;
            case Mode.FunctionName:
                mode = Mode.Command;
                break;
            case Mode.CmdIf:
                SkipCmdConditionWord(word);
                break;
            case Mode.EnvAssignment:
                mode = parser.Value(word).Is("=") ? Mode.EnvValue : Mode.SkipStatement;
                break;
            case Mode.EnvValue:
                parser.Variables.Set(powerShellVariable, parser.MakeString(parser.Value(word)));
                mode = Mode.SkipStatement;
                break;
        }
    }

    /// <summary>
    /// Updates the state at a separator. True when the separator belongs to the skipped text
    /// (a <c>for</c> header, a case pattern's <c>)</c>, a cmd comment) and must not be processed further.
    /// </summary>
    public bool SkipSeparator(string op, bool closesSubstitution)
    {
        switch (mode)
        {
            case Mode.Command:
                if (caseDepth > 0 && (op == ";;" || op == ";&" || op == ";;&"))
                {
                    mode = Mode.CasePattern;
                }

                return false;
            case Mode.ForHeader:
            case Mode.CaseHeader:
            case Mode.ConditionalExpression:
            case Mode.FunctionName:
                // An unmatched ')' still closes the enclosing substitution, so bad input cannot swallow it.
                if (closesSubstitution)
                {
                    mode = Mode.Command;
                    return false;
                }

                return true;
            case Mode.CasePattern:
                if (op == ")")
                {
                    mode = Mode.Command;
                }

                return true;
            case Mode.SkipLine:
                if (op != "\n")
                {
                    return true;
                }

                mode = Mode.Command;
                return false;
            default:
                mode = Mode.Command;
                return false;
        }
    }

    private bool PosixCommandWord(in WordToken word)
    {
        if (!word.IsPlain)
        {
            return true;
        }

        // Most commands are no keyword at all: no keyword is longer than "function" or starts otherwise.
        var value = parser.Value(word);
        if (value.Length == 0 || value.Length > 8 || !IsPosixKeywordStart(value[0]))
        {
            return true;
        }

        if (value.Is("for") || value.Is("select"))
        {
            mode = Mode.ForHeader;
            return false;
        }

        if (value.Is("case"))
        {
            caseDepth++;
            mode = Mode.CaseHeader;
            return false;
        }

        if (value.Is("esac"))
        {
            caseDepth = Math.Max(0, caseDepth - 1);
            return false;
        }

        if (value.Is("function"))
        {
            mode = Mode.FunctionName;
            return false;
        }

        if (value.Is("[["))
        {
            // Inside [[ ]] the operators && || < > ( ) are part of the test, not separators.
            mode = Mode.ConditionalExpression;
            return false;
        }

        return !value.IsAny(PosixReserved);
    }

    private bool PowerShellCommandWord(in WordToken word, CommandSyntax current)
    {
        var value = parser.Value(word);
        if (word.IsPlain && value.Is("."))
        {
            current.ForceCommand = true;
            return false;
        }

        if (word.IsPlain && value.IsAnyIgnoringCase(PowerShellKeywords))
        {
            return false;
        }

        if (word.IsPlain && value.IsAnyIgnoringCase(PowerShellDefinitions))
        {
            mode = Mode.FunctionName;
            return false;
        }

        if (word.IsPlain && value.IsAnyIgnoringCase(PowerShellStatements))
        {
            mode = Mode.SkipStatement;
            return false;
        }

        if (word.IsPlain && value.Length > 0 && !IsPowerShellExpressionStart(value[0]))
        {
            return true;
        }

        // Quoted strings, variables, numbers and the like start an expression, not a command.
        StartExpression(value);
        return false;
    }

    private static bool IsPowerShellExpressionStart(char c) => c == '$' || c == '@' || c == '[' || c == '-' || ScanHelpers.IsDigit(c);

    private void StartExpression(CharSlice value)
    {
        mode = Mode.SkipStatement;
        const string EnvPrefix = "$env:";
        if (!value.StartsWithIgnoringCase(EnvPrefix) || value.Length == EnvPrefix.Length)
        {
            return;
        }

        var equals = value.IndexOf('=');
        if (equals < 0)
        {
            powerShellVariable = parser.MakeString(value.Slice(EnvPrefix.Length));
            mode = Mode.EnvAssignment;
        }
        else if (equals > EnvPrefix.Length)
        {
            var name = value.Slice(EnvPrefix.Length, equals - EnvPrefix.Length).ToString().Trim();
            parser.Variables.Set(name, parser.MakeString(value.Slice(equals + 1)));
        }
    }

    private bool CmdCommandWord(ref WordToken word)
    {
        if (parser.Value(word).StartsWith("@"))
        {
            if (word.ValueLength == 1)
            {
                return false;
            }

            word = word.DropPrefix(1);
        }

        if (!word.IsPlain)
        {
            return true;
        }

        var value = parser.Value(word);
        if (value.StartsWith("::") || IsKeyword(word, "rem"))
        {
            mode = Mode.SkipLine;
            return false;
        }

        if (IsKeyword(word, "if"))
        {
            mode = Mode.CmdIf;
            cmdIfWordsLeft = 0;
            return false;
        }

        if (IsKeyword(word, "for"))
        {
            mode = Mode.ForHeader;
            return false;
        }

        return !IsKeyword(word, "else");
    }

    /// <summary>Skips <c>[/i] [not] (exist X | defined X | errorlevel N | A==B | A op B)</c>; the command follows.</summary>
    private void SkipCmdConditionWord(in WordToken word)
    {
        if (cmdIfWordsLeft > 0)
        {
            cmdIfWordsLeft--;
            if (cmdIfWordsLeft == 0)
            {
                mode = Mode.Command;
            }

            return;
        }

        if (IsKeyword(word, "/i") || IsKeyword(word, "not"))
        {
            return;
        }

        var value = parser.Value(word);
        if (value.IsAnyIgnoringCase(CmdConditions))
        {
            cmdIfWordsLeft = 1;
        }
        else if (value.Contains("=="))
        {
            mode = Mode.Command;
        }
        else
        {
            cmdIfWordsLeft = 2;
        }
    }

    private bool IsKeyword(in WordToken word, string keyword)
    {
        if (!word.IsPlain)
        {
            return false;
        }

        var value = parser.Value(word);
        return dialect == ShellDialect.Posix ? value.Is(keyword) : value.IsIgnoringCase(keyword);
    }
}
