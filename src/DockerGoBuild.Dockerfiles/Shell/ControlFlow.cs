using System;
using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Tracks the little control-flow syntax that decides whether a word in command position is a command:
/// reserved words, <c>for</c> headers, <c>case</c> patterns, and per dialect PowerShell expressions
/// and cmd's <c>if</c>/<c>rem</c>.
/// </summary>
internal sealed class ControlFlow
{
    private static readonly HashSet<string> PosixReserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "{", "}", "if", "then", "elif", "else", "fi", "while", "until", "do", "done", "!",
    };

    private static readonly HashSet<string> PowerShellKeywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "if", "elseif", "else", "while", "for", "foreach", "switch", "do", "until", "try", "finally", "begin", "process", "end",
    };

    private static readonly HashSet<string> PowerShellDefinitions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "function", "filter", "class", "enum", "workflow", "configuration",
    };

    private static readonly HashSet<string> PowerShellStatements = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "param", "return", "throw", "exit", "break", "continue", "using", "catch", "trap", "data",
    };

    private static readonly HashSet<string> CmdConditions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "exist", "defined", "errorlevel", "cmdextversion",
    };

    private readonly ShellDialect dialect;
    private readonly VariableScope variables;
    private Mode mode;
    private int caseDepth;
    private int cmdIfWordsLeft;
    private string powerShellVariable = string.Empty;

    public ControlFlow(ShellDialect dialect, VariableScope variables)
    {
        this.dialect = dialect;
        this.variables = variables;
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

    /// <summary>
    /// Looks at the first word of a would-be command. Returns null when the word is a keyword or
    /// starts something that is not a command, else the word (cmd's <c>@</c> removed).
    /// </summary>
    public WordToken? CommandWord(WordToken word, CommandSyntax current)
    {
        switch (dialect)
        {
            case ShellDialect.PowerShell:
                return PowerShellCommandWord(word, current);
            case ShellDialect.Cmd:
                return CmdCommandWord(word);
            default:
                return PosixCommandWord(word);
        }
    }

    /// <summary>Consumes a word while skipping.</summary>
    public void SkipWord(WordToken word)
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
                mode = word.Value == "=" ? Mode.EnvValue : Mode.SkipStatement;
                break;
            case Mode.EnvValue:
                variables.Set(powerShellVariable, word.Value);
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

    private WordToken? PosixCommandWord(WordToken word)
    {
        if (!word.IsPlain)
        {
            return word;
        }

        switch (word.Value)
        {
            case "for":
            case "select":
                mode = Mode.ForHeader;
                return null;
            case "case":
                caseDepth++;
                mode = Mode.CaseHeader;
                return null;
            case "esac":
                caseDepth = Math.Max(0, caseDepth - 1);
                return null;
            case "function":
                mode = Mode.FunctionName;
                return null;
            case "[[":
                // Inside [[ ]] the operators && || < > ( ) are part of the test, not separators.
                mode = Mode.ConditionalExpression;
                return null;
            default:
                return PosixReserved.Contains(word.Value) ? null : word;
        }
    }

    private WordToken? PowerShellCommandWord(WordToken word, CommandSyntax current)
    {
        if (word.IsUnquoted("."))
        {
            current.ForceCommand = true;
            return null;
        }

        if (word.IsPlain && PowerShellKeywords.Contains(word.Value))
        {
            return null;
        }

        if (word.IsPlain && PowerShellDefinitions.Contains(word.Value))
        {
            mode = Mode.FunctionName;
            return null;
        }

        if (word.IsPlain && PowerShellStatements.Contains(word.Value))
        {
            mode = Mode.SkipStatement;
            return null;
        }

        if (word.IsPlain && word.Value.Length > 0 && !IsPowerShellExpressionStart(word.Value[0]))
        {
            return word;
        }

        // Quoted strings, variables, numbers and the like start an expression, not a command.
        StartExpression(word);
        return null;
    }

    private static bool IsPowerShellExpressionStart(char c) => c == '$' || c == '@' || c == '[' || c == '-' || ScanHelpers.IsDigit(c);

    private void StartExpression(WordToken word)
    {
        mode = Mode.SkipStatement;
        const string EnvPrefix = "$env:";
        string value = word.Value;
        if (!value.StartsWith(EnvPrefix, StringComparison.OrdinalIgnoreCase) || value.Length == EnvPrefix.Length)
        {
            return;
        }

        int equals = value.IndexOf('=');
        if (equals < 0)
        {
            powerShellVariable = value.Substring(EnvPrefix.Length);
            mode = Mode.EnvAssignment;
        }
        else if (equals > EnvPrefix.Length)
        {
            variables.Set(value.Substring(EnvPrefix.Length, equals - EnvPrefix.Length).Trim(), value.Substring(equals + 1));
        }
    }

    private WordToken? CmdCommandWord(WordToken word)
    {
        if (word.Value.StartsWith("@", StringComparison.Ordinal))
        {
            if (word.Value.Length == 1)
            {
                return null;
            }

            word = word.DropPrefix(1);
        }

        if (!word.IsPlain)
        {
            return word;
        }

        if (word.Value.StartsWith("::", StringComparison.Ordinal) || IsKeyword(word, "rem"))
        {
            mode = Mode.SkipLine;
            return null;
        }

        if (IsKeyword(word, "if"))
        {
            mode = Mode.CmdIf;
            cmdIfWordsLeft = 0;
            return null;
        }

        if (IsKeyword(word, "for"))
        {
            mode = Mode.ForHeader;
            return null;
        }

        return IsKeyword(word, "else") ? null : word;
    }

    /// <summary>Skips <c>[/i] [not] (exist X | defined X | errorlevel N | A==B | A op B)</c>; the command follows.</summary>
    private void SkipCmdConditionWord(WordToken word)
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

        if (CmdConditions.Contains(word.Value))
        {
            cmdIfWordsLeft = 1;
        }
        else if (word.Value.Contains("=="))
        {
            mode = Mode.Command;
        }
        else
        {
            cmdIfWordsLeft = 2;
        }
    }

    private bool IsKeyword(WordToken word, string keyword)
    {
        StringComparison comparison = dialect == ShellDialect.Posix ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return word.IsPlain && string.Equals(word.Value, keyword, comparison);
    }
}
