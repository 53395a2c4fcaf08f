using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>One problem a rule found, where it is, and the edits that fix it (if the rule is sure of them).</summary>
public sealed class Finding
{
    public Finding(RuleDescriptor rule, TextSpan span, string message, int instructionLine, IReadOnlyList<TextEdit>? fix = null, string? fixTitle = null, string? buildFlag = null)
    {
        Rule = rule;
        Span = span;
        Message = message;
        InstructionLine = instructionLine;
        Fix = fix ?? Array.Empty<TextEdit>();
        FixTitle = fixTitle;
        BuildFlag = buildFlag;
    }

    public RuleDescriptor Rule { get; }

    public string Id => Rule.Id;

    /// <summary>The precise span at fault: the flag, word or instruction, never the whole file.</summary>
    public TextSpan Span { get; }

    /// <summary>Says what is wrong and what to do; never contains a secret's value.</summary>
    public string Message { get; }

    /// <summary>Zero-based line where the instruction (or directive) it belongs to starts; 0 for DGB001.</summary>
    public int InstructionLine { get; }

    /// <summary>The edits that fix this finding alone; empty when there is no safe fix.</summary>
    public IReadOnlyList<TextEdit> Fix { get; }

    /// <summary>A short title for the fix, e.g. "Add a cache mount for the Go module cache".</summary>
    public string? FixTitle { get; }

    /// <summary>
    /// The <c>docker build</c> flag a build needs once the fix is applied (a secret or SSH mount takes its
    /// value from the client), e.g. <c>--secret id=npm_token,env=NPM_TOKEN</c>; null when it needs none.
    /// </summary>
    public string? BuildFlag { get; }

    public bool IsFixable => Fix.Count > 0;

    public override string ToString() => $"{Id} {Span}: {Message}";
}
