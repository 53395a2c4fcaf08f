using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Secrets;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>
/// DGB031: an ARG or ENV whose name marks a secret or whose value is a credential, or an ENV that copies
/// a secret ARG into the image. Fix (ARG in a stage): remove it and hand the value to the RUNs that use it
/// through <c>--mount=type=secret,id=NAME,env=NAME</c>.
/// </summary>
internal sealed class SecretInArgOrEnvRule : IDockerfileRule
{
    public RuleDescriptor Descriptor => Descriptors.SecretInArgOrEnv;

    public void Analyze(AnalysisContext context)
    {
        var model = context.Model;
        var facts = model.Instructions;
        var argsAndEnvs = model.ArgAndEnvIndexes;
        for (var position = context.FirstArgOrEnv; position < argsAndEnvs.Count; position++)
        {
            AnalysisCancellation.PollAt(position);
            var index = argsAndEnvs[position];
            var fact = facts[index];
            if (!fact.MayHoldSecrets)
            {
                // The model found no pair of it that could be reported.
                continue;
            }

            var instruction = fact.Effective;

            foreach (var pair in instruction.PairList)
            {
                var reason = Reason(instruction, pair, fact.State, out var detail);
                if (reason == SecretReason.None)
                {
                    continue;
                }

                var span = instruction.ToSource(pair.Key.Start, pair.End);
                var name = pair.Key.Value;
                var startLine = fact.Instruction.StartLine;
                var isArg = instruction.Kind == InstructionKind.Arg;
                var argLines = default(TextSpan);
                List<TextEdit>? edits = null;
                var hasFix = isArg && TryArgFix(context, index, startLine, name, out argLines, out edits);
                var texts = new SecretPairTexts(isArg ? "ARG" : "ENV", name, reason, detail, hasFix);
                context.Report(hasFix && edits == null
                    ? new Finding(Descriptor, span, texts, startLine, argLines, string.Empty)
                    : new Finding(Descriptor, span, texts, startLine, edits));
                break;
            }
        }
    }

    /// <summary>Why a pair is reported; <see cref="SecretPairTexts"/> words it.</summary>
    private enum SecretReason
    {
        None,
        SecretName,
        Credential,
        CopiesSecretArg,
    }

    /// <summary>
    /// The texts of a finding on the pair named <paramref name="name"/>: the detail is the credential's kind or the
    /// secret argument's name. The name is no secret's value: a value is only ever described by its kind.
    /// </summary>
    private sealed class SecretPairTexts(string keyword, string name, SecretReason reason, string? detail, bool hasFix) : FindingTexts
    {
        public override string Message()
        {
            var why = reason switch
            {
                SecretReason.SecretName => "has a secret's name",
                SecretReason.Credential => $"holds a credential ({detail})",
                _ => $"copies the secret build argument '{detail}' into the image",
            };
            return $"{keyword} '{name}' {why}; build arguments and environment variables are stored in the image, pass it with a secret mount ('--mount=type=secret,id={name},env={name}') instead and build with '{BuildFlag()}'";
        }

        public override string? FixTitle() => hasFix ? $"Replace ARG {name} with a secret mount" : null;

        public override string BuildFlag() => $"--secret id={name},env={name}";
    }

    // A thread's keys and values of lines of more than one piece, read one pair at a time (see WordText).
    [ThreadStatic]
    private static char[]? keyChars;

    [ThreadStatic]
    private static char[]? valueChars;

    // The key and the raw value are read where they lie: most pairs are no secret, and need no string of either.
    private static SecretReason Reason(Instruction instruction, ArgumentPair pair, in StageState state, out string? detail)
    {
        detail = null;
        if (IsSecretName(WordText.Read(pair.Key, ref keyChars)))
        {
            return SecretReason.SecretName;
        }

        if (!pair.HasValue)
        {
            return SecretReason.None;
        }

        var value = WordText.Read(pair.Value, ref valueChars);
        if (Credential(value) is { } kind)
        {
            detail = kind;
            return SecretReason.Credential;
        }

        if (instruction.Kind == InstructionKind.Env && ReferencedSecretArg(value, state) is { } argName)
        {
            detail = argName;
            return SecretReason.CopiesSecretArg;
        }

        return SecretReason.None;
    }

