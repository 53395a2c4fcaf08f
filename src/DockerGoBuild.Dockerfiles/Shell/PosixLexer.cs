using System;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>Tokenizer for POSIX shell text: quoting, escapes, expansions and operators.</summary>
internal sealed class PosixLexer : ShellLexer
{
    /// <summary>Longest first, so that <c>&lt;&lt;-</c> wins over <c>&lt;&lt;</c> and <c>&lt;</c>.</summary>
    private static readonly string[] RedirectOperators = { "<<<", "<<-", "<<", "<&", "<>", ">>", ">&", ">|", "<", ">" };

    // Blanks and operators end a word; quotes, escapes and expansions start a part of one.
    private static readonly bool[] Special = SpecialCharacters(" \t\r\n;&|()<>\\\'\"$`");

    public PosixLexer(ShellReadContext context)
        : base(context, Special)
    {
    }

    /// <summary>
    /// <see cref="ShellLexer.Next"/>, with the most common token read here in one go: a word of ordinary characters
    /// only (no quote, escape or expansion) that a character ending a word (see <see cref="EndsWord"/>) or the end
    /// follows; a word that starts so and goes on is built on from the end of that run. Every other token is read as
    /// the base reads it, from the blanks skipped.
    /// </summary>
    public override TokenKind Next()
    {
        SkipBlanks();
        var text = Text;
        var limit = Limit;
        var start = Position;
        if (start >= limit)
        {
            return TokenKind.End;
        }

        var c = text[start];

        // Not an operator, a quote, an escape or an expansion (Special), and not a digit, which may start an IO number.
        if (c < Special.Length && !Special[c] && !ScanHelpers.IsDigit(c))
        {
            var end = OrdinaryRunEnd(start + 1);
            Position = end;

            // A blank or a newline ends most words: told before the call that tells every character that does.
            if (end == limit || text[end] == ' ' || text[end] == '\n' || EndsWordAt(text, end, limit))
            {
                LastWord = WordBuilder.Verbatim(start, end);
                return TokenKind.Word;
            }

            // A word that goes on with a quote, an escape or an expansion: built on from where its first run ends,
            // which is not read again.
            return BuildWord(start);
        }

        return ReadToken(start, c);
    }

    protected override TokenKind ReadToken(int start, char c)
    {
        switch (c)
        {
            case '\n':
            case ')':
                return Operator(OneCharOperator(c));
            case ';':
                return Operator(Peek(1) switch
                {
                    ';' => Peek(2) == '&' ? ";;&" : ";;",
                    '&' => ";&",
                    _ => ";",
                });
            case '&':
                // The operators that start with '&' and '|', told by the characters after it.
                switch (Peek(1))
                {
                    case '>':
                        return RedirectOperator(Peek(2) == '>' ? "&>>" : "&>", start);
                    case '&':
                        return Operator("&&");
                    default:
                        return Operator("&");
                }

            case '|':
                return Operator(Peek(1) switch
                {
                    '|' => "||",
                    '&' => "|&",
                    _ => "|",
                });
            case '(':
                return StartsWith("((") ? Arithmetic(start) : Operator("(");
            case '<':
            case '>':
                return Peek(1) == '(' ? ReadWord() : ReadRedirect(start, start);
        }

        if (ScanHelpers.IsDigit(c))
        {
            var end = start;
            while (end < Limit && ScanHelpers.IsDigit(Text[end]))
            {
                end++;
            }

            // An IO number like the 2 in 2>&1 belongs to the redirection, not to argv.
            if (end < Limit && (Text[end] == '<' || Text[end] == '>') && (end + 1 >= Limit || Text[end + 1] != '('))
            {
                return ReadRedirect(start, end);
            }
        }

        return ReadWord();
    }

    // EndsWord of the character at `at`, as the lexer at `at` tells it.
    private static bool EndsWordAt(char[] text, int at, int limit)
    {
        var c = text[at];
        return c is ' ' or '\t' or '\r' or '\n' or ';' or '&' or '|' or '(' or ')'
            || ((c == '<' || c == '>') && (at + 1 >= limit || text[at + 1] != '('));
    }

    protected override bool EndsWord(char c) =>
        c is ' ' or '\t' or '\r' or '\n' or ';' or '&' or '|' or '(' or ')' || ((c == '<' || c == '>') && Peek(1) != '(');

    protected override bool ReadQuotedPart(char c)
    {
        switch (c)
        {
            case '<':
            case '>':
                // A process substitution: EndsWord has seen the '(' that follows.
                ReadSubstitution(Position + 1);
                return true;
            case '\\':
                ReadEscape();
                return true;
            case '\'':
                ReadVerbatimUntil('\'');
                return true;
            case '"':
                ReadDoubleQuoted();
                return true;
            default:
                return false;
        }
    }

