using System;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>Which go and dotnet invocations touch the module, build and NuGet caches.</summary>
internal static class GoCommand
{
    /// <summary>go (any path, .exe) or the xx-go cross-compilation wrapper, except <c>xx-go --wrap</c>, which only installs it.</summary>
    public static bool IsGo(ExecutedCommand command) =>
        command.Name == "go" || (command.Name == "xx-go" && command.Argument(0) != "--wrap");

    /// <summary>The subcommand: <c>build</c>, <c>mod download</c>, ...</summary>
    public static string Subcommand(ExecutedCommand command)
    {
        var first = command.Argument(0);
        return first == "mod" ? "mod " + command.Argument(1) : first;
    }

    /// <summary>Commands that resolve modules and so fill GOMODCACHE.</summary>
    public static bool ResolvesModules(string subcommand) => subcommand is
        "mod download" or "mod tidy" or "get" or "build" or "install" or "test" or "run" or "vet" or "generate" or "list";

    /// <summary>Commands that compile and so fill GOCACHE.</summary>
    public static bool Compiles(string subcommand) => subcommand is "build" or "install" or "test" or "run" or "vet" or "generate";

    /// <summary>-mod=vendor on the command line.</summary>
    public static bool HasVendorFlag(ExecutedCommand command)
    {
        for (var i = 0; i < command.Arguments.Count; i++)
        {
            var argument = command.Arguments[i];
            if (argument is "-mod=vendor" or "--mod=vendor" || ((argument is "-mod" or "--mod") && command.Argument(i + 1) == "vendor"))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsDotnet(ExecutedCommand command) => command.Name == "dotnet";

    /// <summary>The dotnet subcommand after any -d/--diagnostics.</summary>
    public static string DotnetSubcommand(ExecutedCommand command)
    {
        var index = 0;
        while (command.Argument(index) is "-d" or "--diagnostics")
        {
            index++;
        }

        return command.Argument(index);
    }

    /// <summary>dotnet restore, or a build/publish/test/pack/run that restores implicitly.</summary>
    public static bool RestoresPackages(ExecutedCommand command)
    {
        var subcommand = DotnetSubcommand(command);
        if (subcommand == "restore")
        {
            return true;
        }

        return subcommand is "build" or "publish" or "test" or "pack" or "run"
            && !command.HasArgument("--no-restore") && !command.HasArgument("--no-build");
    }

    /// <summary>True when a GOFLAGS value asks for vendored modules.</summary>
    public static bool FlagsVendor(string? goflags) =>
        goflags != null && goflags.IndexOf("-mod=vendor", StringComparison.Ordinal) >= 0;
}
