using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Tells, from a script's characters alone, that the script cannot run a command named <c>go</c>, <c>xx-go</c> or
/// <c>dotnet</c> (see <see cref="Semantics.RunCommands.HasArgumentsRead"/>), so that reading its commands can wait
/// until someone asks for them. It may say "maybe" of a script that runs none; it never says "no" of one that does.
/// </summary>
/// <remarks>
/// <para>
/// Why "no" is exact. A command's name is the base name of one of its words' value: the value is the name, after a
/// <c>/</c> or <c>\</c> or not, before <c>.exe</c> or not. The readers make a word's value of the script's characters
/// in their order, dropping some: quotes (<c>'</c>, <c>"</c>), escape characters (<c>\</c>, PowerShell's <c>`</c>,
/// cmd's <c>^</c>), the <c>$</c> of <c>$'...'</c> and <c>$"..."</c>, and line continuations. They never expand
/// variables, and the only characters a value has that the script does not are the control characters of escapes
/// (<c>$'\n'</c>, PowerShell's <c>"`t"</c>): no letter, no quote, no escape character. A nested script (<c>sh -c</c>,
/// <c>eval</c>, PowerShell's <c>-Command</c>, <c>cmd /c</c>, substitutions, <c>find -exec</c>) is read from such a
/// value, or from such values joined by the blanks between their words, by the same rules.
/// </para>
/// <para>
/// So, at any depth, the letters of a name are letters of the script with only dropped characters between them:
/// the characters above, and the newlines and carriage returns that escapes made (an <c>n</c> or <c>r</c> after an
/// escape character) when a nested reader drops them as part of a line continuation. Before the name is the start
/// of the script, a character that ends a word in some dialect (a blank or an operator), a <c>/</c>, cmd's
/// <c>@</c>, the <c>`</c> or <c>\</c> that starts a substitution or a continuation, a newline, or the blank an escape
/// made (an escaped <c>n</c>, <c>r</c>, <c>t</c>, <c>f</c> or <c>v</c>); dropped characters may come between. After
/// it likewise comes the end of the script, a character that ends a word, <c>.exe</c> in any case and an end, or an escape
/// character or newline.
/// </para>
/// <para>
/// The scan looks at every <c>o</c> for the rest of a name around it and what comes before and after the name, and
/// says "maybe" when all may be so. A heredoc body is scanned as it lies in the source, as the readers read it.
/// Exec-form arguments (JSON escapes such as <c>\u0067</c>) are not the characters scanned here: the caller reads those
/// RUNs without asking.
/// </para>
/// </remarks>
internal static class CommandNamePrefilter
{
    // For each ASCII character, whether it rules out an 'o' after it (see MakeRulesOutTable).
    private static readonly bool[] RulesOutTable = MakeRulesOutTable();

    /// <summary>False when the logical characters [start, end) of <paramref name="line"/> surely run no command named go, xx-go or dotnet.</summary>
    public static bool MayRunArgumentsRead(string source, LogicalLine line, int start, int end) =>
        MayRunArgumentsRead(source, line, line.PieceCount, default, start, end);

    /// <summary>False when the characters of <paramref name="span"/> (a heredoc's body) surely run no command named go, xx-go or dotnet.</summary>
    public static bool MayRunArgumentsRead(string source, TextSpan span) =>
        MayRunArgumentsRead(source, default, 1, span, 0, span.Length);

