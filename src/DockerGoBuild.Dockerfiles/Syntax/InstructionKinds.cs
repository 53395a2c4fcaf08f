using System;
using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Syntax;

internal static class InstructionKinds
{
    private static readonly Dictionary<string, InstructionKind> ByKeyword = new(StringComparer.OrdinalIgnoreCase)
    {
        ["add"] = InstructionKind.Add,
        ["arg"] = InstructionKind.Arg,
        ["cmd"] = InstructionKind.Cmd,
        ["copy"] = InstructionKind.Copy,
        ["entrypoint"] = InstructionKind.Entrypoint,
        ["env"] = InstructionKind.Env,
        ["expose"] = InstructionKind.Expose,
        ["from"] = InstructionKind.From,
        ["healthcheck"] = InstructionKind.Healthcheck,
        ["label"] = InstructionKind.Label,
        ["maintainer"] = InstructionKind.Maintainer,
        ["onbuild"] = InstructionKind.Onbuild,
        ["run"] = InstructionKind.Run,
        ["shell"] = InstructionKind.Shell,
        ["stopsignal"] = InstructionKind.StopSignal,
        ["user"] = InstructionKind.User,
        ["volume"] = InstructionKind.Volume,
        ["workdir"] = InstructionKind.Workdir,
    };

    public static InstructionKind FromKeyword(string keyword) =>
        ByKeyword.TryGetValue(keyword, out var kind) ? kind : InstructionKind.Unknown;
}
