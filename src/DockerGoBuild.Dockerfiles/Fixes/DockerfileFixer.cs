using System;
using System.Collections.Generic;
using System.Threading;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Fixes;

/// <summary>
/// Applies the rules' fixes to a whole Dockerfile. Every fixable finding of one analysis is composed
/// into a single rewrite (identical edits shared, inserts at one position kept in finding order); a fix
/// whose edits collide with an earlier one waits for the next pass, which re-analyses the rewritten text.
/// Used by <c>dockergobuild fix</c>, the MSBuild task and the Roslyn FixAll provider alike.
/// </summary>
public static class DockerfileFixer
{
    /// <summary>
    /// Enough for fixes that wait on a colliding one; a rule whose fix does not remove its own finding
    /// cannot loop for ever.
    /// </summary>
    private const int MaxPasses = 8;

    /// <summary>
    /// Applies every available fix (only those of <paramref name="onlyRuleIds"/> when given) until none is
    /// left. A file with syntax errors is left untouched: its model is not trustworthy enough to rewrite.
    /// </summary>
    public static FixResult Fix(string text, IReadOnlyCollection<string>? onlyRuleIds = null, CancellationToken cancellationToken = default)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var selected = onlyRuleIds is null ? null : new HashSet<string>(onlyRuleIds, StringComparer.OrdinalIgnoreCase);
        bool Selected(Finding finding) => finding.IsFixable && (selected is null || selected.Contains(finding.Id));

        var current = DockerfileAnalysis.Analyze(text, cancellationToken);
        if (FirstSyntaxError(current) is { } error)
        {
            return FixResult.Untouched(text, current.Findings, $"not fixed: the file has syntax errors (line {error.InstructionLine + 1}: {error.Message})");
        }

        var applied = new List<Finding>();
        var passes = 0;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var candidates = Select(current.Findings, Selected);
            if (candidates.Count == 0)
            {
                break;
            }

            var next = ApplyPass(current, candidates, applied, cancellationToken);
            if (next is null)
            {
                break;
            }

            current = next;
            passes++;
        }

        var remaining = Select(current.Findings, Selected);
        return new FixResult(text, current.Syntax.Text, applied, remaining, current.Findings, passes);
    }

    /// <summary>
    /// Composes the edits of <paramref name="findings"/> (all on <paramref name="text"/>) into one new text.
    /// A finding's edits are taken all or none; <paramref name="applied"/> lists the findings taken, and a
    /// finding left out collided with one taken before it.
    /// </summary>
    public static string Apply(string text, IEnumerable<Finding> findings, out IReadOnlyList<Finding> applied)
    {
        var edits = new List<OrderedEdit>();
        var index = new EditIndex();
        var taken = new List<Finding>();
        foreach (var finding in findings)
        {
            if (finding.IsFixable && TryAdd(edits, index, finding, text.Length))
            {
                taken.Add(finding);
            }
        }

        applied = taken;
        return Rewrite(text, edits);
    }

    /// <summary>One pass: apply what composes, then keep it only if it breaks nothing the parser accepted.</summary>
    private static AnalysisResult? ApplyPass(AnalysisResult current, List<Finding> candidates, List<Finding> applied, CancellationToken cancellationToken)
    {
        var text = current.Syntax.Text;
        var rewritten = Apply(text, candidates, out var taken);
        if (taken.Count > 0 && rewritten != text)
        {
            var next = DockerfileAnalysis.Analyze(rewritten, cancellationToken);
            if (!AddsParseDiagnostics(current.Syntax, next.Syntax))
            {
                applied.AddRange(taken);
                return next;
            }
        }

        // The composed rewrite broke the file (a rule's bug, never expected): fall back to the fixes one at
        // a time and keep only those that leave the parse as clean as it was.
        foreach (var finding in candidates)
        {
            rewritten = Apply(text, new[] { finding }, out taken);
            if (taken.Count == 0 || rewritten == text)
            {
                continue;
            }

            var next = DockerfileAnalysis.Analyze(rewritten, cancellationToken);
            if (!AddsParseDiagnostics(current.Syntax, next.Syntax))
            {
                applied.Add(finding);
                return next;
            }
        }

        return null;
    }

    private static bool TryAdd(List<OrderedEdit> edits, EditIndex index, Finding finding, int textLength)
    {
        var added = new List<OrderedEdit>(finding.Fix.Count);
        foreach (var edit in finding.Fix)
        {
            if (edit.Span.End > textLength)
            {
                return false;
            }

            var fit = index.Test(edit);
            if (fit == EditIndex.Fit.Collides)
            {
                return false;
            }

            if (fit == EditIndex.Fit.Fits)
            {
                added.Add(new OrderedEdit(edit, edits.Count + added.Count));
            }
        }

        foreach (var edit in added)
        {
            index.Add(edit.Edit);
        }

        edits.AddRange(added);
        return true;
    }

    private static string Rewrite(string text, List<OrderedEdit> edits)
    {
        if (edits.Count == 0)
        {
            return text;
        }

        // Source order; at one position inserts come before a rewrite that starts there, and inserts keep
        // the order of their findings (e.g. the module cache mount before the build cache mount).
        edits.Sort(static (a, b) =>
        {
            var byStart = a.Edit.Span.Start.CompareTo(b.Edit.Span.Start);
            if (byStart != 0) return byStart;
            var byKind = a.Edit.Span.IsEmpty.CompareTo(b.Edit.Span.IsEmpty);
            return byKind != 0 ? -byKind : a.Order.CompareTo(b.Order);
        });

        var builder = new System.Text.StringBuilder(text.Length + 64);
        var position = 0;
        foreach (var ordered in edits)
        {
            var span = ordered.Edit.Span;
            builder.Append(text, position, span.Start - position);
            builder.Append(ordered.Edit.NewText);
            position = span.End;
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    private static List<Finding> Select(IReadOnlyList<Finding> findings, Func<Finding, bool> predicate)
    {
        var selected = new List<Finding>();
        foreach (var finding in findings)
        {
            if (predicate(finding))
            {
                selected.Add(finding);
            }
        }

        return selected;
    }

    private static Finding? FirstSyntaxError(AnalysisResult analysis)
    {
        foreach (var finding in analysis.Findings)
        {
            if (finding.Id == RuleIds.SyntaxError)
            {
                return finding;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="after"/> has a parse diagnostic (by code) that <paramref name="before"/> did not.</summary>
    private static bool AddsParseDiagnostics(DockerfileSyntax before, DockerfileSyntax after)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var diagnostic in before.Diagnostics)
        {
            counts.TryGetValue(diagnostic.Code, out var count);
            counts[diagnostic.Code] = count + 1;
        }

        foreach (var diagnostic in after.Diagnostics)
        {
            counts.TryGetValue(diagnostic.Code, out var count);
            if (count == 0)
            {
                return true;
            }

            counts[diagnostic.Code] = count - 1;
        }

        return false;
    }

    private readonly struct OrderedEdit
    {
        public OrderedEdit(TextEdit edit, int order)
        {
            Edit = edit;
            Order = order;
        }

        public TextEdit Edit { get; }

        public int Order { get; }
    }
}
