using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Secrets;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>
/// DGB030: COPY or ADD of a credential file. Fix: stop copying it and mount it only into the RUNs that
/// use it, as a secret (or, for an SSH private key, through SSH agent forwarding).
/// </summary>
internal sealed class SecretFileCopiedRule : IDockerfileRule
{
    public RuleDescriptor Descriptor => Descriptors.SecretFileCopied;

    public void Analyze(AnalysisContext context)
    {
        var model = context.Model;
        var facts = model.Instructions;
        var copies = model.CopyIndexes;
        for (var position = context.FirstCopy; position < copies.Count; position++)
        {
            AnalysisCancellation.PollAt(position);
            var index = copies[position];
            var fact = facts[index];
            var copy = fact.Effective;

            var words = copy.ArgumentWords;
            for (var source = 0; source < words.Count - 1; source++)
            {
                var word = words[source];
                if (!TryClassify(word, fact.Variables, out var path, out var kind))
                {
                    continue;
                }

                var id = SecretFiles.SuggestedSecretId(kind, path);
                var fix = Fix(context, index, source, kind, id, path);
                var texts = new CopiedFileTexts(copy.Kind == InstructionKind.Add ? "ADD" : "COPY", path, kind, id, fix != null);
                context.Report(new Finding(Descriptor, copy.ToSource(word.Start, word.End), texts, fact.Instruction.StartLine, fix));
                break;
            }
        }
    }

    /// <summary>The texts of a finding on the credential file at <paramref name="path"/> that a COPY or ADD puts in the image.</summary>
    private sealed class CopiedFileTexts(string keyword, string path, SecretFileKind kind, string id, bool hasFix) : FindingTexts
    {
        private bool IsSshKey => kind is SecretFileKind.SshPrivateKey or SecretFileKind.SshDirectory;

        public override string Message()
        {
            var mount = IsSshKey ? "--mount=type=ssh" : $"--mount=type=secret,id={id},target=<path>";
            return $"{keyword} puts the credential file '{BaseName(path)}' ({Describe(kind)}) into an image layer, where it stays even if a later step deletes it; mount it only where it is used with '{mount}' and build with '{BuildFlag()}'";
        }

        public override string? FixTitle() => !hasFix ? null : IsSshKey
            ? $"Use an SSH mount instead of copying '{BaseName(path)}'"
            : $"Mount '{BaseName(path)}' as a secret instead of copying it";

        public override string BuildFlag() => IsSshKey ? "--ssh default" : $"--secret id={id},src={UnixPath.TrimTrailingSlashes(path)}";
    }

    // The sources of a thread's COPYs, read one at a time: those that lie in lines of more than one piece (see
    // WordText), and those expanded with unknown parts, without the unknown-value markers.
    [ThreadStatic]
    private static char[]? sourceChars;

    [ThreadStatic]
    private static char[]? knownChars;

    /// <summary>
    /// The source's path and kind when it is a local credential file. The source is expanded and classified where it
    /// lies (most need no expansion) or in a buffer: only a credential file's path is made into a string.
    /// </summary>
    private static bool TryClassify(ArgumentWord word, StateLookup variables, out string path, out SecretFileKind kind)
    {
        var source = word.TryGetLineValue(out var line, out var start, out var length)
            ? WordText.Read(line, start, length, ref sourceChars)
            : word.Value.AsSpan();
        source = VariableExpander.ExpandInPlace(source, variables.Escape, variables, out _);

        // Nearly every source is settled by its file name as it lies, unknown-value markers included: one in the name
        // leaves it to the full classification, and one before the name does not change it.
        kind = SecretFileKind.None;
        path = string.Empty;
        if (!SecretFiles.MayBeCredentialFile(source))
        {
            return false;
        }

        var known = WithoutUnknownParts(source);
        kind = LocalCredentialFile(known);
        if (kind == SecretFileKind.None)
        {
            return false;
        }

        path = known.ToString();
        return true;
    }

    // The kind of credential file the source is, None for none or one that is not a local file.
    private static SecretFileKind LocalCredentialFile(ReadOnlySpan<char> source)
    {
        // Classified first: nearly every source is no credential file by its name alone.
        var kind = SecretFiles.Classify(source);
        return kind != SecretFileKind.None && IsNotALocalFile(source) ? SecretFileKind.None : kind;
    }