    // ENV X=$SECRET with SECRET an ARG of the stage's scope that is secret by name or value. The value's own
    // references are looked up, rather than every ARG in scope tried against the value: a stage of thousands
    // of ARGs and ENVs stays linear.
    private static string? ReferencedSecretArg(ReadOnlySpan<char> value, in StageState state)
    {
        for (var i = value.IndexOf('$'); i >= 0 && i + 1 < value.Length; i = NextIndexOf(value, '$', i + 1))
        {
            var start = value[i + 1] == '{' ? i + 2 : i + 1;
            var end = start;
            while (end < value.Length && (char.IsLetterOrDigit(value[end]) || value[end] == '_'))
            {
                end++;
            }

            var name = value.Slice(start, end - start);
            if (name.Length > 0 && state.TryGetArg(name, out var argValue)
                && (IsSecretName(name) || (argValue != null && Credential(argValue.AsSpan()) != null)))
            {
                return name.ToString();
            }
        }

        return null;
    }

    private static bool IsSecretName(ReadOnlySpan<char> name) => SecretTexts.IsSecretName(name, ref StringTable.FactsOf(name));

    private static string? Credential(ReadOnlySpan<char> value) => SecretTexts.Credential(value, ref StringTable.FactsOf(value));

    private static int NextIndexOf(ReadOnlySpan<char> text, char c, int from)
    {
        var found = text.Slice(from).IndexOf(c);
        return found < 0 ? -1 : from + found;
    }

    // A thread's RUN lines, read one at a time by ReferencesVariable(LogicalLine, string).
    [ThreadStatic]
    private static char[]? lineChars;

