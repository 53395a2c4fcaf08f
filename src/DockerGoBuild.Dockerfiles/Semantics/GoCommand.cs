using System;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>Which go and dotnet invocations touch the module, build and NuGet caches.</summary>
internal static class GoCommand
{
    /// <summary>
    /// go, xx-go or dotnet: the commands that can fill a cache, told apart by length before they are compared, as
    /// nearly every command is another.
    /// </summary>
    public static bool IsGoOrDotnet(in ExecutedCommand command)
    {
        var name = command.Name;
        return name.Length switch
        {
            2 => name == "go",
            5 => name == "xx-go",
            6 => name == "dotnet",
            _ => false,
        };
    }

    /// <summary>go (any path, .exe) or the xx-go cross-compilation wrapper, except <c>xx-go --wrap</c>, which only installs it.</summary>
    /// <remarks>Inlined: asked of every command of the RUNs that run go or dotnet.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsGo(in ExecutedCommand command)
    {
        // Told apart by length first: nearly every command is another.
        var name = command.Name;
        return name.Length == 2 ? name == "go" : name.Length == 5 && name == "xx-go" && !command.ArgumentIs(0, "--wrap");
    }

    private static readonly string[] ModuleResolvingSubcommands = { "get", "build", "install", "test", "run", "vet", "generate", "list", "mod download", "mod tidy" };

    private static readonly string[] CompilingSubcommands = { "build", "install", "test", "run", "vet", "generate" };

    /// <summary>Commands that resolve modules and so fill GOMODCACHE: the subcommands above, <c>mod download</c>, <c>mod tidy</c>.</summary>
    public static bool ResolvesModules(in ExecutedCommand command) =>
        command.ArgumentIs(0, "mod")
            ? command.ArgumentIs(1, "download") || command.ArgumentIs(1, "tidy")
            : IsArgumentAny(command, 0, ModuleResolvingSubcommands);

    /// <summary>Commands that compile and so fill GOCACHE.</summary>
    public static bool Compiles(in ExecutedCommand command) => !command.ArgumentIs(0, "mod") && IsArgumentAny(command, 0, CompilingSubcommands);

    // The subcommand at argument index, compared where it lies without making a string of it; go's "mod ..." is
    // handled by the callers. Only the subcommands of the argument's length are compared. Inlined: each caller asks it
    // of every go or dotnet command.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsArgumentAny(in ExecutedCommand command, int index, string[] subcommands)
    {
        if (index >= command.ArgumentCount)
        {
            // No argument there: none of the subcommands, none of which is empty.
            return false;
        }

        var length = command.ArgumentLength(index);
        foreach (var subcommand in subcommands)
        {
            if (subcommand.Length == length && command.ArgumentIs(index, subcommand))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>-mod=vendor on the command line.</summary>
    public static bool HasVendorFlag(in ExecutedCommand command)
    {
        // One pass over the arguments, each told by its length first, as nearly every argument is none of the flags.
        for (var i = 0; i < command.ArgumentCount; i++)
        {
            var isFlag = command.ArgumentLength(i) switch
            {
                11 => command.ArgumentIs(i, "-mod=vendor"),
                12 => command.ArgumentIs(i, "--mod=vendor"),
                4 => i + 1 < command.ArgumentCount && command.ArgumentIs(i, "-mod") && command.ArgumentIs(i + 1, "vendor"),
                5 => i + 1 < command.ArgumentCount && command.ArgumentIs(i, "--mod") && command.ArgumentIs(i + 1, "vendor"),
                _ => false,
            };
            if (isFlag)
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsDotnet(in ExecutedCommand command) => command.Name == "dotnet";

    /// <summary>Where the dotnet subcommand is among the arguments: after any -d/--diagnostics.</summary>
    public static int DotnetSubcommandIndex(in ExecutedCommand command)
    {
        var index = 0;
        while (command.ArgumentIs(index, "-d") || command.ArgumentIs(index, "--diagnostics"))
        {
            index++;
        }

        return index;
    }

    private static readonly string[] ImplicitlyRestoringSubcommands = { "build", "publish", "test", "pack", "run" };

    /// <summary>dotnet restore, or a build/publish/test/pack/run that restores implicitly.</summary>
    public static bool RestoresPackages(in ExecutedCommand command)
    {
        var index = DotnetSubcommandIndex(command);
        if (command.ArgumentIs(index, "restore"))
        {
            return true;
        }

        return IsArgumentAny(command, index, ImplicitlyRestoringSubcommands)
            && !command.HasArgument("--no-restore") && !command.HasArgument("--no-build");
    }

    /// <summary>True when a GOFLAGS value asks for vendored modules.</summary>
    public static bool FlagsVendor(string? goflags) =>
        goflags != null && goflags.IndexOf("-mod=vendor", StringComparison.Ordinal) >= 0;
}