    // Scans the pieces of a line, or with no line the one piece `only`.
    private static bool MayRunArgumentsRead(string source, LogicalLine line, int pieces, TextSpan only, int start, int end)
    {
        if (end <= start)
        {
            return false;
        }

        // The 'o's are looked for in the source from the first character to the last, gaps between the pieces included
        // (a continuation's escape character, line break, comment lines): the tests that rule out nearly every 'o'
        // look at the characters around it in the source, and may rule out one in a gap. They hold at a piece's edges:
        // a piece after the first starts after a line break, and one before the last ends before an escape character,
        // which no test rules out. Only an 'o' that stays is placed in its piece, found walking on from the last one.
        var piece = 0;
        var logical = 0;
        var span = line.IsDefault ? only : line.PieceSourceSpan(0);
        var first = start < span.Length ? span.Start + start : line.ToSource(start);
        var last = line.IsDefault || pieces == 1 ? span.Start + end : SourceEnd(line, pieces, end);
        var low = span.Start + Math.Max(0, start);
        var to = span.Start + Math.Min(span.Length, end);
        var from = first;
        while (from < last)
        {
            // Every name has an 'o' after its first letter (go, xx-go, dotnet): the scan looks at each 'o', and steps
            // over nearly every one, which the character before it rules out.
            var at = NextCandidate(source, from, last, first);
            if (at < 0)
            {
                break;
            }

            from = at + 1;
            while (at >= to && !line.IsDefault && piece + 1 < pieces)
            {
                logical += span.Length;
                piece++;
                span = line.PieceSourceSpan(piece);
                low = span.Start + Math.Max(0, start - logical);
                to = span.Start + Math.Min(span.Length, end - logical);
            }

            if (at < low || at >= to)
            {
                // In a gap between pieces.
                continue;
            }

            // Where go's or dotnet's letters end when they are written as they are in the piece, with a character after
            // them there; else -1.
            var nameEnd = source[at - 1] == 'g' ? at + 1 : source[at - 1] == 'd' && at + 5 < to && IsTnetAt(source, at + 1) ? at + 5 : -1;
            if (nameEnd >= 0 && nameEnd < to)
            {
                var next = source[nameEnd];
                if (EndsWord(next) && (at - 2 >= low ? StartsWordOrPath(source[at - 2]) : at - 1 == low && (line.IsDefault || piece == 0)))
                {
                    // Most names found: a go or dotnet written as it is, at the script's start or after a blank, an
                    // operator or a '/', and before a blank or an operator (go build, && dotnet restore,
                    // /usr/local/go/bin/go build), which the walks below would tell by the same characters.
                    return true;
                }

                if (!EndsWord(next) && !MayBeDropped(next) && next != '.')
                {
                    // The letters go on with a kept character that ends no name (dotnet-install.sh, /root/.dotnet/tools):
                    // the walks below would find no name ending there, and no other name before it.
                    continue;
                }
            }

            if (IsInName(source, line, start, end, piece, logical, low, to, at))
            {
                return true;
            }
        }

        return false;
    }

    // True when the 'o' at `at`, in the piece whose characters to read are [low, to) and start at `logical` in the line,
    // may be the 'o' of a name: the walks over the characters around it. Not inlined: few 'o's come this far, and the
    // walkers' locals take a stack frame that is cleared at each call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsInName(string source, LogicalLine line, int start, int end, int piece, int logical, int low, int to, int at)
    {
        var before = new Backward(source, line, start, piece, logical, low, at);
        var after = new Forward(source, line, end, piece, logical, to, at + 1);
        return (EndsName(after) && (SpelledBefore(before, "g", 1) || SpelledBefore(before, "xx-g", 4)))
            || (SpelledBefore(before, "d", 1) && Spells(after, "dotnet", 2, escaped: false));
    }

