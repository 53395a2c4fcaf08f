namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// What <see cref="ShellLexer.Next"/> read. The token itself stays in the lexer (<see cref="ShellLexer.LastWord"/>,
/// <see cref="ShellLexer.OperatorText"/>...): a kind returns in a register, where a token struct returned and copied
/// through memory stalled the parser's loop on every token.
/// </summary>
internal enum TokenKind
{
    End,
    Word,
    Separator,
    Redirect,
    /// <summary>PowerShell's <c>&amp;</c> or <c>.</c> before a command word.</summary>
    CallOperator,
}
