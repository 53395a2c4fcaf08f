using System.CommandLine;
using DockerGoBuild.IO;

namespace DockerGoBuild.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the tool with the given writers (tests call this in-process).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, AtomicFileWriter.Default);

    /// <summary>Runs the tool with a given way of replacing fixed files (tests make the rename fail).</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, AtomicFileWriter writer)
    {
        var root = new RootCommand("Lint and fix Dockerfiles for BuildKit cache mounts, secrets and parser directives.")
        {
            ParseCommand.Create(output, error),
            LintCommand.Create(output, error),
            FixCommand.Create(output, error, writer),
        };

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        var parseResult = root.Parse(args);
        var exitCode = parseResult.Invoke(configuration);

        // System.CommandLine reports bad usage with exit code 1; our contract says 2.
        return parseResult.Errors.Count > 0 ? ExitCodes.BadUsage : exitCode;
    }
}

/// <summary>The tool's exit codes.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Findings = 1;
    public const int BadUsage = 2;
}
