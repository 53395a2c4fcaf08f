using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Tracks the little control-flow syntax that decides whether a word in command position is a command:
/// reserved words, <c>for</c> headers, <c>case</c> patterns, and per dialect PowerShell expressions
/// and cmd's <c>if</c>/<c>rem</c>.
/// </summary>
internal sealed class ControlFlow
{
    // The POSIX words that are not commands in command position, and what each starts (see PosixCommandWord):
    // looked up by length first, so that a command name costs a comparison or two.
    private static readonly KeyValuePair<string, PosixKeyword>[] PosixKeywordList =
    {
        Keyword("for", PosixKeyword.Header), Keyword("select", PosixKeyword.Header), Keyword("case", PosixKeyword.Case),
        Keyword("esac", PosixKeyword.CaseEnd), Keyword("function", PosixKeyword.Function), Keyword("[[", PosixKeyword.ConditionalExpression),
        Keyword("{", PosixKeyword.Reserved), Keyword("}", PosixKeyword.Reserved), Keyword("if", PosixKeyword.Reserved),
        Keyword("then", PosixKeyword.Reserved), Keyword("elif", PosixKeyword.Reserved), Keyword("else", PosixKeyword.Reserved),
        Keyword("fi", PosixKeyword.Reserved), Keyword("while", PosixKeyword.Reserved), Keyword("until", PosixKeyword.Reserved),
        Keyword("do", PosixKeyword.Reserved), Keyword("done", PosixKeyword.Reserved), Keyword("!", PosixKeyword.Reserved),
    };

    private static readonly NameTable<PosixKeyword> PosixKeywords = new(PosixKeywordList);

    private static readonly NameFilter PosixKeywordFilter = new(PosixKeywordList.Select(entry => entry.Key));

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

    private enum PosixKeyword
    {
        /// <summary>A reserved word that is followed by a command.</summary>
        Reserved,

        /// <summary><c>for</c> and <c>select</c>: words up to <c>do</c> are their header.</summary>
        Header,

        Case,
        CaseEnd,
        Function,

        /// <summary><c>[[</c>: inside it the operators are part of the test, not separators.</summary>
        ConditionalExpression,
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
        if (powerShellVariable.Length > 0)
        {
            powerShellVariable = string.Empty;
        }
    }

    /// <summary>
    /// Looks at the first word of a would-be command. False when the word is a keyword or starts something
    /// that is not a command; else true with <paramref name="command"/> the word (cmd's <c>@</c> removed).
    /// </summary>
    /// <remarks>Inlined, with the POSIX test of a plain word: the parser asks it of every command's first word.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    /// <remarks>Inlined: asked at every separator, and most commands are in no skipped text.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool PosixCommandWord(in WordToken word)
    {
        if (!word.IsPlain)
        {
            return true;
        }

        var value = parser.Value(word);
        return !PosixKeywordFilter.MayBe(value) || IsNoPosixKeyword(value);
    }

    // PosixCommandWord of a plain word that the filter lets through: true when it is no keyword; else the keyword's
    // state is started.
    private bool IsNoPosixKeyword(CharSlice value)
    {
        if (!PosixKeywords.TryFind(value, out var keyword))
        {
            return true;
        }

        switch (keyword)
        {
            case PosixKeyword.Header:
                mode = Mode.ForHeader;
                break;
            case PosixKeyword.Case:
                caseDepth++;
                mode = Mode.CaseHeader;
                break;
            case PosixKeyword.CaseEnd:
                caseDepth = Math.Max(0, caseDepth - 1);
                break;
            case PosixKeyword.Function:
                mode = Mode.FunctionName;
                break;
            case PosixKeyword.ConditionalExpression:
                mode = Mode.ConditionalExpression;
                break;
        }

        return false;
    }

    private static KeyValuePair<string, PosixKeyword> Keyword(string name, PosixKeyword keyword) => new(name, keyword);

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
