using System;
using System.Linq;
using System.Threading;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>Turns a missing cache mount into a finding of the rule that owns that cache.</summary>
internal sealed class MissingCacheMountFinding
{
    private const string UnknownPathMessageEnd = ", whose path cannot be determined here (non-root USER without HOME, an unresolved base image or a Windows stage), and the RUN has no cache mount for it; set the path with ENV and mount it with '--mount=type=cache,target=<path>'";

    private readonly RuleDescriptor _rule;

    // The parts of the messages and fixes that are the same for every finding of the rule.
    private readonly string _fillsThe;
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
        _mountPrefix = "--mount=type=cache," + mountOptions + "target=";
    }

    public Finding Create(DockerfileSyntax syntax, in MissingCacheMount missing)
    {
        // Each looked up in the model once.
        var run = missing.Run;
        var executed = missing.Command;
        var instructionLine = run.StartLine;
        var command = CommandText(executed, out var known);
        if (missing.Path == null)
        {
            return new Finding(_rule, executed.Span, string.Concat("'", command, _fillsThe, UnknownPathMessageEnd), instructionLine);
        }

        var texts = TextsFor(missing.Path);
        var message = known < 0 ? Message(command, texts.Path) : KnownCommandMessage(texts, known);
        if (texts.MountAndBlank == null)
        {
            return new Finding(_rule, executed.Span, message, instructionLine);
        }

        var position = MountInsertion.Position(syntax, run.Effective, texts.MountAndBlank, out var insertion);
        return Finding.WithOneEdit(_rule, executed.Span, message, instructionLine, new TextSpan(position, 0), insertion, texts.FixTitle!);
    }

    private PathTexts TextsFor(string path)
    {
        var texts = Volatile.Read(ref _lastPathTexts);
        if (texts == null || texts.Path != path)
        {
            texts = MountInsertion.IsPlainValue(path)
                ? new PathTexts(path, string.Concat("Add '", _mountPrefix, path, "'"), string.Concat(_mountPrefix, path, " "))
                : new PathTexts(path, fixTitle: null, mountAndBlank: null);
            Volatile.Write(ref _lastPathTexts, texts);
        }

        return texts;
    }

    // A known command's message, made once for the path. Threads that make it at once make the same text.
    private string KnownCommandMessage(PathTexts texts, int known)
    {
        var message = Volatile.Read(ref texts.Messages[known]);
        if (message == null)
        {
            message = Message(KnownCommands[known], texts.Path);
            Volatile.Write(ref texts.Messages[known], message);
        }

        return message;
    }

    private const string MessageMiddle = " without a cache mount, so every cold build starts from scratch; add '";

    private const string MessageEnd = "' to the RUN";

    // "'" + command + _fillsThe + " at " + path + MessageMiddle + _mountPrefix + path + MessageEnd.
    private string Message(string command, string path)
    {
        var message = JoinedText.WithCapacity(1 + command.Length + _fillsThe.Length + 4 + path.Length + MessageMiddle.Length + _mountPrefix.Length + path.Length + MessageEnd.Length);
        message.Append("'");
        message.Append(command);
        message.Append(_fillsThe);
        message.Append(" at ");
        message.Append(path);
        message.Append(MessageMiddle);
        message.Append(_mountPrefix);
        message.Append(path);
        message.Append(MessageEnd);
        return message.ToString();
    }

    /// <summary>The texts of the findings for one cache path.</summary>
    private sealed class PathTexts
    {
        public PathTexts(string path, string? fixTitle, string? mountAndBlank)
        {
            Path = path;
            FixTitle = fixTitle;
            MountAndBlank = mountAndBlank;
            Messages = new string?[KnownCommands.Length];
        }

        public string Path { get; }

        /// <summary>Null, as <see cref="MountAndBlank"/>, when the path cannot stand in a mount option as it is: then there is no fix.</summary>
        public string? FixTitle { get; }

        public string? MountAndBlank { get; }

        /// <summary>The messages for the known commands, by their index in <see cref="KnownCommands"/>, made when first needed.</summary>
        public string?[] Messages { get; }
    }

    // The subcommands of the commands that fill a cache (see GoCommand).
    private static readonly string[] GoSubcommands = { "get", "build", "install", "test", "run", "vet", "generate", "list" };
    private static readonly string[] GoModSubcommands = { "download", "tidy" };
    private static readonly string[] DotnetSubcommands = { "restore", "build", "publish", "test", "pack", "run" };

    // Their commands as messages name them, in one table in the order above: "go build", "go mod download", "dotnet restore".
    private static readonly string[] KnownCommands = GoSubcommands.Select(subcommand => "go " + subcommand)
        .Concat(GoModSubcommands.Select(subcommand => "go mod " + subcommand))
        .Concat(DotnetSubcommands.Select(subcommand => "dotnet " + subcommand))
        .ToArray();

    /// <summary>
    /// The command name and subcommand, e.g. "go build" or "dotnet restore", and its index in
    /// <see cref="KnownCommands"/> (-1 when it has none).
    /// </summary>
    private static string CommandText(in ExecutedCommand command, out int known)
    {
        var name = command.Name;
        if (GoCommand.IsGo(command))
        {
            // The table spells go's commands; xx-go's are made here.
            var isMod = command.ArgumentIs(0, "mod");
            known = name != "go" ? -1 : isMod ? Find(command, 1, GoModSubcommands, GoSubcommands.Length) : Find(command, 0, GoSubcommands, 0);
            return known >= 0 ? KnownCommands[known] : isMod ? name + " mod " + command.Argument(1) : name + " " + command.Argument(0);
        }

        if (!GoCommand.IsDotnet(command))
        {
            known = -1;
            return name;
        }

        var index = GoCommand.DotnetSubcommandIndex(command);
        known = Find(command, index, DotnetSubcommands, GoSubcommands.Length + GoModSubcommands.Length);
        return known >= 0 ? KnownCommands[known] : name + " " + command.Argument(index);
    }

    // The index in KnownCommands of the subcommand at argument index (compared where it lies), whose table starts at first; -1 when it is none of them.
    private static int Find(in ExecutedCommand command, int index, string[] subcommands, int first)
    {
        for (var i = 0; i < subcommands.Length; i++)
        {
            if (command.ArgumentIs(index, subcommands[i]))
            {
                return first + i;
            }
        }

        return -1;
    }
}
