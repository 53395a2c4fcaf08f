using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>Turns a missing cache mount into a finding of the rule that owns that cache.</summary>
internal static class MissingCacheMountFinding
{
    public static Finding Create(DockerfileSyntax syntax, RuleDescriptor rule, MissingCacheMount missing, string cacheName, string mountOptions)
    {
        var command = CommandText(missing.Command);
        var instructionLine = missing.Run.StartLine;
        if (missing.Path == null)
        {
            var unknownMessage = $"'{command}' fills the {cacheName}, whose path cannot be determined here (non-root USER without HOME, an unresolved base image or a Windows stage), and the RUN has no cache mount for it; set the path with ENV and mount it with '--mount=type=cache,target=<path>'";
            return new Finding(rule, missing.Command.Span, unknownMessage, instructionLine);
        }

        var mount = $"--mount=type=cache,{mountOptions}target={missing.Path}";
        var message = $"'{command}' fills the {cacheName} at {missing.Path} without a cache mount, so every cold build starts from scratch; add '{mount}' to the RUN";
        if (!MountInsertion.IsPlainValue(missing.Path))
        {
            return new Finding(rule, missing.Command.Span, message, instructionLine);
        }

        var fix = MountInsertion.Create(syntax, missing.Run.Effective, mount);
        return new Finding(rule, missing.Command.Span, message, instructionLine, new[] { fix }, $"Add '{mount}'");
    }

    /// <summary>The command name and subcommand, e.g. "go build" or "dotnet restore".</summary>
    public static string CommandText(ExecutedCommand command)
    {
        var name = command.Name;
        if (GoCommand.IsGo(command))
        {
            return name + " " + GoCommand.Subcommand(command);
        }

        return GoCommand.IsDotnet(command) ? name + " " + GoCommand.DotnetSubcommand(command) : name;
    }
}
