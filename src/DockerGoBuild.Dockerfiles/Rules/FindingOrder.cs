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

    // A window's merge buffer that grew past this is not kept by the thread.
    private const int MaxKeptWindowFindings = 4096;

    // Where each run's next finding and its end are, kept by the thread for its next file.
    [ThreadStatic]
    private static int[]? runHeads;

    [ThreadStatic]
    private static int[]? runEnds;

    public static int Compare(Finding a, Finding b) =>
        a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : string.CompareOrdinal(a.Id, b.Id);

    // Compare as a comparer, for the sorts of findings reported out of order.
    private static readonly IComparer<Finding> Comparer = Comparer<Finding>.Create(Compare);

    // A window's findings merged, before they are copied back; kept by the thread for its next window.
    [ThreadStatic]
    private static Finding[]? mergedWindow;

    /// <summary>The findings in order, in an array of their number; <paramref name="findings"/> is left as it was, or sorted.</summary>
    public static Finding[] ToSortedArray(List<Finding> findings)
    {
        var count = findings.Count;
        if (count == 0)
        {
            return System.Array.Empty<Finding>();
        }

        var runs = FindRuns(findings, 0);
        if (runs == 0)
        {
            findings.Sort(Comparer);
            return findings.ToArray();
        }

        var sorted = new Finding[count];
        if (runs == 1)
        {
            findings.CopyTo(sorted);
            return sorted;
        }

        Merge(findings, runs, sorted);
        return sorted;
    }

    /// <summary>
    /// Puts the findings from <paramref name="start"/> on in order, where they are: the findings of one window of
    /// instructions (see <see cref="DockerfileAnalysis"/>), each window's after the last's, so that the file's
    /// findings come as a few runs again.
    /// </summary>
    public static void SortFrom(List<Finding> findings, int start)
    {
        var count = findings.Count - start;
        var runs = count < 2 ? 1 : FindRuns(findings, start);
        if (runs == 1)
        {
            return;
        }

        if (runs == 0)
        {
            findings.Sort(start, count, Comparer);
            return;
        }

        var merged = mergedWindow is { } kept && kept.Length >= count ? kept : new Finding[count];
        Merge(findings, runs, merged);
        for (var i = 0; i < count; i++)
        {
            findings[start + i] = merged[i];
        }

        // Kept without the findings (the thread keeps no file's findings alive), unless a stage of a great many
        // made it large.
        System.Array.Clear(merged, 0, count);
        mergedWindow = merged.Length <= MaxKeptWindowFindings ? merged : mergedWindow;
    }

    // The ascending runs of findings from start on, into runHeads and runEnds; 0 when there are more than
    // MaxMergedRuns.
    private static int FindRuns(List<Finding> findings, int start)
    {
        var heads = runHeads ??= new int[MaxMergedRuns];
        var ends = runEnds ??= new int[MaxMergedRuns];
        var count = findings.Count;
        var runs = 1;
        heads[0] = start;
        for (var i = start + 1; i < count; i++)
        {
            if (Compare(findings[i - 1], findings[i]) <= 0)
            {
                continue;
            }

            if (runs == MaxMergedRuns)
            {
                return 0;
            }

            ends[runs - 1] = i;
            heads[runs++] = i;
        }

        ends[runs - 1] = count;
        return runs;
    }

    // Merges the runs FindRuns found into sorted, from its start.
    private static void Merge(List<Finding> findings, int runs, Finding[] sorted)
    {
        var heads = runHeads!;
        var ends = runEnds!;
        var count = ends[runs - 1] - heads[0];

        // Each step takes the least head of the runs (the earliest run on a tie, so that equal findings keep the
        // order they were reported in), until one run is left, which is copied as it is: often a file's findings come
        // as the instructions' run and a few of the whole file, reported last, that go before it (a missing directive).
        var i = 0;
        while (true)
        {
            var least = -1;
            var left = 0;
            for (var run = 0; run < runs; run++)
            {
                if (heads[run] < ends[run])
                {
                    left++;
                    if (least < 0 || Compare(findings[heads[run]], findings[heads[least]]) < 0)
                    {
                        least = run;
                    }
                }
            }

            if (left == 1)
            {
                findings.CopyTo(heads[least], sorted, i, ends[least] - heads[least]);
                return;
            }

            sorted[i++] = findings[heads[least]++];
        }
    }
}
