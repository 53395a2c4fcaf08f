using System;
using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>
/// The order of a file's findings: by start, then by rule id. The rules report one after another, each in source
/// order, so the findings come as a few ascending runs: merging those is linear in their number, where a comparison
/// sort of a generated file's ten thousand findings is not.
/// </summary>
internal static class FindingOrder
{
    // More runs than this (rules that report out of order) are sorted rather than merged: a merge compares each
    // finding with the head of every run.
    private const int MaxMergedRuns = 8;

    // Where each run's next finding and its end are, kept by the thread for its next file.
    [ThreadStatic]
    private static int[]? runHeads;

    [ThreadStatic]
    private static int[]? runEnds;

    public static int Compare(Finding a, Finding b) =>
        a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : string.CompareOrdinal(a.Id, b.Id);

    /// <summary>The findings in order, in an array of their number; <paramref name="findings"/> is left as it was, or sorted.</summary>
    public static Finding[] ToSortedArray(List<Finding> findings)
    {
        var count = findings.Count;
        if (count == 0)
        {
            return System.Array.Empty<Finding>();
        }

        var heads = runHeads ??= new int[MaxMergedRuns];
        var ends = runEnds ??= new int[MaxMergedRuns];
        var runs = 1;
        heads[0] = 0;
        for (var i = 1; i < count; i++)
        {
            if (Compare(findings[i - 1], findings[i]) <= 0)
            {
                continue;
            }

            if (runs == MaxMergedRuns)
            {
                findings.Sort(Compare);
                return findings.ToArray();
            }

            ends[runs - 1] = i;
            heads[runs++] = i;
        }

        ends[runs - 1] = count;
        var sorted = new Finding[count];
        if (runs == 1)
        {
            findings.CopyTo(sorted);
            return sorted;
        }

        // Each step takes the least head of the runs (the earliest run on a tie, so that equal findings keep the
        // order they were reported in).
        for (var i = 0; i < count; i++)
        {
            var least = -1;
            for (var run = 0; run < runs; run++)
            {
                if (heads[run] < ends[run] && (least < 0 || Compare(findings[heads[run]], findings[heads[least]]) < 0))
                {
                    least = run;
                }
            }

            sorted[i] = findings[heads[least]++];
        }

        return sorted;
    }
}