    // The expanded source without the unknown-value markers: the path as far as it is known.
    private static ReadOnlySpan<char> WithoutUnknownParts(ReadOnlySpan<char> expanded)
    {
        var marker = expanded.IndexOf(VariableExpander.UnknownMarker);
        if (marker < 0)
        {
            return expanded;
        }

        var known = knownChars is { } cached && cached.Length >= expanded.Length ? cached : knownChars = new char[Math.Max(expanded.Length, 256)];
        expanded.Slice(0, marker).CopyTo(known);
        var length = marker;
        for (var i = marker + 1; i < expanded.Length; i++)
        {
            if (expanded[i] != VariableExpander.UnknownMarker)
            {
                known[length++] = expanded[i];
            }
        }

        return new ReadOnlySpan<char>(known, 0, length);
    }

    // Heredoc sources are file content written by the instruction; URLs and git remotes are downloads.
    private static bool IsNotALocalFile(ReadOnlySpan<char> path) =>
        path.StartsWith("<<".AsSpan())
        || path.IndexOf("://".AsSpan()) >= 0
        || path.StartsWith("git@".AsSpan());

    private static string Describe(SecretFileKind kind) => kind switch
    {
        SecretFileKind.SshPrivateKey => "an SSH private key",
        SecretFileKind.SshDirectory => "an SSH directory",
        SecretFileKind.DotEnv => "an environment file",
        SecretFileKind.Certificate => "a certificate bundle with its private key",
        SecretFileKind.PrivateKey => "a private key",
        _ => "a credentials file",
    };

    private static IReadOnlyList<TextEdit>? Fix(AnalysisContext context, int copyIndex, int sourceIndex, SecretFileKind kind, string id, string path)
    {
        var facts = context.Model.Instructions;
        var fact = facts[copyIndex];
        var copy = fact.Effective;
        var words = copy.ArgumentWords;
        if (copy.IsJsonForm || fact.Kind == InstructionKind.Onbuild || copy.HasFlag("from") && words.Count > 2)
        {
            return null;
        }

        var syntax = context.Syntax;
        var edits = new List<TextEdit>();
        if (words.Count == 2)
        {
            edits.Add(TextEdit.Delete(SecretInArgOrEnvRule.WholeLines(syntax, fact.Instruction)));
        }
        else
        {
            // Other files are copied too: drop only this source (and the blank after it).
            var word = words[sourceIndex];
            var next = words[sourceIndex + 1];
            edits.Add(TextEdit.Delete(copy.ToSource(word.Start, next.Start)));
        }

        var destination = Destination(copy, path, fact.State);
        var isSshKey = kind is SecretFileKind.SshPrivateKey or SecretFileKind.SshDirectory;
        if (!isSshKey && (destination == null || !MountInsertion.IsPlainValue(destination) || !MountInsertion.IsPlainValue(id)))
        {
            return null;
        }

        var tools = SecretFiles.ToolsReading(kind);
        if (!context.StageRuns.TryGetRunsAfter(copyIndex, out var firstRun, out var runCount))
        {
            return null;
        }

        var mountAndBlank = isSshKey ? "--mount=type=ssh " : "--mount=type=secret,id=" + id + ",target=" + destination + " ";
        var fileName = BaseName(path);
        var runs = context.Model.RunIndexes;
        for (var i = firstRun; i < firstRun + runCount; i++)
        {
            var run = facts[runs[i]];
            if (Uses(run, destination, fileName, tools))
            {
                edits.Add(MountInsertion.Create(syntax, run.Effective, mountAndBlank));
            }
        }

        return edits;
    }

    // The path the file had in the image: the destination itself, or the file inside a destination folder.
    private static string? Destination(Instruction copy, string source, in StageState state)
    {
        var words = copy.ArgumentWords;
        var raw = words[words.Count - 1].Value;
        var destination = VariableExpander.Expand(raw, state.Escape, state, out var unknown);
        if (unknown)
        {
            return null;
        }

        var isFolder = destination.EndsWith("/", StringComparison.Ordinal) || destination == "." || words.Count > 2;
        return UnixPath.Resolve(isFolder ? destination + "/" + BaseName(source) : destination, state.Workdir);
    }

    private static bool Uses(in InstructionFacts run, string? destination, string fileName, IReadOnlyList<string> tools)
    {
        var text = run.Effective.Line.Text;
        if ((destination != null && text.IndexOf(destination, StringComparison.Ordinal) >= 0) || text.IndexOf(fileName, StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        var commands = run.Commands;
        for (var i = 0; i < commands.Length; i++)
        {
            AnalysisCancellation.PollAt(i);
            var command = commands[i];
            foreach (var tool in tools)
            {
                if (command.Name == tool)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string BaseName(string path)
    {
        var trimmed = UnixPath.TrimTrailingSlashes(path);
        return trimmed.Substring(trimmed.LastIndexOf('/') + 1);
    }
}
