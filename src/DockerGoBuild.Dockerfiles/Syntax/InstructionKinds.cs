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

    /// <summary>The kind of the keyword text[start, start + length), compared case-insensitively, and the keyword as written.</summary>
    public static InstructionKind FromKeyword(char[] text, int start, int length, out string keyword)
    {
        foreach (var (upper, lower, kind) in Keywords)
        {
            if (!Chars.EqualIgnoringCase(text, start, length, upper))
            {
                continue;
            }

            keyword = Chars.Equal(text, start, length, upper) ? upper
                : Chars.Equal(text, start, length, lower) ? lower
                : new string(text, start, length);
            return kind;
        }

        keyword = new string(text, start, length);
        return InstructionKind.Unknown;
    }
}