    protected override bool ReadExpansionPart(char c)
    {
        if (c == '$')
        {
            ReadDollar(inDoubleQuotes: false);
        }
        else if (c == '`')
        {
            ReadBackquoted();
        }
        else
        {
            return false;
        }

        return true;
    }

    private TokenKind Arithmetic(int start)
    {
        Position = ScanHelpers.SkipBalanced(Text, start, Limit, '(', ')');
        return SetOperator(TokenKind.Separator, "((", start, Position);
    }

    private TokenKind ReadRedirect(int start, int opStart)
    {
        Position = opStart;
        foreach (var candidate in RedirectOperators)
        {
            if (StartsWith(candidate))
            {
                return RedirectOperator(candidate, start);
            }
        }

        // Unreachable: every redirection starts with '<' or '>', which the list ends with.
        return RedirectOperator(Text[opStart] == '<' ? "<" : ">", start);
    }

    private TokenKind RedirectOperator(string op, int start)
    {
        Position += op.Length;
        return SetOperator(TokenKind.Redirect, op, start, Position);
    }

    private bool StartsWith(string op)
    {
        if (Position + op.Length > Limit)
        {
            return false;
        }

        for (var i = 0; i < op.Length; i++)
        {
            if (Text[Position + i] != op[i])
            {
                return false;
            }
        }

        return true;
    }

    // Inlined into Next, which calls it for every token.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected override void SkipBlanks()
    {
        var text = Text;
        var limit = Limit;
        var pos = Position;
        while (pos < limit)
        {
            var c = text[pos];
            int continuation;
            if (c == ' ')
            {
                pos++;
            }
            else if (c > ' ')
            {
                // Most tokens start here, at a character above the blanks: only a continuation or a comment goes on.
                if (c == '\\' && (continuation = ContinuationLength(pos)) > 0)
                {
                    pos += continuation;
                }
                else if (c == '#')
                {
                    pos = ScanHelpers.LineEnd(text, pos, limit);
                }
                else
                {
                    break;
                }
            }
            else if (c == '\t' || c == '\r' || c == '\f' || c == '\v')
            {
                pos++;
            }
            else
            {
                break;
            }
        }

        Position = pos;
    }

    private void ReadEscape()
    {
        if (Position + 1 >= Limit)
        {
            Word.Append('\\', Position);
            Position++;
            return;
        }

        // A backslash-newline is a line continuation and disappears.
        var continuation = ContinuationLength(Position);
        if (continuation > 0)
        {
            Position += continuation;
            return;
        }

        Word.Append(Text[Position + 1], Position + 1);
        Position += 2;
    }

    private void ReadDoubleQuoted()
    {
        Position++;
        while (Position < Limit)
        {
            var c = Text[Position];
            if (c == '"')
            {
                Position++;
                return;
            }

            if (c == '\\' && ContinuationLength(Position) > 0)
            {
                Position += ContinuationLength(Position);
            }
            else if (c == '\\' && Position + 1 < Limit && IsDoubleQuoteEscapable(Text[Position + 1]))
            {
                Word.Append(Text[Position + 1], Position + 1);
                Position += 2;
            }
            else if (c == '$')
            {
                ReadDollar(inDoubleQuotes: true);
            }
            else if (c == '`')
            {
                ReadBackquoted();
            }
            else
            {
                var runEnd = DoubleQuotedRunEnd(Position + 1);
                Word.AppendRaw(Text, Position, runEnd);
                Position = runEnd;
            }
        }
    }

    // The characters that end a run inside double quotes: the closing quote, an escape, an expansion or a substitution.
    private const string DoubleQuotedSpecials = "\"\\$`";

    // The end of the run of characters from `from` that stand for themselves inside double quotes: looked for a vector
    // of characters at a time, as the text of a quoted word (a message, a list of flags) is often long.
    private int DoubleQuotedRunEnd(int from)
    {
        var limit = Limit;
        var end = from < limit ? Text.AsSpan(from, limit - from).IndexOfAny(DoubleQuotedSpecials.AsSpan()) : -1;
        return end < 0 ? limit : from + end;
    }

    private static bool IsDoubleQuoteEscapable(char c) => c == '$' || c == '`' || c == '"' || c == '\\';

