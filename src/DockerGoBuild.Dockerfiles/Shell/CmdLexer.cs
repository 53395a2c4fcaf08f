namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>Tokenizer for cmd.exe: <c>^</c> escapes, double quotes only, <c>&amp;</c>/<c>|</c> operators.</summary>
internal sealed class CmdLexer : ILexer
{
    private readonly string text;
    private readonly int limit;

    public CmdLexer(string text, int start, int limit)
    {
        this.text = text;
        Position = start;
        this.limit = limit;
    }

    public int Position { get; set; }

    public Token Next()
    {
        SkipBlanks();
        int start = Position;
        if (start >= limit)
        {
            return new Token(TokenKind.End, string.Empty, limit, limit);
        }

        char c = text[start];
        switch (c)
        {
            case '\n':
            case '(':
            case ')':
                Position++;
                return Token.Separator(c.ToString(), start, Position);
            case '&':
                return Separator(Peek(1) == '&' ? "&&" : "&");
            case '|':
                return Separator(Peek(1) == '|' ? "||" : "|");
            case '<':
            case '>':
                return ReadRedirect(start, start);
        }

        if (ScanHelpers.IsDigit(c) && (Peek(1) == '>' || Peek(1) == '<'))
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

    /// <summary>Reads <c>&gt;</c>, <c>&gt;&gt;</c>, <c>&lt;</c>, or a handle duplication like <c>2&gt;&amp;1</c> (no target).</summary>
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

    private void SkipBlanks()
    {
        while (Position < limit)
        {
            char c = text[Position];
            if (c == ' ' || c == '\t' || c == '\r')
            {
                Position++;
            }
            else if (c == '^' && Peek(1) == '\n')
            {
                Position += 2;
            }
            else if (c == '^' && Peek(1) == '\r' && Peek(2) == '\n')
            {
                Position += 3;
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
            case '&':
            case '|':
            case '(':
            case ')':
            case '<':
            case '>':
                return false;
            case '^':
                word.IsPlain = false;
                if (Position + 1 < limit && text[Position + 1] != '\n')
                {
                    word.Append(text[Position + 1], Position + 1);
                }

                Position = System.Math.Min(Position + 2, limit);
                return true;
            case '"':
                word.IsPlain = false;
                ReadQuoted(word);
                return true;
            case '%':
                word.IsLiteral = false;
                word.Append(c, Position);
                Position++;
                return true;
            default:
                word.Append(c, Position);
                Position++;
                return true;
        }
    }

    private void ReadQuoted(WordBuilder word)
    {
        Position++;
        while (Position < limit && text[Position] != '"')
        {
            word.Append(text[Position], Position);
            Position++;
        }

        if (Position < limit)
        {
            Position++;
        }
    }
}
