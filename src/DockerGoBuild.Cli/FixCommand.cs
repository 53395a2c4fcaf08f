using System.CommandLine;
using DockerGoBuild.Cli.Fix;
using DockerGoBuild.Cli.Lint;
using DockerGoBuild.IO;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Cli;

/// <summary><c>dockergobuild fix [PATH...] [--check] [--only DGB010,DGB011]</c>.</summary>
internal static class FixCommand
{
    private sealed record Settings(string[] Paths, bool Check, IReadOnlyCollection<string>? Only);

    public static Command Create(TextWriter output, TextWriter error, AtomicFileWriter writer)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Dockerfiles, or folders to search recursively for them.",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => new[] { "." },
        };
        var check = new Option<bool>("--check") { Description = "Write nothing: print a unified diff of the pending fixes and exit 1 if there are any." };
        var only = new Option<string[]>("--only")
        {
            Description = "Apply only these rules' fixes (comma-separated ids, e.g. DGB010,DGB011).",
            HelpName = "ids",
        };
        only.Validators.Add(result =>
        {
            foreach (var id in SplitIds(result.GetValueOrDefault<string[]>()))
            {
                if (!IsKnownRuleId(id))
                {
                    result.AddError($"--only: unknown rule id '{id}'.");
                }
            }
        });

        var command = new Command("fix", "Apply the rules' fixes to Dockerfiles in place (cache mounts, secret and SSH mounts, the syntax directive).")
        {
            paths, check, only,
        };
        command.SetAction(result =>
        {
            var ids = SplitIds(result.GetValue(only));
            return Execute(new Settings(result.GetValue(paths)!, result.GetValue(check), ids.Count == 0 ? null : ids), output, error, writer);
        });
        return command;
    }

    private static int Execute(Settings settings, TextWriter output, TextWriter error, AtomicFileWriter writer)
    {
        var reader = new SourceFile(error);
        var pending = 0;
        foreach (var input in reader.Find(settings.Paths))
        {
            if (!reader.TryRead(input, out var text, out var encoding))
            {
                continue;
            }

            var result = DockerfileFixer.Fix(text, settings.Only);
            if (result.LeftUntouched)
            {
                error.WriteLine($"{input.DisplayPath}: warning: {result.Reason}");
                continue;
            }

            if (!result.Changed)
            {
                continue;
            }

            pending++;
            if (settings.Check)
            {
                output.Write(UnifiedDiff.Create("a/" + ToDiffPath(input.DisplayPath), "b/" + ToDiffPath(input.DisplayPath), result.OriginalText, result.Text, DiffRedaction.Line));
                continue;
            }

            try
            {
                writer.Write(input.FullPath, DockerfileEncoding.Encode(result.Text, encoding));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                reader.ReportError(input.DisplayPath, $"not fixed, the file is unchanged: {exception.Message}");
                continue;
            }

            WriteApplied(output, input.DisplayPath, result);
        }

        if (reader.Failed)
        {
            return ExitCodes.BadUsage;
        }

        return settings.Check && pending > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }

    /// <summary>What changed, one line per fix, at the line where its instruction was before the fix.</summary>
    private static void WriteApplied(TextWriter output, string path, FixResult result)
    {
        var count = result.Applied.Count;
        output.WriteLine($"{path}: {count} {(count == 1 ? "fix" : "fixes")} applied");
        foreach (var finding in result.Applied)
        {
            var note = finding.BuildFlag is null ? string.Empty : $" (build with '{finding.BuildFlag}')";
            output.WriteLine($"  line {finding.InstructionLine + 1}: {finding.Id} {finding.FixTitle}{note}");
        }
    }

    private static string ToDiffPath(string path) => path.Replace('\\', '/');

    private static List<string> SplitIds(string[]? values)
    {
        var ids = new List<string>();
        foreach (var value in values ?? Array.Empty<string>())
        {
            foreach (var id in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                ids.Add(id.ToUpperInvariant());
            }
        }

        return ids;
    }

    private static bool IsKnownRuleId(string id)
    {
        foreach (var descriptor in Descriptors.All)
        {
            if (string.Equals(descriptor.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
