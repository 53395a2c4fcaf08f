using System;
using System.Threading;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>Turns a missing cache mount into a finding of the rule that owns that cache.</summary>
internal sealed class MissingCacheMountFinding
{
    private readonly RuleDescriptor _rule;

    // The parts of the messages that are the same for every finding of the rule.
    private readonly string _fillsThe;
    private readonly string _unknownPathMessageEnd;
    private readonly string _withoutMount;
    private readonly string _mountPrefix;

    // The texts of the last path's findings. Nearly every finding has its image's default path, so they are
    // made once rather than for each finding. Rules run on several threads at once: the texts are swapped whole.
    private PathTexts? _lastPathTexts;

    /// <summary>
    /// The findings of <paramref name="rule"/>, whose messages name the cache <paramref name="cacheName"/> (e.g. "Go build
    /// cache (GOCACHE)") and whose fixes mount it with <paramref name="mountOptions"/> (each followed by a comma) before the target.
    /// </summary>
    public MissingCacheMountFinding(RuleDescriptor rule, string cacheName, string mountOptions)
    {
        _rule = rule;
        _fillsThe = "' fills the " + cacheName;
        _unknownPathMessageEnd = ", whose path cannot be determined here (non-root USER without HOME, an unresolved base image or a Windows stage), and the RUN has no cache mount for it; set the path with ENV and mount it with '--mount=type=cache,target=<path>'";
        _mountPrefix = "--mount=type=cache," + mountOptions + "target=";
        _withoutMount = " without a cache mount, so every cold build starts from scratch; add '" + _mountPrefix;
    }

    public Finding Create(DockerfileSyntax syntax, MissingCacheMount missing)
    {
        var command = CommandText(missing.Command);
        var instructionLine = missing.Run.StartLine;
        if (missing.Path == null)
        {
            return new Finding(_rule, missing.Command.Span, string.Concat("'", command, _fillsThe, _unknownPathMessageEnd), instructionLine);
        }

        var texts = TextsFor(missing.Path);
        var message = string.Concat("'", command, _fillsThe, texts.MessageEnd);
        if (texts.MountAndBlank == null)
        {
            return new Finding(_rule, missing.Command.Span, message, instructionLine);
        }

        var fix = MountInsertion.Create(syntax, missing.Run.Effective, texts.MountAndBlank);
        return new Finding(_rule, missing.Command.Span, message, instructionLine, new[] { fix }, texts.FixTitle);
    }

    private PathTexts TextsFor(string path)
    {
        var texts = Volatile.Read(ref _lastPathTexts);
        if (texts == null || texts.Path != path)
        {
            var messageEnd = " at " + path + _withoutMount + path + "' to the RUN";
            texts = MountInsertion.IsPlainValue(path)
                ? new PathTexts(path, messageEnd, string.Concat("Add '", _mountPrefix, path, "'"), string.Concat(_mountPrefix, path, " "))
                : new PathTexts(path, messageEnd, fixTitle: null, mountAndBlank: null);
            Volatile.Write(ref _lastPathTexts, texts);
        }

        return texts;
    }

    /// <summary>The texts of the findings for one cache path.</summary>
    private sealed class PathTexts
    {
        public PathTexts(string path, string messageEnd, string? fixTitle, string? mountAndBlank)
        {
            Path = path;
            MessageEnd = messageEnd;
            FixTitle = fixTitle;
            MountAndBlank = mountAndBlank;
        }

        public string Path { get; }

        /// <summary>The message after the command and the cache's name.</summary>
        public string MessageEnd { get; }

        /// <summary>Null, as <see cref="MountAndBlank"/>, when the path cannot stand in a mount option as it is: then there is no fix.</summary>
        public string? FixTitle { get; }

        public string? MountAndBlank { get; }
    }

    // "go build", "go mod download", "dotnet restore": the commands that fill a cache (see GoCommand), spelt once.
    private static readonly (string Subcommand, string Text)[] GoTexts = Texts("go ", "get", "build", "install", "test", "run", "vet", "generate", "list");
    private static readonly (string Subcommand, string Text)[] GoModTexts = Texts("go mod ", "download", "tidy");
    private static readonly (string Subcommand, string Text)[] DotnetTexts = Texts("dotnet ", "restore", "build", "publish", "test", "pack", "run");

    private static (string Subcommand, string Text)[] Texts(string prefix, params string[] subcommands) =>
        Array.ConvertAll(subcommands, subcommand => (subcommand, prefix + subcommand));

    /// <summary>The command name and subcommand, e.g. "go build" or "dotnet restore".</summary>
    public static string CommandText(ExecutedCommand command)
    {
        var name = command.Name;
        if (GoCommand.IsGo(command))
        {
            // The tables spell go's commands; xx-go's are made here.
            var isMod = command.ArgumentIs(0, "mod");
            var known = name == "go" ? KnownText(command, isMod ? 1 : 0, isMod ? GoModTexts : GoTexts) : null;
            return known ?? (isMod ? name + " mod " + command.Argument(1) : name + " " + command.Argument(0));
        }

        if (!GoCommand.IsDotnet(command))
        {
            return name;
        }

        var index = GoCommand.DotnetSubcommandIndex(command);
        return KnownText(command, index, DotnetTexts) ?? name + " " + command.Argument(index);
    }

    // The table's text for the subcommand at argument index, compared where it lies; null for any other subcommand.
    private static string? KnownText(ExecutedCommand command, int index, (string Subcommand, string Text)[] texts)
    {
        foreach (var (subcommand, text) in texts)
        {
            if (command.ArgumentIs(index, subcommand))
            {
                return text;
            }
        }

        return null;
    }
}
