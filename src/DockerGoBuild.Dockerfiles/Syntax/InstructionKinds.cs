namespace DockerGoBuild.Dockerfiles.Syntax;

internal static unsafe class InstructionKinds
{
    // The keywords by kind (Unknown's is null), in upper case, the spelling most files use, so that its string is
    // shared, not copied, and in lower case.
    private static readonly string?[] UpperByKind =
    {
        null, "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
        "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    };

    private static readonly string?[] LowerByKind =
    {
        null, "add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from", "healthcheck", "label", "maintainer",
        "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir",
    };

    /// <summary>The kind's keyword in upper or lower case (the strings <see cref="FromKeyword"/> gives), or null for <see cref="InstructionKind.Unknown"/>.</summary>
    public static string? Keyword(InstructionKind kind, bool lowerCase) => lowerCase ? LowerByKind[(int)kind] : UpperByKind[(int)kind];

    /// <summary>
    /// The kind of the keyword text[start, start + length), compared case-insensitively, the keyword as written, and
    /// how it is spelled (<see cref="Instruction.UpperCaseKeyword"/>, <see cref="Instruction.LowerCaseKeyword"/> or
    /// <see cref="Instruction.OtherKeyword"/>); the characters up to text[readable] may be read.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static InstructionKind FromKeyword(char* text, int start, int length, int readable, out string keyword, out int spelling)
    {
        var chars = text + start;
        if (length > 0 && chars[0] < 0x80)
        {
            // An ASCII first letter and the length leave one keyword to compare with, and most files spell it in
            // upper case: one walk settles that.
            var kind = Candidate(chars, length);
            if (kind != InstructionKind.Unknown)
            {
                if (IsUpperKeyword(chars, length, readable, kind))
                {
                    keyword = UpperByKind[(int)kind]!;
                    spelling = Instruction.UpperCaseKeyword;
                    return kind;
                }

                if (TryMatch(text, start, length, kind, out keyword, out spelling))
                {
                    return kind;
                }
            }
        }
        else if (length > 0)
        {
            // A first character outside ASCII can still upper-case to a keyword's letter (U+017F, long s, to 'S'):
            // it is compared with every keyword.
            for (var kind = InstructionKind.Add; kind <= InstructionKind.Workdir; kind++)
            {
                if (TryMatch(text, start, length, kind, out keyword, out spelling))
                {
                    return kind;
                }
            }
        }

        keyword = new string(text, start, length);
        spelling = Instruction.OtherKeyword;
        return InstructionKind.Unknown;
    }

    /// <summary>
    /// The kind of the keyword at <paramref name="chars"/> when it is one of three or four letters in upper case followed
    /// by a space (most are), with its <paramref name="length"/>, else Unknown; the caller has checked that five
    /// characters may be read. The four characters read as one 64-bit word settle it with a few comparisons.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static InstructionKind ShortUpperKeyword(char* chars, out int length)
    {
        var word = *(ulong*)chars;
        if ((word >> 48) == ' ')
        {
            length = 3;
            return ThreeLetterUpperKeyword(word & ThreeChars);
        }

        length = 4;
        return chars[4] == ' ' ? FourLetterUpperKeyword(word) : InstructionKind.Unknown;
    }

    // The mask of a 64-bit word's first three characters.
    private const ulong ThreeChars = 0xFFFF_FFFF_FFFF;

    // The kind whose upper-case keyword is the three characters of word (its fourth zero), or Unknown.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static InstructionKind ThreeLetterUpperKeyword(ulong word) => word switch
    {
        0x0000_004E_0055_0052 => InstructionKind.Run,
        0x0000_0056_004E_0045 => InstructionKind.Env,
        0x0000_0047_0052_0041 => InstructionKind.Arg,
        0x0000_0044_0044_0041 => InstructionKind.Add,
        0x0000_0044_004D_0043 => InstructionKind.Cmd,
        _ => InstructionKind.Unknown,
    };

    // The kind whose upper-case keyword is the four characters of word, or Unknown.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static InstructionKind FourLetterUpperKeyword(ulong word) => word switch
    {
        0x0059_0050_004F_0043 => InstructionKind.Copy,
        0x004D_004F_0052_0046 => InstructionKind.From,
        0x0052_0045_0053_0055 => InstructionKind.User,
        _ => InstructionKind.Unknown,
    };

    // Each kind's upper-case keyword four characters a word (UpperLanes[3 * kind + i] holds its characters 4i to 4i + 3,
    // zero past its end), and the mask of a word's first n characters (CharMasks[n], n up to 4).
    private static readonly ulong[] UpperLanes = MakeUpperLanes();

    private static readonly ulong[] CharMasks = { 0, 0xFFFF, 0xFFFF_FFFF, 0xFFFF_FFFF_FFFF, ulong.MaxValue };

    private static ulong[] MakeUpperLanes()
    {
        var lanes = new ulong[3 * UpperByKind.Length];
        for (var kind = 1; kind < UpperByKind.Length; kind++)
        {
            var upper = UpperByKind[kind]!;
            for (var i = 0; i < upper.Length; i++)
            {
                lanes[(3 * kind) + (i / 4)] |= (ulong)upper[i] << (16 * (i % 4));
            }
        }

        return lanes;
    }

    // Whether the length characters at chars are the kind's keyword in upper case (as most files spell it), compared
    // four characters a word where the characters up to readable may be read, else one at a time.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsUpperKeyword(char* chars, int length, int readable, InstructionKind kind)
    {
        var lanes = UpperLanes;
        var at = 3 * (int)kind;
        if (length <= 8 && readable >= 8)
        {
            return length <= 4
                ? (*(ulong*)chars & CharMasks[length]) == lanes[at]
                : *(ulong*)chars == lanes[at] && (*(ulong*)(chars + 4) & CharMasks[length - 4]) == lanes[at + 1];
        }

        var upper = UpperByKind[(int)kind]!;
        for (var i = 0; i < length; i++)
        {
            if (chars[i] != upper[i])
            {
                return false;
            }
        }

        return true;
    }

    // The one keyword of this length whose first letter (in either case) is chars[0], which is ASCII: no other
    // keyword can equal the text ignoring case, as only letters outside ASCII upper-case to ones inside it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static InstructionKind Candidate(char* chars, int length)
    {
        var first = chars[0] | 0x20;
        switch (length)
        {
            case 3:
                return first switch
                {
                    // ADD and ARG part at their second letter, which only 'R' or 'r' can make ARG's.
                    'a' => (chars[1] | 0x20) == 'r' ? InstructionKind.Arg : InstructionKind.Add,
                    'c' => InstructionKind.Cmd,
                    'e' => InstructionKind.Env,
                    'r' => InstructionKind.Run,
                    _ => InstructionKind.Unknown,
                };
            case 4:
                return first switch
                {
                    'c' => InstructionKind.Copy,
                    'f' => InstructionKind.From,
                    'u' => InstructionKind.User,
                    _ => InstructionKind.Unknown,
                };
            case 5:
                return first switch
                {
                    'l' => InstructionKind.Label,
                    's' => InstructionKind.Shell,
                    _ => InstructionKind.Unknown,
                };
            case 6:
                return first switch
                {
                    'e' => InstructionKind.Expose,
                    'v' => InstructionKind.Volume,
                    _ => InstructionKind.Unknown,
                };
            case 7:
                return first switch
                {
                    'o' => InstructionKind.Onbuild,
                    'w' => InstructionKind.Workdir,
                    _ => InstructionKind.Unknown,
                };
            case 10:
                return first switch
                {
                    'e' => InstructionKind.Entrypoint,
                    'm' => InstructionKind.Maintainer,
                    's' => InstructionKind.StopSignal,
                    _ => InstructionKind.Unknown,
                };
            case 11:
                return first == 'h' ? InstructionKind.Healthcheck : InstructionKind.Unknown;
            default:
                return InstructionKind.Unknown;
        }
    }

    // The text against the kind's keyword: most files spell it in upper case, which one walk settles; any other
    // spelling is told apart in a second (a keyword is ASCII letters: a character equals one ignoring case when it
    // does once 0x20 is set in both).
    private static bool TryMatch(char* text, int start, int length, InstructionKind kind, out string keyword, out int spelling)
    {
        var upper = UpperByKind[(int)kind]!;
        spelling = Instruction.OtherKeyword;
        if (upper.Length != length)
        {
            keyword = null!;
            return false;
        }

        var same = 0;
        while (same < length && text[start + same] == upper[same])
        {
            same++;
        }

        if (same == length)
        {
            keyword = upper;
            spelling = Instruction.UpperCaseKeyword;
            return true;
        }

        var notLower = 0;
        var notFolded = 0;
        for (var i = 0; i < length; i++)
        {
            int c = text[start + i];
            var lower = upper[i] | 0x20;
            notLower |= c ^ lower;
            notFolded |= (c | 0x20) ^ lower;
        }

        // Outside ASCII, a character can still upper-case to a keyword's letter (U+017F, long s, to 'S').
        if (notFolded != 0 && !Chars.EqualIgnoringCase(text + start, length, upper))
        {
            keyword = null!;
            return false;
        }

        keyword = notLower == 0 ? LowerByKind[(int)kind]! : new string(text, start, length);
        spelling = notLower == 0 ? Instruction.LowerCaseKeyword : Instruction.OtherKeyword;
        return true;
    }
}
