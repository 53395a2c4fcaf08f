namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>Tokenizer for PowerShell: backtick escapes, <c>'</c>/<c>"</c> strings, <c>$(...)</c> subexpressions.</summary>
internal sealed class PowerShellLexer : ILexer
{
    private readonly string text;
    private readonly int limit;
    private readonly ScriptParser owner;

    public PowerShellLexer(string text, int start, int limit, ScriptParser owner)
    {
        this.text = text;
        Position = start;
        this.limit = limit;
        this.owner = owner;
    }

    public int Position { get; set; }

    public Token Next()
    {
        SkipBlanksAndComments();
        int start = Position;
        if (start >= limit)
        {
            return new Token(TokenKind.End, string.Empty, limit, limit);
        }

        char c = text[start];
        switch (c)
        {
            case '\n':
            case ';':
            case '(':
            case ')':
            case '{':
            case '}':
                Position++;
                return Token.Separator(c.ToString(), start, Position);
            case '|':
                return Separator(Peek(1) == '|' ? "||" : "|");
            case '&':
                if (Peek(1) == '&')
                {
                    return Separator("&&");
                }

                Position++;
                return new Token(TokenKind.CallOperator, "&", start, Position);
            case '>':
            case '<':
                return ReadRedirect(start, start);
        }

        if ((ScanHelpers.IsDigit(c) || c == '*') && Peek(1) == '>')
        {
            return ReadRedirect(start, start + 1);
        }

        return Token.FromWord(ReadWord());
    }

    private Token Separator(string op)
    {
        int start = Position;
        Position += op.Length;
        return Token.Separator(op, start, Position);
    }

    /// <summary>Reads <c>&gt;</c>, <c>&gt;&gt;</c>, <c>&lt;</c>, or a stream merge like <c>2&gt;&amp;1</c> (no target).</summary>
    private Token ReadRedirect(int start, int opStart)
    {
        Position = opStart + 1;
        if (text[opStart] == '>' && Peek(0) == '>')
        {
            Position++;
        }

        if (Peek(0) == '&' && ScanHelpers.IsDigit(Peek(1)))
        {
            Position += 2;
            return Token.Redirect(text.Substring(start, Position - start), start, Position, hasTarget: false);
        }

        return Token.Redirect(text.Substring(start, Position - start), start, Position);
    }

    private char Peek(int ahead) => Position + ahead < limit ? text[Position + ahead] : '\0';

    private void SkipBlanksAndComments()
    {
        while (Position < limit)
        {
            char c = text[Position];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f')
            {
                Position++;
            }
            else if (c == '`' && (Peek(1) == '\n' || (Peek(1) == '\r' && Peek(2) == '\n')))
            {
                Position += Peek(1) == '\n' ? 2 : 3;
            }
            else if (c == '<' && Peek(1) == '#')
            {
                int close = text.IndexOf("#>", Position + 2, limit - Position - 2, System.StringComparison.Ordinal);
                Position = close < 0 ? limit : close + 2;
            }
            else if (c == '#')
            {
                Position = ScanHelpers.LineEnd(text, Position, limit);
            }
            else
            {
                return;
            }
        }
    }

    private WordToken ReadWord()
    {
        int start = Position;
        var word = new WordBuilder();
        while (Position < limit && ReadWordPart(word))
        {
        }

        if (Position == start)
        {
            word.Append(text[Position], Position);
            Position++;
        }

        return word.Build(start, Position);
    }

    private bool ReadWordPart(WordBuilder word)
    {
        char c = text[Position];
        switch (c)
        {
            case ' ':
            case '\t':
            case '\r':
            case '\n':
            case ';':
            case '|':
            case '&':
            case '(':
            case ')':
            case '{':
            case '}':
            case '>':
            case '<':
                return false;
            case '`':
                word.IsPlain = false;
                if (Position + 1 < limit)
                {
                    word.Append(text[Position + 1], Position + 1);
                }

                Position = System.Math.Min(Position + 2, limit);
                return true;
            case '\'':
                word.IsPlain = false;
                ReadSingleQuoted(word);
                return true;
            case '"':
                word.IsPlain = false;
                ReadDoubleQuoted(word);
                return true;
            case '$':
                ReadVariable(word);
                return true;
            default:
                word.Append(c, Position);
                Position++;
                return true;
        }
    }

    private void ReadSingleQuoted(WordBuilder word)
    {
        Position++;
        while (Position < limit)
        {
            if (text[Position] == '\'')
            {
                if (Peek(1) != '\'')
                {
                    Position++;
                    return;
                }

                // '' inside a single-quoted string is one quote.
                Position++;
            }

            word.Append(text[Position], Position);
            Position++;
        }
    }

    private void ReadDoubleQuoted(WordBuilder word)
    {
        Position++;
        while (Position < limit)
        {
            char c = text[Position];
            if (c == '"')
            {
                if (Peek(1) != '"')
                {
                    Position++;
                    return;
                }

                Position++;
                word.Append('"', Position);
                Position++;
            }
            else if (c == '`' && Position + 1 < limit)
            {
                word.Append(TranslateEscape(text[Position + 1]), Position + 1);
                Position += 2;
            }
            else if (c == '$')
            {
                ReadVariable(word);
            }
            else
            {
                word.Append(c, Position);
                Position++;
            }
        }
    }

    private static char TranslateEscape(char c)
    {
        switch (c)
        {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case '0': return '\0';
            default: return c;
        }
    }

    /// <summary>Reads <c>$name</c>, <c>$env:NAME</c>, <c>${...}</c> or a <c>$(...)</c> subexpression, kept as written.</summary>
    private void ReadVariable(WordBuilder word)
    {
        int start = Position;
        char next = Peek(1);
        if (next == '(')
        {
            word.MarkSubstitution(word.Length);
            Position = owner.ShouldRun(start)
                ? owner.ParseSubstitution(start + 2)
                : ScanHelpers.SkipBalanced(text, start + 1, limit, '(', ')');
        }
        else if (next == '{')
        {
            word.IsLiteral = false;
            Position = ScanHelpers.SkipTo(text, start + 2, limit, '}');
        }
        else if (ScanHelpers.IsNameChar(next) || next == '?')
        {
            word.IsLiteral = false;
            Position += 2;
            while (Position < limit && (ScanHelpers.IsNameChar(text[Position]) || text[Position] == ':'))
            {
                Position++;
            }
        }
        else
        {
            Position++;
        }

        word.AppendRaw(text, start, Position);
    }
}
