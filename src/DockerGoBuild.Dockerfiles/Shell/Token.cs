namespace DockerGoBuild.Dockerfiles.Shell;

internal enum TokenKind
{
    End,
    Word,
    Separator,
    Redirect,
    /// <summary>PowerShell's <c>&amp;</c> or <c>.</c> before a command word.</summary>
    CallOperator,
}

internal readonly struct Token
{
    public Token(TokenKind kind, string op, int start, int end, bool hasTarget = true)
    {
        Kind = kind;
        Op = op;
        Start = start;
        End = end;
        HasTarget = hasTarget;
    }

    public TokenKind Kind { get; }

    /// <summary>The operator text for separators and redirections ("\n" for a newline).</summary>
    public string Op { get; }

    public int Start { get; }

    public int End { get; }

    /// <summary>False for redirections that are complete on their own, like PowerShell's <c>2&gt;&amp;1</c>.</summary>
    public bool HasTarget { get; }

    public static Token Separator(string op, int start, int end) => new(TokenKind.Separator, op, start, end);

    public static Token Redirect(string op, int start, int end, bool hasTarget = true) => new(TokenKind.Redirect, op, start, end, hasTarget);

    /// <summary>A word token; the word itself is the lexer's <see cref="ShellLexer.LastWord"/> (tokens stay small).</summary>
    public static Token FromWord(in WordToken word) => new(TokenKind.Word, string.Empty, word.Start, word.End);
}
