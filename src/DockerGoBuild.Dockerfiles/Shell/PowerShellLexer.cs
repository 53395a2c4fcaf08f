namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>Tokenizer for PowerShell: backtick escapes, <c>'</c>/<c>"</c> strings, <c>$(...)</c> subexpressions.</summary>
internal sealed class PowerShellLexer : ShellLexer
{
    // Blanks and operators end a word; quotes, escapes and expansions start a part of one.
    private static readonly bool[] Special = SpecialCharacters(" \t\r\n;|&(){}><`\'\"$");

    public PowerShellLexer(ShellReadContext context)
        : base(context, Special)
    {
    }

    protected override TokenKind ReadToken(int start, char c)
    {
        switch (c)
        {
            case '\n':
            case ';':
            case '(':
            case ')':
            case '{':
            case '}':
                return Operator(OneCharOperator(c));
            case '|':
                return Operator(Peek(1) == '|' ? "||" : "|");
            case '&':
                if (Peek(1) == '&')
                {
                    return Operator("&&");
                }

                Position++;
                return SetOperator(TokenKind.CallOperator, "&", start, Position);
            case '>':
            case '<':
                return ReadStreamRedirect(start, start);
        }

        if ((ScanHelpers.IsDigit(c) || c == '*') && Peek(1) == '>')
        {
            return ReadStreamRedirect(start, start + 1);
        }

        return ReadWord();
    }

    protected override bool EndsWord(char c) =>
        c is ' ' or '\t' or '\r' or '\n' or ';' or '|' or '&' or '(' or ')' or '{' or '}' or '>' or '<';

    protected override bool ReadQuotedPart(char c)
    {
        switch (c)
        {
            case '`':
                if (Position + 1 < Limit)
                {
                    Word.Append(Text[Position + 1], Position + 1);
                }

                Position = System.Math.Min(Position + 2, Limit);
                return true;
            case '\'':
                ReadSingleQuoted();
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
        if (c != '$')
        {
            return false;
        }

        ReadVariable();
        return true;
    }

    protected override void SkipBlanks()
    {
        while (Position < Limit)
        {
            var c = Text[Position];
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
                Position = BlockCommentEnd(Position + 2);
            }
            else if (c == '#')
            {
                Position = ScanHelpers.LineEnd(Text, Position, Limit);
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>The offset after the <c>#&gt;</c> that closes a block comment whose body starts at <paramref name="from"/>, or the limit.</summary>
    private int BlockCommentEnd(int from)
    {
        for (var i = from; i + 1 < Limit; i++)
        {
            if (Text[i] == '#' && Text[i + 1] == '>')
            {
                return i + 2;
            }
        }

        return Limit;
    }

    private void ReadSingleQuoted()
    {
        Position++;
        while (Position < Limit)
        {
            // The characters up to the next quote are taken as they are, a run at a time.
            var quote = System.Array.IndexOf(Text, '\'', Position, Limit - Position);
            var runEnd = quote < 0 ? Limit : quote;
            Word.AppendRaw(Text, Position, runEnd);
            Position = runEnd;
            if (Position == Limit)
            {
                return;
            }

            if (Peek(1) != '\'')
            {
                Position++;
                return;
            }

            // '' inside a single-quoted string is one quote.
            Position++;
            Word.Append(Text[Position], Position);
            Position++;
        }
    }

    private void ReadDoubleQuoted()
    {
        Position++;
        while (Position < Limit)
        {
            var c = Text[Position];
            if (c == '"')
            {
                if (Peek(1) != '"')
                {
                    Position++;
                    return;
                }

                Position++;
                Word.Append('"', Position);
                Position++;
            }
            else if (c == '`' && Position + 1 < Limit)
            {
                Word.AppendTranslated(TranslateEscape(Text[Position + 1]), Position + 1);
                Position += 2;
            }
            else if (c == '$')
            {
                ReadVariable();
            }
            else
            {
                // The characters that stand for themselves, a run at a time.
                var runEnd = Position + 1;
                while (runEnd < Limit && Text[runEnd] is not ('"' or '`' or '$'))
                {
                    runEnd++;
                }

                Word.AppendRaw(Text, Position, runEnd);
                Position = runEnd;
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
    private void ReadVariable()
    {
        var start = Position;
        var next = Peek(1);
        if (next == '(')
        {
            Word.MarkSubstitution(Word.Length);
            Position = Owner.ShouldRun(start)
                ? Owner.ParseSubstitution(start + 2)
                : ScanHelpers.SkipBalanced(Text, start + 1, Limit, '(', ')');
        }
        else if (next == '{')
        {
            Word.IsLiteral = false;
            Position = ScanHelpers.SkipTo(Text, start + 2, Limit, '}');
        }
        else if (ScanHelpers.IsNameChar(next) || next == '?')
        {
            Word.IsLiteral = false;
            Position += 2;
            while (Position < Limit && (ScanHelpers.IsNameChar(Text[Position]) || Text[Position] == ':'))
            {
                Position++;
            }
        }
        else
        {
            Position++;
        }

        Word.AppendRaw(Text, start, Position);
    }
}
