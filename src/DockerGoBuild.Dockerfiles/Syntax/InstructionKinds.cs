namespace DockerGoBuild.Dockerfiles.Syntax;

internal static class InstructionKinds
{
    // Upper case first: the spelling most files use, so that its keyword string is shared, not copied.
    private static readonly (string Upper, string Lower, InstructionKind Kind)[] Keywords =
    {
        ("ADD", "add", InstructionKind.Add),
        ("ARG", "arg", InstructionKind.Arg),
        ("CMD", "cmd", InstructionKind.Cmd),
        ("COPY", "copy", InstructionKind.Copy),
        ("ENTRYPOINT", "entrypoint", InstructionKind.Entrypoint),
        ("ENV", "env", InstructionKind.Env),
        ("EXPOSE", "expose", InstructionKind.Expose),
        ("FROM", "from", InstructionKind.From),
        ("HEALTHCHECK", "healthcheck", InstructionKind.Healthcheck),
        ("LABEL", "label", InstructionKind.Label),
        ("MAINTAINER", "maintainer", InstructionKind.Maintainer),
        ("ONBUILD", "onbuild", InstructionKind.Onbuild),
        ("RUN", "run", InstructionKind.Run),
        ("SHELL", "shell", InstructionKind.Shell),
        ("STOPSIGNAL", "stopsignal", InstructionKind.StopSignal),
        ("USER", "user", InstructionKind.User),
        ("VOLUME", "volume", InstructionKind.Volume),
        ("WORKDIR", "workdir", InstructionKind.Workdir),
    };

    // The entries of Keywords by kind (Unknown's is never read).
    private static readonly int[] ByKind = IndexByKind();

    /// <summary>The kind's keyword in upper or lower case (the strings <see cref="FromKeyword"/> gives), or null for <see cref="InstructionKind.Unknown"/>.</summary>
    public static string? Keyword(InstructionKind kind, bool lowerCase)
    {
        if (kind == InstructionKind.Unknown)
        {
            return null;
        }

        var entry = Keywords[ByKind[(int)kind]];
        return lowerCase ? entry.Lower : entry.Upper;
    }

    /// <summary>The kind of the keyword text[start, start + length), compared case-insensitively, and the keyword as written.</summary>
    // The entries of Keywords by their upper-case first letter; most letters start one keyword or none.
    private static readonly int[][] ByFirstLetter = IndexByFirstLetter();

    public static InstructionKind FromKeyword(char[] text, int start, int length, out string keyword)
    {
        // Keywords start with an ASCII letter; any other first character (even one that upper-cases to a letter) is
        // checked against them all.
        var first = length > 0 ? text[start] & ~0x20 : 0;
        var candidates = first >= 'A' && first <= 'Z' && text[start] < 0x80 ? ByFirstLetter[first - 'A'] : AllEntries;
        foreach (var entry in candidates)
        {
            // The keyword as most files spell it settles the match with one comparison.
            var (upper, lower, kind) = Keywords[entry];
            if (Chars.Equal(text, start, length, upper))
            {
                keyword = upper;
                return kind;
            }

            if (!Chars.EqualIgnoringCase(text, start, length, upper))
            {
                continue;
            }

            keyword = Chars.Equal(text, start, length, lower) ? lower : new string(text, start, length);
            return kind;
        }

        keyword = new string(text, start, length);
        return InstructionKind.Unknown;
    }

    private static readonly int[] AllEntries = CreateAllEntries();

    private static int[] CreateAllEntries()
    {
        var all = new int[Keywords.Length];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        return all;
    }

    private static int[] IndexByKind()
    {
        var table = new int[Keywords.Length + 1];
        for (var i = 0; i < Keywords.Length; i++)
        {
            table[(int)Keywords[i].Kind] = i;
        }

        return table;
    }

    private static int[][] IndexByFirstLetter()
    {
        var table = new int[26][];
        for (var letter = 0; letter < 26; letter++)
        {
            var entries = new System.Collections.Generic.List<int>();
            for (var i = 0; i < Keywords.Length; i++)
            {
                if (Keywords[i].Upper[0] == 'A' + letter)
                {
                    entries.Add(i);
                }
            }

            table[letter] = entries.ToArray();
        }

        return table;
    }
}
