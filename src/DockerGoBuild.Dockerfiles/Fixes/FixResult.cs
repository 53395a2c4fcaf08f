using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Rules;

namespace DockerGoBuild.Dockerfiles.Fixes;

/// <summary>What <see cref="DockerfileFixer.Fix"/> did to one Dockerfile.</summary>
public sealed class FixResult
{
    internal FixResult(string originalText, string text, IReadOnlyList<Finding> applied, IReadOnlyList<Finding> remaining, IReadOnlyList<Finding> findings, int passes, string? reason = null)
    {
        Passes = passes;
        OriginalText = originalText;
        Text = text;
        Applied = applied;
        Remaining = remaining;
        Findings = findings;
        Reason = reason;
    }

    public string OriginalText { get; }

    /// <summary>How many rewrites it took: 1 when every fix composed at once, more when some had to wait for others.</summary>
    public int Passes { get; }

    /// <summary>The fixed text; the original when nothing changed.</summary>
    public string Text { get; }

    public bool Changed => !ReferenceEquals(Text, OriginalText) && !string.Equals(Text, OriginalText, StringComparison.Ordinal);

    /// <summary>The findings whose fixes were applied, each as reported on the text it was applied to.</summary>
    public IReadOnlyList<Finding> Applied { get; }

    /// <summary>Fixable findings (of the selected rules) still in the fixed text.</summary>
    public IReadOnlyList<Finding> Remaining { get; }

    /// <summary>Every finding on the fixed text.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>True when the file was not rewritten because it could not be parsed; see <see cref="Reason"/>.</summary>
    public bool LeftUntouched => Reason is not null;

    /// <summary>Why the file was left untouched, or null.</summary>
    public string? Reason { get; }

    internal static FixResult Untouched(string text, IReadOnlyList<Finding> findings, string reason) =>
        new(text, text, Array.Empty<Finding>(), Array.Empty<Finding>(), findings, passes: 0, reason);
}