    // The first 'o' in source[from, last) that the characters around it do not rule out (see RulesOutTable and
    // IsRuledOutAround; the first character of the script has none before it), or -1: the 'o's they rule out, nearly
    // all, are stepped over here rather than handed to the checks that place an 'o' in its piece, each of which would
    // start the scan again after it. Two vectors of characters at a time: a block without an 'o' (most blocks) costs
    // a few vector instructions, and each 'o' in the others is found from the block's mask and looked up in the
    // table, with no call made for it.
    private static unsafe int NextCandidate(string source, int from, int last, int first)
    {
        if (from == first && from < last && source[from] == 'o')
        {
            return from;
        }

        from = Math.Max(from, first + 1);
        var width = Vector<ushort>.Count;
        var block = 2 * width;
        var table = RulesOutTable;
        fixed (char* chars = source)
        {
            var o = new Vector<ushort>('o');
            for (; from + block <= last; from += block)
            {
                var firstOs = Vector.Equals(*(Vector<ushort>*)(chars + from), o);
                var secondOs = Vector.Equals(*(Vector<ushort>*)(chars + from + width), o);
                if ((firstOs | secondOs) == Vector<ushort>.Zero)
                {
                    continue;
                }

                // The masks narrowed to a byte a character, in the characters' order, eight characters a word.
                var marks = Vector.AsVectorUInt64(Vector.Narrow(firstOs, secondOs));
                for (var word = 0; word < block / 8; word++)
                {
                    for (var bits = marks[word] & LowestBitOfEachByte; bits != 0; bits &= bits - 1)
                    {
                        var at = from + (8 * word) + ByteIndex(bits & (0 - bits));
                        var before = chars[at - 1];
                        if (before < table.Length && !table[before] && !IsRuledOutAround(chars, at, before, first, last))
                        {
                            return at;
                        }
                    }
                }
            }

            // The last characters, too few for a block.
            for (; from < last; from++)
            {
                var before = chars[from - 1];
                if (chars[from] == 'o' && before < table.Length && !table[before] && !IsRuledOutAround(chars, from, before, first, last))
                {
                    return from;
                }
            }
        }

        return -1;
    }

    // Whether the characters around the 'o' at `at` (after the script's first character, and after `before`, which the
    // table does not rule out) rule it out: an 'n' or 'r' before it that no escape can have made, as a kept character
    // other than an escape's letter comes before it (a line break an escape made has none), or a 'g' or 'd' before it that a character
    // continuing no name follows (ContinuesNoName: golang, docker, go-...).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe bool IsRuledOutAround(char* chars, int at, char before, int first, int last) => before switch
    {
        'n' or 'r' => at - 1 > first && !MayBeDropped(chars[at - 2]) && !IsEscapeLetter(chars[at - 2]),
        'g' or 'd' => at + 1 < last && ContinuesNoName(before, chars[at + 1]),
        _ => false,
    };

    private const ulong LowestBitOfEachByte = 0x0101_0101_0101_0101;

    // The index of the byte whose lowest bit is the one bit set in bit: multiplying moves the constant's bytes up by
    // as many bytes, and its top byte is then that index.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ByteIndex(ulong bit) => (int)((bit * 0x0001_0203_0405_0607) >> 56);

    // Where the logical characters before `end` end in the source: mostly in the last piece, whose logical start the
    // line's length tells without a search.
    private static int SourceEnd(LogicalLine line, int pieces, int end)
    {
        var lastPiece = line.PieceSourceSpan(pieces - 1);
        var lastPieceStart = line.Length - lastPiece.Length;
        return end > lastPieceStart ? lastPiece.Start + (end - lastPieceStart) : line.ToSource(end - 1) + 1;
    }

    // True when, after an 'o' right after `previous`, `next` surely continues a value that is no name: for a 'g', a kept
    // character that does not end go's value (see EndsName); for a 'd', a kept character other than dotnet's 't'.
    // Inlined, as the tests of characters below are: the block scan asks them of the 'o's the table lets through.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ContinuesNoName(char previous, char next) =>
        !MayBeDropped(next) && (previous == 'g' ? !EndsWord(next) && next != '.' : previous == 'd' && next != 't');

    // For each ASCII character c, whether c before an 'o' rules it out whatever comes before c: a kept character other
    // than a name's letter before an 'o' and the n and r of an escape's line break (IsKeptOtherThan; an 'n' or 'r' is
    // told by the character before it, see IsRuledOutAround). Every character from 0x80 up rules it out too.
    private static bool[] MakeRulesOutTable()
    {
        var table = new bool[128];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = IsKeptOtherThan((char)c) && c != 'n' && c != 'r';
        }

