namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>Tokenizer for cmd.exe: <c>^</c> escapes, double quotes only, <c>&amp;</c>/<c>|</c> operators.</summary>
internal sealed class CmdLexer : ShellLexer
{
    // Blanks and operators end a word; quotes, escapes and expansions start a part of one.
    private static readonly bool[] Special = SpecialCharacters(" \t\r\n&|()<>^\"%");

    public CmdLexer(ShellReadContext context)
        : base(context, Special)
    {
    }

    protected override TokenKind ReadToken(int start, char c)
    {
        switch (c)
        {
            case '\n':
            case '(':
            case ')':
                return Operator(OneCharOperator(c));
            case '&':
                return Operator(Peek(1) == '&' ? "&&" : "&");
            case '|':
                return Operator(Peek(1) == '|' ? "||" : "|");
            case '<':
            case '>':
                return ReadStreamRedirect(start, start);
        }

        if (ScanHelpers.IsDigit(c) && (Peek(1) == '>' || Peek(1) == '<'))
        {
            return ReadStreamRedirect(start, start + 1);
        }

        return ReadWord();
    }

    protected override bool EndsWord(char c) =>
        c is ' ' or '\t' or '\r' or '\n' or '&' or '|' or '(' or ')' or '<' or '>';

    protected override bool ReadQuotedPart(char c)
    {
        if (c == '^')
        {
            if (Position + 1 < Limit && Text[Position + 1] != '\n')
            {
                Word.Append(Text[Position + 1], Position + 1);
            }

            Position = System.Math.Min(Position + 2, Limit);
            return true;
        }

        if (c == '"')
        {
            ReadVerbatimUntil('"');
            return true;
        }

        return false;
    }

    protected override bool ReadExpansionPart(char c)
    {
        // A variable reference (%NAME%) is kept as written, but the word is no longer a literal.
        if (c == '%')
        {
            Word.IsLiteral = false;
        }

        return false;
    }

    protected override void SkipBlanks()
    {
        while (Position < Limit)
        {
            var c = Text[Position];
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
}