    /// <summary><see cref="ReferencesVariable(string, string)"/> on a logical line, read without making a string of it.</summary>
    private static bool ReferencesVariable(LogicalLine line, string name)
    {
        var chars = lineChars is { } cached && cached.Length >= line.Length ? cached : lineChars = new char[Math.Max(line.Length, 256)];
        line.CopyTo(0, chars, 0, line.Length);
        var text = new CharSlice(chars, 0, line.Length);
        for (var i = text.IndexOf('$'); i >= 0 && i + 1 < text.Length; i = text.IndexOf('$', i + 1))
        {
            var start = text[i + 1] == '{' ? i + 2 : i + 1;
            if (start + name.Length > text.Length || !text.Slice(start, name.Length).Is(name))
            {
                continue;
            }

            var end = start + name.Length;
            if (end == text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] == '_'))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool ReferencesVariable(string text, string name)
    {
        for (var i = text.IndexOf('$'); i >= 0 && i + 1 < text.Length; i = text.IndexOf('$', i + 1))
        {
            var start = text[i + 1] == '{' ? i + 2 : i + 1;
            if (string.CompareOrdinal(text, start, name, 0, name.Length) != 0)
            {
                continue;
            }

            var end = start + name.Length;
            if (end == text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] == '_'))
            {
                return true;
            }
        }

        return false;
    }

    // Only a stage ARG with a single name is rewritten: a global ARG's scope spans stages that must re-declare it.
    // The fix deletes the ARG's lines (argLines); edits are all of its edits when it has more (RUNs that read the ARG,
    // the syntax directive), else null: most fixes are the deletion alone, which the finding makes when it is read.
    private static bool TryArgFix(AnalysisContext context, int argIndex, int startLine, string name, out TextSpan argLines, out List<TextEdit>? edits)
    {
        var facts = context.Model.Instructions;
        var arg = facts[argIndex];
        edits = null;
        if (arg.State.StageIndex < 0 || arg.Kind == InstructionKind.Onbuild || arg.Effective.PairList.Count != 1
            || !MountInsertion.IsPlainValue(name) || !context.StageRuns.TryGetRunsAfter(argIndex, out var firstRun, out var runCount))
        {
            argLines = default;
            return false;
        }

        // The ARG's start line is the finding's, found once.
        var syntax = context.Syntax;
        argLines = WholeLines(syntax, startLine, arg.Instruction.EndLine);

        // Made for the first RUN that reads the ARG: in many stages none does.
        string? mountAndBlank = null;
        var runs = context.Model.RunIndexes;
        for (var i = firstRun; i < firstRun + runCount; i++)
        {
            var run = facts[runs[i]].Effective;
            if (ReferencesVariable(run.Line, name))
            {
                (edits ??= NewArgFix(argLines)).Add(MountInsertion.Create(syntax, run, mountAndBlank ??= SecretMountAndBlank(name)));
            }
        }

        if (SyntaxDirectiveEdit(context) is { } directive)
        {
            (edits ??= NewArgFix(argLines)).Add(directive);
        }

        return true;
    }

    // The edits of an ARG's fix that has more than the deletion of argLines, which comes first.
    private static List<TextEdit> NewArgFix(TextSpan argLines) => new(2) { TextEdit.Delete(argLines) };

    // The mount that hands the secret named name to a RUN in the variable of that name, and the blank after it.
    private static string SecretMountAndBlank(string name)
    {
        const string MountStart = "--mount=type=secret,id=";
        const string EnvOption = ",env=";
        var joined = JoinedText.WithCapacity(MountStart.Length + name.Length + EnvOption.Length + name.Length + 1);
        joined.Append(MountStart);
        joined.Append(name);
        joined.Append(EnvOption);
        joined.Append(name);
        joined.Append(" ");
        return joined.ToString();
    }

    /// <summary>The edit that makes the syntax directive allow <c>env=</c> on secret mounts (Dockerfile frontend 1.10+), if one is needed.</summary>
    private static TextEdit? SyntaxDirectiveEdit(AnalysisContext context)
    {
        // Known before the parse reaches the comments (see AnalysisContext.Directives), which most files need not wait for.
        if (DirectiveFacts.EffectiveSyntaxOf(context.Syntax, out var shebangEnd) is not { } directive)
        {
            return context.Directives.HasIneffectiveSyntax ? null : MissingSyntaxDirectiveRule.InsertDirective(context.Syntax, shebangEnd);
        }

        var directives = context.Syntax.Directives;
        for (var i = 0; i < directives.Count; i++)
        {
            var parsed = directives[i];
            if (parsed.Span == directive && !AllowsSecretEnv(parsed.Value))
            {
                return new TextEdit(parsed.ValueSpan, MissingSyntaxDirectiveRule.DefaultSyntax);
            }
        }

        return null;
    }

    // docker/dockerfile:1 (and :1-labs) track the newest 1.x; a pinned 1.x before 1.10 lacks env= on secret mounts.
    internal static bool AllowsSecretEnv(string value)
    {
        const string Prefix = "docker/dockerfile:1.";
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return true;
        }

        var minor = 0;
        var i = Prefix.Length;
        var digits = 0;
        while (i < value.Length && char.IsDigit(value[i]) && digits < 4)
        {
            minor = (minor * 10) + (value[i] - '0');
            i++;
            digits++;
        }

        return digits == 0 || minor >= 10;
    }

    internal static TextSpan WholeLines(DockerfileSyntax syntax, Instruction instruction) =>
        WholeLines(syntax, instruction.StartLine, instruction.EndLine);

    private static TextSpan WholeLines(DockerfileSyntax syntax, int startLine, int endLine) =>
        TextSpan.FromBounds(syntax.Lines.Start(startLine), syntax.Lines.End(endLine));
}