        return table;
    }

    // True when c is surely a value character, and not a name's letter before an 'o'.
    private static bool IsKeptOtherThan(char c) => !MayBeDropped(c) && c != 'g' && c != 'd';

    // True when the value characters just before the reader's position can be letters[..count], with a name starting
    // before them.
    private static bool SpelledBefore(Backward reader, string letters, int count)
    {
        while (reader.TryPrevious(out var c))
        {
            if (MayBeDropped(c))
            {
                continue;
            }

            var mayBeTranslated = (c == 'n' || c == 'r') && FollowsEscape(reader);
            if (c == letters[count - 1] && (count == 1 ? StartsName(reader) : SpelledBefore(reader, letters, count - 1)))
            {
                return true;
            }

            if (!mayBeTranslated)
            {
                return false;
            }

            // An escape's newline or carriage return that a nested reader drops.
        }

        return false;
    }

    // True when name[index..] can be the value characters from the reader's position on, and the value can end after
    // them; `escaped` tells that an escape character comes before the position across characters that may be dropped
    // and n's and r's. With `ignoringCase`, letters are compared as a base name's ".exe" is (see CharSlice.BaseName).
    private static bool Spells(Forward reader, string name, int index, bool escaped, bool ignoringCase = false)
    {
        while (reader.TryNext(out var c))
        {
            if (MayBeDropped(c))
            {
                escaped |= c is '\\' or '`';
                continue;
            }

            var isLineBreakLetter = c == 'n' || c == 'r';
            var same = ignoringCase ? Chars.EqualIgnoringCase(c, name[index]) : c == name[index];
            if (same && (index + 1 == name.Length ? EndsName(reader) : Spells(reader, name, index + 1, escaped && isLineBreakLetter, ignoringCase)))
            {
                return true;
            }

            if (!(escaped && isLineBreakLetter))
            {
                return false;
            }

            // An escape's newline or carriage return that a nested reader drops.
        }

        return false;
    }

    // True when a value can end at the reader's position: the end of the script, a word's end or ".exe" (and its end)
    // after characters that may be dropped, or an escape character or line break (a continuation, an escaped blank).
    private static bool EndsName(Forward reader)
    {
        while (reader.TryNext(out var c))
        {
            if (!MayBeDropped(c))
            {
                return EndsWord(c) || (c == '.' && Spells(reader, "exe", 0, escaped: false, ignoringCase: true));
            }

            if ((c == '\\' || c == '$') && IsFollowedByKept(reader, out var following))
            {
                // Before a kept character, a '$' is the value's (only $'...' and $"..." drop it), and so is a '\' (a
                // path's, which makes the name a directory) unless it escapes that character: the name may then end
                // only at an escaped blank, operator or '.', or at a blank an escape letter makes.
                return c == '\\' && (EndsWord(following) || following == '.' || IsEscapeLetterOfBlank(following));
            }

            if (MayEndWord(c))
            {
                return true;
            }
        }

        return true;
    }

    // True when the character at the reader's position is one that no reader drops; the reader stays where it is.
    private static bool IsFollowedByKept(Forward reader, out char following) => reader.TryNext(out following) && !MayBeDropped(following);

    // True when a name can start at the reader's position (see the remarks).
    private static bool StartsName(Backward reader)
    {
        var adjacent = true;
        while (reader.TryPrevious(out var c))
        {
            if (!MayBeDropped(c))
            {
                return StartsWordOrPath(c) || (IsEscapeLetterOfBlank(c) && FollowsEscape(reader));
            }

            if (MayEndWord(c))
            {
                return true;
            }

            if (c == '$' && adjacent)
            {
                // Right before the name's first letter, a '$' is the value's: only $'...' and $"..." drop it.
                return false;
            }

            adjacent = false;
        }

        return true;
    }

    // True when source[at..] starts with dotnet's letters after its "do" (the caller knows that four characters are there).
    private static bool IsTnetAt(string source, int at) =>
        source[at] == 't' && source[at + 1] == 'n' && source[at + 2] == 'e' && source[at + 3] == 't';

    // True when a name may start after c, a character no reader drops (see StartsName).
    private static bool StartsWordOrPath(char c) => EndsWord(c) || c == '/' || c == '@';

    // True when an escape character comes before the reader's position across characters that may be dropped and
    // the letters of escapes.
    private static bool FollowsEscape(Backward reader)
    {
        while (reader.TryPrevious(out var c))
        {
            if (c is '\\' or '`')
            {
                return true;
            }

            if (!MayBeDropped(c) && !IsEscapeLetter(c))
            {
                return false;
            }
        }

        return false;
    }

    // The characters a reader drops from a word's value: quotes, escape characters, $ of $'...', line breaks.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MayBeDropped(char c) => c is '\'' or '"' or '\\' or '`' or '^' or '$' or '\n' or '\r';

    // Dropped characters that may also end or start a word: an escape character (a continuation, an escaped blank a
    // nested reader splits at, a backquoted substitution, a path's '\') or a line break.
    private static bool MayEndWord(char c) => c is '\\' or '`' or '^' or '\n' or '\r';

    // The blanks and operators that end a word in some dialect.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EndsWord(char c) =>
        c is ' ' or '\t' or '\f' or '\v' or ';' or '&' or '|' or '(' or ')' or '<' or '>' or '{' or '}';

    // The letters of the escapes that make a control character ($'\n', $'\a', PowerShell's `0, ...).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsEscapeLetter(char c) => IsEscapeLetterOfBlank(c) || c is 'a' or 'b' or 'e' or '0';

    // The letters of the escapes that make a blank or a line break ($'\n', PowerShell's `t, ...).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsEscapeLetterOfBlank(char c) => c is 'n' or 'r' or 't' or 'f' or 'v';

    /// <summary>Walks on over the logical characters of a line (or of one piece, with no line), from a position up to a logical end.</summary>
    private struct Forward
    {
        private readonly string _source;
        private readonly LogicalLine _line;
        private readonly int _end;
        private int _piece;
        private int _pieceLogical;
        private int _high;
        private int _at;

        /// <summary>A walk from <paramref name="at"/> in the piece whose characters to walk end at <paramref name="high"/>.</summary>
        public Forward(string source, LogicalLine line, int end, int piece, int pieceLogical, int high, int at)
        {
            _source = source;
            _line = line;
            _end = end;
            _piece = piece;
            _pieceLogical = pieceLogical;
            _high = high;
            _at = at;
        }

        /// <summary>The character at the position, which moves past it; false at the end.</summary>
        public bool TryNext(out char c)
        {
            while (_at >= _high)
            {
                if (_line.IsDefault || _piece + 1 >= _line.PieceCount || _pieceLogical + _line.PieceSourceSpan(_piece).Length >= _end)
                {
                    c = '\0';
                    return false;
                }

                _pieceLogical += _line.PieceSourceSpan(_piece).Length;
                _piece++;
                var span = _line.PieceSourceSpan(_piece);
                _high = span.Start + Math.Min(span.Length, _end - _pieceLogical);
                _at = span.Start;
            }

            c = _source[_at];
            _at++;
            return true;
        }
    }

    /// <summary>Walks back over the logical characters of a line (or of one piece, with no line), from a position down to a logical start.</summary>
    private struct Backward
    {
        private readonly string _source;
        private readonly LogicalLine _line;
        private readonly int _start;
        private int _piece;
        private int _pieceLogical;
        private int _low;
        private int _at;

        /// <summary>A walk back from <paramref name="at"/> in the piece whose characters to walk start at <paramref name="low"/>.</summary>
        public Backward(string source, LogicalLine line, int start, int piece, int pieceLogical, int low, int at)
        {
            _source = source;
            _line = line;
            _start = start;
            _piece = piece;
            _pieceLogical = pieceLogical;
            _low = low;
            _at = at;
        }

        /// <summary>The character before the position, which moves to it; false at the start.</summary>
        public bool TryPrevious(out char c)
        {
            while (_at <= _low)
            {
                if (_line.IsDefault || _piece == 0 || _pieceLogical <= _start)
                {
                    c = '\0';
                    return false;
                }

                _piece--;
                var span = _line.PieceSourceSpan(_piece);
                _pieceLogical -= span.Length;
                _low = span.Start + Math.Max(0, _start - _pieceLogical);
                _at = span.End;
            }

            _at--;
            c = _source[_at];
            return true;
        }
    }
}
