using System;
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
/// Why "no" is exact. A command's name is the end of one of its words' value (<c>/usr/bin/go</c>, <c>go.exe</c>), so
/// a name go, xx-go or dotnet means a value holding "go" or "dotnet". The readers make a word's value of the script's
/// characters in their order, dropping some: quotes (<c>'</c>, <c>"</c>), escape characters (<c>\</c>, PowerShell's
/// <c>`</c>, cmd's <c>^</c>), the <c>$</c> of <c>$'...'</c> and <c>$"..."</c>, and the newline (LF or CRLF) of a
/// line continuation. They never expand variables, and the only characters a value has that the script does not
/// are the control characters of escapes (<c>$'\n'</c>, PowerShell's <c>"`n"</c>): no letter. A nested script
/// (<c>sh -c</c>, <c>eval</c>, PowerShell's <c>-Command</c>, <c>cmd /c</c>, substitutions, <c>find -exec</c>) is
/// read from such a value by the same rules. So the two letters of "go" in a value, at any depth, are two letters
/// of the script with only dropped characters between them: the characters above, and the newlines and carriage
/// returns that escapes made (<c>\n</c>, <c>`r</c>) and a nested reader dropped as part of a line continuation. Such
/// an escape's letter follows its escape character with only dropped characters between them, themselves such
/// characters or such letters.
/// </para>
/// <para>
/// The scan therefore looks at every <c>g</c> and <c>d</c> and walks on over the characters that may be dropped
/// (<c>' " \ ` ^ $</c>, CR, LF, and an <c>n</c> or <c>r</c> with an escape character before it across such
/// characters) for the letters after them in "go" or "dotnet". Heredoc bodies and exec-form arguments (JSON
/// escapes such as <c>\u0067</c>) are not the characters scanned here: the caller reads those RUNs without asking.
/// </para>
/// </remarks>
internal static class CommandNamePrefilter
{
    // The first letters of the names, and what comes after them.
    private static readonly char[] FirstLetters = { 'g', 'd' };

    /// <summary>False when the logical characters [start, end) of <paramref name="line"/> surely run no command named go, xx-go or dotnet.</summary>
    public static bool MayRunArgumentsRead(string source, LogicalLine line, int start, int end)
    {
        var pieces = line.PieceCount;
        var logical = 0;
        for (var piece = 0; piece < pieces && logical < end; piece++)
        {
            var span = line.PieceSourceSpan(piece);
            var from = span.Start + Math.Max(0, start - logical);
            var to = span.Start + Math.Min(span.Length, end - logical);
            while (from < to)
            {
                var at = source.IndexOfAny(FirstLetters, from, to - from);
                if (at < 0)
                {
                    break;
                }

                from = at + 1;
                var first = source[at];
                if (from < to && !MayBeDropped(source[from]))
                {
                    // Nearly every g or d: the next letter is kept, so it is the name's next letter or no name's.
                    if (first == 'g' && source[from] == 'o')
                    {
                        return true;
                    }

                    if (first == 'g' || source[from] != 'o')
                    {
                        continue;
                    }
                }

                var after = new Forward(source, line, end, piece, logical, to, from);
                if (StartsWith(after, first == 'g' ? "o" : "otnet", 0, escaped: false))
                {
                    return true;
                }
            }

            logical += span.Length;
        }

        return false;
    }

    // True when letters[index..] can be the value characters from the reader's position on; `escaped` tells that an
    // escape character comes before the position across characters that may be dropped and n's and r's.
    private static bool StartsWith(Forward reader, string letters, int index, bool escaped)
    {
        while (reader.TryNext(out var c))
        {
            if (MayBeDropped(c))
            {
                escaped |= c is '\\' or '`';
                continue;
            }

            var isLineBreakLetter = c == 'n' || c == 'r';
            if (c == letters[index] && (index + 1 == letters.Length || StartsWith(reader, letters, index + 1, escaped && isLineBreakLetter)))
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

    // The characters a reader drops from a word's value: quotes, escape characters, $ of $'...', line breaks.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MayBeDropped(char c) => c is '\'' or '"' or '\\' or '`' or '^' or '$' or '\n' or '\r';

    /// <summary>Walks on over the logical characters of a line, from a position up to a logical end.</summary>
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
                var length = _line.PieceSourceSpan(_piece).Length;
                if (_piece + 1 >= _line.PieceCount || _pieceLogical + length >= _end)
                {
                    c = '\0';
                    return false;
                }

                _pieceLogical += length;
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
}