    /// <summary>Length of a backslash line continuation at <paramref name="pos"/> (LF or CRLF), else 0.</summary>
    private int ContinuationLength(int pos)
    {
        if (pos + 1 < Limit && Text[pos + 1] == '\n')
        {
            return 2;
        }

        return pos + 2 < Limit && Text[pos + 1] == '\r' && Text[pos + 2] == '\n' ? 3 : 0;
    }

    private void ReadDollar(bool inDoubleQuotes)
    {
        var next = Peek(1);
        var start = Position;
        if (next == '(')
        {
            if (Peek(2) == '(')
            {
                Word.IsLiteral = false;
                Position = ScanHelpers.SkipBalanced(Text, start + 1, Limit, '(', ')');
                Word.AppendRaw(Text, start, Position);
            }
            else
            {
                ReadSubstitution(start + 1);
            }
        }
        else if (next == '{')
        {
            ReadParameterExpansion();
        }
        else if (next == '\'' && !inDoubleQuotes)
        {
            Word.IsPlain = false;
            ReadAnsiCQuoted();
        }
        else if (next == '"' && !inDoubleQuotes)
        {
            Word.IsPlain = false;
            Position++;
            ReadDoubleQuoted();
        }
        else if (ScanHelpers.IsNameStart(next))
        {
            Word.IsLiteral = false;
            Position += 2;
            while (Position < Limit && ScanHelpers.IsNameChar(Text[Position]))
            {
                Position++;
            }

            Word.AppendRaw(Text, start, Position);
        }
        else if (ScanHelpers.IsDigit(next) || IsSpecialParameter(next))
        {
            Word.IsLiteral = false;
            Position += 2;
            Word.AppendRaw(Text, start, Position);
        }
        else
        {
            Word.Append('$', start);
            Position++;
        }
    }

    private static bool IsSpecialParameter(char c) => c is '@' or '*' or '#' or '?' or '$' or '!' or '-';

    /// <summary>Reads <c>$(...)</c>, <c>&lt;(...)</c> or <c>&gt;(...)</c> whose parenthesis is at <paramref name="open"/>.</summary>
    private void ReadSubstitution(int open)
    {
        var start = Position;
        Word.MarkSubstitution(Word.Length);
        Position = SubstitutionEnd(start, open);
        Word.AppendRaw(Text, start, Position);
    }

    private int SubstitutionEnd(int start, int open)
    {
        return Owner.ShouldRun(start)
            ? Owner.ParseSubstitution(open + 1)
            : ScanHelpers.SkipBalanced(Text, open, Limit, '(', ')');
    }

    /// <summary>
    /// Reads <c>${...}</c> as written. Its operands may hold command substitutions
    /// (<c>${V:-$(cmd)}</c>), which run.
    /// </summary>
    private void ReadParameterExpansion()
    {
        var start = Position;
        var valueStart = Word.Length;
        Word.IsLiteral = false;
        Position += 2;
        var depth = 1;
        while (Position < Limit && depth > 0)
        {
            var c = Text[Position];
            if (c == '\\')
            {
                Position += 2;
            }
            else if (c == '$' && Peek(1) == '(' && Peek(2) != '(')
            {
                Word.MarkSubstitution(valueStart + (Position - start));
                Position = SubstitutionEnd(Position, Position + 1);
            }
            else
            {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                Position++;
            }
        }

        Position = System.Math.Min(Position, Limit);
        Word.AppendRaw(Text, start, Position);
    }

    private void ReadBackquoted()
    {
        var start = Position;
        var pos = start + 1;
        while (pos < Limit && Text[pos] != '`')
        {
            pos += Text[pos] == '\\' ? 2 : 1;
        }

        var innerEnd = pos < Limit ? pos : Limit;
        Word.MarkSubstitution(Word.Length);
        if (Owner.ShouldRun(start))
        {
            Owner.ParseRegion(start + 1, innerEnd, ShellDialect.Posix);
        }

        Position = pos < Limit ? pos + 1 : Limit;
        Word.AppendRaw(Text, start, Position);
    }

    private void ReadAnsiCQuoted()
    {
        Position += 2;
        while (Position < Limit && Text[Position] != '\'')
        {
            if (Text[Position] == '\\' && Position + 1 < Limit)
            {
                Word.AppendTranslated(TranslateAnsiCEscape(Text[Position + 1]), Position);
                Position += 2;
            }
            else
            {
                Word.Append(Text[Position], Position);
                Position++;
            }
        }

        if (Position < Limit)
        {
            Position++;
        }
    }

    private static char TranslateAnsiCEscape(char c)
    {
        switch (c)
        {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'a': return '\a';
            case 'b': return '\b';
            case 'e': return '\u001b';
            case 'f': return '\f';
            case 'v': return '\v';
            default: return c;
        }
    }
}
